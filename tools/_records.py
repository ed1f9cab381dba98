"""Records of the internal systems, and the rules a fixture must follow.

The same models validate a fixture file and the rows read back from the
database, so a value means the same thing wherever it comes from: money is a
`Decimal` with two decimal places, dates are `date` objects.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

__all__ = [
    "Customer",
    "CustomerStatus",
    "Escalation",
    "Fixture",
    "GiftCard",
    "Item",
    "Money",
    "Order",
    "Package",
    "RuleViolations",
    "ShippedPackage",
    "Tracking",
    "TrackingStatus",
    "cross_record_problems",
    "to_date",
    "to_money",
]

TrackingStatus = Literal[
    "Label Created", "In Transit", "Out for Delivery", "Delivered", "Exception"
]
CustomerStatus = Literal["active", "locked"]

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_DIGITS = re.compile(r"[0-9]+")
_CENT = Decimal("0.01")


def to_date(value: object) -> date:
    """Accept a `date` or a strict `YYYY-MM-DD` string (no timestamps)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"must be a date written YYYY-MM-DD, got {value!r}")


def to_money(value: object) -> Decimal:
    """Accept a non-negative decimal string (or `Decimal`) with at most 2 places."""
    if isinstance(value, Decimal) and value.is_finite():
        amount = value
    elif isinstance(value, str) and _DECIMAL.fullmatch(value):
        amount = Decimal(value)
    else:
        raise ValueError(
            f"must be an amount written as a decimal string such as '12.50', "
            f"got {value!r}"
        )
    if amount < 0:
        raise ValueError(f"must not be negative, got {str(value)!r}")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise ValueError(f"must have at most 2 decimal places, got {str(value)!r}")
    return amount.quantize(_CENT)


def _check_email(value: str) -> str:
    if not _EMAIL.fullmatch(value):
        raise ValueError(
            f"must be an email address such as 'ada@example.com', got {value!r}"
        )
    return value


def _check_item_number(value: str) -> str:
    if not _DIGITS.fullmatch(value):
        raise ValueError(f"must be digits only, such as '100234', got {value!r}")
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
IsoDate = Annotated[date, BeforeValidator(to_date)]
Money = Annotated[Decimal, BeforeValidator(to_money)]
Email = Annotated[Text, AfterValidator(_check_email)]
ItemNumber = Annotated[Text, AfterValidator(_check_item_number)]


class _Record(BaseModel):
    """An immutable record that rejects keys it does not know."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Customer(_Record):
    """A customer account."""

    customer_id: Text = Field(description="Customer id, e.g. 'C-1001'.")
    name: Text = Field(description="Full name, e.g. 'Ada Lovelace'.")
    email: Email = Field(
        description="Email address the customer identifies with; unique "
        "regardless of letter case."
    )
    status: CustomerStatus = Field(
        description="'active', or 'locked' when the account is blocked."
    )


class Item(_Record):
    """One line of a package: what the customer bought."""

    item_number: ItemNumber = Field(
        description="Item number, digits only, e.g. '100234'; unique among the "
        "items of one customer."
    )
    name: Text = Field(description="Human name of the item, e.g. 'Ceramic vase'.")
    quantity: int = Field(strict=True, ge=1, description="How many were bought.")


class Package(_Record):
    """A parcel handed to a carrier, with its tracking and its items."""

    package_id: Text = Field(description="Package id, e.g. 'PKG-1'.")
    carrier: Text = Field(description="Carrier name, e.g. 'UPS'.")
    tracking_number: Text = Field(description="The carrier's tracking number.")
    shipping_cost: Money = Field(
        description="What the customer paid for shipping, e.g. Decimal('12.50'); "
        "written as the string '12.50' in a fixture."
    )
    promised_date: IsoDate = Field(
        description="Delivery date promised at checkout, YYYY-MM-DD."
    )
    tracking_status: TrackingStatus = Field(
        description="Latest status reported by the carrier."
    )
    estimated_delivery: IsoDate | None = Field(
        description="The carrier's current delivery estimate, or null if none."
    )
    delivered_on: IsoDate | None = Field(
        description="Delivery date; set if and only if the status is 'Delivered'."
    )
    items: list[Item] = Field(
        min_length=1, description="What the package holds; at least one item."
    )

    @field_validator("delivered_on")
    @classmethod
    def _delivered_on_matches_status(
        cls, value: date | None, info: ValidationInfo
    ) -> date | None:
        status = info.data.get("tracking_status")
        if status is None:
            return value
        if status == "Delivered" and value is None:
            raise ValueError(
                "must be set when tracking_status is 'Delivered', got null"
            )
        if status != "Delivered" and value is not None:
            raise ValueError(
                f"must be null unless tracking_status is 'Delivered' (it is "
                f"{status!r}), got '{value.isoformat()}'"
            )
        return value


class ShippedPackage(Package):
    """A package together with the order it belongs to."""

    order_id: Text = Field(description="The order the package belongs to.")


class Order(_Record):
    """A customer's order, shipped in one or more packages."""

    order_id: Text = Field(description="Order id, e.g. 'O-5001'.")
    customer_id: Text = Field(description="The customer who placed the order.")
    placed_on: IsoDate = Field(description="Date the order was placed, YYYY-MM-DD.")
    packages: list[Package] = Field(
        min_length=1, description="The packages the order ships in; at least one."
    )


