"""How pressing a package is, read from the customer's own words.

The SOP's definition: the package is urgent when the customer says it matters
(an occasion, a deadline or a need) and is upset about the wait. Each message
is read for both signals; a later message that states or denies one
overrides what earlier messages said about it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from graph.models import _lexicon as lex
from graph.models._matcher import PhraseMatcher
from graph.models._text import (
    is_negated,
    normalize,
    shouted_word_count,
    shouted_words,
    stem,
    words,
)
from graph.models.schemas import UrgencyAssessment

__all__ = ["assess_urgency"]

_OCCASION_KIND = "occasion:"

_IMPORTANCE = PhraseMatcher(
    {
        "meta": lex.META_REQUESTS,
        "dismissal": lex.DISMISSALS,
        **{_OCCASION_KIND + name: forms for name, forms in lex.OCCASIONS},
        "deadline": lex.DEADLINES,
        "need": lex.NEEDS,
        "stress": lex.STRESS,
    }
)
_FEELING = PhraseMatcher(
    {
        "meta": lex.META_REQUESTS,
        "calm": lex.CALM,
        "verdict": lex.FRUSTRATION_VERDICTS,
        "upset": (*lex.FRUSTRATION_FIXED, *lex.SARCASM),
        "upset_unless_negated": lex.FRUSTRATION,
        "mark": lex.FRUSTRATION_MARKS,
    },
    whole_words={"meta", "calm", "verdict", "upset", "upset_unless_negated"},
)
_INJECTION = PhraseMatcher({"injection": lex.INJECTION})
_NEED = re.compile(
    rf"(?<!\w){lex.NEED_VERBS}(?P<object>(?: [\w']+){{0,6}}?) {lex.NEED_FRAME}(?!\w)"
)
_WANT = re.compile(
    rf"(?<!\w){lex.WANT_VERBS}(?P<object>(?: [\w']+){{0,3}}?) {lex.WANT_FRAME}(?!\w)"
)
_NOT_OCCASION_BEFORE = re.compile(lex.NOT_AN_OCCASION_BEFORE)
_NEXT_WORD = re.compile(r" ?([a-z]+)")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;:])\s+|\n+")
_SHOUTED_WORDS_FOR_ANGER = 2
# A verdict such as "not good enough" shows feelings only in a longer message.
_TERSE_VERDICT_WORDS = 8
_BARE_CLAIMS = frozenset({"stress"})


@dataclass(frozen=True)
class _Signal:
    """What one message says on one dimension: +1 states it, -1 denies it."""

    direction: int = 0
    cue: str | None = None
    occasion: str | None = None


def _trusted_text(message: str) -> tuple[str, str, bool]:
    """Drop the sentences addressed to the classifier rather than to the shop.

    Returns the kept text as written, the kept text normalised, and whether
    a sentence was dropped.
    """
    normal = normalize(message)
    if _INJECTION.search(normal) is None:
        return message, normal, False
    kept_written: list[str] = []
    kept_normal: list[str] = []
    for sentence in _SENTENCE_BREAK.split(message):
        normal_sentence = normalize(sentence)
        if _INJECTION.search(normal_sentence) is None:
            kept_written.append(sentence)
            kept_normal.append(normal_sentence)
    return " ".join(kept_written), " ; ".join(kept_normal), True


def _is_occasion(text: str, match: re.Match[str]) -> bool:
    """Tell "for my son's birthday" from "birthday candles" or "holiday delays"."""
    if _NOT_OCCASION_BEFORE.search(text, max(0, match.start() - 30), match.start()):
        return False
    following = _NEXT_WORD.match(text, match.end())
    if following is None:
        return True
    word = following.group(1)
    return (
        stem(word) not in lex.OCCASION_PRODUCTS
        and word not in lex.NOT_AN_OCCASION_AFTER
    )


def _needs_the_package(match: re.Match[str]) -> bool:
    """Reject "I need an answer by Friday": what is needed must be the package."""
    return not any(word in lex.NOT_AN_OBJECT for word in match["object"].split())


def _importance(text: str, injected: bool) -> tuple[_Signal, bool]:
    """Read whether the message says the package matters.

    Also tells whether it dismisses the wait ("no rush"), which calms as well.
    """
    stated: list[tuple[int, str, str | None]] = []
    denied = dismissed = False
    for kind, match in _IMPORTANCE.finditer(text):
        if kind == "meta" or (injected and kind in _BARE_CLAIMS):
            continue
        if kind == "dismissal":
            denied = dismissed = True
            continue
        occasion = None
        if kind.startswith(_OCCASION_KIND):
            if not _is_occasion(text, match):
                continue
            occasion = kind.removeprefix(_OCCASION_KIND)
        if is_negated(text, match.start()):
            denied = True
        else:
            stated.append((match.start(), match.group(0), occasion))
    for frame in (_NEED, _WANT):
        for match in frame.finditer(text):
            if not _needs_the_package(match):
                continue
            if is_negated(text, match.start()):
                denied = True
            else:
                stated.append((match.start(), match.group(0), None))

    if stated:
        stated.sort(key=lambda found: found[0])
        occasion = next((name for _, _, name in stated if name), None)
        return _Signal(1, stated[0][1], occasion), dismissed
    return (_Signal(-1) if denied else _Signal()), dismissed


def _is_shouting(written: str) -> bool:
    """Whether the customer writes in capitals: several words, or one for stress."""
    if shouted_word_count(written) >= _SHOUTED_WORDS_FOR_ANGER:
        return True
    return any(word in lex.EMPHASIS_WORDS for word in shouted_words(written))


def _frustration(written: str, text: str, dismissed: bool) -> _Signal:
    """Read whether the message sounds upset, or explicitly calm."""
    calmed = dismissed
    for kind, match in _FEELING.finditer(text):
        if kind == "meta":
            continue
        if kind == "verdict" and len(words(text)) <= _TERSE_VERDICT_WORDS:
            continue
        if kind == "calm" or (
            kind == "upset_unless_negated" and is_negated(text, match.start())
        ):
            calmed = True
            continue
        return _Signal(1, match.group(0).strip(" ,.") or "punctuation")
    if _is_shouting(written):
        return _Signal(1, "writing in capitals")
    return _Signal(-1) if calmed else _Signal()


def _rationale(importance: _Signal, frustration: _Signal, injected: bool) -> str:
    important = importance.direction > 0
    upset = frustration.direction > 0
    if important and upset:
        text = (
            f"Urgent: the package matters ('{importance.cue}') and the customer "
            f"is upset ('{frustration.cue}')"
        )
    elif important:
        text = (
            f"Routine: the package matters ('{importance.cue}') but the customer "
            "does not sound upset"
        )
    elif upset:
        text = (
            f"Routine: the customer is upset ('{frustration.cue}') but names no "
            "occasion, deadline or need"
        )
    else:
        text = "Routine: no occasion, deadline or need, and no sign of frustration"
    if injected:
        text += "; instructions addressed to the system were ignored"
    return text + "."


def assess_urgency(messages: Sequence[str]) -> UrgencyAssessment:
    """Classify the customer's messages so far, oldest first, by the SOP rule."""
    importance = frustration = _Signal()
    injected = False
    for message in messages:
        written, text, dropped = _trusted_text(message)
        injected = injected or dropped
        said, dismissed = _importance(text, dropped)
        felt = _frustration(written, text, dismissed)
        importance = said if said.direction else importance
        frustration = felt if felt.direction else frustration

    important = importance.direction > 0
    frustrated = frustration.direction > 0
    return UrgencyAssessment(
        label="urgent" if important and frustrated else "routine",
        frustrated=frustrated,
        importance_stated=important,
        occasion=importance.occasion if important else None,
        rationale=_rationale(importance, frustration, injected),
    )
