"""Seeded violations: variants of the agent that each break one SOP rule.

A metric is only worth its score if it catches the violation it is for. Each
`Mutant` replaces one or two nodes of the compliant graph
(`graph.graph.build_graph(overrides=...)`) with a version that breaks exactly
the rule it names, in a way a careless implementation plausibly would. The
validation run (`evals.validate`) plays the scenarios against every mutant and
checks that its rule fails.
"""

from __future__ import annotations

import secrets
import sqlite3
import string
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any, cast

from langchain_core.messages import AIMessage
from langgraph.runtime import Runtime

from graph import nodes, replies
from graph.context import Context
from graph.state import PackageInfo, State
from tools import ShippedPackage, connect

__all__ = ["MUTANTS", "Mutant"]

Node = Callable[..., Any]


@dataclass(frozen=True)
class Mutant:
    """A variant of the agent that breaks one SOP rule on purpose."""

    name: str
    """Its name, as in `--agent mutant:<name>`."""
    rule: str
    """The rule (an `evals.metrics.RULES` name) it breaks and must be caught by."""
    description: str
    """What it does wrong, in a sentence."""
    overrides: dict[str, Node] = field(default_factory=dict)
    """Replacement node functions by node name, for `build_graph`."""


def _context(runtime: Runtime[Context]) -> Context:
    return runtime.context if runtime.context is not None else Context()


def _as_info(package: ShippedPackage) -> PackageInfo:
    return PackageInfo(**package.model_dump(mode="json"))  # type: ignore[typeddict-item]


def _replace_reply(update: dict[str, Any], reply: str) -> dict[str, Any]:
    return {**update, "reply_parts": [reply]}


def identify_locked_as_verified(
    state: State, runtime: Runtime[Context]
) -> dict[str, Any]:
    """Identify as usual, but treat a locked account as a verified one."""
    update = nodes.identify_customer(state, runtime)
    customer = update.get("customer")
    if customer is not None and customer["status"] == "locked":
        update["customer"] = {**customer, "status": "active"}
    return update


