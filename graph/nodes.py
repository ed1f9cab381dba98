"""The steps of the delayed-package procedure, one node each.

Nodes read facts from the internal systems (`tools`), ask the model backend
only to classify or extract, and add the pieces of this turn's reply to
`reply_parts`; `respond` checks and sends them as one message.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AIMessage, AnyMessage, HumanMessage
from langgraph.runtime import Runtime
from langgraph.types import interrupt

from graph import replies
from graph.context import Context
from graph.guard import reply_problems
from graph.models import Decided, Decider, get_decider
from graph.models.schemas import ItemChoice
from graph.state import CustomerInfo, PackageInfo, State
from tools import InternalSystems, ShippedPackage, connect
from tools.policy import compensation_amount, is_delayed

__all__ = [
    "MAX_IDENTITY_ATTEMPTS",
    "assess_urgency",
    "await_human",
    "confirm_resolution",
    "escalate",
    "follow_up",
    "identify_customer",
    "inform_status",
    "offer_compensation",
    "read_request",
    "respond",
    "retrieve_package",
]

logger = logging.getLogger(__name__)

MAX_IDENTITY_ATTEMPTS = 3
"""Unknown emails tolerated before the conversation goes to a human."""


def _context(runtime: Runtime[Context]) -> Context:
    return runtime.context if runtime.context is not None else Context()


def _systems(runtime: Runtime[Context]) -> InternalSystems:
    return connect(_context(runtime).db_path)


def _decider(runtime: Runtime[Context]) -> Decider:
    return get_decider(_context(runtime).model)


def _customer_texts(messages: Sequence[AnyMessage]) -> list[str]:
    return [m.text for m in messages if isinstance(m, HumanMessage)]


def _fallbacks(*decisions: Decided[Any]) -> dict[str, list[str]]:
    reasons = [d.fallback_reason for d in decisions if d.fallback_reason]
    return {"model_fallbacks": reasons} if reasons else {}


def _package_info(package: ShippedPackage) -> PackageInfo:
    return PackageInfo(
        package_id=package.package_id,
        order_id=package.order_id,
        carrier=package.carrier,
        tracking_number=package.tracking_number,
        shipping_cost=str(package.shipping_cost),
        promised_date=package.promised_date.isoformat(),
        tracking_status=package.tracking_status,
        estimated_delivery=_iso(package.estimated_delivery),
        delivered_on=_iso(package.delivered_on),
        items=[item.model_dump() for item in package.items],  # type: ignore[misc]
    )


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def identify_customer(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Ask for the registered email and verify it in the internal systems."""
    texts = _customer_texts(state["messages"])
    found = _decider(runtime).extract_email(texts[-1] if texts else "")
    email = found.value.email
    if not email:
        reply = replies.ask_for_email(first_turn=len(texts) <= 1)
        return {"stage": "identify", "reply_parts": [reply], **_fallbacks(found)}

    customer = _systems(runtime).find_customer(email)
    if customer is None:
        attempts = state.get("identity_attempts", 0) + 1
        update: dict[str, Any] = {"identity_attempts": attempts, **_fallbacks(found)}
        if attempts < MAX_IDENTITY_ATTEMPTS:
            left = MAX_IDENTITY_ATTEMPTS - attempts
            update["reply_parts"] = [replies.unknown_email(left)]
        return update

    return {
        "customer": CustomerInfo(**customer.model_dump()),  # type: ignore[typeddict-item]
        **_fallbacks(found),
    }


