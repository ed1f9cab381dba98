"""The demo database: a per-user copy of the bundled fixture, kept current."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from platformdirs import user_data_dir

from tools._database import seed_database, seeded_at

__all__ = ["APP_NAME", "BUNDLED_FIXTURE", "data_dir", "demo_db_path"]

logger = logging.getLogger(__name__)

APP_NAME = "delayed-package-agent"

BUNDLED_FIXTURE = (
    Path(__file__).resolve().parents[1] / "datasets" / "internal_systems.json"
)
"""The fixture shipped with the project; it covers every path of the procedure."""

_seeding = threading.Lock()


def data_dir() -> Path:
    """The per-user folder for the demo database and other local state.

    `DPA_DATA_DIR` overrides the platform's default; the folder is created.
    """
    configured = os.environ.get("DPA_DATA_DIR") or user_data_dir(APP_NAME)
    folder = Path(configured).expanduser().resolve()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def demo_db_path() -> Path:
    """The demo database, seeded from `BUNDLED_FIXTURE` when needed.

    It lives in `data_dir()` and is seeded on first use, and again whenever
    the fixture file is newer than the last seeding, which also clears its
    gift cards and escalations.

    Raises:
        FixtureError: The bundled fixture is missing or invalid.
    """
    path = data_dir() / "demo.sqlite"
    with _seeding:
        last_seeded = seeded_at(path)
        if last_seeded is None or _fixture_mtime() > last_seeded:
            logger.info("Seeding the demo database %s from %s", path, BUNDLED_FIXTURE)
            seed_database(BUNDLED_FIXTURE, path)
    return path


def _fixture_mtime() -> float:
    try:
        return BUNDLED_FIXTURE.stat().st_mtime
    except FileNotFoundError:
        return 0.0
