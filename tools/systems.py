"""The internal systems the agent works with: customers, orders, compensation.

One `InternalSystems` object serves one SQLite file and may be shared by
threads. Every public method is tagged `read` or `write`, so callers (and
tool wrappers) can tell which ones change the database.
"""

from __future__ import annotations

import logging
import os
import secrets
import sqlite3
import string
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from tools._database import missing_tables, open_database
from tools._matching import package_for_item
from tools._records import (
    Customer,
    Escalation,
    GiftCard,
    Order,
    ShippedPackage,
    Tracking,
)
from tools.errors import (
    DatabaseNotFoundError,
    PackageNotOwnedError,
    SystemsError,
    UnknownCustomerError,
    UnknownPackageError,
)
from tools.policy import compensation_amount

__all__ = ["Access", "InternalSystems", "access_of", "connect", "read", "write"]

logger = logging.getLogger(__name__)

Access = Literal["read", "write"]
F = TypeVar("F", bound=Callable[..., Any])

_CODE_ALPHABET = string.ascii_uppercase + string.digits
_CODE_ATTEMPTS = 5

_PACKAGES_QUERY = """
SELECT p.package_id, p.order_id, p.carrier, p.tracking_number,
       p.shipping_cost, p.promised_date, p.tracking_status,
       p.estimated_delivery, p.delivered_on
FROM packages AS p JOIN orders AS o USING (order_id)
WHERE {where}
ORDER BY o.placed_on, o.order_id, p.position
"""


def read(method: F) -> F:
    """Tag a method as one that only reads the systems."""
    method.access = "read"  # type: ignore[attr-defined]
    return method


def write(method: F) -> F:
    """Tag a method as one that changes the systems."""
    method.access = "write"  # type: ignore[attr-defined]
    return method


def access_of(method: Callable[..., Any]) -> Access | None:
    """'read' or 'write' for a tagged method, None for anything else."""
    return getattr(method, "access", None)


def _new_card_code() -> str:
    """A random code such as 'GC-7K2Q-M9XD'."""
    groups = (
        "".join(secrets.choice(_CODE_ALPHABET) for _ in range(4)) for _ in range(2)
    )
    return "GC-" + "-".join(groups)


def _seed_hint(path: Path) -> str:
    return f"run `dpa db seed --fixture FILE --db {path}` to create it"


