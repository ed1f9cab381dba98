"""Generating synthetic scenarios: a reproducible matrix over the SOP's branches.

Candidates are drawn at random (from a seed) over the fixture's packages, the
day the agent runs on, the customer's temperament, occasion, identity
mistakes, reaction to an offer and adversarial behaviour; every candidate is
labelled by the oracle. A greedy pass first picks candidates until every
branch and every feature value is covered, then fills the count by taking
branches in turn, so no branch is starved.
"""

from __future__ import annotations

import json
import os
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from evals.oracle import customer_packages, walk
from evals.scenario import Persona, Scenario
from tools import Customer, Fixture, ShippedPackage, load_fixture

__all__ = ["OCCASIONS", "generate_scenarios", "write_scenarios"]

OCCASIONS = (
    "birthday",
    "wedding",
    "anniversary",
    "graduation",
    "Christmas",
    "baby shower",
    "housewarming",
)
"""Occasions a persona may have; each one the offline model recognises."""

_MAX_TURNS = 12
_POOL_FACTOR = 12
_MIN_POOL = 1500
_TEMPERS = (
    ("calm", False),
    ("calm", True),
    ("frustrated", False),
    ("frustrated", True),
)
_OFFER_ADVERSARIES = {"more_money": "ask_more", "repeat_accept": "accept"}
"""Adversaries that act on an offer, and the reaction they amount to."""
_REACTIONS = ("accept", "decline", "ask_human", "ask_more")
_ADVERSARIAL = ("injection", "other_email", "more_money", "repeat_accept")


@dataclass(frozen=True)
class _Candidate:
    scenario: Scenario
    group: str
    features: frozenset[str]


def _wrong_emails(customer: Customer, taken: set[str], count: int) -> list[str]:
    """Plausible mistakes for a customer's email that no account uses."""
    local, domain = customer.email.split("@")
    first, *rest = customer.name.lower().split()
    variants = [
        f"{first}.{rest[-1] if rest else 'x'}@{domain}",
        f"{local}@{domain.replace('.com', '.org')}",
        f"{local}{len(local)}@{domain}",
        f"{local}@{domain.replace('example', 'exmaple')}",
        f"{local[:-1]}@{domain}",
    ]
    unused = [v for v in variants if v.casefold() not in taken]
    return unused[:count]


def _day(
    package: ShippedPackage, relation: str, rng: random.Random, placed: date
) -> date | None:
    """A day standing in `relation` to the promised date, or None if impossible."""
    promised = package.promised_date
    earliest = max(placed + timedelta(days=1), package.delivered_on or placed)
    if relation == "on":
        return promised if promised >= earliest else None
    if relation == "after":
        return max(promised + timedelta(days=rng.randint(1, 5)), earliest)
    latest = promised - timedelta(days=1)
    if latest < earliest:
        return None
    span = (latest - earliest).days
    return latest - timedelta(days=rng.randint(0, min(span, 3)))


def _item_said(
    packages: list[ShippedPackage], number: str, name: str, rng: random.Random
) -> tuple[str, str]:
    """How the customer names the item: by number, or by a name only it has."""
    names = [i.name.casefold() for p in packages for i in p.items]
    unique = names.count(name.casefold()) == 1 and not any(
        other != name.casefold() and name.casefold() in other for other in names
    )
    if unique and rng.random() < 0.5:
        return f"the {name.lower()}", "item_by_name"
    return number, "item_by_number"


def _candidate(fixture: Fixture, rng: random.Random) -> _Candidate | None:
    customer = rng.choice(fixture.customers)
    packages = customer_packages(fixture, customer.customer_id)
    package = rng.choice(packages)
    item = rng.choice(package.items)
    placed = next(o.placed_on for o in fixture.orders if o.order_id == package.order_id)
    taken = {c.email.casefold() for c in fixture.customers}
    misses = rng.choices((0, 1, 2, 3), weights=(14, 3, 3, 2))[0]
    adversarial = None
    if customer.status == "active" and misses < 3 and rng.random() < 0.3:
        adversarial = rng.choice(_ADVERSARIAL)
    temperament, has_occasion = rng.choice(_TEMPERS)
    relation = rng.choice(("before", "on", "after"))
    reaction = rng.choice(_REACTIONS)
    if adversarial in _OFFER_ADVERSARIES:
        # Mostly where an offer is made, since that is where they act.
        reaction = _OFFER_ADVERSARIES[adversarial]
        if rng.random() < 0.8:
            temperament, has_occasion, relation = "frustrated", True, "after"
    today = _day(package, relation, rng, placed)
    if today is None:
        return None
    said, item_mode = _item_said(packages, item.item_number, item.name, rng)

    wrong = _wrong_emails(customer, taken, misses)
    email = customer.email
    if misses == 3 and rng.random() < 0.5:
        wrong, email = wrong[:2], wrong[2]
    persona = Persona(
        name=customer.name.split()[0],
        email=email,
        wrong_emails=wrong,
        item=said,
        item_number=item.item_number,
        temperament=temperament,  # type: ignore[arg-type]
        occasion=rng.choice(OCCASIONS) if has_occasion else None,
        offer_reaction=reaction,  # type: ignore[arg-type]
        adversarial=adversarial,  # type: ignore[arg-type]
        style_seed=rng.randint(0, 999_999),
    )
    try:
        path = walk(fixture, persona, today)
    except ValueError:
        return None

    features = {
        f"temper:{temperament}:{'occasion' if has_occasion else 'plain'}",
        f"identity_misses:{misses}",
        f"customer:{customer.status}",
    }
    if path.package is not None:
        features |= {
            f"status:{package.tracking_status}",
            f"promised:{relation}",
            f"estimate:{'yes' if package.estimated_delivery else 'no'}",
            f"packages:{'multi' if len(packages) > 1 else 'single'}",
        }
        if len(packages) > 1:
            features.add(item_mode)
    if path.offered:
        features.add(f"reaction:{persona.offer_reaction}")
    if adversarial:
        features.add(f"adversarial:{adversarial}")
    features.add(f"branch:{path.branch}")

    scenario = Scenario(
        id="",
        description=_describe(customer, package, persona, relation, path.branch),
        fixture="",
        today=today,
        persona=persona,
        max_turns=_MAX_TURNS,
        branch=path.branch,
        expected=path.expected,
    )
    group = adversarial or path.branch
    return _Candidate(scenario, group, frozenset(features))


