"""Shared fixtures: a fresh internal-systems database and an agent to talk to."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from graph.context import Context
from graph.conversation import Conversation
from graph.graph import build_graph
from tools import BUNDLED_FIXTURE, InternalSystems, connect, seed_database

DEMO_TODAY = "2026-12-01"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database seeded from the bundled fixture."""
    path = tmp_path / "systems.sqlite"
    seed_database(BUNDLED_FIXTURE, path)
    return path


@pytest.fixture
def systems(db_path: Path) -> InternalSystems:
    """The internal systems over the fresh database."""
    return connect(db_path)


@pytest.fixture
def chat(db_path: Path) -> Callable[..., Conversation]:
    """Start a conversation with the offline agent on the fresh database."""
    app = build_graph().compile(checkpointer=InMemorySaver())

    def start(today: str = DEMO_TODAY, **overrides: Callable) -> Conversation:
        context = Context(model="offline", db_path=str(db_path), today=today)
        if overrides:
            custom = build_graph(overrides=overrides).compile(
                checkpointer=InMemorySaver()
            )
            return Conversation(custom, context)
        return Conversation(app, context)

    return start
