"""Conversations held through the compiled graph, one turn at a time.

This is the backend without HTTP: it runs customer turns and human replies
against the checkpointed graph, serialises the turns of each thread, and turns
graph state into transcripts and the escalation queue.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Coroutine, Iterable
from typing import Any
from weakref import WeakValueDictionary

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.runnables import RunnableConfig
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import Command

from dpa._errors import (
    AgentFailedError,
    NoPendingEscalationError,
    UnknownThreadError,
)
from dpa._registry import ThreadRegistry
from dpa._schemas import (
    Escalation,
    Status,
    ThreadView,
    TranscriptEntry,
    TurnResult,
)
from graph.context import Context

__all__ = ["Conversations", "EventSink", "status_of", "transcript"]

logger = logging.getLogger(__name__)

EventSink = Callable[[str, dict[str, Any]], None]
"""Receives `(event, data)` while a turn runs, e.g. `("progress", {"node": ...})`."""

HUMAN_AGENT = "human_agent"


def status_of(values: dict[str, Any], interrupted: bool) -> tuple[Status, bool]:
    """A conversation's status, and whether it waits for a human reply.

    Args:
        values: The graph state's values.
        interrupted: Whether the graph stopped at an interrupt.
    """
    stage = values.get("stage")
    if interrupted or stage == "escalated":
        return "escalated", interrupted
    if stage == "resolved":
        return "resolved", False
    return "active", False


def _messages_in(update: Any) -> list[BaseMessage]:
    """The messages one node's update adds to the state."""
    parts = update if isinstance(update, list | tuple) else [update]
    found: list[Any] = []
    for part in parts:
        if isinstance(part, dict):
            messages = part.get("messages") or []
            found.extend(messages if isinstance(messages, list) else [messages])
    return [message for message in found if isinstance(message, BaseMessage)]


def _agent_name(message: BaseMessage, fallback: str | None) -> str | None:
    for extra in (message.additional_kwargs, message.response_metadata):
        name = extra.get("agent") or extra.get("human_agent")
        if isinstance(name, str) and name:
            return name
    return fallback


def transcript(
    messages: Iterable[BaseMessage], human_agent: str | None = None
) -> list[TranscriptEntry]:
    """The customer-visible messages, with who wrote each one."""
    entries = []
    for message in messages:
        if isinstance(message, HumanMessage):
            entries.append(TranscriptEntry(role="customer", text=message.text))
        elif isinstance(message, AIMessage) and message.name == HUMAN_AGENT:
            entries.append(
                TranscriptEntry(
                    role="human_agent",
                    text=message.text,
                    agent=_agent_name(message, human_agent),
                )
            )
        elif isinstance(message, AIMessage) and message.text:
            entries.append(TranscriptEntry(role="agent", text=message.text))
    return entries


def _config(thread_id: str) -> RunnableConfig:
    return {"configurable": {"thread_id": thread_id}}


