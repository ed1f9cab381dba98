"""Run-time configuration of the agent, passed as LangGraph's context."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

__all__ = ["Context"]


def _env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name) or default


def _default_db_path() -> str:
    explicit = _env("DPA_DB")
    if explicit:
        return explicit
    from tools import demo_db_path

    return str(demo_db_path())


@dataclass(kw_only=True)
class Context:
    """What one run of the agent is configured with.

    Defaults come from the environment (`DPA_MODEL`, `DPA_DB`, `DPA_TODAY`) so
    that Studio, the CLI and the chat backend share one set of settings.
    """

    model: str = field(
        default_factory=lambda: _env("DPA_MODEL", "offline") or "offline",
        metadata={
            "description": "Model backend: 'offline' (built in, no network) or "
            "'openai:<model>' for any OpenAI-compatible endpoint."
        },
    )
    db_path: str = field(
        default_factory=_default_db_path,
        metadata={
            "description": "SQLite file of the internal systems. Defaults to "
            "DPA_DB, else a demo database seeded from the bundled fixture."
        },
    )
    today: str | None = field(
        default_factory=lambda: _env("DPA_TODAY"),
        metadata={
            "description": "Today's date as YYYY-MM-DD, for reproducible runs. "
            "Empty means the real date."
        },
    )

    def __post_init__(self) -> None:
        if self.today:
            try:
                date.fromisoformat(self.today)
            except ValueError:
                raise ValueError(
                    f"today={self.today!r} is not a date; use YYYY-MM-DD, "
                    "e.g. 2026-12-01, or leave it empty for the real date."
                ) from None
        if not self.model:
            raise ValueError("model is empty; use 'offline' or 'openai:<model>'.")

    def current_date(self) -> date:
        """The date the agent treats as today."""
        return date.fromisoformat(self.today) if self.today else date.today()
