"""Reading a fixture, and saying precisely why one is rejected."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tools._records import Fixture, RuleViolations, cross_record_problems
from tools.errors import FixtureError

__all__ = ["load_fixture", "parse_fixture"]


def load_fixture(path: str | Path) -> Fixture:
    """Read and validate a JSON fixture file.

    Raises:
        FixtureError: The file is missing or unreadable, is not JSON, or breaks
            a fixture rule; the message lists every problem with its location.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FixtureError(
            f"Fixture file {str(path)!r} does not exist; pass the path of a JSON "
            "fixture such as datasets/internal_systems.json."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FixtureError(
            f"Cannot read fixture file {str(path)!r}: {exc}; check that it is a "
            "readable UTF-8 text file."
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FixtureError(
            f"Fixture file {str(path)!r} is not valid JSON: {exc.msg} at line "
            f"{exc.lineno}, column {exc.colno}."
        ) from None
    return parse_fixture(data, source=str(path))


def parse_fixture(data: object, source: str = "The fixture") -> Fixture:
    """Validate fixture data already parsed from JSON.

    Field errors and errors spanning records are reported together, so one
    run shows everything there is to fix.

    Raises:
        FixtureError: The data breaks a fixture rule.
    """
    try:
        return Fixture.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        problems = [line for error in errors for line in _describe(error)]
        if not any(_rule_violations(error) for error in errors):
            problems += cross_record_problems(data)
    count = len(problems)
    raise FixtureError(
        f"{source} is not a valid fixture; fix these {count} problem(s):\n"
        + "\n".join(f"  {problem}" for problem in problems),
        problems,
    )


def _rule_violations(error: Any) -> RuleViolations | None:
    cause = error.get("ctx", {}).get("error")
    return cause if isinstance(cause, RuleViolations) else None


def _location(loc: tuple[int | str, ...]) -> str:
    """Render ('orders', 0, 'placed_on') as 'orders[0].placed_on'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "fixture"


def _describe(error: Any) -> list[str]:
    """Turn one Pydantic error into 'location: message' lines."""
    violations = _rule_violations(error)
    if violations is not None:
        return list(violations.problems)
    where = _location(error["loc"])
    kind = error["type"]
    if kind == "value_error":
        message = str(error["ctx"]["error"])
    elif kind == "missing":
        message = "is required"
    elif kind == "extra_forbidden":
        message = "is not a known key; remove it or correct its spelling"
    else:
        message = error["msg"][:1].lower() + error["msg"][1:]
        value = error.get("input")
        if not isinstance(value, dict | list):
            message += f", got {value!r}"
    return [f"{where}: {message}"]
