"""The internal systems: seeding, lookups, the policy, and what writes do."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import threading
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import tools
import tools._demo
from tools import (
    Customer,
    DatabaseNotFoundError,
    Fixture,
    FixtureError,
    InternalSystems,
    Item,
    Order,
    Package,
    PackageNotOwnedError,
    UnknownCustomerError,
    UnknownPackageError,
    access_of,
    compensation_amount,
    connect,
    demo_db_path,
    is_delayed,
    seed_database,
)
from tools.langchain import make_tools

PROMISED = date(2026, 11, 28)


def make_package(package_id: str, *items: Item, **changes) -> Package:
    fields = {
        "package_id": package_id,
        "carrier": "UPS",
        "tracking_number": f"1Z-{package_id}",
        "shipping_cost": "12.50",
        "promised_date": PROMISED,
        "tracking_status": "Out for Delivery",
        "estimated_delivery": None,
        "delivered_on": None,
        "items": list(items),
    }
    return Package.model_validate({**fields, **changes})


def small_fixture() -> Fixture:
    """Ada has two orders (three packages, a 'Coffee mug' in two); Grace one."""
    return Fixture(
        customers=[
            Customer(
                customer_id="C-1",
                name="Ada Lovelace",
                email="ada@example.com",
                status="active",
            ),
            Customer(
                customer_id="C-2",
                name="Grace Hopper",
                email="Grace@Example.com",
                status="active",
            ),
        ],
        orders=[
            Order(
                order_id="O-2",
                customer_id="C-1",
                placed_on=date(2026, 11, 20),
                packages=[
                    make_package(
                        "PKG-1",
                        Item(item_number="100234", name="Ceramic vase", quantity=1),
                    ),
                ],
            ),
            Order(
                order_id="O-1",
                customer_id="C-1",
                placed_on=date(2026, 11, 10),
                packages=[
                    make_package(
                        "PKG-2",
                        Item(item_number="100300", name="Coffee mug", quantity=2),
                        Item(item_number="100301", name="Wool scarf", quantity=1),
                        tracking_status="Delivered",
                        delivered_on="2026-11-14",
                    ),
                    make_package(
                        "PKG-3",
                        Item(item_number="100302", name="Coffee mug", quantity=1),
                        Item(item_number="100303", name="Wool scarf pin", quantity=1),
                        tracking_status="In Transit",
                        promised_date="2026-12-04",
                        estimated_delivery="2026-12-03",
                        shipping_cost="24.00",
                    ),
                ],
            ),
            Order(
                order_id="O-3",
                customer_id="C-2",
                placed_on=date(2026, 11, 21),
                packages=[
                    make_package(
                        "PKG-4",
                        Item(item_number="200100", name="Desk lamp", quantity=1),
                        shipping_cost="7.99",
                    ),
                ],
            ),
        ],
    )


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "systems.sqlite"
    seed_database(small_fixture(), path)
    return path


@pytest.fixture
def db_path(tmp_path, seeded_template) -> Path:
    """A freshly seeded database of `small_fixture`, one per test."""
    path = tmp_path / "systems.sqlite"
    shutil.copyfile(seeded_template, path)
    return path


@pytest.fixture
def systems(db_path):
    opened = connect(db_path)
    yield opened
    opened.close()


def row_count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as db:
        return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


# Seeding


def test_seeding_reports_the_rows_of_each_table(tmp_path):
    counts = seed_database(small_fixture(), tmp_path / "new" / "db.sqlite")

    assert counts == {
        "customers": 2,
        "orders": 3,
        "packages": 4,
        "items": 6,
        "gift_cards": 0,
        "escalations": 0,
    }


def test_seeding_accepts_a_fixture_file(tmp_path):
    counts = seed_database(tools.BUNDLED_FIXTURE, tmp_path / "db.sqlite")

    assert counts["customers"] == len(
        tools.load_fixture(tools.BUNDLED_FIXTURE).customers
    )


def test_seeding_stores_amounts_and_dates_as_text(db_path):
    with sqlite3.connect(db_path) as db:
        cost, promised = db.execute(
            "SELECT shipping_cost, promised_date FROM packages WHERE package_id='PKG-4'"
        ).fetchone()

    assert (cost, promised) == ("7.99", "2026-11-28")


def test_database_uses_write_ahead_logging(db_path):
    with sqlite3.connect(db_path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_rejected_fixture_leaves_the_database_untouched(db_path, tmp_path, systems):
    systems.issue_gift_card("C-1", "PKG-1")
    bad = tmp_path / "bad.json"
    data = small_fixture().model_dump(mode="json")
    data["customers"] = data["customers"][:1]
    data["orders"][0]["packages"][0]["shipping_cost"] = "-1.00"
    bad.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(FixtureError) as caught:
        seed_database(bad, db_path)

    assert "orders[0].packages[0].shipping_cost: must not be negative" in str(
        caught.value
    )
    assert "orders[2].customer_id: no customer has id 'C-2'" in str(caught.value)
    assert row_count(db_path, "customers") == 2
    assert row_count(db_path, "gift_cards") == 1


def test_rejected_fixture_creates_no_database_file(tmp_path):
    with pytest.raises(FixtureError):
        seed_database(tmp_path / "missing.json", tmp_path / "db.sqlite")

    assert not (tmp_path / "db.sqlite").exists()


def test_reseeding_clears_writes_and_keeps_open_connections_usable(db_path, systems):
    systems.issue_gift_card("C-1", "PKG-1")
    systems.open_escalation("C-1", None, "Customer asked for a manager.")

    seed_database(small_fixture(), db_path)

    assert systems.snapshot() == {"gift_cards": [], "escalations": []}
    assert systems.get_customer("C-2").name == "Grace Hopper"


# Connecting


def test_connecting_to_a_missing_database_says_how_to_seed_it(tmp_path):
    with pytest.raises(DatabaseNotFoundError) as caught:
        connect(tmp_path / "absent.sqlite")

    assert "dpa db seed --fixture FILE --db" in str(caught.value)
    assert "absent.sqlite" in str(caught.value)
    assert not (tmp_path / "absent.sqlite").exists()


def test_connecting_to_an_unseeded_database_says_how_to_seed_it(tmp_path):
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()

    with pytest.raises(DatabaseNotFoundError, match="dpa db seed"):
        connect(empty)


def test_connecting_to_a_file_that_is_not_a_database_says_how_to_seed_it(tmp_path):
    notes = tmp_path / "notes.sqlite"
    notes.write_text("not a database at all, just some text " * 40)

    with pytest.raises(DatabaseNotFoundError, match="dpa db seed"):
        connect(notes)


def test_database_not_found_is_a_file_not_found_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        connect(tmp_path / "absent.sqlite")


def test_connect_shares_one_object_per_database(db_path, systems):
    spelled_differently = db_path.parent / "." / db_path.name

    assert connect(spelled_differently) is systems


def test_connect_after_close_opens_a_new_connection(db_path, systems):
    systems.close()

    reopened = connect(db_path)

    assert reopened is not systems
    assert reopened.get_customer("C-1").customer_id == "C-1"
    reopened.close()


def test_closed_systems_refuse_to_work(systems):
    systems.close()

    with pytest.raises(tools.SystemsError, match="closed"):
        systems.get_customer("C-1")


def test_every_public_method_is_tagged_read_or_write(systems):
    tags = {
        name: access_of(getattr(systems, name))
        for name in dir(InternalSystems)
        if not name.startswith("_") and callable(getattr(InternalSystems, name))
    }

    assert tags.pop("close") is None
    assert {n for n, tag in tags.items() if tag == "write"} == {
        "issue_gift_card",
        "open_escalation",
    }
    assert set(tags.values()) == {"read", "write"}


# Customers and orders


@pytest.mark.parametrize("typed", ["grace@example.com", "  GRACE@example.COM\n"])
def test_customer_is_found_by_email_ignoring_case_and_spaces(systems, typed):
    assert systems.find_customer(typed).customer_id == "C-2"


def test_unknown_email_finds_no_customer(systems):
    assert systems.find_customer("nobody@example.com") is None


def test_unknown_customer_id_is_an_error_naming_it(systems):
    with pytest.raises(UnknownCustomerError, match="'C-404'"):
        systems.get_customer("C-404")


def test_orders_are_listed_oldest_first_with_packages_and_items(systems):
    orders = systems.list_orders("C-1")

    assert [o.order_id for o in orders] == ["O-1", "O-2"]
    assert [p.package_id for p in orders[0].packages] == ["PKG-2", "PKG-3"]
    assert [i.name for i in orders[0].packages[0].items] == [
        "Coffee mug",
        "Wool scarf",
    ]


def test_packages_span_all_of_a_customers_orders(systems):
    packages = systems.list_packages("C-1")

    assert [(p.order_id, p.package_id) for p in packages] == [
        ("O-1", "PKG-2"),
        ("O-1", "PKG-3"),
        ("O-2", "PKG-1"),
    ]


def test_listing_packages_of_an_unknown_customer_is_an_error(systems):
    with pytest.raises(UnknownCustomerError):
        systems.list_packages("C-404")


# Finding the package of an item


@pytest.mark.parametrize("typed", ["100234", " #100234 ", "# 100234"])
def test_item_is_found_by_number(systems, typed):
    assert systems.find_package_for_item("C-1", typed).package_id == "PKG-1"


@pytest.mark.parametrize(
    "typed",
    ["Ceramic vase", "ceramic VASE", "my ceramic vase, please", "vase", "wool scarf"],
)
def test_item_is_found_by_name(systems, typed):
    found = systems.find_package_for_item("C-1", typed)

    expected = "PKG-2" if "scarf" in typed else "PKG-1"
    assert found.package_id == expected


def test_item_number_finds_one_of_two_items_sharing_a_name(systems):
    assert systems.find_package_for_item("C-1", "100302").package_id == "PKG-3"


def test_exact_name_wins_over_a_longer_name_containing_it(systems):
    assert systems.find_package_for_item("C-1", "WOOL SCARF").package_id == "PKG-2"


def test_partial_name_matching_items_in_two_packages_finds_nothing(systems):
    assert systems.find_package_for_item("C-1", "scarf") is None


def test_name_shared_by_items_in_two_packages_finds_nothing(systems):
    assert systems.find_package_for_item("C-1", "coffee mug") is None


def test_unknown_item_finds_nothing(systems):
    assert systems.find_package_for_item("C-1", "garden gnome") is None
    assert systems.find_package_for_item("C-1", "999999") is None
    assert systems.find_package_for_item("C-1", "   ") is None


@pytest.mark.parametrize("typed", ["vas", "ase", "vases"])
def test_part_of_a_word_does_not_match_an_item_name(systems, typed):
    assert systems.find_package_for_item("C-1", typed) is None


def test_another_customers_item_is_not_found(systems):
    assert systems.find_package_for_item("C-1", "desk lamp") is None
    assert systems.find_package_for_item("C-1", "200100") is None


def test_found_package_carries_all_its_items_and_its_order(systems):
    found = systems.find_package_for_item("C-1", "wool scarf")

    assert found.order_id == "O-1"
    assert [i.item_number for i in found.items] == ["100300", "100301"]
    assert found.items[0].quantity == 2


# Tracking and packages


def test_tracking_reports_the_carriers_status_and_dates(systems):
    tracking = systems.get_tracking("PKG-3")

    assert tracking.status == "In Transit"
    assert tracking.carrier == "UPS"
    assert tracking.tracking_number == "1Z-PKG-3"
    assert tracking.promised_date == date(2026, 12, 4)
    assert tracking.estimated_delivery == date(2026, 12, 3)
    assert tracking.delivered_on is None


def test_tracking_of_an_unknown_package_is_an_error_naming_it(systems):
    with pytest.raises(UnknownPackageError, match="'PKG-404'"):
        systems.get_tracking("PKG-404")


def test_package_is_returned_with_its_order_and_cost(systems):
    package = systems.get_package("PKG-4")

    assert package.order_id == "O-3"
    assert package.shipping_cost == Decimal("7.99")


def test_unknown_package_is_a_lookup_error(systems):
    with pytest.raises(LookupError):
        systems.get_package("PKG-404")


# The policy


@pytest.mark.parametrize(
    ("today", "delayed"),
    [(date(2026, 11, 27), False), (PROMISED, False), (date(2026, 11, 29), True)],
    ids=["before the promise", "on the promised day", "after the promise"],
)
def test_undelivered_package_is_delayed_only_after_its_promised_date(today, delayed):
    package = make_package("PKG-9", Item(item_number="1", name="Vase", quantity=1))

    assert is_delayed(package, today) is delayed


def test_delivered_package_is_never_delayed():
    package = make_package(
        "PKG-9",
        Item(item_number="1", name="Vase", quantity=1),
        tracking_status="Delivered",
        delivered_on="2026-12-05",
    )

    assert is_delayed(package, date(2026, 12, 10)) is False


def test_delay_is_judged_the_same_from_tracking_and_from_state(systems):
    late = date(2026, 12, 5)
    package = systems.get_package("PKG-3")

    assert is_delayed(systems.get_tracking("PKG-3"), late) is True
    assert is_delayed(package.model_dump(mode="json"), late) is True
    assert is_delayed(package.model_dump(mode="json"), date(2026, 12, 4)) is False


def test_compensation_is_the_shipping_cost(systems):
    package = systems.get_package("PKG-3")

    assert compensation_amount(package) == Decimal("24.00")
    assert compensation_amount(package.model_dump(mode="json")) == Decimal("24.00")


# Gift cards


def test_gift_card_is_worth_the_packages_shipping_cost(systems):
    card = systems.issue_gift_card("C-2", "PKG-4")

    assert card.amount == Decimal("7.99")
    assert (card.customer_id, card.package_id) == ("C-2", "PKG-4")
    assert re.fullmatch(r"GC-[A-Z0-9]{4}-[A-Z0-9]{4}", card.code)


def test_issuing_twice_returns_the_same_card(systems, db_path):
    first = systems.issue_gift_card("C-1", "PKG-1")
    second = systems.issue_gift_card("C-1", "PKG-1")

    assert second == first
    assert row_count(db_path, "gift_cards") == 1


def test_each_package_gets_its_own_card(systems):
    first = systems.issue_gift_card("C-1", "PKG-1")
    second = systems.issue_gift_card("C-1", "PKG-3")

    assert first.code != second.code
    assert [c.package_id for c in systems.list_gift_cards()] == ["PKG-1", "PKG-3"]


def test_eight_threads_issuing_at_once_create_one_card(systems, db_path):
    start = threading.Barrier(8)
    cards = []

    def issue(use_own_connection: bool) -> None:
        target = InternalSystems(db_path) if use_own_connection else systems
        start.wait()
        cards.append(target.issue_gift_card("C-1", "PKG-1"))
        if use_own_connection:
            target.close()

    threads = [threading.Thread(target=issue, args=(n % 2 == 0,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(cards) == 8
    assert len({card.code for card in cards}) == 1
    assert row_count(db_path, "gift_cards") == 1


def test_gift_card_for_another_customers_package_is_refused(systems, db_path):
    with pytest.raises(PackageNotOwnedError, match="'PKG-4'.*'C-1'"):
        systems.issue_gift_card("C-1", "PKG-4")

    assert row_count(db_path, "gift_cards") == 0


def test_gift_card_for_an_unknown_package_is_refused(systems):
    with pytest.raises(UnknownPackageError, match="'PKG-404'"):
        systems.issue_gift_card("C-1", "PKG-404")


def test_gift_card_for_an_unknown_customer_is_refused(systems):
    with pytest.raises(UnknownCustomerError, match="'C-404'"):
        systems.issue_gift_card("C-404", "PKG-1")


# Escalations


def test_escalation_ids_are_sequential(systems):
    first = systems.open_escalation("C-1", "PKG-1", "Customer declined the offer.")
    second = systems.open_escalation("C-2", None, "Customer asked for a manager.")

    assert (first.escalation_id, second.escalation_id) == ("ESC-000001", "ESC-000002")
    assert [e.escalation_id for e in systems.list_escalations()] == [
        "ESC-000001",
        "ESC-000002",
    ]


def test_escalation_without_a_customer_is_recorded(systems):
    escalation = systems.open_escalation(None, None, "Email unknown after 3 tries.")

    assert (escalation.customer_id, escalation.package_id) == (None, None)
    assert escalation.reason == "Email unknown after 3 tries."


def test_escalation_needs_a_reason(systems, db_path):
    with pytest.raises(ValueError, match="reason"):
        systems.open_escalation("C-1", "PKG-1", "  ")

    assert row_count(db_path, "escalations") == 0


def test_escalation_about_another_customers_package_is_refused(systems):
    with pytest.raises(PackageNotOwnedError):
        systems.open_escalation("C-1", "PKG-4", "Customer declined the offer.")


# Snapshot


def test_snapshot_lists_writes_as_json_sorted_deterministically(systems):
    systems.issue_gift_card("C-1", "PKG-3")
    systems.issue_gift_card("C-1", "PKG-1")
    systems.open_escalation("C-1", "PKG-3", "Customer declined the offer.")

    snapshot = json.loads(json.dumps(systems.snapshot()))

    assert [c["package_id"] for c in snapshot["gift_cards"]] == ["PKG-1", "PKG-3"]
    assert [c["amount"] for c in snapshot["gift_cards"]] == ["12.50", "24.00"]
    assert set(snapshot["gift_cards"][0]) == {
        "code",
        "customer_id",
        "package_id",
        "amount",
        "issued_at",
    }
    assert snapshot["escalations"] == [
        {
            "escalation_id": "ESC-000001",
            "customer_id": "C-1",
            "package_id": "PKG-3",
            "reason": "Customer declined the offer.",
            "created_at": snapshot["escalations"][0]["created_at"],
        }
    ]


# The demo database


def test_data_dir_is_taken_from_the_environment_and_created(tmp_path, monkeypatch):
    monkeypatch.setenv("DPA_DATA_DIR", str(tmp_path / "nested" / "data"))

    assert tools.data_dir() == (tmp_path / "nested" / "data").resolve()
    assert (tmp_path / "nested" / "data").is_dir()


def test_demo_database_is_seeded_in_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DPA_DATA_DIR", str(tmp_path / "data"))

    path = demo_db_path()

    assert path == (tmp_path / "data" / "demo.sqlite").resolve()
    systems = connect(path)
    assert systems.find_customer("ada@example.com").customer_id == "C-1001"
    systems.close()


def test_demo_database_is_reseeded_only_when_the_fixture_changes(tmp_path, monkeypatch):
    fixture = tmp_path / "fixture.json"
    fixture.write_text(tools.BUNDLED_FIXTURE.read_text(encoding="utf-8"))
    monkeypatch.setattr(tools._demo, "BUNDLED_FIXTURE", fixture)
    monkeypatch.setenv("DPA_DATA_DIR", str(tmp_path))
    systems = connect(demo_db_path())
    systems.issue_gift_card("C-1001", "PKG-1")

    demo_db_path()
    kept = len(systems.list_gift_cards())
    later = os.stat(fixture).st_mtime + 60
    os.utime(fixture, (later, later))
    demo_db_path()
    cleared = len(systems.list_gift_cards())
    systems.close()

    assert (kept, cleared) == (1, 0)


# LangChain tools


def test_tools_offer_the_customer_reads_and_the_two_writes(systems):
    offered = {t.name: t.metadata["access"] for t in make_tools(systems)}

    assert offered["issue_gift_card"] == offered["open_escalation"] == "write"
    assert offered["find_customer"] == offered["get_tracking"] == "read"
    assert "snapshot" not in offered and "list_gift_cards" not in offered


def test_gift_card_tool_takes_no_amount(systems):
    tool = {t.name: t for t in make_tools(systems)}["issue_gift_card"]

    assert set(tool.args) == {"customer_id", "package_id"}
    assert "shipping cost" in tool.description


def test_tools_return_json_friendly_results(systems):
    tool = {t.name: t for t in make_tools(systems)}["list_packages"]

    result = tool.invoke({"customer_id": "C-2"})

    assert json.loads(json.dumps(result)) == {
        "packages": [systems.get_package("PKG-4").model_dump(mode="json")]
    }


def test_tools_return_errors_as_messages(systems):
    tool = {t.name: t for t in make_tools(systems)}["issue_gift_card"]

    result = tool.invoke({"customer_id": "C-1", "package_id": "PKG-4"})

    assert result.startswith("Error: Package 'PKG-4' does not belong")


def test_tools_explain_missing_arguments(systems):
    tool = {t.name: t for t in make_tools(systems)}["get_tracking"]

    assert "package_id" in tool.invoke({})


def test_tools_say_when_nothing_was_found(systems):
    tool = {t.name: t for t in make_tools(systems)}["find_package_for_item"]

    result = tool.invoke({"customer_id": "C-1", "item": "coffee mug"})

    assert "item number" in result
