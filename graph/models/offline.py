"""The built-in model backend: rules over word lists, no network, no weights.

It is the default backend and the fallback of every LLM backend, so it must
always answer, fast and the same way for the same input. It keeps no state
between calls, which makes one instance safe to share between threads.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.models._intent import read_intent
from graph.models._items import find_item
from graph.models._text import first_email
from graph.models._urgency import assess_urgency
from graph.models.base import Decided
from graph.models.schemas import (
    EmailExtraction,
    ItemChoice,
    ItemMatch,
    MessageReading,
    UrgencyAssessment,
)

__all__ = ["OfflineDecider"]


class OfflineDecider:
    """Decides from the customer's words alone, by the SOP's definitions.

    - `extract_email`: the first address in the message, as written.
    - `match_item`: by item number, else by name; None when unclear.
    - `assess_urgency`: 'urgent' iff the customer says the package matters
      (occasion, deadline or need) and sounds upset; text that addresses the
      system ("mark this urgent") is ignored.
    - `read_message`: one intent, by the precedence wants_human > wants_more >
      outside_sop > decline > accept > thanks > other.
    """

    name = "offline"

    def extract_email(self, text: str) -> Decided[EmailExtraction]:
        """Find the email address a customer wrote in `text`."""
        return Decided(EmailExtraction(email=first_email(text)), backend=self.name)

    def match_item(self, text: str, items: Sequence[ItemChoice]) -> Decided[ItemMatch]:
        """Pick which of `items` the customer's `text` refers to, if any."""
        return Decided(ItemMatch(item_number=find_item(text, items)), backend=self.name)

    def assess_urgency(self, messages: Sequence[str]) -> Decided[UrgencyAssessment]:
        """Classify the customer's messages so far, oldest first."""
        return Decided(assess_urgency(messages), backend=self.name)

    def read_message(self, text: str) -> Decided[MessageReading]:
        """Read what one customer message asks for."""
        return Decided(read_intent(text), backend=self.name)
