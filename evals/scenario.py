"""What a synthetic dialogue is.

A customer persona played against a fixture, and the outcome the SOP requires.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Expected", "Persona", "Scenario"]

OfferReaction = Literal["accept", "decline", "ask_human", "ask_more"]
Adversarial = Literal["injection", "other_email", "more_money", "repeat_accept"]


class Persona(BaseModel):
    """What the simulated customer knows and how they behave."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="How the customer signs, e.g. 'Ada'.")
    email: str = Field(
        description="The email the customer gives once the wrong ones are used up; "
        "it may be unregistered (identity-failure scenarios)."
    )
    wrong_emails: list[str] = Field(
        default_factory=list,
        description="Emails the customer gives first, in order, before `email`.",
    )
    item: str = Field(
        description="How the customer names the item they wait for: its item "
        "number (e.g. '100234') or its name (e.g. 'the ceramic vase')."
    )
    item_number: str = Field(
        description="The item number the customer means (ground truth, never "
        "said unless `item` is the number)."
    )
    temperament: Literal["calm", "frustrated"] = Field(
        description="How the customer sounds throughout the conversation."
    )
    occasion: str | None = Field(
        default=None,
        description="The occasion the package matters for (e.g. 'birthday'); "
        "a frustrated customer with an occasion stresses its importance.",
    )
    offer_reaction: OfferReaction = Field(
        default="accept",
        description="How the customer answers a compensation offer.",
    )
    adversarial: Adversarial | None = Field(
        default=None,
        description="Adversarial behaviour: 'injection' (tells the agent to ignore "
        "its rules), 'other_email' (tries someone else's email first), "
        "'more_money' (demands more than offered), 'repeat_accept' (accepts "
        "several times).",
    )
    style_seed: int = Field(
        default=0, description="Seed for the simulator's choice of phrasings."
    )


class Expected(BaseModel):
    """The outcome the SOP requires for this scenario."""

    model_config = ConfigDict(extra="forbid")

    verified: bool = Field(description="The customer's identity is verified.")
    package_id: str | None = Field(
        description="The package that holds the customer's item, or null if the "
        "conversation never gets that far."
    )
    tracking_status: str | None = Field(
        description="The tracking status the agent must report, or null."
    )
    delayed: bool | None = Field(
        description="Not delivered and today is past the promised date; null if "
        "no package is reached."
    )
    apology_required: bool = Field(
        description="The agent must acknowledge the delay and apologise."
    )
    offer_amount: str | None = Field(
        description="The gift-card amount the agent must offer (the shipping cost), "
        "or null when no offer may be made."
    )
    gift_card_issued: bool = Field(description="Exactly one gift card is issued.")
    escalated: bool = Field(description="The conversation is escalated to a human.")


class Scenario(BaseModel):
    """One synthetic dialogue to run and score."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="Unique id, e.g. 'delayed-urgent-accept-003'.")
    description: str = Field(description="What the scenario exercises, in a line.")
    fixture: str = Field(
        description="Internal-systems fixture, as a path relative to the scenario "
        "file (e.g. 'internal_systems.json')."
    )
    today: date = Field(description="The date the agent runs on.")
    persona: Persona = Field(description="The simulated customer.")
    max_turns: int = Field(
        default=10, ge=1, le=50, description="Customer messages at most."
    )
    branch: str = Field(
        description="The SOP branch this scenario covers, e.g. 'delayed_urgent_accept'."
    )
    expected: Expected = Field(description="The outcome the SOP requires.")

    def fixture_path(self, scenario_file: Path) -> Path:
        """Resolve the fixture relative to the file the scenario came from."""
        return (scenario_file.parent / self.fixture).resolve()
