"""The state one conversation carries from turn to turn.

Values are JSON-friendly (money and dates as strings) so that checkpoints,
Studio and the chat backend show them as they are; code turns them back into
`Decimal` and `date` where it computes.
"""

from __future__ import annotations

import operator
from typing import Annotated, Literal, TypedDict

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages

__all__ = [
    "CustomerInfo",
    "EscalationInfo",
    "GiftCardInfo",
    "InputState",
    "ItemInfo",
    "OfferInfo",
    "PackageInfo",
    "Stage",
    "State",
]

Stage = Literal[
    "identify",
    "choose_package",
    "informed",
    "offered",
    "resolved",
    "escalated",
]


class CustomerInfo(TypedDict):
    """The verified customer, as the internal systems hold them."""

    customer_id: str
    name: str
    email: str
    status: Literal["active", "locked"]


class ItemInfo(TypedDict):
    """One item in a package."""

    item_number: str
    name: str
    quantity: int


class PackageInfo(TypedDict):
    """The package the conversation is about, with its tracking."""

    package_id: str
    order_id: str
    carrier: str
    tracking_number: str
    shipping_cost: str
    promised_date: str
    tracking_status: str
    estimated_delivery: str | None
    delivered_on: str | None
    items: list[ItemInfo]


class OfferInfo(TypedDict):
    """A compensation offer made to the customer."""

    package_id: str
    amount: str
    status: Literal["offered", "accepted", "declined"]


class GiftCardInfo(TypedDict):
    """A gift card issued by the internal systems."""

    code: str
    amount: str
    package_id: str


class EscalationInfo(TypedDict):
    """An escalation opened for a human representative."""

    escalation_id: str
    reason: str


def _reply_parts(left: list[str], right: list[str] | None) -> list[str]:
    """Accumulate reply parts within a turn; `None` clears them."""
    return [] if right is None else left + right


class InputState(TypedDict):
    """What a caller sends for one customer turn."""

    messages: Annotated[list[AnyMessage], add_messages]
    """The conversation; a turn adds the customer's message."""


class State(InputState, total=False):
    """Everything the agent knows about one conversation."""

    stage: Stage
    """Where the conversation stands in the procedure."""
    identity_attempts: int
    """Emails tried that matched no customer."""
    customer: CustomerInfo | None
    """The identified customer; verified only when their status is active."""
    package: PackageInfo | None
    """The package holding the customer's item, with its tracking."""
    delayed: bool | None
    """Not delivered and today is past the promised date."""
    urgency: dict | None
    """The last urgency assessment (`UrgencyAssessment` as a dict)."""
    request: dict | None
    """What this turn's message asks for (`MessageReading` as a dict)."""
    offer: OfferInfo | None
    """The compensation offer, if one was made."""
    gift_card: GiftCardInfo | None
    """The gift card issued, if any."""
    escalation: EscalationInfo | None
    """The escalation opened, if any."""
    human_agent: str | None
    """The human representative who took over the thread."""
    reply_parts: Annotated[list[str], _reply_parts]
    """Pieces of this turn's reply, joined and checked by `respond`."""
    model_fallbacks: Annotated[list[str], operator.add]
    """Why an LLM decision fell back to the offline backend, one per event."""
    rejected_replies: Annotated[list[str], operator.add]
    """Why the guard replaced a reply with the safe one, one per event."""
