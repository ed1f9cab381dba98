"""The last check on every outgoing reply.

A reply may state only dates the internal systems hold for the package and
only the amount of the offer in the state. Anything else (an invented
estimate, a relative promise such as "tomorrow", a different amount) fails
the check, and the agent sends a safe templated reply instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

__all__ = ["find_amounts", "find_dates", "reply_problems"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORDINAL = r"(?:st|nd|rd|th)?"
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_DAY = re.compile(
    rf"\b({_MONTH})\.?\s+(\d{{1,2}}){_ORDINAL}\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE
)
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?({_MONTH})\b\.?(?:,?\s+(\d{{4}}))?",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b")
_RELATIVE = re.compile(
    r"\b(?:today|tonight|tomorrow|this\s+(?:evening|afternoon|week|weekend)"
    r"|next\s+\w+|(?:within|in)\s+(?:\d+|a|an|one|two|three|a\s+few|few)\s+"
    r"(?:business\s+|working\s+)?(?:hours?|days?|weeks?)"
    r"|end\s+of\s+(?:the\s+)?(?:day|week)"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
_AMOUNT = re.compile(
    r"(?:[$€£]|\b(?:USD|EUR|GBP)\s?)\s?(\d[\d,]*(?:\.\d+)?)"
    r"|\b(\d[\d,]*(?:\.\d+)?)\s?(?:USD|EUR|GBP|dollars?|bucks|euros?)\b",
    re.IGNORECASE,
)


def find_dates(text: str) -> tuple[list[tuple[int | None, int, int]], list[str]]:
    """Find calendar dates as (year or None, month, day) and relative time phrases."""
    found: list[tuple[int | None, int, int]] = []
    for year, month, day in _ISO.findall(text):
        found.append((int(year), int(month), int(day)))
    for month, day, year in _MONTH_DAY.findall(text):
        found.append((int(year) if year else None, _MONTHS[month.lower()], int(day)))
    for day, month, year in _DAY_MONTH.findall(text):
        found.append((int(year) if year else None, _MONTHS[month.lower()], int(day)))
    for month, day, year in _NUMERIC.findall(text):
        full_year = None
        if year:
            full_year = int(year) + 2000 if len(year) == 2 else int(year)
        found.append((full_year, int(month), int(day)))
    relative = [match.group(0) for match in _RELATIVE.finditer(text)]
    return found, relative


def find_amounts(text: str) -> list[Decimal]:
    """Find money amounts such as '$12.50', 'USD 12.50' or '12.50 dollars'."""
    amounts = []
    for match in _AMOUNT.finditer(text):
        raw = (match.group(1) or match.group(2)).replace(",", "")
        try:
            amounts.append(Decimal(raw))
        except InvalidOperation:
            continue
    return amounts


def _matches(found: tuple[int | None, int, int], allowed: Iterable[date]) -> bool:
    year, month, day = found
    return any(
        (year is None or year == held.year) and (month, day) == (held.month, held.day)
        for held in allowed
    )


def reply_problems(
    text: str,
    *,
    held_dates: Iterable[str | None],
    offer_amount: str | None,
) -> list[str]:
    """Say what is wrong with a reply; an empty list means it may be sent.

    Args:
        text: The reply about to be sent.
        held_dates: ISO dates the systems hold for the package (promised,
            estimated, delivered); `None` entries are ignored.
        offer_amount: The amount of the offer in the state, if any.
    """
    allowed = [date.fromisoformat(value) for value in held_dates if value]
    problems = []
    calendar, relative = find_dates(text)
    for found in calendar:
        if not _matches(found, allowed):
            problems.append(f"states a date the systems do not hold: {found}")
    for phrase in relative:
        problems.append(f"promises a time the systems do not hold: {phrase!r}")
    for amount in find_amounts(text):
        if offer_amount is None or amount != Decimal(offer_amount):
            problems.append(
                f"states the amount {amount}, but the offer is {offer_amount or 'none'}"
            )
    return problems
