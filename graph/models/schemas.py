"""The structured decisions a model makes for the agent.

Every backend, offline or LLM, answers with these models. None of them carries
a fact from the internal systems: amounts, dates and statuses are read from
`tools/`, never from a model.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

__all__ = [
    "EmailExtraction",
    "ItemChoice",
    "ItemMatch",
    "MessageIntent",
    "MessageReading",
    "UrgencyAssessment",
]


class EmailExtraction(BaseModel):
    """The email address a customer gave in one message, if any."""

    email: str | None = Field(
        default=None,
        description="The email address exactly as written in the message, "
        "or null when the message holds none.",
    )


class ItemChoice(BaseModel):
    """One item the customer may be asking about, as the system lists it."""

    item_number: str = Field(description="The item number, e.g. '100234'.")
    name: str = Field(description="The item's name, e.g. 'Ceramic vase'.")


class ItemMatch(BaseModel):
    """Which of the customer's items a message refers to."""

    item_number: str | None = Field(
        default=None,
        description="The item number of the matching item from the given list, "
        "or null when the message names none of them.",
    )


class UrgencyAssessment(BaseModel):
    """How pressing the package is to the customer, read from what they wrote."""

    label: Literal["routine", "urgent"] = Field(
        description="'urgent' when the customer stresses that the package matters "
        "(an occasion, a deadline, a need) and is upset about the wait; "
        "'routine' when they just want an update."
    )
    frustrated: bool = Field(
        description="Whether the customer sounds frustrated, upset or angry."
    )
    importance_stated: bool = Field(
        description="Whether the customer says the package matters to them, "
        "for an occasion, a deadline or a need."
    )
    occasion: str | None = Field(
        default=None,
        description="The occasion named by the customer in a few words "
        "(e.g. 'birthday', 'wedding'), or null.",
    )
    rationale: str = Field(description="One short sentence explaining the label.")


MessageIntent = Literal[
    "accept",
    "decline",
    "wants_more",
    "wants_human",
    "outside_sop",
    "thanks",
    "other",
]


class MessageReading(BaseModel):
    """What a customer's message asks for, beyond identity and items."""

    intent: MessageIntent = Field(
        description="'accept': agrees to an offer (yes, sounds good). "
        "'decline': refuses an offer or says it is not good enough. "
        "'wants_more': asks for more money, a refund or other compensation. "
        "'wants_human': asks for a person, a manager or a supervisor. "
        "'outside_sop': a request this service cannot handle, such as a package "
        "marked delivered but not received, a cancellation or a change of "
        "address. 'thanks': thanks or says goodbye. 'other': anything else."
    )
    rationale: str = Field(description="One short sentence explaining the intent.")
