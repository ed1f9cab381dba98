"""The internal systems: customers, orders, packages, gift cards, escalations.

Facts the agent states (statuses, dates, amounts) come from here, and so does
the compensation policy (`tools.policy`). Data lives in SQLite, seeded from a
JSON fixture:

    from tools import connect, seed_database
    seed_database("datasets/internal_systems.json", "demo.sqlite")
    systems = connect("demo.sqlite")
    ada = systems.find_customer("ada@example.com")
"""

from tools._database import seed_database
from tools._demo import BUNDLED_FIXTURE, data_dir, demo_db_path
from tools._fixture import load_fixture
from tools._records import (
    Customer,
    CustomerStatus,
    Escalation,
    Fixture,
    GiftCard,
    Item,
    Order,
    Package,
    ShippedPackage,
    Tracking,
    TrackingStatus,
)
from tools.errors import (
    DatabaseNotFoundError,
    FixtureError,
    PackageNotOwnedError,
    SystemsError,
    UnknownCustomerError,
    UnknownPackageError,
)
from tools.policy import compensation_amount, is_delayed
from tools.systems import InternalSystems, access_of, connect, read, write

__all__ = [
    "BUNDLED_FIXTURE",
    "Customer",
    "CustomerStatus",
    "DatabaseNotFoundError",
    "Escalation",
    "Fixture",
    "FixtureError",
    "GiftCard",
    "InternalSystems",
    "Item",
    "Order",
    "Package",
    "PackageNotOwnedError",
    "ShippedPackage",
    "SystemsError",
    "Tracking",
    "TrackingStatus",
    "UnknownCustomerError",
    "UnknownPackageError",
    "access_of",
    "compensation_amount",
    "connect",
    "data_dir",
    "demo_db_path",
    "is_delayed",
    "load_fixture",
    "read",
    "seed_database",
    "write",
]
