"""The agents an evaluation can play against: the SOP graph, its mutants, ReAct.

Every agent is driven through the same small session interface, so the
runner, the simulator and the metrics never depend on how an agent is built.
"""

from __future__ import annotations

import threading
from typing import Any, Protocol

from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph.state import CompiledStateGraph

from graph.context import Context
from graph.conversation import Conversation, summarize
from graph.graph import build_graph

__all__ = [
    "AgentSession",
    "GraphSession",
    "agent_model",
    "check_agent",
    "open_session",
]


class AgentSession(Protocol):
    """One conversation with an agent under test."""

    interrupted: bool
    """The thread is paused for a human representative."""

    def send(self, text: str) -> str | None:
        """Send a customer message; the reply, or None while a human is awaited."""
        ...

    def final_state(self) -> dict[str, Any]:
        """Where the conversation ended, JSON-friendly and without messages."""
        ...


_compiled: dict[str, tuple[CompiledStateGraph[Any, Any, Any, Any], InMemorySaver]] = {}
_compiling = threading.Lock()


class GraphSession:
    """A session on a compiled LangGraph agent (the SOP graph or a mutant)."""

    def __init__(self, app: CompiledStateGraph, saver: InMemorySaver, context: Context):
        """Start a new thread on `app`, whose checkpoints live in `saver`."""
        self._conversation = Conversation(app, context)
        self._saver = saver
        self.interrupted = False

    def send(self, text: str) -> str | None:
        """Send a customer message; None once the thread waits for a human."""
        if self.interrupted:
            return None
        turn = self._conversation.send(text)
        self.interrupted = turn.interrupt is not None
        return turn.reply

    def final_state(self) -> dict[str, Any]:
        """The outcome (`summarize`) plus the urgency, request and guard events."""
        state = self._conversation.state()
        return {
            **summarize(state),
            "urgency": state.get("urgency"),
            "request": state.get("request"),
            "rejected_replies": list(state.get("rejected_replies", [])),
            "identity_attempts": state.get("identity_attempts", 0),
        }

    def close(self) -> None:
        """Drop the thread's checkpoints; the shared saver would otherwise grow."""
        self._saver.delete_thread(self._conversation.thread_id)


def _graph_for(agent: str) -> tuple[CompiledStateGraph, InMemorySaver]:
    """Compile an agent's graph once; sessions share it on separate threads."""
    with _compiling:
        if agent not in _compiled:
            saver = InMemorySaver()
            overrides = _mutant(agent).overrides if agent.startswith("mutant:") else {}
            app = build_graph(overrides=overrides).compile(
                checkpointer=saver, name=agent
            )
            _compiled[agent] = (app, saver)
        return _compiled[agent]


def _mutant(agent: str) -> Any:
    from evals.mutants import MUTANTS

    name = agent.removeprefix("mutant:")
    if name not in MUTANTS:
        raise ValueError(
            f"Unknown mutant {name!r} in agent {agent!r}; mutants are "
            f"{', '.join(sorted(MUTANTS))}."
        )
    return MUTANTS[name]


def agent_model(agent: str) -> str:
    """The decision model an agent name asks for: 'sop:openai:x' -> 'openai:x'.

    Plain 'sop' and mutants use the built-in offline model.
    """
    if agent.startswith("sop:"):
        return agent.removeprefix("sop:")
    return "offline"


def open_session(agent: str, context: Context) -> AgentSession:
    """Start a conversation with the agent an evaluation names.

    Args:
        agent: 'sop' (the SOP graph; 'sop:<model>' picks its decision model),
            'mutant:<name>' (a seeded-violation variant from
            `evals.mutants.MUTANTS`) or 'react[:<model>]' (the prompt-only
            baseline).
        context: The run-time context (database, today, model).

    Raises:
        ValueError: The agent name is unknown, or names an unknown mutant.
        ModelConfigError: The ReAct baseline has no model to call.
    """
    if agent == "sop" or agent.startswith("sop:") or agent.startswith("mutant:"):
        app, saver = _graph_for("sop" if agent.startswith("sop") else agent)
        return GraphSession(app, saver, context)
    if agent == "react" or agent.startswith("react:"):
        from evals.react import ReactSession

        model = agent.removeprefix("react").removeprefix(":") or None
        return ReactSession(context, model)
    raise ValueError(
        f"Unknown agent {agent!r}; use 'sop', 'mutant:<name>' or 'react[:<model>]'."
    )


def check_agent(agent: str) -> None:
    """Fail early on an agent name `open_session` would reject.

    Raises:
        ValueError: The agent name is unknown, or names an unknown mutant.
    """
    if agent.startswith("mutant:"):
        _mutant(agent)
    elif not (
        agent == "sop"
        or agent.startswith("sop:")
        or agent == "react"
        or agent.startswith("react:")
    ):
        raise ValueError(
            f"Unknown agent {agent!r}; use 'sop', 'mutant:<name>' or "
            "'react[:<model>]'."
        )
