"""Finding which package holds the item a customer names."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TypeVar

from tools._records import Package

__all__ = ["package_for_item"]

P = TypeVar("P", bound=Package)

_ITEM_NUMBER = re.compile(r"#?\s*([0-9]+)")


def _normalise(text: str) -> str:
    return " ".join(text.casefold().split())


def _has_phrase(text: str, phrase: str) -> bool:
    """Whether `phrase` occurs in `text` as whole words ('vase' not in 'vases')."""
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


def _only(packages: Iterable[P]) -> P | None:
    """The single package among `packages`, or None if none or several."""
    distinct = {package.package_id: package for package in packages}
    return next(iter(distinct.values())) if len(distinct) == 1 else None


def package_for_item(packages: Sequence[P], query: str) -> P | None:
    """Pick the package holding the item `query` names, or None.

    An item number ('100234', '#100234') must match exactly. Otherwise names
    are compared ignoring case and spacing: an exact name first, then a name
    found in the query or the query found in a name, as whole words. A name
    matching items in several packages is ambiguous and gives None.
    """
    number = _ITEM_NUMBER.fullmatch(query.strip())
    if number:
        for package in packages:
            if any(item.item_number == number[1] for item in package.items):
                return package

    wanted = _normalise(query)
    if not wanted:
        return None
    named = [
        (package, _normalise(item.name))
        for package in packages
        for item in package.items
    ]
    exact = [package for package, name in named if name == wanted]
    if exact:
        return _only(exact)
    return _only(
        package
        for package, name in named
        if _has_phrase(wanted, name) or _has_phrase(name, wanted)
    )
