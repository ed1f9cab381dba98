"""One regular-expression pass that finds phrases of several kinds at once.

A plain alternation of a few hundred phrases tries every phrase at every word
of a message, which is too slow for a per-turn decision. `PhraseMatcher`
groups the phrases by the characters they can start with, so that at each
position only the phrases starting with the character there are tried. The
first characters are read from the parsed pattern (CPython's `re._parser`);
a pattern that cannot be analysed is simply tried at every position.
"""

from __future__ import annotations

import re
import string
from collections.abc import Collection, Iterator, Mapping, Sequence
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

__all__ = ["PhraseMatcher"]

_DIGITS = frozenset(string.digits)
_SPACES = frozenset(" \t\n\r\f\v")
_ZERO_WIDTH = {sre.ASSERT, sre.ASSERT_NOT, sre.AT}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)}


def _set_chars(items: list) -> frozenset[str] | None:
    """Characters a character class accepts, or None when it is open-ended."""
    chars: set[str] = set()
    for op, value in items:
        if op is sre.LITERAL:
            chars.add(chr(value))
        elif op is sre.RANGE and value[1] - value[0] < 256:
            chars.update(chr(code) for code in range(value[0], value[1] + 1))
        elif op is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
            chars |= _DIGITS
        elif op is sre.CATEGORY and value is sre.CATEGORY_SPACE:
            chars |= _SPACES
        else:
            return None
    return frozenset(chars)


def _first(items: list) -> tuple[frozenset[str] | None, bool]:
    """Characters a match of parsed `items` can start with, and if it can be empty.

    None stands for "any character".
    """
    chars: set[str] = set()
    for op, value in items:
        if op in _ZERO_WIDTH:
            continue
        if op is sre.LITERAL:
            return frozenset(chars | {chr(value)}), False
        if op is sre.IN:
            found = _set_chars(value)
            return (None if found is None else frozenset(chars | found)), False
        if op is sre.SUBPATTERN:
            found, empty = _first(value[-1])
        elif op in _REPEATS:
            found, empty = _first(value[2])
            empty = empty or value[0] == 0
        elif op is sre.BRANCH:
            found, empty = frozenset(), False
            for alternative in value[1]:
                alt_found, alt_empty = _first(alternative)
                found = (
                    None if found is None or alt_found is None else (found | alt_found)
                )
                empty = empty or alt_empty
        else:
            return None, False
        if found is None:
            return None, False
        chars |= found
        if not empty:
            return frozenset(chars), False
    return frozenset(chars), True


def _start_chars(pattern: str) -> frozenset[str] | None:
    try:
        found, empty = _first(list(_parser.parse(pattern)))
    except Exception:  # a pattern that cannot be analysed is tried everywhere
        return None
    return None if empty else found


# Letters in roughly the order English words most often start with them, so
# that the usual first letters are tested first.
_INITIAL_ORDER = "tsawhbcmfpdionlrgeuyvkjqxz"


def _dispatch_order(char: str | None) -> tuple[int, str]:
    if char is None:
        return (2, "")
    rank = _INITIAL_ORDER.find(char)
    return (0, f"{rank:02d}") if rank >= 0 else (1, char)


class PhraseMatcher:
    """Finds, left to right, non-overlapping phrases of named kinds.

    Kinds in `whole_words` (all kinds by default) match only whole words; the
    others, such as "!!", match anywhere. Where phrases of several kinds start
    at the same place, a whole-word kind wins over the others, then the kind
    listed first in `kinds`. Patterns must not define named groups.
    """

    def __init__(
        self,
        kinds: Mapping[str, Sequence[str]],
        *,
        whole_words: Collection[str] | None = None,
    ) -> None:
        bounded = set(kinds) if whole_words is None else set(whole_words)
        self._kind_of_group: dict[str, str] = {}
        alternatives = []
        for is_bounded in (True, False):
            part = self._dispatch(
                {k: v for k, v in kinds.items() if (k in bounded) == is_bounded},
                bounded=is_bounded,
            )
            if part:
                alternatives.append(rf"(?<!\w)(?:{part})" if is_bounded else part)
        self._regex = re.compile("|".join(alternatives))

    def _dispatch(self, kinds: Mapping[str, Sequence[str]], *, bounded: bool) -> str:
        """An alternation that tries only the phrases that can start here."""
        by_char: dict[str | None, dict[str, list[str]]] = {}
        for kind, patterns in kinds.items():
            for pattern in patterns:
                chars = _start_chars(pattern)
                for char in sorted(chars) if chars is not None else [None]:
                    by_char.setdefault(char, {}).setdefault(kind, []).append(pattern)
        if not by_char:
            return ""
        branches = []
        for char in sorted(by_char, key=_dispatch_order):
            groups = []
            for kind, patterns in by_char[char].items():
                name = f"g{len(self._kind_of_group)}"
                self._kind_of_group[name] = kind
                body = "|".join(patterns)
                body = rf"(?:{body})(?!\w)" if bounded else body
                groups.append(f"(?P<{name}>{body})")
            guard = "" if char is None else f"(?={re.escape(char)})"
            branches.append(guard + "(?:" + "|".join(groups) + ")")
        dispatch = "|".join(branches)
        if None in by_char:
            return dispatch
        initials = "".join(re.escape(char) for char in by_char if char is not None)
        return f"(?=[{initials}])(?:{dispatch})"

    def finditer(self, text: str) -> Iterator[tuple[str, re.Match[str]]]:
        """Yield `(kind, match)` for each phrase found in `text`."""
        for match in self._regex.finditer(text):
            yield self._kind_of_group[match.lastgroup or ""], match

    def search(self, text: str) -> tuple[str, re.Match[str]] | None:
        """The first phrase found in `text`, or None."""
        match = self._regex.search(text)
        if match is None:
            return None
        return self._kind_of_group[match.lastgroup or ""], match