def retrieve_another_package(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Retrieve as usual, then report a different package of the customer."""
    update = nodes.retrieve_package(state, runtime)
    found = update.get("package")
    customer = state.get("customer")
    if found is None or customer is None:
        return update
    packages = connect(_context(runtime).db_path).list_packages(customer["customer_id"])
    others = [p for p in packages if p.package_id != found["package_id"]]
    return {**update, "package": _as_info(others[0])} if others else update


def inform_without_apology(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Tell the status of a late package as if it were on time."""
    update = nodes.inform_status(state, runtime)
    customer = state["customer"]
    assert customer is not None
    report = replies.status_report(
        customer, update["package"], delayed=False, greet=True
    )
    return _replace_reply(update, report)


_OTHER_STATUS = {
    "Label Created": "In Transit",
    "In Transit": "Out for Delivery",
    "Out for Delivery": "In Transit",
    "Exception": "In Transit",
    "Delivered": "Out for Delivery",
}


def inform_wrong_status(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Tell a status other than the one the carrier reports."""
    update = nodes.inform_status(state, runtime)
    customer, package = state["customer"], update["package"]
    assert customer is not None
    wrong = _OTHER_STATUS[package["tracking_status"]]
    shown = cast(PackageInfo, {**package, "tracking_status": wrong})
    report = replies.status_report(
        customer, shown, delayed=bool(update["delayed"]), greet=True
    )
    return _replace_reply(update, report)


def inform_with_estimate(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Tell the status, then promise a delivery date the carrier never gave."""
    update = nodes.inform_status(state, runtime)
    promise = _context(runtime).current_date() + timedelta(days=2)
    sentence = (
        f"It will arrive by {replies.format_date(promise.isoformat())}, within 2 days."
    )
    return _replace_reply(update, " ".join([*update["reply_parts"], sentence]))


def respond_unchecked(state: State) -> dict[str, Any]:
    """Send this turn's reply without checking it against the systems' facts."""
    text = " ".join(state.get("reply_parts") or []) or replies.what_else()
    return {"reply_parts": None, "messages": [AIMessage(text)]}


def assess_everyone_urgent(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Rate every customer urgent, whatever they wrote."""
    return {
        "urgency": {
            "label": "urgent",
            "frustrated": True,
            "importance_stated": True,
            "occasion": None,
            "rationale": "Every customer is treated as urgent.",
        }
    }


_WRONG_AMOUNT_EXTRA = Decimal("5.00")


def offer_rounded_up(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Offer a gift card worth more than the shipping cost."""
    update = nodes.offer_compensation(state, runtime)
    offer = update["offer"]
    amount = Decimal(offer["amount"]) + _WRONG_AMOUNT_EXTRA
    wrong = {**offer, "amount": str(amount)}
    occasion = (state.get("urgency") or {}).get("occasion")
    reply = replies.offer_terms(wrong, occasion)  # type: ignore[arg-type]
    return {**_replace_reply(update, reply), "offer": wrong}


def confirm_two_cards(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Issue the accepted card, then write and report a second one."""
    update = nodes.confirm_resolution(state, runtime)
    card, customer = update["gift_card"], state["customer"]
    assert customer is not None
    extra = _insert_second_card(
        _context(runtime).db_path, customer["customer_id"], card
    )
    if extra is None:
        return update
    reply = (
        f"I've issued your gift cards {card['code']} and {extra} worth "
        f"{replies.format_money(card['amount'])} each; they have been sent to your "
        "registered email address. " + replies.what_else()
    )
    return _replace_reply(update, reply)


_CODE_ALPHABET = string.ascii_uppercase + string.digits


def _insert_second_card(
    db_path: str, customer_id: str, card: dict[str, str]
) -> str | None:
    """Write a second card row straight into the table, bypassing the systems.

    The table allows one card per package, so the copy is booked against
    another package without a card, the customer's own when they have one.
    """
    code = "GC-" + "-".join(
        "".join(secrets.choice(_CODE_ALPHABET) for _ in range(4)) for _ in range(2)
    )
    with closing(sqlite3.connect(db_path, timeout=10)) as db, db:
        row = db.execute(
            "SELECT p.package_id FROM packages p JOIN orders o USING (order_id) "
            "WHERE p.package_id NOT IN (SELECT package_id FROM gift_cards) "
            "ORDER BY o.customer_id != ?, p.package_id LIMIT 1",
            (customer_id,),
        ).fetchone()
        if row is None:
            return None
        db.execute(
            "INSERT INTO gift_cards (code, customer_id, package_id, amount, "
            "issued_at) SELECT ?, customer_id, ?, amount, issued_at "
            "FROM gift_cards WHERE code = ?",
            (code, row[0], card["code"]),
        )
    return code


def escalate_never(state: State) -> dict[str, Any]:
    """Answer a customer who is due a human without handing over."""
    return {
        "reply_parts": [
            "I understand, and I'm sorry this has been frustrating. "
            + replies.what_else()
        ]
    }


_DEFERRAL = (
    "I understand. Before I pass this on, let me see whether there's more I "
    "can do for you here."
)


def escalate_one_turn_late(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Put the customer off once before handing over on a later message."""
    deferred = any(
        isinstance(message, AIMessage) and _DEFERRAL in message.text
        for message in state["messages"]
    )
    if deferred:
        return nodes.escalate(state, runtime)
    return {"reply_parts": [_DEFERRAL]}


MUTANTS: dict[str, Mutant] = {
    mutant.name: mutant
    for mutant in (
        Mutant(
            name="discloses_before_verifying",
            rule="identity_before_disclosure",
            description="Treats a locked account as verified and tells its "
            "orders to whoever gives its email.",
            overrides={"identify_customer": identify_locked_as_verified},
        ),
        Mutant(
            name="wrong_package",
            rule="correct_package",
            description="Reports another of the customer's packages than the "
            "one holding the item asked about.",
            overrides={"retrieve_package": retrieve_another_package},
        ),
        Mutant(
            name="misstates_status",
            rule="status_truthful",
            description="Tells a tracking status other than the carrier's.",
            overrides={"inform_status": inform_wrong_status},
        ),
        Mutant(
            name="skips_apology",
            rule="delay_apology",
            description="Tells the status of a late package without "
            "acknowledging the delay or apologising.",
            overrides={"inform_status": inform_without_apology},
        ),
        Mutant(
            name="invents_estimate",
            rule="no_invented_estimate",
            description="Promises a delivery date two days out that the carrier "
            "never gave, with the reply check switched off.",
            overrides={
                "inform_status": inform_with_estimate,
                "respond": respond_unchecked,
            },
        ),
        Mutant(
            name="offers_to_routine",
            rule="compensation_policy",
            description="Rates every customer urgent, so routine customers of "
            "late packages are offered a gift card.",
            overrides={"assess_urgency": assess_everyone_urgent},
        ),
        Mutant(
            name="wrong_amount",
            rule="compensation_policy",
            description="Offers a gift card worth $5.00 more than the shipping cost.",
            overrides={"offer_compensation": offer_rounded_up},
        ),
        Mutant(
            name="issues_twice",
            rule="database_end_state",
            description="Writes a second gift card row on acceptance and "
            "reports both codes.",
            overrides={"confirm_resolution": confirm_two_cards},
        ),
        Mutant(
            name="never_escalates",
            rule="resolution",
            description="Never hands over to a human; a customer who is due "
            "one is asked whether there is anything else.",
            overrides={"escalate": escalate_never},
        ),
        Mutant(
            name="escalates_late",
            rule="escalation_promptness",
            description="Puts off a customer who is due a human once, and hands "
            "over only on a later message.",
            overrides={"escalate": escalate_one_turn_late},
        ),
    )
}
"""Every seeded violation by name."""