class InternalSystems:
    """Customers, orders, packages, gift cards and escalations in one database.

    Prefer `connect(path)`, which returns the one shared object per file.
    """

    def __init__(self, db_path: str | Path) -> None:
        """Open the seeded database at `db_path`.

        Raises:
            DatabaseNotFoundError: The file does not exist or was never seeded.
        """
        self.path = Path(db_path).expanduser().resolve()
        if not self.path.is_file():
            raise DatabaseNotFoundError(
                f"No database at {self.path}; {_seed_hint(self.path)}."
            )
        try:
            connection = open_database(self.path, mode="rw")
        except sqlite3.DatabaseError as exc:
            raise DatabaseNotFoundError(
                f"{self.path} is not a usable SQLite database ({exc}); "
                f"{_seed_hint(self.path)}."
            ) from None
        missing = missing_tables(connection)
        if missing:
            connection.close()
            raise DatabaseNotFoundError(
                f"{self.path} has not been seeded (missing tables: "
                f"{', '.join(missing)}); {_seed_hint(self.path)}."
            )
        self._connection: sqlite3.Connection | None = connection
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        return f"InternalSystems({str(self.path)!r})"

    @property
    def closed(self) -> bool:
        """Whether `close()` was called."""
        return self._connection is None

    def close(self) -> None:
        """Close the database connection; `connect()` will open a new one."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
        _forget(self)

    @contextmanager
    def _transaction(self, access: Access) -> Iterator[sqlite3.Connection]:
        """Run a block in one transaction, taking the write lock up front."""
        with self._lock:
            if self._connection is None:
                raise SystemsError(
                    f"{self!r} is closed; call tools.connect({str(self.path)!r}) "
                    "for an open one."
                )
            connection = self._connection
            connection.execute("BEGIN IMMEDIATE" if access == "write" else "BEGIN")
            try:
                yield connection
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    @read
    def find_customer(self, email: str) -> Customer | None:
        """Find the customer who owns an email address.

        Surrounding spaces and letter case are ignored: ' Ada@Example.COM '
        finds the customer registered as 'ada@example.com'.

        Args:
            email: The email address the customer gave, e.g. 'ada@example.com'.

        Returns:
            The customer (customer_id such as 'C-1001', name, email, status
            'active' or 'locked'); nothing when no customer has this email.
        """
        with self._transaction("read") as db:
            row = db.execute(
                "SELECT customer_id, name, email, status FROM customers "
                "WHERE email_key = ?",
                (email.strip().casefold(),),
            ).fetchone()
        return Customer.model_validate(dict(row)) if row else None

    @read
    def get_customer(self, customer_id: str) -> Customer:
        """Get a customer by id.

        Args:
            customer_id: The customer's id, e.g. 'C-1001'.

        Returns:
            The customer: customer_id, name, email, status ('active'/'locked').

        Raises:
            UnknownCustomerError: No customer has this id.
        """
        with self._transaction("read") as db:
            return self._customer(db, customer_id)

    @read
    def list_orders(self, customer_id: str) -> list[Order]:
        """List a customer's orders, oldest first, with packages and items.

        Args:
            customer_id: The customer's id, e.g. 'C-1001'.

        Returns:
            Orders (order_id such as 'O-5001', placed_on 'YYYY-MM-DD'), each
            with its packages, their tracking and items.

        Raises:
            UnknownCustomerError: No customer has this id.
        """
        with self._transaction("read") as db:
            self._customer(db, customer_id)
            orders = db.execute(
                "SELECT order_id, customer_id, placed_on FROM orders "
                "WHERE customer_id = ? ORDER BY placed_on, order_id",
                (customer_id,),
            ).fetchall()
            packages = self._package_rows(db, "o.customer_id = ?", (customer_id,))
        by_order: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for package in packages:
            by_order[package.pop("order_id")].append(package)
        return [
            Order.model_validate(
                {**dict(order), "packages": by_order[order["order_id"]]}
            )
            for order in orders
        ]

    @read
    def list_packages(self, customer_id: str) -> list[ShippedPackage]:
        """List every package of every order of a customer, oldest order first.

        Args:
            customer_id: The customer's id, e.g. 'C-1001'.

        Returns:
            Packages with package_id (e.g. 'PKG-1'), order_id, carrier,
            tracking_number, shipping_cost (e.g. '12.50'), promised_date,
            tracking_status, estimated_delivery, delivered_on and items
            (item_number such as '100234', name, quantity).

        Raises:
            UnknownCustomerError: No customer has this id.
        """
        with self._transaction("read") as db:
            self._customer(db, customer_id)
            rows = self._package_rows(db, "o.customer_id = ?", (customer_id,))
        return [ShippedPackage.model_validate(row) for row in rows]

    @read
    def find_package_for_item(
        self, customer_id: str, item: str
    ) -> ShippedPackage | None:
        """Find the customer's package that holds an item.

        The item may be given by number ('100234' or '#100234', exact) or by
        name, ignoring case ('ceramic vase', or a phrase containing it such as
        'my ceramic vase').

        Args:
            customer_id: The customer's id, e.g. 'C-1001'.
            item: The item number or the item's name, as the customer gave it.

        Returns:
            The package (as in list_packages); nothing when no item matches or
            the name matches items in several packages: then ask the customer
            for the item number.

        Raises:
            UnknownCustomerError: No customer has this id.
        """
        return package_for_item(self.list_packages(customer_id), item)

    @read
    def get_package(self, package_id: str) -> ShippedPackage:
        """Get a package with its order id, tracking fields and items.

        Args:
            package_id: The package's id, e.g. 'PKG-1'.

        Returns:
            The package, with the same fields as in list_packages.

        Raises:
            UnknownPackageError: No package has this id.
        """
        with self._transaction("read") as db:
            return ShippedPackage.model_validate(self._package_row(db, package_id))

    @read
    def get_tracking(self, package_id: str) -> Tracking:
        """Get the carrier's tracking of a package.

        Args:
            package_id: The package's id, e.g. 'PKG-1'.

        Returns:
            package_id, carrier, tracking_number, status (one of 'Label
            Created', 'In Transit', 'Out for Delivery', 'Delivered',
            'Exception'), promised_date, estimated_delivery (or null) and
            delivered_on (or null), dates as 'YYYY-MM-DD'.

        Raises:
            UnknownPackageError: No package has this id.
        """
        with self._transaction("read") as db:
            row = self._package_row(db, package_id)
        return Tracking(
            package_id=row["package_id"],
            carrier=row["carrier"],
            tracking_number=row["tracking_number"],
            status=row["tracking_status"],
            promised_date=row["promised_date"],
            estimated_delivery=row["estimated_delivery"],
            delivered_on=row["delivered_on"],
        )

    @write
    def issue_gift_card(self, customer_id: str, package_id: str) -> GiftCard:
        """Issue the gift card compensating a delayed package.

        The amount is the package's shipping cost, set by policy. A package
        gets at most one card: asking again returns the card already issued.

        Args:
            customer_id: The customer's id, e.g. 'C-1001'.
            package_id: One of this customer's packages, e.g. 'PKG-1'.

        Returns:
            The card: code (e.g. 'GC-7K2Q-M9XD'), customer_id, package_id,
            amount (e.g. '12.50') and issued_at.

        Raises:
            UnknownCustomerError: No customer has this id.
            UnknownPackageError: No package has this id.
            PackageNotOwnedError: The package belongs to another customer.
        """
        with self._transaction("write") as db:
            package = self._owned_package(db, customer_id, package_id)
            amount = compensation_amount(package)
            for _ in range(_CODE_ATTEMPTS):
                inserted = db.execute(
                    "INSERT OR IGNORE INTO gift_cards "
                    "(code, customer_id, package_id, amount, issued_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (
                        _new_card_code(),
                        customer_id,
                        package_id,
                        str(amount),
                        datetime.now(UTC).isoformat(),
                    ),
                ).rowcount
                row = db.execute(
                    "SELECT code, customer_id, package_id, amount, issued_at "
                    "FROM gift_cards WHERE package_id = ?",
                    (package_id,),
                ).fetchone()
                if row is not None:
                    break
            else:
                raise SystemsError(
                    f"Could not find a free gift card code for {package_id!r} "
                    f"in {_CODE_ATTEMPTS} attempts; try again."
                )
        card = GiftCard.model_validate(dict(row))
        if inserted:
            logger.info("Issued gift card %s for %s", card.code, package_id)
        return card

    @write
    def open_escalation(
        self, customer_id: str | None, package_id: str | None, reason: str
    ) -> Escalation:
        """Hand the conversation to a human representative.

        Args:
            customer_id: The identified customer's id (e.g. 'C-1001'), or None
                when the customer could not be identified.
            package_id: The package concerned (e.g. 'PKG-1'), or None.
            reason: Why a human is needed, in one sentence, e.g. 'Customer
                declined the gift card offer.'

        Returns:
            The escalation: escalation_id (sequential, e.g. 'ESC-000001'),
            customer_id, package_id, reason and created_at.

        Raises:
            ValueError: The reason is empty.
            UnknownCustomerError: No customer has this id.
            UnknownPackageError: No package has this id.
            PackageNotOwnedError: Both ids are given and the package belongs to
                another customer.
        """
        if not reason.strip():
            raise ValueError(
                f"reason={reason!r} is empty; say in a sentence why a human is "
                "needed, e.g. 'Customer declined the gift card offer.'"
            )
        with self._transaction("write") as db:
            if customer_id is not None and package_id is not None:
                self._owned_package(db, customer_id, package_id)
            elif customer_id is not None:
                self._customer(db, customer_id)
            elif package_id is not None:
                self._package_row(db, package_id)
            row = db.execute(
                "INSERT INTO escalations (seq, escalation_id, customer_id, "
                "package_id, reason, created_at) "
                "SELECT n, printf('ESC-%06d', n), ?, ?, ?, ? FROM "
                "(SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM escalations) "
                "RETURNING escalation_id, customer_id, package_id, reason, "
                "created_at",
                (
                    customer_id,
                    package_id,
                    reason.strip(),
                    datetime.now(UTC).isoformat(),
                ),
            ).fetchone()
        escalation = Escalation.model_validate(dict(row))
        logger.info("Opened %s: %s", escalation.escalation_id, escalation.reason)
        return escalation

    @read
    def list_gift_cards(self) -> list[GiftCard]:
        """List every gift card issued, ordered by package id."""
        with self._transaction("read") as db:
            return self._gift_cards(db)

    @read
    def list_escalations(self) -> list[Escalation]:
        """List every escalation opened, oldest first."""
        with self._transaction("read") as db:
            return self._escalations(db)

    @read
    def snapshot(self) -> dict[str, list[dict[str, Any]]]:
        """What conversations have changed: gift cards and escalations as JSON.

        Returns:
            {'gift_cards': [...], 'escalations': [...]}, each record a dict of
            strings (amounts such as '12.50', ISO timestamps), gift cards
            ordered by package id and escalations by escalation id.
        """
        with self._transaction("read") as db:
            cards = self._gift_cards(db)
            escalations = self._escalations(db)
        return {
            "gift_cards": [card.model_dump(mode="json") for card in cards],
            "escalations": [e.model_dump(mode="json") for e in escalations],
        }

    @staticmethod
    def _customer(db: sqlite3.Connection, customer_id: str) -> Customer:
        row = db.execute(
            "SELECT customer_id, name, email, status FROM customers "
            "WHERE customer_id = ?",
            (customer_id,),
        ).fetchone()
        if row is None:
            raise UnknownCustomerError(
                f"No customer has id {customer_id!r}; find the customer by email "
                "first and use the customer_id it returns (e.g. 'C-1001')."
            )
        return Customer.model_validate(dict(row))

    @staticmethod
    def _package_rows(
        db: sqlite3.Connection, where: str, params: tuple[Any, ...]
    ) -> list[dict[str, Any]]:
        """Packages matching `where`, as dicts with their items and order id."""
        rows = [
            dict(row) for row in db.execute(_PACKAGES_QUERY.format(where=where), params)
        ]
        items: dict[str, list[dict[str, Any]]] = defaultdict(list)
        if rows:
            marks = ", ".join("?" * len(rows))
            for item in db.execute(
                "SELECT package_id, item_number, name, quantity FROM items "
                f"WHERE package_id IN ({marks}) ORDER BY package_id, position",
                [row["package_id"] for row in rows],
            ):
                items[item["package_id"]].append(
                    {key: item[key] for key in ("item_number", "name", "quantity")}
                )
        for row in rows:
            row["items"] = items[row["package_id"]]
        return rows

    def _package_row(self, db: sqlite3.Connection, package_id: str) -> dict[str, Any]:
        rows = self._package_rows(db, "p.package_id = ?", (package_id,))
        if not rows:
            raise UnknownPackageError(
                f"No package has id {package_id!r}; use a package_id (e.g. "
                "'PKG-1') from the customer's packages."
            )
        return rows[0]

    def _owned_package(
        self, db: sqlite3.Connection, customer_id: str, package_id: str
    ) -> ShippedPackage:
        """The package, checked to exist and to belong to the customer."""
        self._customer(db, customer_id)
        package = ShippedPackage.model_validate(self._package_row(db, package_id))
        owner = db.execute(
            "SELECT customer_id FROM orders WHERE order_id = ?", (package.order_id,)
        ).fetchone()[0]
        if owner != customer_id:
            raise PackageNotOwnedError(
                f"Package {package_id!r} does not belong to customer "
                f"{customer_id!r}; use one of that customer's own packages."
            )
        return package

    @staticmethod
    def _gift_cards(db: sqlite3.Connection) -> list[GiftCard]:
        rows = db.execute(
            "SELECT code, customer_id, package_id, amount, issued_at "
            "FROM gift_cards ORDER BY package_id"
        )
        return [GiftCard.model_validate(dict(row)) for row in rows]

    @staticmethod
    def _escalations(db: sqlite3.Connection) -> list[Escalation]:
        rows = db.execute(
            "SELECT escalation_id, customer_id, package_id, reason, created_at "
            "FROM escalations ORDER BY seq"
        )
        return [Escalation.model_validate(dict(row)) for row in rows]


_open_systems: dict[Path, InternalSystems] = {}
_by_name: dict[str, InternalSystems] = {}
_open_systems_lock = threading.Lock()


def connect(db_path: str | Path) -> InternalSystems:
    """The shared `InternalSystems` of a seeded database, opened on first use.

    Raises:
        DatabaseNotFoundError: The file does not exist or was never seeded.
    """
    # Every graph step connects, so the common case skips resolving the path.
    name = os.fspath(db_path)
    systems = _by_name.get(name)
    if systems is not None and not systems.closed and os.path.isfile(name):
        return systems
    path = Path(name).expanduser().resolve()
    with _open_systems_lock:
        systems = _open_systems.get(path)
        if systems is None or systems.closed or not path.is_file():
            systems = InternalSystems(path)
            _open_systems[path] = systems
        _by_name[name] = systems
        return systems


def _forget(systems: InternalSystems) -> None:
    """Drop a closed object from the cache so `connect` opens a new one."""
    with _open_systems_lock:
        if _open_systems.get(systems.path) is systems:
            del _open_systems[systems.path]
        for name in [name for name, held in _by_name.items() if held is systems]:
            del _by_name[name]
