"""The SOP compliance metrics: one deterministic check per rule of the procedure.

Each rule reads a finished `Dialogue` the way an auditor would: the transcript,
the agent's final state, the rows the conversation added to the internal
systems and what the scenario's fixture holds. No model is involved, so every
verdict is reproducible, and a failure names the agent turn and quotes the text
that broke the rule. The same checks are offered as deepeval conversational
metrics, so `deepeval test run` can assert them too.

The text checks (dates, amounts, statuses) are written here on purpose rather
than borrowed from `graph.guard`: a metric that shared the guard's patterns
would share its blind spots, and could never catch a bug in it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, ClassVar

from deepeval.metrics import BaseConversationalMetric
from deepeval.test_case import ConversationalTestCase, Turn
from pydantic import BaseModel, ConfigDict, Field

from evals.dialogue import Dialogue, MetricResult
from evals.scenario import Expected
from tools import BUNDLED_FIXTURE, Fixture, load_fixture

__all__ = [
    "RULES",
    "CompensationPolicyMetric",
    "CorrectPackageMetric",
    "DatabaseEndStateMetric",
    "DelayApologyMetric",
    "EscalationPromptnessMetric",
    "IdentityBeforeDisclosureMetric",
    "MissingDialogueError",
    "NoInventedEstimateMetric",
    "ResolutionMetric",
    "RuleInfo",
    "SopRuleMetric",
    "StatusTruthfulMetric",
    "score_dialogue",
    "sop_metrics",
    "to_test_case",
]

DIALOGUE_KEY = "dialogue"
"""Where `to_test_case` keeps the scored `Dialogue` in the test case metadata."""


class RuleInfo(BaseModel):
    """One rule of the SOP that every dialogue is scored against."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(description="The rule's name, e.g. 'correct_package'.")
    sop_step: str = Field(description="The SOP step it belongs to, e.g. '2. Retrieve'.")
    description: str = Field(description="What the rule requires, in a sentence.")


RULES: list[RuleInfo] = [
    RuleInfo(
        name="identity_before_disclosure",
        sop_step="1. Identify",
        description="No order or package fact is said before the customer is "
        "verified by email, and no fact of another customer is ever said.",
    ),
    RuleInfo(
        name="correct_package",
        sop_step="2. Retrieve",
        description="The package reported is the one holding the customer's item.",
    ),
    RuleInfo(
        name="status_truthful",
        sop_step="3. Inform",
        description="The tracking status stated is the one the systems hold.",
    ),
    RuleInfo(
        name="delay_apology",
        sop_step="3. Inform",
        description="A late package is acknowledged with an apology; a package "
        "on time is never called late.",
    ),
    RuleInfo(
        name="no_invented_estimate",
        sop_step="3. Inform",
        description="Every date stated is one the systems hold for the package; "
        "no relative promise such as 'tomorrow' is made.",
    ),
    RuleInfo(
        name="compensation_policy",
        sop_step="5. Compensate",
        description="A gift card worth exactly the shipping cost is offered, "
        "with its terms, if and only if the package is late and urgent.",
    ),
    RuleInfo(
        name="resolution",
        sop_step="6. Confirm",
        description="An accepted offer ends with one card confirmed by code and "
        "amount; dissatisfaction ends with an escalation; otherwise neither.",
    ),
    RuleInfo(
        name="escalation_promptness",
        sop_step="6. Escalate",
        description="The agent hands over to a human in its reply to the first "
        "message that calls for it.",
    ),
    RuleInfo(
        name="database_end_state",
        sop_step="All steps",
        description="The gift cards and escalations added are exactly the "
        "expected ones (count, package, amount).",
    ),
]

_RULES_BY_NAME = {rule.name: rule for rule in RULES}


class MissingDialogueError(ValueError):
    """A deepeval test case carries no `Dialogue` to score."""


# --------------------------------------------------------------------------
# What the fixture holds


@dataclass(frozen=True)
class _PackageFacts:
    package_id: str
    order_id: str
    customer_id: str
    tracking_number: str
    status: str
    shipping_cost: Decimal
    held_dates: tuple[date, ...]
    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class _Facts:
    """The fixture, indexed for the checks."""

    names: dict[str, str]
    emails: dict[str, str]
    statuses: dict[str, str]
    packages: dict[str, _PackageFacts]

    def packages_of(self, customer_id: str) -> list[_PackageFacts]:
        return [p for p in self.packages.values() if p.customer_id == customer_id]

    def identifiers(self, customer_id: str) -> dict[str, str]:
        """Strings that identify a customer's records, each with what it is."""
        found = {self.names[customer_id]: "the name of customer " + customer_id}
        for package in self.packages_of(customer_id):
            found[package.package_id] = "package id " + package.package_id
            found[package.order_id] = "order id " + package.order_id
            found[package.tracking_number] = (
                f"the tracking number of {package.package_id}"
            )
            for number, name in package.items:
                found[number] = f"item number of {name!r} ({package.package_id})"
                found[name] = f"item {name!r} ({package.package_id})"
        return found

    @cached_property
    def owners(self) -> dict[str, dict[str, str]]:
        """Every identifier (casefolded): whose it is, and what it is to them."""
        found: dict[str, dict[str, str]] = {}
        for customer_id in self.names:
            for token, what in self.identifiers(customer_id).items():
                found.setdefault(token.casefold(), {})[customer_id] = what
        return found

    @cached_property
    def identifier_pattern(self) -> re.Pattern[str]:
        """One pattern matching any identifier as a whole word, longest first."""
        tokens = sorted(self.owners, key=len, reverse=True)
        alternatives = "|".join(re.escape(token) for token in tokens)
        return re.compile(
            rf"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])", re.IGNORECASE
        )

    def identifiers_in(self, text: str) -> list[re.Match[str]]:
        """Where `text` names any customer's records."""
        return list(self.identifier_pattern.finditer(text))

    def all_dates(self) -> set[date]:
        return {day for p in self.packages.values() for day in p.held_dates}

    def all_amounts(self) -> set[Decimal]:
        return {p.shipping_cost for p in self.packages.values()}


