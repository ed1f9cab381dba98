"""The exceptions the internal systems raise.

Each one also derives from the built-in exception a caller would naturally
catch (`ValueError`, `LookupError`, ...), so code that does not know this
package still handles them sensibly.
"""

from __future__ import annotations

__all__ = [
    "DatabaseNotFoundError",
    "FixtureError",
    "PackageNotOwnedError",
    "SystemsError",
    "UnknownCustomerError",
    "UnknownPackageError",
]


class SystemsError(Exception):
    """Base of every error raised by the internal systems."""


class FixtureError(SystemsError, ValueError):
    """A fixture file is missing, is not JSON, or breaks the fixture rules.

    `problems` holds one line per problem, each starting with its location in
    the file (e.g. `orders[0].packages[1].shipping_cost`).
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems: list[str] = list(problems or [])


class UnknownCustomerError(SystemsError, LookupError):
    """No customer has the given customer id."""


class UnknownPackageError(SystemsError, LookupError):
    """No package has the given package id."""


class PackageNotOwnedError(SystemsError, PermissionError):
    """The package exists but belongs to another customer."""


class DatabaseNotFoundError(SystemsError, FileNotFoundError):
    """The database file does not exist or was never seeded."""
