"""The SQLite file behind the internal systems: its tables, and seeding it."""

from __future__ import annotations

import logging
import sqlite3
import time
from datetime import date
from pathlib import Path
from typing import Literal

from tools._fixture import load_fixture, parse_fixture
from tools._records import Fixture
from tools.errors import SystemsError

__all__ = [
    "RECORD_TABLES",
    "missing_tables",
    "open_database",
    "seed_database",
    "seeded_at",
]

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_SECONDS = 10.0

RECORD_TABLES = (
    "customers",
    "orders",
    "packages",
    "items",
    "gift_cards",
    "escalations",
)
"""The tables of the systems, parents first; seeding reports a count for each."""

_METADATA_TABLE = "metadata"

_CREATE_STATEMENTS = (
    """CREATE TABLE customers (
        customer_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        email_key TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('active', 'locked'))
    )""",
    """CREATE TABLE orders (
        order_id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL REFERENCES customers (customer_id),
        placed_on TEXT NOT NULL
    )""",
    """CREATE TABLE packages (
        package_id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders (order_id),
        position INTEGER NOT NULL,
        carrier TEXT NOT NULL,
        tracking_number TEXT NOT NULL,
        shipping_cost TEXT NOT NULL,
        promised_date TEXT NOT NULL,
        tracking_status TEXT NOT NULL,
        estimated_delivery TEXT,
        delivered_on TEXT
    )""",
    """CREATE TABLE items (
        item_number TEXT NOT NULL,
        name TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        package_id TEXT NOT NULL REFERENCES packages (package_id),
        position INTEGER NOT NULL,
        UNIQUE (package_id, item_number)
    )""",
    """CREATE TABLE gift_cards (
        code TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL REFERENCES customers (customer_id),
        package_id TEXT NOT NULL UNIQUE REFERENCES packages (package_id),
        amount TEXT NOT NULL,
        issued_at TEXT NOT NULL
    )""",
    """CREATE TABLE escalations (
        seq INTEGER PRIMARY KEY,
        escalation_id TEXT NOT NULL UNIQUE,
        customer_id TEXT REFERENCES customers (customer_id),
        package_id TEXT REFERENCES packages (package_id),
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    f"""CREATE TABLE {_METADATA_TABLE} (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
)


def open_database(
    path: Path, mode: Literal["ro", "rw", "rwc"] = "rw"
) -> sqlite3.Connection:
    """Open `path` in autocommit mode, shareable between threads.

    Transactions are begun explicitly by the caller. `mode` 'rwc' creates a
    missing file; 'ro' and 'rw' fail on one instead of creating it.
    """
    connection = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode={mode}",
        uri=True,
        timeout=BUSY_TIMEOUT_SECONDS,
        isolation_level=None,
        check_same_thread=False,
    )
    connection.row_factory = sqlite3.Row
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA synchronous = NORMAL")
        if mode != "ro":
            connection.execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def missing_tables(connection: sqlite3.Connection) -> list[str]:
    """The tables of the systems that the database does not have."""
    present = {
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table'"
        )
    }
    return [name for name in RECORD_TABLES if name not in present]


def seeded_at(path: Path) -> float | None:
    """When `path` was last seeded (seconds since the epoch), or None if never."""
    if not path.is_file():
        return None
    try:
        connection = open_database(path, mode="ro")
    except sqlite3.Error:
        return None
    try:
        if missing_tables(connection):
            return None
        row = connection.execute(
            f"SELECT value FROM {_METADATA_TABLE} WHERE key = 'seeded_at'"
        ).fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return float(row[0]) if row else None


def seed_database(fixture: Fixture | str | Path, db_path: str | Path) -> dict[str, int]:
    """Replace the contents of the database at `db_path` with a fixture.

    The fixture is validated first; a rejected fixture leaves the database as
    it was. Tables are dropped, recreated and filled in one transaction, in
    place, so connections already open on the file stay usable.

    Args:
        fixture: A `Fixture`, or the path of a JSON fixture file.
        db_path: The SQLite file; it and its folder are created if missing.

    Returns:
        The number of rows in each table, e.g. {'customers': 10, ...}.

    Raises:
        FixtureError: The fixture is missing or invalid.
        SystemsError: `db_path` is a file that is not a SQLite database.
    """
    if isinstance(fixture, Fixture):
        fixture = parse_fixture(fixture.model_dump())
    else:
        fixture = load_fixture(fixture)

    path = Path(db_path).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        connection = open_database(path, mode="rwc")
    except sqlite3.DatabaseError as exc:
        raise SystemsError(
            f"Cannot seed {path}: it is not a SQLite database ({exc}); choose "
            "another path or remove the file."
        ) from None
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            _recreate_tables(connection)
            _insert(connection, fixture)
            counts = {
                table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in RECORD_TABLES
            }
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    finally:
        connection.close()
    logger.info("Seeded %s: %s", path, counts)
    return counts


def _recreate_tables(connection: sqlite3.Connection) -> None:
    """Drop children before parents so foreign keys never dangle, then create."""
    for table in (_METADATA_TABLE, *reversed(RECORD_TABLES)):
        connection.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in _CREATE_STATEMENTS:
        connection.execute(statement)


def _insert(connection: sqlite3.Connection, fixture: Fixture) -> None:
    connection.executemany(
        "INSERT INTO customers VALUES (?, ?, ?, ?, ?)",
        [
            (c.customer_id, c.name, c.email, c.email.casefold(), c.status)
            for c in fixture.customers
        ],
    )
    for order in fixture.orders:
        connection.execute(
            "INSERT INTO orders VALUES (?, ?, ?)",
            (order.order_id, order.customer_id, order.placed_on.isoformat()),
        )
        for position, package in enumerate(order.packages):
            connection.execute(
                "INSERT INTO packages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    package.package_id,
                    order.order_id,
                    position,
                    package.carrier,
                    package.tracking_number,
                    str(package.shipping_cost),
                    package.promised_date.isoformat(),
                    package.tracking_status,
                    _iso_or_none(package.estimated_delivery),
                    _iso_or_none(package.delivered_on),
                ),
            )
            connection.executemany(
                "INSERT INTO items VALUES (?, ?, ?, ?, ?)",
                [
                    (i.item_number, i.name, i.quantity, package.package_id, n)
                    for n, i in enumerate(package.items)
                ],
            )
    connection.execute(
        f"INSERT INTO {_METADATA_TABLE} VALUES ('seeded_at', ?)", (repr(time.time()),)
    )


def _iso_or_none(value: date | None) -> str | None:
    return None if value is None else value.isoformat()
