"""What one customer message asks for, read from its words.

A message can carry several intents ("thanks, but I want a refund"). The one
that decides is the first of, in this order of precedence:

    wants_human > wants_more > outside_sop > decline > accept > thanks > other

A request for a person is never lost behind anything else; asking for more
money is not an acceptance; a request the service cannot handle must reach a
person even when the message also refuses or accepts; a refusal outranks the
polite words around it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from graph.models import _lexicon as lex
from graph.models._matcher import PhraseMatcher
from graph.models._text import is_negated, normalize, words
from graph.models.schemas import MessageIntent, MessageReading

__all__ = ["PRECEDENCE", "read_intent"]

PRECEDENCE: tuple[MessageIntent, ...] = (
    "wants_human",
    "wants_more",
    "outside_sop",
    "decline",
    "accept",
    "thanks",
)

_NegationEffect = Literal["cancels", "refuses", "none"]


@dataclass(frozen=True)
class _Family:
    """Cues for one intent, and the conditions under which they count."""

    intent: MessageIntent
    matcher: PhraseMatcher
    negation: _NegationEffect = "cancels"
    """What a negation in front does: drop the cue, or turn it into a refusal."""
    max_words: int | None = None
    """Counts only in a message of at most this many words."""
    in_questions: bool = True
    """Counts in a message that asks something."""
    in_conditionals: bool = True
    """Counts inside an "if ..." or "or I'll ..." clause."""
    in_package_questions: bool = True
    """Counts in a message that asks where or when the package is."""
    opening_or_short: bool = False
    """Counts only near the start of the message or in a short one."""
    weak: bool = False
    """An approval or thanks that yields to sarcasm; an approval also yields
    to a goodbye."""
    closing: bool = False
    """Ends the conversation."""


def _family(intent: MessageIntent, patterns: Sequence[str], **rules: Any) -> _Family:
    return _Family(intent, PhraseMatcher({intent: patterns}), **rules)


# Approval and judgement words decide only in a short reply ("Great.",
# "that's not ok"); in a long message they are part of a story or complaint.
_SHORT_ACCEPT_WORDS = 14
_SHORT_DECLINE_WORDS = 8
# Thanks decides when it opens the message or the message is short.
_THANKS_OPENING_WORDS = 3
_SHORT_THANKS_WORDS = 10

# Each family is scanned on its own, so that a cue of one family never hides
# an overlapping cue of another ("please send it to my office").
_FAMILIES = (
    _family("wants_human", lex.WANTS_HUMAN),
    _family("wants_human", lex.WANTS_HUMAN_FIXED, negation="none"),
    _family("wants_human", lex.WANTS_HUMAN_ALONE, negation="none"),
    _family("wants_more", lex.WANTS_MORE),
    _family("outside_sop", lex.OUTSIDE_SOP, in_conditionals=False),
    _family("decline", lex.DECLINE, negation="none"),
    _family(
        "decline",
        lex.DECLINE_SHORT,
        negation="none",
        max_words=_SHORT_DECLINE_WORDS,
        in_package_questions=False,
    ),
    _family("accept", lex.ACCEPT, negation="refuses"),
    _family(
        "accept",
        lex.ACCEPT_OPENING,
        negation="refuses",
        in_questions=False,
        in_package_questions=False,
        weak=True,
    ),
    _family(
        "accept",
        lex.ACCEPT_SHORT,
        negation="refuses",
        max_words=_SHORT_ACCEPT_WORDS,
        in_questions=False,
        weak=True,
    ),
    _family(
        "thanks",
        lex.THANKS,
        in_questions=False,
        opening_or_short=True,
        weak=True,
    ),
    _family(
        "thanks", lex.THANKS_CLOSINGS, negation="none", in_questions=False, closing=True
    ),
)
_SARCASM = PhraseMatcher({"sarcasm": lex.SARCASM})
_PACKAGE_QUESTION = PhraseMatcher({"question": lex.PACKAGE_QUESTION})
_CONDITIONAL = re.compile(r"\b(?:if|unless|otherwise|or else|or i|or we)\b[^.!?;,]*$")

_DESCRIPTIONS: dict[str, str] = {
    "wants_human": "asks for a person",
    "wants_more": "asks for more or other compensation",
    "outside_sop": "asks for something this service cannot handle",
    "decline": "refuses the offer",
    "accept": "accepts the offer",
    "thanks": "thanks or says goodbye",
}


def _is_conditional(text: str, start: int) -> bool:
    """Whether the phrase at `start` sits in an "if ..." or "or I'll ..." clause."""
    return _CONDITIONAL.search(text, max(0, start - 60), start) is not None


def _reading_of(
    family: _Family, start: int, text: str, word_count: int, asks_where: bool
) -> MessageIntent | None:
    """The intent a cue found at `start` stands for in this message, if any."""
    if family.max_words is not None and word_count > family.max_words:
        return None
    if not family.in_questions and "?" in text:
        return None
    if not family.in_package_questions and asks_where:
        return None
    if not family.in_conditionals and _is_conditional(text, start):
        return None
    if family.opening_or_short and not (
        len(text[:start].split()) < _THANKS_OPENING_WORDS
        or (word_count <= _SHORT_THANKS_WORDS and not asks_where)
    ):
        return None
    if family.negation != "none" and is_negated(text, start):
        return "decline" if family.negation == "refuses" else None
    return family.intent


def read_intent(message: str) -> MessageReading:
    """Read what one customer message asks for, by the precedence above."""
    text = normalize(message)
    word_count = len(words(text))
    asks_where = _PACKAGE_QUESTION.search(text) is not None
    cues: dict[MessageIntent, str] = {}
    weak: set[MessageIntent] = set()
    closing = False
    for family in _FAMILIES:
        for _, match in family.matcher.finditer(text):
            intent = _reading_of(family, match.start(), text, word_count, asks_where)
            if intent is None:
                continue
            if intent not in cues:
                cues[intent] = match.group(0).strip(" ,.!")
                if family.weak and intent == family.intent:
                    weak.add(intent)
            closing = closing or family.closing

    sarcastic = bool(weak) and _SARCASM.search(text) is not None
    if "accept" in weak and (closing or sarcastic):
        # "Lovely, thank you, bye!" says goodbye; "Great, just great." is bitter.
        del cues["accept"]
    if "thanks" in weak and sarcastic and not closing:
        # "Oh wonderful, another delay. Thanks so much." thanks no one.
        del cues["thanks"]
    found = [intent for intent in PRECEDENCE if intent in cues]
    if not found:
        return MessageReading(
            intent="other",
            rationale="No request for a person, for compensation or for a change, "
            "and no answer to an offer or thanks.",
        )
    intent = found[0]
    rationale = f"The customer {_DESCRIPTIONS[intent]} ('{cues[intent]}')"
    if len(found) > 1:
        rationale += f"; this outranks {', '.join(found[1:])}"
    return MessageReading(intent=intent, rationale=rationale + ".")
