"""The interface every model backend implements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from graph.models.schemas import (
    EmailExtraction,
    ItemChoice,
    ItemMatch,
    MessageReading,
    UrgencyAssessment,
)

__all__ = ["Decided", "Decider"]

T = TypeVar("T")


@dataclass(frozen=True)
class Decided(Generic[T]):
    """A decision together with where it came from.

    `fallback_reason` is set when an LLM backend failed and the offline
    backend decided instead; the graph records it in the state.
    """

    value: T
    backend: str
    fallback_reason: str | None = None


class Decider(Protocol):
    """The decisions the graph delegates to a model.

    Implementations must be safe to call from several threads at once.
    """

    name: str

    def extract_email(self, text: str) -> Decided[EmailExtraction]:
        """Find the email address a customer wrote in `text`."""
        ...

    def match_item(
        self, text: str, items: Sequence[ItemChoice]
    ) -> Decided[ItemMatch]:
        """Pick which of `items` the customer's `text` refers to, if any."""
        ...

    def assess_urgency(self, messages: Sequence[str]) -> Decided[UrgencyAssessment]:
        """Classify the customer's messages so far, oldest first."""
        ...

    def read_message(self, text: str) -> Decided[MessageReading]:
        """Read what one customer message asks for."""
        ...
