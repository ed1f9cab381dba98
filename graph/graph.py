"""The delayed-package procedure as a LangGraph graph.

One customer message is one run on a thread: the run starts where the
conversation stands (`stage`), walks the procedure as far as this message
allows, and ends with exactly one reply from `respond`. Escalated threads
pause in `await_human` until a human representative answers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

from langgraph.graph import END, START, StateGraph

from graph import nodes
from graph.context import Context
from graph.nodes import MAX_IDENTITY_ATTEMPTS
from graph.state import InputState, State

__all__ = ["build_graph", "graph"]


def route_turn(
    state: State,
) -> Literal["identify_customer", "retrieve_package", "read_request", "await_human"]:
    """Resume the procedure where the conversation stands."""
    stage = state.get("stage", "identify")
    if stage == "escalated":
        return "await_human"
    if stage == "choose_package":
        return "retrieve_package"
    if stage in ("informed", "offered", "resolved"):
        return "read_request"
    return "identify_customer"


def route_after_identify(
    state: State,
) -> Literal["retrieve_package", "escalate", "respond"]:
    """Go on once verified; hand over a locked account or too many misses."""
    customer = state.get("customer")
    if customer is not None:
        return "retrieve_package" if customer["status"] == "active" else "escalate"
    if state.get("identity_attempts", 0) >= MAX_IDENTITY_ATTEMPTS:
        return "escalate"
    return "respond"


def route_after_retrieve(state: State) -> Literal["inform_status", "respond"]:
    """Inform once the package is known; otherwise the agent asked which item."""
    return "respond" if state.get("reply_parts") else "inform_status"


def route_after_read_request(
    state: State,
) -> Literal["assess_urgency", "confirm_resolution", "escalate", "follow_up"]:
    """Act on what the customer asked for, given where the conversation is."""
    intent = (state.get("request") or {}).get("intent")
    if intent in ("wants_human", "outside_sop"):
        return "escalate"
    if state.get("stage") in ("offered", "resolved"):
        if intent == "accept":
            return "confirm_resolution"
        if intent in ("decline", "wants_more"):
            return "escalate"
        return "follow_up"
    return "assess_urgency"


def route_after_assess(
    state: State,
) -> Literal["offer_compensation", "escalate", "follow_up"]:
    """Offer only when the package is late and the customer stresses it matters."""
    urgent = (state.get("urgency") or {}).get("label") == "urgent"
    if state.get("delayed") and urgent and not state.get("offer"):
        return "offer_compensation"
    if (state.get("request") or {}).get("intent") in ("decline", "wants_more"):
        return "escalate"
    return "follow_up"


def route_after_respond(state: State) -> Literal["await_human", "__end__"]:
    """Pause escalated threads for a human; otherwise the turn is over."""
    return "await_human" if state.get("stage") == "escalated" else "__end__"


Node = Callable[..., Any]


def build_graph(
    *, overrides: Mapping[str, Node] | None = None
) -> StateGraph[State, Context, InputState, State]:
    """Build the uncompiled graph.

    Args:
        overrides: Replacement node functions by node name, for variants of the
            agent (the evaluation's seeded-violation mutants use this).
    """
    steps: dict[str, Node] = {
        "identify_customer": nodes.identify_customer,
        "retrieve_package": nodes.retrieve_package,
        "inform_status": nodes.inform_status,
        "read_request": nodes.read_request,
        "assess_urgency": nodes.assess_urgency,
        "offer_compensation": nodes.offer_compensation,
        "confirm_resolution": nodes.confirm_resolution,
        "escalate": nodes.escalate,
        "follow_up": nodes.follow_up,
        "respond": nodes.respond,
        "await_human": nodes.await_human,
    }
    unknown = set(overrides or {}) - set(steps)
    if unknown:
        raise ValueError(
            f"Cannot override unknown node(s) {sorted(unknown)}; "
            f"nodes are {sorted(steps)}."
        )
    steps.update(overrides or {})

    builder = StateGraph(State, context_schema=Context, input_schema=InputState)
    for name, step in steps.items():
        builder.add_node(name, step)

    builder.add_conditional_edges(START, route_turn)
    builder.add_conditional_edges("identify_customer", route_after_identify)
    builder.add_conditional_edges("retrieve_package", route_after_retrieve)
    builder.add_edge("inform_status", "read_request")
    builder.add_conditional_edges("read_request", route_after_read_request)
    builder.add_conditional_edges("assess_urgency", route_after_assess)
    for name in ("offer_compensation", "confirm_resolution", "escalate", "follow_up"):
        builder.add_edge(name, "respond")
    builder.add_conditional_edges("respond", route_after_respond)
    builder.add_edge("await_human", END)
    return builder


graph = build_graph().compile(name="delayed-package-agent")
"""The agent compiled without a checkpointer, for LangGraph Studio."""
