"""What the chat-backend tests share: the demo conversation and settings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dpa.server import ServerSettings

WHERE = "Where is my package?"
EMAIL = "ada@example.com"
URGENT = "This is for my daughter's birthday tomorrow and I'm furious it's late!"
DECLINE = "No, that's not good enough"


def offline_settings(db_path: Path, folder: Path) -> ServerSettings:
    """Settings for a backend on the given systems, offline, on the demo date."""
    return ServerSettings(
        db_path=db_path,
        checkpoint_db=folder / "checkpoints.sqlite",
        today=date(2026, 12, 1),
        model="offline",
    )
