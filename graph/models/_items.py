"""Which of a customer's items a message refers to.

An item number in the message decides. Otherwise the item's name is matched
word by word, tolerant of case, plurals, word order, partial names, small
typos and extra adjectives: "the blue vases" finds "Ceramic vase". A name's
last word is its head noun; an item whose head noun is mentioned beats one
matched only by a modifier. When two items remain equally matched the answer
is None, so that the agent asks instead of guessing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from graph.models._text import normalize, stem, within_one_edit, without_emails, words
from graph.models.schemas import ItemChoice

__all__ = ["find_item"]

_NUMBER_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DIGITS = re.compile(r"\d+")
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]")
_NAME_FILLERS = frozenset(
    {
        "the",
        "a",
        "an",
        "of",
        "and",
        "with",
        "for",
        "in",
        "on",
        "by",
        "to",
        "set",
        "pack",
        "pair",
        "x",
        "new",
    }
)
_PREFIX_MIN = 4
_PREFIX_EXTRA = 3
_TYPO_MIN = 5


@dataclass(frozen=True)
class _Mention:
    """Where in the message an item's name words were found."""

    item_number: str
    positions: frozenset[int]
    head: bool


def _compact(value: str) -> str:
    return _NOT_ALPHANUMERIC.sub("", value.lower())


def _by_number(text: str, items: Sequence[ItemChoice]) -> set[str]:
    numbers = {_compact(item.item_number): item.item_number for item in items}
    numbers.pop("", None)
    found = set()
    lowered = text.lower()
    for token in (*_NUMBER_TOKEN.findall(lowered), *_DIGITS.findall(lowered)):
        number = numbers.get(token.replace("-", ""))
        if number is not None:
            found.add(number)
    return found


def _same_word(said: str, name_word: str) -> bool:
    """Whether a word of the message stands for a word of an item's name."""
    if said == name_word:
        return True
    if (
        len(name_word) >= _PREFIX_MIN
        and said.startswith(name_word)
        and len(said) - len(name_word) <= _PREFIX_EXTRA
    ):
        return True
    return (
        len(name_word) >= _TYPO_MIN
        and said[0] == name_word[0]
        and within_one_edit(said, name_word)
    )


def _mention(said: list[str], item: ItemChoice) -> _Mention | None:
    written = [stem(word) for word in words(normalize(item.name))]
    name = [w for w in written if w not in _NAME_FILLERS and len(w) > 1] or written
    if not name:
        return None
    head = name[-1]
    joined = "".join(written)
    positions: set[int] = set()
    head_found = False
    for index, word in enumerate(said):
        pair = word + said[index + 1] if index + 1 < len(said) else ""
        if len(written) > 1 and joined in (word, pair):
            positions.add(index)
            head_found = True
            continue
        for name_word in name:
            if _same_word(word, name_word) or (
                len(pair) > len(word) and pair == name_word
            ):
                positions.add(index)
                head_found = head_found or name_word == head
    if not positions:
        return None
    return _Mention(item.item_number, frozenset(positions), head_found)


def _best(mentions: list[_Mention]) -> str | None:
    """The one mention not outdone by another, or None when it is a tie."""
    with_head = [mention for mention in mentions if mention.head]
    contenders = with_head or mentions
    undominated = [
        mention
        for mention in contenders
        if not any(mention.positions < other.positions for other in contenders)
    ]
    return undominated[0].item_number if len(undominated) == 1 else None


def find_item(text: str, items: Sequence[ItemChoice]) -> str | None:
    """The item number of the item `text` refers to, or None if none or unclear."""
    if not items:
        return None
    text = without_emails(text)
    numbers = _by_number(text, items)
    if numbers:
        return numbers.pop() if len(numbers) == 1 else None

    said = [stem(word) for word in words(normalize(text))]
    mentions = [
        mention for item in items if (mention := _mention(said, item)) is not None
    ]
    return _best(mentions) if mentions else None