def _describe(
    customer: Customer,
    package: ShippedPackage,
    persona: Persona,
    relation: str,
    branch: str,
) -> str:
    mood = persona.temperament + (f", {persona.occasion}" if persona.occasion else "")
    wrong = len(persona.wrong_emails)
    misses = f", {wrong} wrong email(s)" if wrong else ""
    return (
        f"{branch}: {customer.name} ({customer.status}{misses}), {package.package_id} "
        f"'{package.tracking_status}' {relation} its promised date, asks about "
        f"{persona.item!r}; {mood}"
        + (f"; {persona.adversarial}" if persona.adversarial else "")
    )


def generate_scenarios(
    count: int, seed: int, fixture_path: str | Path
) -> list[Scenario]:
    """Generate `count` scenarios covering every branch, reproducibly for `seed`.

    The scenarios' `fixture` is `fixture_path` as given; `write_scenarios`
    rewrites it relative to the file written.

    Raises:
        ValueError: `count` is not positive.
        FixtureError: The fixture is missing or invalid.
    """
    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}.")
    fixture = load_fixture(fixture_path)
    rng = random.Random(seed)
    pool: list[_Candidate] = []
    for _ in range(max(_MIN_POOL, count * _POOL_FACTOR)):
        candidate = _candidate(fixture, rng)
        if candidate is not None:
            pool.append(candidate)

    chosen = _cover(pool, count)
    chosen += _fill(pool, chosen, count - len(chosen), rng)
    return _number(chosen, str(fixture_path))


def _cover(pool: list[_Candidate], count: int) -> list[_Candidate]:
    """Greedily pick candidates until every feature value in the pool is covered."""
    uncovered = set().union(*(c.features for c in pool)) if pool else set()
    chosen: list[_Candidate] = []
    while uncovered and len(chosen) < count:
        best = max(pool, key=lambda c: len(c.features & uncovered))
        chosen.append(best)
        uncovered -= best.features
    return chosen


def _fill(
    pool: list[_Candidate], chosen: list[_Candidate], wanted: int, rng: random.Random
) -> list[_Candidate]:
    """Take candidates group by group in turn, so every branch gets its share."""
    used = {id(c) for c in chosen}
    groups: dict[str, list[_Candidate]] = defaultdict(list)
    for candidate in pool:
        if id(candidate) not in used:
            groups[candidate.group].append(candidate)
    order = sorted(groups)
    picked: list[_Candidate] = []
    while len(picked) < wanted and any(groups.values()):
        for name in order:
            if groups[name] and len(picked) < wanted:
                picked.append(groups[name].pop(rng.randrange(len(groups[name]))))
    return picked


def _number(chosen: list[_Candidate], fixture: str) -> list[Scenario]:
    counters: dict[str, int] = defaultdict(int)
    scenarios = []
    for candidate in chosen:
        branch = candidate.scenario.branch
        counters[branch] += 1
        scenarios.append(
            candidate.scenario.model_copy(
                update={"id": f"{branch}-{counters[branch]:03d}", "fixture": fixture}
            )
        )
    return scenarios


def write_scenarios(
    scenarios: list[Scenario], out_file: str | Path, fixture_path: str | Path
) -> Path:
    """Write scenarios as JSONL, their fixture path relative to `out_file`."""
    out = Path(out_file)
    out.parent.mkdir(parents=True, exist_ok=True)
    relative = os.path.relpath(Path(fixture_path).resolve(), out.resolve().parent)
    with out.open("w", encoding="utf-8") as handle:
        for scenario in scenarios:
            record = scenario.model_copy(update={"fixture": relative})
            handle.write(json.dumps(record.model_dump(mode="json")) + "\n")
    return out
