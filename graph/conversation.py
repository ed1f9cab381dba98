"""A small driver for one conversation with a compiled agent.

The CLI, the demo, the notebooks and the evaluation talk to the graph through
this class; embedding applications may too, or call the graph directly.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.runnables import RunnableConfig
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import Command, Durability

from graph.context import Context

__all__ = ["Conversation", "Turn", "summarize"]


@dataclass(frozen=True)
class Turn:
    """What one customer message produced."""

    customer: str
    """The customer's message."""
    reply: str | None
    """The agent's reply, or None while the thread waits for a human."""
    stage: str
    """Where the conversation stands after the turn."""
    interrupt: dict[str, Any] | None = None
    """The escalation the thread is paused on, if any."""


@dataclass
class Conversation:
    """One thread of a compiled agent, driven a message at a time."""

    app: CompiledStateGraph[Any, Any, Any, Any]
    context: Context
    thread_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    durability: Durability = "exit"
    """When checkpoints are written: "exit" saves each turn once, at its end
    (a turn is lost whole or kept whole); "sync" saves after every step, for
    step-by-step time travel."""

    @property
    def config(self) -> RunnableConfig:
        """The run config naming this conversation's thread."""
        return {"configurable": {"thread_id": self.thread_id}}

    def send(self, text: str) -> Turn:
        """Send one customer message and return the agent's reply."""
        out = self.app.invoke(
            {"messages": [{"role": "user", "content": text}]},
            config=self.config,
            context=self.context,
            durability=self.durability,
        )
        return self._turn(text, out)

    def resume(self, message: str, agent: str = "human agent") -> Turn:
        """Answer a paused thread as a human representative."""
        out = self.app.invoke(
            Command(resume={"message": message, "agent": agent}),
            config=self.config,
            context=self.context,
            durability=self.durability,
        )
        return self._turn("", out)

    def state(self) -> dict[str, Any]:
        """The thread's current state values."""
        return dict(self.app.get_state(self.config).values)

    def _turn(self, text: str, out: dict[str, Any]) -> Turn:
        interrupts = out.get("__interrupt__") or []
        last = out["messages"][-1] if out.get("messages") else None
        reply = last.text if isinstance(last, AIMessage) else None
        return Turn(
            customer=text,
            reply=reply,
            stage=out.get("stage", "identify"),
            interrupt=interrupts[0].value if interrupts else None,
        )


def summarize(state: dict[str, Any]) -> dict[str, Any]:
    """The outcome of a conversation, as the CLI and reports show it."""
    customer = state.get("customer") or {}
    package = state.get("package") or {}
    return {
        "verified_customer": customer.get("customer_id")
        if customer.get("status") == "active"
        else None,
        "package": package.get("package_id"),
        "tracking_status": package.get("tracking_status"),
        "delayed": state.get("delayed"),
        "urgency": (state.get("urgency") or {}).get("label"),
        "offer": state.get("offer"),
        "gift_card": state.get("gift_card"),
        "escalation": state.get("escalation"),
        "stage": state.get("stage", "identify"),
        "turns": sum(isinstance(m, HumanMessage) for m in state.get("messages", [])),
        "model_fallbacks": state.get("model_fallbacks", []),
    }
