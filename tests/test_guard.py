"""The reply guard: only dates the systems hold, only the offered amount."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.guard import find_amounts, reply_problems

HELD = ["2026-11-28", "2026-12-03", None]


def test_held_dates_in_any_common_format_pass():
    text = "Promised for November 28, 2026; estimate Dec 3rd; also 2026-11-28."
    assert reply_problems(text, held_dates=HELD, offer_amount=None) == []


@pytest.mark.parametrize(
    "invented",
    [
        "It should arrive on December 5, 2026.",
        "Expect it by 12/04.",
        "It will be there 4 December.",
        "It arrives 2026-12-02.",
    ],
)
def test_a_date_the_systems_do_not_hold_is_rejected(invented):
    problems = reply_problems(invented, held_dates=HELD, offer_amount=None)
    assert problems and "date the systems do not hold" in problems[0]


@pytest.mark.parametrize(
    "promise",
    ["It will arrive tomorrow.", "Expect it within 2 business days.",
     "It should be there by Friday.", "Delivery is planned for next week."],
)
def test_relative_promises_are_rejected(promise):
    assert reply_problems(promise, held_dates=HELD, offer_amount=None)


def test_the_offered_amount_passes_and_any_other_fails():
    assert reply_problems("A gift card worth $12.50.", held_dates=[],
                          offer_amount="12.50") == []
    assert reply_problems("A gift card worth $15.", held_dates=[],
                          offer_amount="12.50")
    assert reply_problems("We refund 100 dollars.", held_dates=[], offer_amount=None)


def test_tracking_and_item_numbers_are_not_amounts():
    text = "Tracking number 1Z999AA10123456785, item 100234, reference ESC-000001."
    assert find_amounts(text) == []
    assert reply_problems(text, held_dates=[], offer_amount=None) == []


def test_amounts_are_read_as_decimals():
    assert find_amounts("$1,024.50 or USD 3 or 7.25 euros") == [
        Decimal("1024.50"), Decimal("3"), Decimal("7.25")]