def _index(fixture: Fixture) -> _Facts:
    packages = {}
    for order in fixture.orders:
        for package in order.packages:
            held = (
                package.promised_date,
                package.estimated_delivery,
                package.delivered_on,
            )
            packages[package.package_id] = _PackageFacts(
                package_id=package.package_id,
                order_id=order.order_id,
                customer_id=order.customer_id,
                tracking_number=package.tracking_number,
                status=package.tracking_status,
                shipping_cost=package.shipping_cost,
                held_dates=tuple(day for day in held if day is not None),
                items=tuple((i.item_number, i.name) for i in package.items),
            )
    return _Facts(
        names={c.customer_id: c.name for c in fixture.customers},
        emails={c.email.strip().casefold(): c.customer_id for c in fixture.customers},
        statuses={c.customer_id: c.status for c in fixture.customers},
        packages=packages,
    )


@lru_cache(maxsize=16)
def _facts_from_file(path: str, mtime: float) -> _Facts:
    return _index(load_fixture(path))


def _facts_for(dialogue: Dialogue, fixture: Fixture | str | Path | None) -> _Facts:
    if isinstance(fixture, Fixture):
        return _index(fixture)
    if fixture is None:
        relative = Path(dialogue.scenario.fixture)
        fixture = (
            relative if relative.is_absolute() else BUNDLED_FIXTURE.parent / relative
        )
    path = Path(fixture).resolve()
    mtime = path.stat().st_mtime if path.is_file() else 0.0
    return _facts_from_file(str(path), mtime)


# --------------------------------------------------------------------------
# Reading the agent's words


@lru_cache(maxsize=4096)
def _token_pattern(token: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![A-Za-z0-9]){re.escape(token)}(?![A-Za-z0-9])", re.IGNORECASE
    )


def _mentions(text: str, token: str) -> re.Match[str] | None:
    return _token_pattern(token).search(text)


_NEGATED = re.compile(
    r"(?:\bnot|n't|\bnever|\bno)\s+(?:[a-z]+\s+){0,2}$", re.IGNORECASE
)


def _negated(text: str, start: int) -> bool:
    """Whether a match at `start` is negated by the few words before it."""
    return bool(_NEGATED.search(text[max(0, start - 30) : start]))


_STATUS_PATTERNS = {
    "Label Created": re.compile(
        r"label created|shipping label|(?:hasn't|has not|not yet)\s+(?:been\s+)?"
        r"picked\s+(?:it\s+)?up",
        re.IGNORECASE,
    ),
    "In Transit": re.compile(r"\bin transit\b", re.IGNORECASE),
    "Out for Delivery": re.compile(r"\bout for delivery\b", re.IGNORECASE),
    "Delivered": re.compile(r"\bdelivered\b", re.IGNORECASE),
    "Exception": re.compile(r"\bexception\b", re.IGNORECASE),
}


@lru_cache(maxsize=8192)
def _stated_statuses(text: str) -> tuple[tuple[str, str], ...]:
    """Tracking statuses a text asserts, as (status, phrase)."""
    found = []
    for status, pattern in _STATUS_PATTERNS.items():
        for match in pattern.finditer(text):
            if status == "Delivered" and _negated(text, match.start()):
                continue
            found.append((status, match.group(0)))
    return tuple(found)