def retrieve_package(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Find the package holding the customer's item among their orders."""
    customer = state["customer"]
    assert customer is not None
    systems = _systems(runtime)
    packages = systems.list_packages(customer["customer_id"])
    if len(packages) == 1:
        return {"package": _package_info(packages[0])}

    choices = [
        ItemChoice(item_number=item.item_number, name=item.name)
        for package in packages
        for item in package.items
    ]
    texts = _customer_texts(state["messages"])
    decider = _decider(runtime)
    decisions = []
    # The newest message wins; earlier ones may have named the item already.
    for text in reversed(texts):
        decided = decider.match_item(text, choices)
        decisions.append(decided)
        number = decided.value.item_number
        if number is None:
            continue
        package = systems.find_package_for_item(customer["customer_id"], number)
        if package is not None:
            return {"package": _package_info(package), **_fallbacks(*decisions)}

    infos = [_package_info(package) for package in packages]
    asked_before = state.get("stage") == "choose_package"
    return {
        "stage": "choose_package",
        "reply_parts": [replies.ask_which_item(customer, infos, retry=asked_before)],
        **_fallbacks(*decisions),
    }


def inform_status(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Read the latest tracking and tell it, apologising when the package is late."""
    customer, package = state["customer"], state["package"]
    assert customer is not None and package is not None
    tracking = _systems(runtime).get_tracking(package["package_id"])
    package = PackageInfo(
        **{
            **package,
            "tracking_status": tracking.status,
            "estimated_delivery": _iso(tracking.estimated_delivery),
            "delivered_on": _iso(tracking.delivered_on),
        }
    )
    delayed = is_delayed(tracking, _context(runtime).current_date())
    report = replies.status_report(customer, package, delayed=delayed, greet=True)
    return {
        "stage": "informed",
        "package": package,
        "delayed": delayed,
        "reply_parts": [report],
    }


def read_request(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Read what the customer asks for beyond identity and the item.

    On the turn the status is first told, everything the customer wrote so
    far is read, so a request made before verification is not lost.
    """
    texts = _customer_texts(state["messages"])
    just_informed = bool(state.get("reply_parts"))
    text = "\n".join(texts) if just_informed else texts[-1]
    decided = _decider(runtime).read_message(text)
    return {"request": decided.value.model_dump(), **_fallbacks(decided)}


def assess_urgency(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Classify whether the customer stresses that the package matters."""
    decided = _decider(runtime).assess_urgency(_customer_texts(state["messages"]))
    return {"urgency": decided.value.model_dump(), **_fallbacks(decided)}


def offer_compensation(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Offer a gift card worth the shipping cost, with its terms."""
    package = state["package"]
    assert package is not None
    shipped = _systems(runtime).get_package(package["package_id"])
    offer = {
        "package_id": shipped.package_id,
        "amount": str(compensation_amount(shipped)),
        "status": "offered",
    }
    occasion = (state.get("urgency") or {}).get("occasion")
    return {
        "stage": "offered",
        "offer": offer,
        "reply_parts": [replies.offer_terms(offer, occasion)],  # type: ignore[arg-type]
    }


def confirm_resolution(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Issue the accepted gift card (once, however often accepted) and confirm it."""
    customer, offer = state["customer"], state["offer"]
    assert customer is not None and offer is not None
    card = _systems(runtime).issue_gift_card(
        customer["customer_id"], offer["package_id"]
    )
    gift_card = {
        "code": card.code,
        "amount": str(card.amount),
        "package_id": card.package_id,
    }
    again = state.get("gift_card") is not None
    return {
        "stage": "resolved",
        "offer": {**offer, "status": "accepted"},
        "gift_card": gift_card,
        "reply_parts": [
            replies.confirm_gift_card(gift_card, again=again)  # type: ignore[arg-type]
        ],
    }


def _escalation_reason(state: State) -> str:
    customer = state.get("customer")
    if customer is None:
        return "identity_unverified"
    if customer["status"] == "locked":
        return "locked_account"
    intent = (state.get("request") or {}).get("intent")
    if state.get("stage") == "offered" and intent == "decline":
        return "offer_declined"
    return {
        "wants_more": "wants_more",
        "wants_human": "wants_human",
        "outside_sop": "outside_sop",
    }.get(intent or "", "dissatisfied")


def escalate(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Record an escalation and tell the customer a human will take over."""
    reason = _escalation_reason(state)
    customer, package = state.get("customer"), state.get("package")
    escalation = _systems(runtime).open_escalation(
        customer["customer_id"] if customer else None,
        package["package_id"] if package else None,
        reason,
    )
    reference = escalation.escalation_id
    reply = {
        "identity_unverified": replies.identity_escalated,
        "locked_account": replies.locked_account,
    }.get(reason, replies.escalated)(reference)
    update: dict[str, Any] = {
        "stage": "escalated",
        "escalation": {"escalation_id": reference, "reason": reason},
        "reply_parts": [reply],
    }
    offer = state.get("offer")
    if offer and offer["status"] == "offered":
        update["offer"] = {**offer, "status": "declined"}
    return update


def follow_up(state: State) -> dict[str, Any]:
    """Answer a message that needs no new step of the procedure."""
    stage = state.get("stage")
    intent = (state.get("request") or {}).get("intent")
    package = state.get("package")
    if stage == "offered":
        return {"reply_parts": [replies.reask_offer(state["offer"])]}  # type: ignore
    # With no offer on the table, "ok, thanks" is agreement, not acceptance.
    if intent == "thanks" or (intent == "accept" and stage == "informed"):
        return {"reply_parts": [replies.closing()]}
    if stage == "resolved" or package is None:
        return {"reply_parts": [replies.what_else()]}

    urgency = state.get("urgency") or {}
    parts = []
    first_report = bool(state.get("reply_parts"))
    on_time = not state.get("delayed") and package["tracking_status"] != "Delivered"
    if urgency.get("label") == "urgent" and on_time:
        parts.append(replies.urgent_not_delayed(package, urgency.get("occasion")))
    elif not first_report:
        parts.append(replies.status_reminder(package, delayed=bool(state["delayed"])))
    parts.append(replies.what_else())
    return {"reply_parts": parts}


def respond(state: State) -> dict[str, Any]:
    """Check this turn's reply against the systems' facts and send it."""
    text = " ".join(state.get("reply_parts") or [])
    package, offer = state.get("package"), state.get("offer")
    held = []
    if package:
        held = [
            package["promised_date"],
            package["estimated_delivery"],
            package["delivered_on"],
        ]
    problems = reply_problems(
        text, held_dates=held, offer_amount=offer["amount"] if offer else None
    )
    update: dict[str, Any] = {"reply_parts": None}
    if problems or not text:
        logger.warning("reply replaced by the safe reply: %s", problems or "empty")
        text = replies.safe_reply(package)
        update["rejected_replies"] = problems or ["empty reply"]
    return {**update, "messages": [AIMessage(text)]}


def await_human(state: State) -> dict[str, Any]:
    """Pause for a human representative and post their message when resumed.

    The interrupt carries the escalation and the customer's latest message; the
    resume value is the human's message, as text or `{"message", "agent"}`.
    """
    texts = _customer_texts(state["messages"])
    customer, package = state.get("customer"), state.get("package")
    answer = interrupt(
        {
            **(state.get("escalation") or {}),
            "customer_id": customer["customer_id"] if customer else None,
            "package_id": package["package_id"] if package else None,
            "customer_message": texts[-1] if texts else "",
        }
    )
    if isinstance(answer, dict):
        message, agent = answer.get("message"), answer.get("agent")
    else:
        message, agent = answer, None
    if not isinstance(message, str) or not message.strip():
        raise ValueError(
            f"Resume value {answer!r} has no message; resume with the human "
            'agent\'s text or {"message": "...", "agent": "Name"}.'
        )
    agent = agent or state.get("human_agent") or "human agent"
    reply = AIMessage(
        message.strip(), name="human_agent", additional_kwargs={"agent": agent}
    )
    return {"messages": [reply], "human_agent": agent}
