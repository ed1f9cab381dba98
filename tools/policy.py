"""The compensation policy: when a package is delayed, and what it earns.

The graph asks these functions instead of deciding for itself, so the policy
has one home and no prompt can change it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from tools._records import Package, Tracking, to_date, to_money

__all__ = ["compensation_amount", "is_delayed"]


def is_delayed(
    package_or_tracking: Package | Tracking | Mapping[str, Any], today: date
) -> bool:
    """Whether a package is late: not delivered, and today is past its promise.

    A package promised for today is not yet delayed. Accepts a `Package`, a
    `Tracking`, or their JSON form as a mapping (as kept in the graph state).

    Raises:
        ValueError: A mapping lacks a tracking status or a valid promised date.
    """
    if isinstance(package_or_tracking, Tracking):
        status: object = package_or_tracking.status
        promised = package_or_tracking.promised_date
    elif isinstance(package_or_tracking, Package):
        status = package_or_tracking.tracking_status
        promised = package_or_tracking.promised_date
    else:
        status = package_or_tracking.get(
            "tracking_status", package_or_tracking.get("status")
        )
        if not isinstance(status, str):
            raise ValueError(
                f"Cannot tell whether {package_or_tracking!r} is delayed: it has "
                "no 'tracking_status' (or 'status'); pass a Package or Tracking."
            )
        promised = to_date(package_or_tracking.get("promised_date"))
    return status != "Delivered" and today > promised


def compensation_amount(package: Package | Mapping[str, Any]) -> Decimal:
    """The gift card a delayed, urgent package earns: its shipping cost.

    Raises:
        ValueError: A mapping lacks a valid 'shipping_cost'.
    """
    if isinstance(package, Package):
        return package.shipping_cost
    return to_money(package.get("shipping_cost"))
