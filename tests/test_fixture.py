"""The fixture format: what a valid fixture holds and how a bad one is rejected."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from typing import Any, get_args

import pytest
from pydantic import ValidationError

from tools import (
    BUNDLED_FIXTURE,
    Customer,
    FixtureError,
    TrackingStatus,
    is_delayed,
    load_fixture,
)

DEMO_DAY = date(2026, 12, 1)


def fixture_data() -> dict[str, Any]:
    """A small valid fixture; the first order ships in two packages."""
    return {
        "customers": [
            {
                "customer_id": "C-1",
                "name": "Ada Lovelace",
                "email": "ada@example.com",
                "status": "active",
            },
            {
                "customer_id": "C-2",
                "name": "Grace Hopper",
                "email": "grace@example.com",
                "status": "locked",
            },
            {
                "customer_id": "C-3",
                "name": "Alan Turing",
                "email": "alan@example.com",
                "status": "active",
            },
        ],
        "orders": [
            {
                "order_id": "O-1",
                "customer_id": "C-1",
                "placed_on": "2026-11-20",
                "packages": [
                    package("PKG-1", item("100234", "Ceramic vase")),
                    package(
                        "PKG-2",
                        item("100235", "Wool scarf"),
                        tracking_status="Delivered",
                        delivered_on="2026-11-25",
                    ),
                ],
            },
            {
                "order_id": "O-2",
                "customer_id": "C-2",
                "placed_on": "2026-11-21",
                "packages": [package("PKG-3", item("200001", "Desk lamp"))],
            },
        ],
    }


def package(package_id: str, *items: dict[str, Any], **changes: Any) -> dict:
    return {
        "package_id": package_id,
        "carrier": "UPS",
        "tracking_number": f"1Z-{package_id}",
        "shipping_cost": "12.50",
        "promised_date": "2026-11-28",
        "tracking_status": "In Transit",
        "estimated_delivery": None,
        "delivered_on": None,
        "items": list(items),
        **changes,
    }


def item(item_number: str, name: str, quantity: int = 1) -> dict[str, Any]:
    return {"item_number": item_number, "name": name, "quantity": quantity}


def write_fixture(tmp_path, data: dict[str, Any]):
    path = tmp_path / "fixture.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def problems_of(tmp_path, data: dict[str, Any]) -> list[str]:
    with pytest.raises(FixtureError) as caught:
        load_fixture(write_fixture(tmp_path, data))
    for problem in caught.value.problems:
        assert problem in str(caught.value)
    return caught.value.problems


def test_valid_fixture_loads_money_as_decimal_and_dates_as_dates(tmp_path):
    fixture = load_fixture(write_fixture(tmp_path, fixture_data()))

    first = fixture.orders[0].packages[0]
    assert first.shipping_cost == Decimal("12.50")
    assert isinstance(first.shipping_cost, Decimal)
    assert first.promised_date == date(2026, 11, 28)
    assert fixture.orders[0].packages[1].delivered_on == date(2026, 11, 25)
    assert [c.customer_id for c in fixture.customers] == ["C-1", "C-2", "C-3"]


def test_negative_shipping_cost_is_reported_at_its_location(tmp_path):
    data = fixture_data()
    data["orders"][0]["packages"][1]["shipping_cost"] = "-1.00"

    assert problems_of(tmp_path, data) == [
        "orders[0].packages[1].shipping_cost: must not be negative, got '-1.00'"
    ]


def test_money_with_more_than_two_decimal_places_is_rejected(tmp_path):
    data = fixture_data()
    data["orders"][0]["packages"][0]["shipping_cost"] = "12.505"

    [problem] = problems_of(tmp_path, data)
    assert problem.startswith("orders[0].packages[0].shipping_cost:")
    assert "2 decimal places" in problem and "'12.505'" in problem


def test_money_written_as_a_json_number_is_rejected(tmp_path):
    data = fixture_data()
    data["orders"][0]["packages"][0]["shipping_cost"] = 12.5

    [problem] = problems_of(tmp_path, data)
    assert problem.startswith("orders[0].packages[0].shipping_cost:")
    assert "decimal string" in problem


@pytest.mark.parametrize("written", ["2026-02-30", "28/11/2026", "2026-11-28T10:00"])
def test_promised_date_must_be_a_real_iso_date(tmp_path, written):
    data = fixture_data()
    data["orders"][0]["packages"][0]["promised_date"] = written

    [problem] = problems_of(tmp_path, data)
    assert problem.startswith("orders[0].packages[0].promised_date:")
    assert repr(written) in problem


def test_unknown_key_is_rejected(tmp_path):
    data = fixture_data()
    data["customers"][1]["phone"] = "555-0100"

    [problem] = problems_of(tmp_path, data)
    assert problem.startswith("customers[1].phone: is not a known key")


def test_missing_key_is_rejected(tmp_path):
    data = fixture_data()
    del data["orders"][1]["placed_on"]

    assert problems_of(tmp_path, data) == ["orders[1].placed_on: is required"]


def test_unknown_tracking_status_is_rejected(tmp_path):
    data = fixture_data()
    data["orders"][0]["packages"][0]["tracking_status"] = "Lost"

    [problem] = problems_of(tmp_path, data)
    assert problem.startswith("orders[0].packages[0].tracking_status:")
    assert "'Lost'" in problem and "'Out for Delivery'" in problem


def test_unknown_customer_status_is_rejected(tmp_path):
    data = fixture_data()
    data["customers"][0]["status"] = "closed"

    [problem] = problems_of(tmp_path, data)
    assert problem.startswith("customers[0].status:")
    assert "'closed'" in problem


def test_duplicate_customer_id_is_rejected(tmp_path):
    data = fixture_data()
    data["customers"][2]["customer_id"] = "C-1"

    assert problems_of(tmp_path, data) == [
        "customers[2].customer_id: 'C-1' is already used by customers[0]; "
        "customer ids must be unique"
    ]


def test_emails_differing_only_in_case_are_duplicates(tmp_path):
    data = fixture_data()
    data["customers"][2]["email"] = "ADA@Example.com"

    [problem] = problems_of(tmp_path, data)
    assert problem.startswith("customers[2].email: 'ADA@Example.com' is already")


def test_duplicate_order_id_is_rejected(tmp_path):
    data = fixture_data()
    data["orders"][1]["order_id"] = "O-1"

    [problem] = problems_of(tmp_path, data)
    assert problem.startswith("orders[1].order_id: 'O-1' is already used")


def test_package_ids_must_be_unique_across_orders(tmp_path):
    data = fixture_data()
    data["orders"][1]["packages"][0]["package_id"] = "PKG-2"

    [problem] = problems_of(tmp_path, data)
    assert problem.startswith("orders[1].packages[0].package_id: 'PKG-2'")
    assert "orders[0].packages[1]" in problem


def test_item_number_reused_by_the_same_customer_is_rejected(tmp_path):
    data = fixture_data()
    data["orders"][0]["packages"][1]["items"][0]["item_number"] = "100234"

    [problem] = problems_of(tmp_path, data)
    assert problem.startswith("orders[0].packages[1].items[0].item_number:")
    assert "orders[0].packages[0].items[0]" in problem


def test_item_number_may_repeat_across_customers(tmp_path):
    data = fixture_data()
    data["orders"][1]["packages"][0]["items"][0]["item_number"] = "100234"

    fixture = load_fixture(write_fixture(tmp_path, data))

    assert fixture.orders[1].packages[0].items[0].item_number == "100234"


def test_order_of_an_unknown_customer_is_rejected(tmp_path):
    data = fixture_data()
    data["orders"][1]["customer_id"] = "C-404"

    [problem] = problems_of(tmp_path, data)
    assert problem.startswith("orders[1].customer_id: no customer has id 'C-404'")


def test_delivered_package_needs_a_delivery_date(tmp_path):
    data = fixture_data()
    data["orders"][0]["packages"][1]["delivered_on"] = None

    [problem] = problems_of(tmp_path, data)
    assert problem.startswith("orders[0].packages[1].delivered_on: must be set")


def test_undelivered_package_cannot_have_a_delivery_date(tmp_path):
    data = fixture_data()
    data["orders"][0]["packages"][0]["delivered_on"] = "2026-11-27"

    [problem] = problems_of(tmp_path, data)
    assert problem.startswith("orders[0].packages[0].delivered_on: must be null")
    assert "'In Transit'" in problem


def test_item_number_must_be_digits(tmp_path):
    data = fixture_data()
    data["orders"][0]["packages"][0]["items"][0]["item_number"] = "AB-12"

    [problem] = problems_of(tmp_path, data)
    assert problem.startswith("orders[0].packages[0].items[0].item_number:")


def test_every_problem_is_listed_at_once(tmp_path):
    data = fixture_data()
    data["customers"][2]["customer_id"] = "C-1"
    data["orders"][0]["packages"][0]["shipping_cost"] = "-3.00"
    data["orders"][1]["placed_on"] = "yesterday"

    locations = [p.split(":")[0] for p in problems_of(tmp_path, data)]

    assert sorted(locations) == [
        "customers[2].customer_id",
        "orders[0].packages[0].shipping_cost",
        "orders[1].placed_on",
    ]


def test_missing_file_raises_fixture_error(tmp_path):
    with pytest.raises(FixtureError, match="does not exist"):
        load_fixture(tmp_path / "nowhere.json")


def test_malformed_json_raises_fixture_error_with_its_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"customers": [\n  {"customer_id": }\n]}', encoding="utf-8")

    with pytest.raises(FixtureError, match=r"not valid JSON: .* line 2"):
        load_fixture(path)


def test_fixture_error_is_a_value_error(tmp_path):
    with pytest.raises(ValueError):
        load_fixture(tmp_path / "nowhere.json")


def test_records_are_immutable():
    customer = Customer(
        customer_id="C-1", name="Ada", email="ada@example.com", status="active"
    )

    with pytest.raises(ValidationError):
        customer.status = "locked"  # type: ignore[misc]


def test_bundled_fixture_is_valid():
    fixture = load_fixture(BUNDLED_FIXTURE)

    assert 8 <= len(fixture.customers) <= 12


def test_bundled_fixture_keeps_the_documented_example():
    fixture = load_fixture(BUNDLED_FIXTURE)
    ada = next(c for c in fixture.customers if c.customer_id == "C-1001")
    pkg = next(
        p
        for order in fixture.orders
        if order.customer_id == "C-1001"
        for p in order.packages
        if p.package_id == "PKG-1"
    )

    assert ada.email == "ada@example.com"
    assert (pkg.tracking_status, pkg.promised_date) == (
        "Out for Delivery",
        date(2026, 11, 28),
    )
    assert pkg.estimated_delivery is None
    assert pkg.shipping_cost == Decimal("12.50")
    assert [i.item_number for i in pkg.items] == ["100234"]


def test_bundled_fixture_covers_every_path_of_the_procedure():
    fixture = load_fixture(BUNDLED_FIXTURE)
    packages = [p for order in fixture.orders for p in order.packages]
    orders_per_customer = [
        sum(o.customer_id == c.customer_id for o in fixture.orders)
        for c in fixture.customers
    ]

    assert {p.tracking_status for p in packages} == set(get_args(TrackingStatus))
    assert {c.status for c in fixture.customers} == {"active", "locked"}
    assert any(len(o.packages) > 1 for o in fixture.orders)
    assert max(orders_per_customer) > 1
    assert {p.promised_date < DEMO_DAY for p in packages} == {True, False}
    assert any(p.promised_date == DEMO_DAY for p in packages)
    assert {p.estimated_delivery is None for p in packages} == {True, False}
    assert any(
        p.tracking_status == "Out for Delivery" and is_delayed(p, DEMO_DAY)
        for p in packages
    )
    assert len({p.shipping_cost for p in packages}) >= 5


def test_bundled_fixture_items_have_six_digit_numbers_and_names():
    fixture = load_fixture(BUNDLED_FIXTURE)
    items = [i for o in fixture.orders for p in o.packages for i in p.items]

    assert all(re.fullmatch(r"[0-9]{6}", i.item_number) for i in items)
    assert all(i.name[0].isupper() for i in items)