class RuleViolations(ValueError):
    """Problems spanning several records, each a 'location: message' line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class Fixture(_Record):
    """Everything the internal systems hold before any conversation."""

    customers: list[Customer] = Field(description="All customer accounts.")
    orders: list[Order] = Field(description="All orders, with packages and items.")

    @model_validator(mode="after")
    def _records_fit_together(self) -> Fixture:
        problems = cross_record_problems(self.model_dump())
        if problems:
            raise RuleViolations(problems)
        return self


class Tracking(_Record):
    """Where a package is, as the carrier reports it."""

    package_id: Text = Field(description="Package id, e.g. 'PKG-1'.")
    carrier: Text = Field(description="Carrier name, e.g. 'UPS'.")
    tracking_number: Text = Field(description="The carrier's tracking number.")
    status: TrackingStatus = Field(description="Latest status from the carrier.")
    promised_date: IsoDate = Field(description="Delivery date promised at checkout.")
    estimated_delivery: IsoDate | None = Field(
        description="The carrier's current estimate, or null if none."
    )
    delivered_on: IsoDate | None = Field(
        description="Delivery date, or null while not delivered."
    )


class GiftCard(_Record):
    """A gift card issued as compensation for one package."""

    code: Text = Field(description="Card code, e.g. 'GC-7K2Q-M9XD'.")
    customer_id: Text = Field(description="The customer the card was issued to.")
    package_id: Text = Field(description="The package it compensates; one card each.")
    amount: Money = Field(description="Card value: the package's shipping cost.")
    issued_at: datetime = Field(description="When the card was issued (UTC).")


class Escalation(_Record):
    """A conversation handed over to a human representative."""

    escalation_id: Text = Field(description="Sequential id, e.g. 'ESC-000001'.")
    customer_id: Text | None = Field(
        description="The customer, or null when none could be identified."
    )
    package_id: Text | None = Field(
        description="The package concerned, or null when none was found."
    )
    reason: Text = Field(description="Why a human is needed, in a sentence.")
    created_at: datetime = Field(description="When it was opened (UTC).")


def _entries(container: object, key: str) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """Yield the (index, mapping) entries of a list under `key`, skipping junk."""
    values = container.get(key) if isinstance(container, Mapping) else None
    if isinstance(values, list):
        for index, value in enumerate(values):
            if isinstance(value, Mapping):
                yield index, value


def _text(value: object) -> str | None:
    """The trimmed string, or None for blanks and non-strings."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def cross_record_problems(data: object) -> list[str]:
    """List what breaks the rules that span records, as 'location: message'.

    Works on raw fixture data as well as on a dumped `Fixture`, so these
    problems can be reported alongside field errors in the same pass.
    """
    problems: list[str] = []
    customer_at: dict[str, str] = {}
    email_at: dict[str, str] = {}
    for i, customer in _entries(data, "customers"):
        where = f"customers[{i}]"
        customer_id = _text(customer.get("customer_id"))
        if customer_id in customer_at:
            problems.append(
                f"{where}.customer_id: {customer_id!r} is already used by "
                f"{customer_at[customer_id]}; customer ids must be unique"
            )
        elif customer_id:
            customer_at[customer_id] = where
        email = _text(customer.get("email"))
        key = email.casefold() if email else None
        if key in email_at:
            problems.append(
                f"{where}.email: {email!r} is already used by {email_at[key]} "
                "(letter case is ignored); emails must be unique"
            )
        elif key:
            email_at[key] = where

    order_at: dict[str, str] = {}
    package_at: dict[str, str] = {}
    item_at: dict[tuple[str, str], str] = {}
    for i, order in _entries(data, "orders"):
        where = f"orders[{i}]"
        order_id = _text(order.get("order_id"))
        if order_id in order_at:
            problems.append(
                f"{where}.order_id: {order_id!r} is already used by "
                f"{order_at[order_id]}; order ids must be unique"
            )
        elif order_id:
            order_at[order_id] = where
        owner = _text(order.get("customer_id"))
        if owner and owner not in customer_at:
            problems.append(
                f"{where}.customer_id: no customer has id {owner!r}; add the "
                "customer or correct the id"
            )
        for j, package in _entries(order, "packages"):
            at = f"{where}.packages[{j}]"
            package_id = _text(package.get("package_id"))
            if package_id in package_at:
                problems.append(
                    f"{at}.package_id: {package_id!r} is already used by "
                    f"{package_at[package_id]}; package ids must be unique"
                )
            elif package_id:
                package_at[package_id] = at
            for k, item in _entries(package, "items"):
                number = _text(item.get("item_number"))
                if not (owner and number):
                    continue
                if (owner, number) in item_at:
                    problems.append(
                        f"{at}.items[{k}].item_number: {number!r} is already "
                        f"used by {item_at[owner, number]} of the same customer "
                        f"{owner!r}; item numbers must be unique per customer"
                    )
                else:
                    item_at[owner, number] = f"{at}.items[{k}]"
    return problems
