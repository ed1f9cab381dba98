"""An index of the backend's conversations, kept beside the checkpoints.

The checkpointer holds each conversation's state; this table only records
which thread ids exist and which are waiting for a human, so that unknown ids
get a 404 and the escalation queue is one query rather than a scan of every
checkpoint. It shares the checkpointer's connection and lock.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime

import aiosqlite

__all__ = ["ThreadRecord", "ThreadRegistry"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS dpa_threads (
    thread_id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active',
    awaiting_human INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS dpa_threads_awaiting
    ON dpa_threads (awaiting_human, updated_at);
"""


@dataclass(frozen=True)
class ThreadRecord:
    """What the index knows about one conversation."""

    thread_id: str
    created_at: str
    updated_at: str
    """When the status last changed (ISO 8601, UTC)."""
    status: str
    awaiting_human: bool


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class ThreadRegistry:
    """Thread ids the backend created, with their latest status."""

    def __init__(self, conn: aiosqlite.Connection, lock: asyncio.Lock) -> None:
        self._conn = conn
        self._lock = lock

    async def setup(self) -> None:
        """Create the table if this checkpoint database does not have it yet."""
        async with self._lock:
            await self._conn.executescript(_SCHEMA)
            await self._conn.commit()

    async def add(self, thread_id: str) -> None:
        """Record a new conversation."""
        now = _now()
        async with self._lock:
            await self._conn.execute(
                "INSERT INTO dpa_threads (thread_id, created_at, updated_at) "
                "VALUES (?, ?, ?)",
                (thread_id, now, now),
            )
            await self._conn.commit()

    async def get(self, thread_id: str) -> ThreadRecord | None:
        """The record of `thread_id`, or None if the backend never created it."""
        async with self._lock:
            rows = await self._conn.execute_fetchall(
                "SELECT thread_id, created_at, updated_at, status, awaiting_human "
                "FROM dpa_threads WHERE thread_id = ?",
                (thread_id,),
            )
        return next((_record(row) for row in rows), None)

    async def update(self, thread_id: str, status: str, awaiting_human: bool) -> None:
        """Store a conversation's new status; `updated_at` marks the change."""
        async with self._lock:
            await self._conn.execute(
                "UPDATE dpa_threads SET status = ?, awaiting_human = ?, "
                "updated_at = ? WHERE thread_id = ?",
                (status, int(awaiting_human), _now(), thread_id),
            )
            await self._conn.commit()

    async def awaiting_human(self) -> list[ThreadRecord]:
        """Conversations waiting for a human, longest-waiting first."""
        async with self._lock:
            rows = await self._conn.execute_fetchall(
                "SELECT thread_id, created_at, updated_at, status, awaiting_human "
                "FROM dpa_threads WHERE awaiting_human = 1 "
                "ORDER BY updated_at, thread_id"
            )
        return [_record(row) for row in rows]


def _record(row: tuple | aiosqlite.Row) -> ThreadRecord:
    thread_id, created_at, updated_at, status, awaiting = tuple(row)
    return ThreadRecord(
        thread_id=thread_id,
        created_at=created_at,
        updated_at=updated_at,
        status=status,
        awaiting_human=bool(awaiting),
    )