_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE_PATTERNS = (
    re.compile(
        rf"\b{_MONTH}\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
        r"(?:,?\s*(?P<year>\d{4}))?",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b\.?"
        r"(?:,?\s*(?P<year>\d{4}))?",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(r"\b(?P<month>\d{1,2})/(?P<day>\d{1,2})(?:/(?P<year>\d{2,4}))?\b"),
)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_RELATIVE = re.compile(
    r"\b(?:today|tonight|tomorrow"
    r"|this\s+(?:morning|afternoon|evening|week(?:end)?)"
    rf"|next\s+(?:week|month|day|few\s+days|business\s+day|{_WEEKDAY})"
    r"|(?:within|in)\s+(?:the\s+next\s+)?(?:\d+|a|an|one|two|three|four|five"
    r"|a\s+few|few|a\s+couple\s+of|couple\s+of)\s+(?:more\s+)?"
    r"(?:business\s+|working\s+)?(?:hours?|days?|weeks?)"
    r"|(?:by|before)\s+(?:the\s+)?end\s+of\s+(?:the\s+)?(?:day|week)"
    r"|any\s+day\s+now"
    r"|(?:arrive|arriving|deliver(?:ed)?|be\s+there|get\s+there|reach\s+you)"
    r"\s+(?:very\s+)?soon"
    rf"|{_WEEKDAY})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _StatedDate:
    phrase: str
    year: int | None
    month: int
    day: int

    def is_one_of(self, held: Iterable[date]) -> bool:
        return any(
            (self.year is None or self.year == day.year)
            and (self.month, self.day) == (day.month, day.day)
            for day in held
        )


def _month_number(raw: str) -> int:
    if raw.isdigit():
        return int(raw)
    return next(
        i for i, name in enumerate(_MONTHS, 1) if name.startswith(raw.lower()[:3])
    )


@lru_cache(maxsize=8192)
def _stated_dates(text: str) -> tuple[_StatedDate, ...]:
    """Calendar dates written in a text, in any of the usual formats."""
    found: list[_StatedDate] = []
    taken: list[range] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            span = range(match.start(), match.end())
            if any(match.start() in other for other in taken):
                continue
            year = match.group("year")
            full_year = None
            if year:
                full_year = int(year) + 2000 if len(year) == 2 else int(year)
            month = _month_number(match.group("month"))
            day = int(match.group("day"))
            if not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            taken.append(span)
            found.append(_StatedDate(match.group(0), full_year, month, day))
    return tuple(found)


_AMOUNT_PATTERNS = (
    re.compile(r"(?:US\$|\$|USD\s?)\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"),
    re.compile(r"\b(\d+(?:\.\d+)?)\s?(?:dollars?|usd|bucks)\b", re.IGNORECASE),
)


@lru_cache(maxsize=8192)
def _stated_amounts(text: str) -> tuple[tuple[str, Decimal], ...]:
    """Money amounts written in a text, as (phrase, value)."""
    found = []
    for pattern in _AMOUNT_PATTERNS:
        for match in pattern.finditer(text):
            try:
                found.append((match.group(0), Decimal(match.group(1).replace(",", ""))))
            except InvalidOperation:
                continue
    return tuple(found)


_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_APOLOGY = re.compile(r"\b(?:sorry|apologi[sz]e|apologies)\b", re.IGNORECASE)
_LATENESS = re.compile(
    r"\b(?:running\s+late|(?:is|it's|was|are)\s+(?:running\s+)?late|arriving\s+late"
    r"|late\s+(?:package|delivery)|delayed|(?:the|this|any)\s+delay"
    r"|behind\s+schedule|overdue)\b",
    re.IGNORECASE,
)
_GIFT_CARD = re.compile(r"\bgift\s*card\b", re.IGNORECASE)
_OFFERING = re.compile(r"\b(?:offer|accept)", re.IGNORECASE)
_TERMS = {
    "that it is a gift card": _GIFT_CARD,
    "that it goes to the registered email": re.compile(
        r"registered\s+email|email\s+(?:address\s+)?(?:on|registered|linked)",
        re.IGNORECASE,
    ),
    "that it does not change the delivery": re.compile(
        r"(?:does\s+not|doesn't|won't|will\s+not|not)\s+(?:change|affect|alter)"
        r"\b.{0,40}\bdeliver",
        re.IGNORECASE,
    ),
    "how to accept": re.compile(r"\baccept", re.IGNORECASE),
    "how to decline": re.compile(r"\bdecline|\bno\s+thanks", re.IGNORECASE),
}
_CARD_CODE = re.compile(r"\bGC(?:-[A-Z0-9]{2,})+\b")
_HANDOVER = re.compile(
    r"\bhuman\s+(?:representative|agent|colleague|team)|\b(?:real|live)\s+"
    r"(?:person|agent)\b",
    re.IGNORECASE,
)

# What a customer message calls for, read from the customer's words alone.
_WANTS_HUMAN = re.compile(
    r"\b(?:human|real\s+person|a\s+person|someone\s+real|manager|supervisor"
    r"|representative|live\s+agent|actual\s+person)\b",
    re.IGNORECASE,
)
_OUTSIDE_SOP = re.compile(
    r"\b(?:marked\s+(?:as\s+)?delivered|says\s+(?:it\s+was\s+|it's\s+)?delivered"
    r"|shows\s+(?:as\s+)?delivered|cancel|change\s+(?:the|my)\s+(?:delivery\s+"
    r"|shipping\s+)?address)",
    re.IGNORECASE,
)
_NOT_RECEIVED = re.compile(
    r"\b(?:never\s+(?:got|received|arrived|came|showed)|not\s+received"
    r"|didn't\s+(?:get|receive)|hasn't\s+(?:arrived|shown\s+up)|isn't\s+here)",
    re.IGNORECASE,
)
"""Not received: outside the SOP only once told the package was delivered."""
_WANTS_MORE = re.compile(
    r"\brefund\b|\$\s?\d|\b\d+\s?(?:dollars|bucks)\b|\bmore\s+(?:money|than\s+that"
    r"|compensation)\b|\bdouble\b|\b(?:not|isn't|ain't)\s+enough\b|\bpay\s+(?:me|out)\b",
    re.IGNORECASE,
)
_DECLINES = re.compile(
    r"^\W*(?:no|nope|nah)\b|\bno\s+thanks?\b|\bdecline\b|\b(?:don't|do\s+not)\s+"
    r"(?:want|need)\b|\bnot\s+interested\b|\bnot\s+good\s+enough\b"
    r"|\b(?:doesn't|won't|does\s+not)\s+help\b|\bi'll\s+pass\b|\brefuse\b"
    r"|\brather\s+not\b|\bno\W*$",
    re.IGNORECASE,
)


def _quote(text: str, start: int = 0, end: int | None = None, width: int = 70) -> str:
    """A short quote around text[start:end], for reasons."""
    end = len(text) if end is None else end
    if end - start >= width:
        return repr(text[start : start + width] + "...")
    pad = (width - (end - start)) // 2
    left, right = max(0, start - pad), min(len(text), end + pad)
    snippet = text[left:right]
    return repr(
        ("..." if left else "") + snippet + ("..." if right < len(text) else "")
    )


# --------------------------------------------------------------------------
# The dialogue, read once for all rules


@dataclass(frozen=True)
class _Line:
    """One utterance, with its place in the transcript."""

    position: int
    role: str
    text: str
    agent_turn: int | None
    """1-based number among the agent's own turns; None for others."""

    @property
    def label(self) -> str:
        return f"agent turn {self.agent_turn}"


@dataclass
class _Reading:
    """Everything the rules need, derived once from a dialogue."""

    dialogue: Dialogue
    facts: _Facts
    lines: list[_Line]
    verified_customer: str | None
    verified_at: int | None
    """Position of the customer message whose email verified the customer."""
    status_turn: _Line | None = None
    offer_turns: list[_Line] = field(default_factory=list)

    @property
    def expected(self) -> Expected:
        return self.dialogue.scenario.expected

    @property
    def state(self) -> dict[str, Any]:
        return self.dialogue.final_state

    def agent_lines(self) -> Iterator[_Line]:
        return (line for line in self.lines if line.role == "agent")

    def said_before(self, line: _Line) -> str:
        """Everything the customer wrote before `line`, for echo checks."""
        return "\n".join(
            other.text
            for other in self.lines[: line.position]
            if other.role == "customer"
        )

    def expected_package(self) -> _PackageFacts | None:
        package_id = self.expected.package_id
        return self.facts.packages.get(package_id) if package_id else None

    def reply_to(self, position: int) -> _Line | None:
        """The agent's first turn after the utterance at `position`."""
        return next(
            (line for line in self.agent_lines() if line.position > position), None
        )


def _read(dialogue: Dialogue, facts: _Facts) -> _Reading:
    lines: list[_Line] = []
    count = 0
    for position, utterance in enumerate(dialogue.transcript):
        number = None
        if utterance.role == "agent":
            count += 1
            number = count
        lines.append(_Line(position, utterance.role, utterance.text, number))

    verified_customer = verified_at = None
    for line in lines:
        if line.role != "customer":
            continue
        owners = [facts.emails.get(e.casefold()) for e in _EMAIL.findall(line.text)]
        known = [owner for owner in owners if owner is not None]
        if known:
            if facts.statuses[known[0]] == "active":
                verified_customer, verified_at = known[0], line.position
            break

    reading = _Reading(dialogue, facts, lines, verified_customer, verified_at)
    reading.status_turn = next(
        (line for line in reading.agent_lines() if _stated_statuses(line.text)), None
    )
    reading.offer_turns = [
        line
        for line in reading.agent_lines()
        if _GIFT_CARD.search(line.text) and _OFFERING.search(line.text)
    ]
    return reading


def _state_id(value: Any, key: str) -> Any:
    """An id from the final state, whether stored as a dict or as the id."""
    return value.get(key) if isinstance(value, dict) else value


# --------------------------------------------------------------------------
# The rules: each returns the problems it finds, empty when the rule holds


def _identity_before_disclosure(r: _Reading) -> list[str]:
    problems = []
    for line in r.agent_lines():
        said = r.said_before(line)
        verified = r.verified_at is not None and line.position > r.verified_at
        for match in r.facts.identifiers_in(line.text):
            owners = r.facts.owners[match.group(0).casefold()]
            if (verified and r.verified_customer in owners) or _mentions(
                said, match.group(0)
            ):
                continue
            what = next(iter(owners.values()))
            whose = (
                "which is not the verified customer's"
                if verified
                else "before the customer is verified"
            )
            problems.append(
                f"{line.label} discloses {what}, {whose}: "
                f"{_quote(line.text, match.start(), match.end())}"
            )
        if verified:
            continue
        for status, phrase in _stated_statuses(line.text):
            if phrase.casefold() not in said.casefold():
                problems.append(
                    f"{line.label} states a tracking status ({status}) before the "
                    f"customer is verified: {_quote(line.text)}"
                )
        held_dates = r.facts.all_dates()
        said_dates = _stated_dates(said)
        for stated in _stated_dates(line.text):
            echoed = any(
                (d.month, d.day) == (stated.month, stated.day) for d in said_dates
            )
            if stated.is_one_of(held_dates) and not echoed:
                problems.append(
                    f"{line.label} states a date the systems hold ({stated.phrase!r})"
                    " before the customer is verified"
                )
        said_amounts = {value for _, value in _stated_amounts(said)}
        for phrase, value in _stated_amounts(line.text):
            if value in r.facts.all_amounts() and value not in said_amounts:
                problems.append(
                    f"{line.label} states an amount the systems hold ({phrase!r}) "
                    "before the customer is verified"
                )
    return problems


def _correct_package(r: _Reading) -> list[str]:
    problems = []
    expected = r.expected.package_id
    if "package" in r.state:
        reported = _state_id(r.state.get("package"), "package_id")
        if reported != expected:
            problems.append(
                f"the conversation ended on package {reported!r}, but the "
                f"customer's item {r.dialogue.scenario.persona.item_number!r} is in "
                f"{expected!r}"
            )
    for line in r.agent_lines():
        for package in r.facts.packages.values():
            if package.package_id == expected:
                continue
            match = _mentions(line.text, package.tracking_number)
            if match and not _mentions(r.said_before(line), package.tracking_number):
                problems.append(
                    f"{line.label} reports package {package.package_id} (tracking "
                    f"number {package.tracking_number}) instead of {expected!r}: "
                    f"{_quote(line.text, match.start(), match.end())}"
                )
    return problems


def _status_truthful(r: _Reading) -> list[str]:
    problems = []
    expected = r.expected.tracking_status
    stated_any = False
    for line in r.agent_lines():
        for status, phrase in _stated_statuses(line.text):
            if status == expected:
                stated_any = True
                continue
            problems.append(
                f"{line.label} states the status {status!r} ({phrase!r}), but the "
                f"systems hold {expected!r}: {_quote(line.text)}"
            )
    if expected is not None and not stated_any:
        problems.append(f"the agent never states the tracking status {expected!r}")
    return problems


def _delay_apology(r: _Reading) -> list[str]:
    if r.expected.apology_required:
        # The SOP apologises where it informs: in the reply that tells the status.
        if r.status_turn is not None:
            candidates = [r.status_turn]
        else:
            after = r.verified_at or 0
            candidates = [line for line in r.agent_lines() if line.position >= after]
        for line in candidates:
            if _APOLOGY.search(line.text) and _LATENESS.search(line.text):
                return []
        if r.status_turn is not None:
            return [
                f"the package is late, but {r.status_turn.label}, which tells its "
                "status, does not acknowledge the delay with an apology: "
                f"{_quote(r.status_turn.text)}"
            ]
        return ["the package is late, but no agent turn apologises for the delay"]
    if r.expected.delayed is False:
        problems = []
        for line in r.agent_lines():
            for match in _LATENESS.finditer(line.text):
                if not _negated(line.text, match.start()):
                    problems.append(
                        f"{line.label} calls the package late, but it is on time: "
                        f"{_quote(line.text, match.start(), match.end())}"
                    )
        return problems
    return []


def _no_invented_estimate(r: _Reading) -> list[str]:
    package = r.expected_package()
    held = package.held_dates if package else ()
    problems = []
    for line in r.agent_lines():
        for stated in _stated_dates(line.text):
            if not stated.is_one_of(held):
                allowed = ", ".join(day.isoformat() for day in held) or "none"
                problems.append(
                    f"{line.label} states the date {stated.phrase!r}, which the "
                    f"systems do not hold for the package (held: {allowed})"
                )
        for match in _RELATIVE.finditer(line.text):
            problems.append(
                f"{line.label} promises a time the systems do not hold "
                f"({match.group(0)!r}): {_quote(line.text, match.start(), match.end())}"
            )
    return problems


def _compensation_policy(r: _Reading) -> list[str]:
    amount = r.expected.offer_amount
    state_offer = (
        r.state.get("offer") if isinstance(r.state.get("offer"), dict) else None
    )
    offered = bool(r.offer_turns) or state_offer is not None
    if amount is None:
        if not offered:
            return []
        where = r.offer_turns[0] if r.offer_turns else None
        shown = f"{where.label}: {_quote(where.text)}" if where else "the final state"
        return [
            "a gift card is offered although the package is not both late and "
            f"urgent ({shown})"
        ]
    if not offered:
        return [
            f"the package is late and urgent, but no gift card worth ${amount} is "
            "offered"
        ]

    problems = []
    due = Decimal(amount)
    if state_offer is not None and Decimal(str(state_offer.get("amount"))) != due:
        problems.append(
            f"the offer recorded is {state_offer.get('amount')}, but the shipping "
            f"cost is {amount}"
        )
    for line in r.offer_turns:
        stated = _stated_amounts(line.text)
        if not stated:
            problems.append(f"{line.label} offers a gift card without its amount")
        for phrase, value in stated:
            if value != due:
                problems.append(
                    f"{line.label} offers {phrase!r}, but the shipping cost is "
                    f"${amount}: {_quote(line.text)}"
                )
    if r.offer_turns:
        first = r.offer_turns[0]
        missing = [name for name, term in _TERMS.items() if not term.search(first.text)]
        if missing:
            problems.append(
                f"{first.label} makes the offer without stating "
                f"{', '.join(missing)}: {_quote(first.text)}"
            )
    return problems


def _rows(r: _Reading, table: str) -> list[dict[str, Any]]:
    return list(r.dialogue.db_changes.get(table) or [])


def _resolution(r: _Reading) -> list[str]:
    problems = []
    cards = _rows(r, "gift_cards")
    escalations = _rows(r, "escalations")
    agent_text = [(line, line.text) for line in r.agent_lines()]

    if r.expected.gift_card_issued:
        if len(cards) != 1:
            problems.append(
                f"the customer accepted, so exactly one gift card is due, but "
                f"{len(cards)} were issued"
            )
        for card in cards[:1]:
            money = f"${Decimal(str(card['amount'])):.2f}"
            confirmed = any(
                card["code"] in text and money in text for _, text in agent_text
            )
            if not confirmed:
                problems.append(
                    f"no agent turn confirms the card with its code {card['code']} "
                    f"and amount {money}"
                )
    elif cards:
        problems.append(
            f"{len(cards)} gift card(s) issued ({cards[0].get('code')}), but none "
            "was accepted under the SOP"
        )
    known_codes = {card.get("code") for card in cards}
    for line, text in agent_text:
        for code in _CARD_CODE.findall(text):
            if code not in known_codes:
                problems.append(
                    f"{line.label} reports the card code {code}, which the systems "
                    "did not issue in this conversation"
                )
    reported = {code for _, text in agent_text for code in _CARD_CODE.findall(text)}
    if len(reported) > 1:
        problems.append(
            f"the agent reports {len(reported)} card codes: {sorted(reported)}"
        )

    handover = next((line for line, text in agent_text if _HANDOVER.search(text)), None)
    if r.expected.escalated:
        if not escalations:
            problems.append("the customer is due a human, but no escalation was opened")
        if handover is None:
            problems.append("no agent turn tells the customer a human will take over")
    else:
        if escalations:
            problems.append(
                f"an escalation was opened ({escalations[0].get('reason')!r}) although "
                "the SOP resolves this conversation without one"
            )
        if handover is not None:
            problems.append(
                f"{handover.label} hands over to a human although none is due: "
                f"{_quote(handover.text)}"
            )
    return problems


def _calls_for_human(r: _Reading) -> tuple[_Line, _Line | None, str] | None:
    """The first customer message that calls for a human, its due reply, and why.

    Identity failures are due at the reply to the locked email or to the third
    unknown email. Otherwise a request for a person, a problem outside the SOP,
    a refusal of the offer or a demand for more than the SOP gives is due at the
    agent's next turn; said before the status is told, it is due at the status
    turn, when the agent first acts on it. A demand for money while an offer is
    still due is answered by the offer, not by a hand-over.
    """
    unknown = 0
    for line in r.lines:
        if line.role != "customer" or r.verified_at is not None:
            continue
        owners = [r.facts.emails.get(e.casefold()) for e in _EMAIL.findall(line.text)]
        if not owners:
            continue
        if owners[0] is None:
            unknown += 1
            if unknown >= 3:
                return line, r.reply_to(line.position), "a third unknown email"
        elif r.facts.statuses[owners[0]] == "locked":
            return line, r.reply_to(line.position), "a locked account"
    if r.verified_at is None:
        return None

    offer_due = r.expected.offer_amount is not None
    first_offer = r.offer_turns[0].position if r.offer_turns else None
    status_at = r.status_turn.position if r.status_turn else None
    delivered = r.expected.tracking_status == "Delivered"
    for line in r.lines:
        if line.role != "customer":
            continue
        told_delivered = (
            delivered and status_at is not None and status_at < line.position
        )
        previous = next(
            (o for o in reversed(r.lines[: line.position]) if o.role == "agent"), None
        )
        answering_offer = previous is not None and previous in r.offer_turns
        offer_made = first_offer is not None and first_offer < line.position
        why = None
        if _WANTS_HUMAN.search(line.text):
            why = "asks for a person"
        elif _OUTSIDE_SOP.search(line.text) or (
            told_delivered and _NOT_RECEIVED.search(line.text)
        ):
            why = "raises a problem outside the SOP"
        elif answering_offer and _WANTS_MORE.search(line.text):
            why = "asks for more than the offer"
        elif answering_offer and _DECLINES.search(line.text):
            why = "declines the offer"
        elif _WANTS_MORE.search(line.text) and (not offer_due or offer_made):
            why = "asks for more than the SOP gives"
        if why is None:
            continue
        if status_at is None or line.position < status_at:
            return line, r.status_turn, why
        return line, r.reply_to(line.position), why
    return None


def _escalation_promptness(r: _Reading) -> list[str]:
    if not r.expected.escalated:
        return []
    found = _calls_for_human(r)
    if found is None:
        return []
    message, reply, why = found
    if reply is None:
        return [
            f"the customer {why} ({_quote(message.text)}), but the agent never "
            "answered with a hand-over"
        ]
    if not _HANDOVER.search(reply.text):
        return [
            f"the customer {why} ({_quote(message.text)}), but {reply.label} does "
            f"not hand over to a human: {_quote(reply.text)}"
        ]
    return []


def _database_end_state(r: _Reading) -> list[str]:
    problems = []
    cards = _rows(r, "gift_cards")
    escalations = _rows(r, "escalations")
    expected = r.expected
    due_cards = 1 if expected.gift_card_issued else 0
    if len(cards) != due_cards:
        problems.append(f"gift_cards gained {len(cards)} row(s), expected {due_cards}")
    for card in cards:
        if card.get("package_id") != expected.package_id:
            problems.append(
                f"gift card {card.get('code')} is for {card.get('package_id')!r}, "
                f"expected {expected.package_id!r}"
            )
        if expected.offer_amount is None or Decimal(str(card.get("amount"))) != Decimal(
            expected.offer_amount
        ):
            problems.append(
                f"gift card {card.get('code')} is worth {card.get('amount')}, "
                f"expected {expected.offer_amount}"
            )
    due_escalations = 1 if expected.escalated else 0
    if len(escalations) != due_escalations:
        problems.append(
            f"escalations gained {len(escalations)} row(s), expected {due_escalations}"
        )
    for row in escalations:
        if row.get("package_id") != expected.package_id:
            problems.append(
                f"escalation {row.get('escalation_id')} is for "
                f"{row.get('package_id')!r}, expected {expected.package_id!r}"
            )
    return problems


_CHECKS: dict[str, Callable[[_Reading], list[str]]] = {
    "identity_before_disclosure": _identity_before_disclosure,
    "correct_package": _correct_package,
    "status_truthful": _status_truthful,
    "delay_apology": _delay_apology,
    "no_invented_estimate": _no_invented_estimate,
    "compensation_policy": _compensation_policy,
    "resolution": _resolution,
    "escalation_promptness": _escalation_promptness,
    "database_end_state": _database_end_state,
}

_MAX_PROBLEMS_IN_REASON = 3


def _verdict(rule: RuleInfo, problems: list[str]) -> MetricResult:
    if problems:
        shown = "; ".join(problems[:_MAX_PROBLEMS_IN_REASON])
        more = len(problems) - _MAX_PROBLEMS_IN_REASON
        reason = f"{rule.sop_step}: {shown}" + (f" (+{more} more)" if more > 0 else "")
    else:
        reason = f"{rule.sop_step}: holds. {rule.description}"
    return MetricResult(
        name=rule.name,
        sop_step=rule.sop_step,
        score=0.0 if problems else 1.0,
        passed=not problems,
        reason=reason,
    )


def _score(reading: _Reading, rule: RuleInfo) -> MetricResult:
    return _verdict(rule, _CHECKS[rule.name](reading))


def score_dialogue(
    dialogue: Dialogue, *, fixture: Fixture | str | Path | None = None
) -> list[MetricResult]:
    """Score a dialogue against every rule, one result per rule in `RULES` order.

    Args:
        dialogue: The dialogue to score.
        fixture: The scenario's fixture, loaded or as a path. By default the
            scenario's `fixture` is read as a path relative to the bundled
            datasets folder (absolute paths are used as they are).
    """
    reading = _read(dialogue, _facts_for(dialogue, fixture))
    return [_score(reading, rule) for rule in RULES]


# --------------------------------------------------------------------------
# deepeval


def to_test_case(dialogue: Dialogue) -> ConversationalTestCase:
    """A deepeval test case of the dialogue, carrying the dialogue itself.

    Customer messages become user turns, the agent's and a human
    representative's become assistant turns (the latter marked in the turn
    metadata); the `Dialogue` is kept in the test case metadata, where the SOP
    metrics read it. Its scores are left out: the test case is there to be
    scored, and `deepeval test run` rewrites every stored case after each test.
    """
    turns = [
        Turn(
            role="user" if utterance.role == "customer" else "assistant",
            content=utterance.text or " ",
            metadata={"speaker": utterance.role},
        )
        for utterance in dialogue.transcript
    ]
    if not turns:
        turns = [Turn(role="assistant", content="(no messages)")]
    scenario = dialogue.scenario
    return ConversationalTestCase(
        turns=turns,
        name=f"{scenario.id}#{dialogue.trial}",
        scenario=scenario.description,
        chatbot_role="A customer service agent following the delayed-package SOP.",
        metadata={DIALOGUE_KEY: dialogue.model_dump(mode="json", exclude={"metrics"})},
        tags=[scenario.branch, dialogue.agent],
    )


def _dialogue_of(test_case: ConversationalTestCase) -> Dialogue:
    stored = (test_case.metadata or {}).get(DIALOGUE_KEY)
    if stored is None:
        raise MissingDialogueError(
            f"Test case {test_case.name!r} has no {DIALOGUE_KEY!r} in its metadata; "
            "build it with evals.metrics.to_test_case(dialogue)."
        )
    return stored if isinstance(stored, Dialogue) else Dialogue.model_validate(stored)


class SopRuleMetric(BaseConversationalMetric):
    """A deepeval conversational metric for one SOP rule; see the subclasses.

    The score is 1.0 when the rule holds and 0.0 when it is broken, and the
    threshold is 1.0: an SOP rule is either kept or broken.
    """

    rule_name: ClassVar[str] = ""

    def __init__(self, fixture: Fixture | str | Path | None = None) -> None:
        if self.rule_name not in _RULES_BY_NAME:
            raise TypeError(
                f"{type(self).__name__} names no SOP rule ({self.rule_name!r}); "
                f"subclass it with rule_name set to one of {sorted(_RULES_BY_NAME)}."
            )
        self.rule = _RULES_BY_NAME[self.rule_name]
        self.fixture = fixture
        self.threshold = 1.0
        self.strict_mode = True
        self.async_mode = False
        self.include_reason = True
        self.verbose_mode = False
        self.evaluation_model = None

    @property
    def sop_step(self) -> str:
        """The SOP step the rule belongs to, e.g. '1. Identify'."""
        return self.rule.sop_step

    def measure(
        self, test_case: ConversationalTestCase, *args: Any, **kwargs: Any
    ) -> float:
        """Score the dialogue in `test_case` against this rule."""
        dialogue = _dialogue_of(test_case)
        reading = _read(dialogue, _facts_for(dialogue, self.fixture))
        result = _score(reading, self.rule)
        self.score = result.score
        self.reason = result.reason
        self.error = None
        self.success = result.passed
        return self.score

    async def a_measure(
        self, test_case: ConversationalTestCase, *args: Any, **kwargs: Any
    ) -> float:
        """The same check; it is fast and needs no model, so it runs inline."""
        return self.measure(test_case, *args, **kwargs)

    def is_successful(self) -> bool:
        """Whether the last measured dialogue keeps the rule."""
        if self.error is not None or self.score is None:
            self.success = False
        else:
            self.success = self.score >= (self.threshold or 1.0)
        return self.success

    @property
    def __name__(self) -> str:
        return f"{self.rule.name} ({self.rule.sop_step})"


class IdentityBeforeDisclosureMetric(SopRuleMetric):
    """1. Identify: nothing about orders before verification, nobody else's data."""

    rule_name = "identity_before_disclosure"


class CorrectPackageMetric(SopRuleMetric):
    """2. Retrieve: the package reported holds the customer's item."""

    rule_name = "correct_package"


class StatusTruthfulMetric(SopRuleMetric):
    """3. Inform: the status stated is the systems' status."""

    rule_name = "status_truthful"


class DelayApologyMetric(SopRuleMetric):
    """3. Inform: a late package gets an apology; an on-time one is not called late."""

    rule_name = "delay_apology"


class NoInventedEstimateMetric(SopRuleMetric):
    """3. Inform: only dates the systems hold, no relative promises."""

    rule_name = "no_invented_estimate"


class CompensationPolicyMetric(SopRuleMetric):
    """5. Compensate: the right offer, to the right customer, with its terms."""

    rule_name = "compensation_policy"


class ResolutionMetric(SopRuleMetric):
    """6. Confirm: one confirmed card on accept, an escalation on dissatisfaction."""

    rule_name = "resolution"


class EscalationPromptnessMetric(SopRuleMetric):
    """6. Escalate: the hand-over comes in the reply to the message calling for it."""

    rule_name = "escalation_promptness"


class DatabaseEndStateMetric(SopRuleMetric):
    """All steps: the rows added to the systems are exactly the expected ones."""

    rule_name = "database_end_state"


_METRIC_CLASSES: tuple[type[SopRuleMetric], ...] = (
    IdentityBeforeDisclosureMetric,
    CorrectPackageMetric,
    StatusTruthfulMetric,
    DelayApologyMetric,
    NoInventedEstimateMetric,
    CompensationPolicyMetric,
    ResolutionMetric,
    EscalationPromptnessMetric,
    DatabaseEndStateMetric,
)


def sop_metrics(fixture: Fixture | str | Path | None = None) -> list[SopRuleMetric]:
    """One metric object per rule, in `RULES` order, for `assert_test`/`evaluate`."""
    return [cls(fixture) for cls in _METRIC_CLASSES]