class Conversations:
    """Runs turns of checkpointed conversations, one turn per thread at a time.

    Each turn runs as its own task, so a client that disconnects mid-turn
    never leaves a conversation half-updated: the turn completes and is saved.
    """

    def __init__(
        self,
        agent: CompiledStateGraph[Any, Context, Any, Any],
        context: Context,
        registry: ThreadRegistry,
    ) -> None:
        self._agent = agent
        self._context = context
        self._registry = registry
        self._locks: WeakValueDictionary[str, asyncio.Lock] = WeakValueDictionary()
        self._running: set[asyncio.Task[Any]] = set()

    async def start(self) -> str:
        """Open a new conversation and return its thread id."""
        thread_id = uuid.uuid4().hex
        await self._registry.add(thread_id)
        logger.info("Started thread %s", thread_id)
        return thread_id

    async def ensure_exists(self, thread_id: str) -> None:
        """Raise `UnknownThreadError` unless this backend created `thread_id`."""
        if await self._registry.get(thread_id) is None:
            raise UnknownThreadError(thread_id)

    async def view(self, thread_id: str) -> ThreadView:
        """The whole conversation and its status."""
        await self.ensure_exists(thread_id)
        snapshot = await self._agent.aget_state(_config(thread_id))
        values = snapshot.values or {}
        status, awaiting = status_of(values, bool(snapshot.interrupts))
        human_agent = values.get("human_agent")
        return ThreadView(
            thread_id=thread_id,
            status=status,
            awaiting_human=awaiting,
            human_agent=human_agent,
            messages=transcript(values.get("messages", []), human_agent),
        )

    def send(
        self, thread_id: str, text: str, on_event: EventSink | None = None
    ) -> asyncio.Task[TurnResult]:
        """Start the turn that answers a customer message; await the task."""
        message = HumanMessage(content=text, id=uuid.uuid4().hex)
        return self._spawn(
            self._turn(thread_id, {"messages": [message]}, [message], on_event)
        )

    def reply_as_human(
        self,
        thread_id: str,
        message: str,
        agent: str,
        on_event: EventSink | None = None,
    ) -> asyncio.Task[TurnResult]:
        """Start the turn that posts a representative's reply; await the task."""
        command: Command[Any] = Command(resume={"message": message, "agent": agent})
        return self._spawn(self._turn(thread_id, command, [], on_event))

    async def escalations(self) -> list[Escalation]:
        """Conversations waiting for a human, longest-waiting first."""
        waiting = []
        for record in await self._registry.awaiting_human():
            snapshot = await self._agent.aget_state(_config(record.thread_id))
            if not snapshot.interrupts:
                continue
            value = snapshot.interrupts[0].value
            details = value if isinstance(value, dict) else {}
            customer = (snapshot.values or {}).get("customer") or {}
            waiting.append(
                Escalation(
                    thread_id=record.thread_id,
                    escalation_id=details.get("escalation_id"),
                    reason=details.get("reason"),
                    customer_id=details.get("customer_id"),
                    customer_name=customer.get("name"),
                    package_id=details.get("package_id"),
                    customer_message=details.get("customer_message"),
                    waiting_since=record.updated_at,
                )
            )
        return waiting

    async def drain(self, timeout: float) -> None:
        """Let running turns finish, up to `timeout` seconds, then cancel them."""
        if not self._running:
            return
        logger.info("Waiting for %d running turn(s)", len(self._running))
        _, pending = await asyncio.wait(set(self._running), timeout=timeout)
        for task in pending:
            task.cancel()
        if pending:
            logger.warning("Cancelled %d turn(s) still running", len(pending))
            await asyncio.wait(pending)

    def _spawn(self, turn: Coroutine[Any, Any, TurnResult]) -> asyncio.Task[TurnResult]:
        task = asyncio.create_task(turn)
        self._running.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._running.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.debug("Turn failed: %r", task.exception())

    def _lock(self, thread_id: str) -> asyncio.Lock:
        lock = self._locks.get(thread_id)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[thread_id] = lock
        return lock

    async def _turn(
        self,
        thread_id: str,
        graph_input: dict[str, Any] | Command[Any],
        sent: list[BaseMessage],
        on_event: EventSink | None,
    ) -> TurnResult:
        """Run one turn under the thread's lock.

        The turn's messages and final state are read from the run's own
        stream rather than from the checkpointer: every checkpoint read goes
        through one connection, which many concurrent turns share.
        """
        config = _config(thread_id)
        async with self._lock(thread_id):
            record = await self._registry.get(thread_id)
            if record is None:
                raise UnknownThreadError(thread_id)
            if isinstance(graph_input, Command):
                pending = await self._agent.aget_state(config)
                if not pending.interrupts:
                    raise NoPendingEscalationError(thread_id)

            added: list[BaseMessage] = list(sent)
            values: dict[str, Any] = {}
            interrupted = False
            try:
                async for mode, chunk in self._agent.astream(
                    graph_input,
                    config,
                    context=self._context,
                    stream_mode=["updates", "values"],
                    durability="exit",
                ):
                    if not isinstance(chunk, dict):
                        continue
                    if mode == "values":
                        values = chunk
                        continue
                    for node, update in chunk.items():
                        if node == "__interrupt__":
                            interrupted = True
                        elif not node.startswith("__"):
                            added.extend(_messages_in(update))
                            if on_event is not None:
                                on_event("progress", {"node": node})
            except Exception as exc:
                logger.exception("The agent failed on thread %s", thread_id)
                raise AgentFailedError(thread_id) from exc

            status, awaiting = status_of(values, interrupted)
            if (status, awaiting) != (record.status, record.awaiting_human):
                await self._registry.update(thread_id, status, awaiting)

        entries = transcript(added, values.get("human_agent"))
        replies = [entry.text for entry in entries if entry.role == "agent"]
        result = TurnResult(
            thread_id=thread_id,
            reply=replies[-1] if replies else None,
            status=status,
            awaiting_human=awaiting,
            messages=entries,
        )
        if on_event is not None and result.reply is not None:
            on_event("reply", {"text": result.reply})
        return result
