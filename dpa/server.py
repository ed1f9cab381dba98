"""The chat backend: the agent behind an HTTP API, with two small web pages.

A customer page chats with the agent; a page for human representatives
answers the conversations the agent escalated.

`create_app` compiles the graph with LangGraph's `AsyncSqliteSaver`, so every
conversation survives a restart; `run` serves it with uvicorn (`dpa serve`).

Endpoints:
    `POST /v1/threads` starts a conversation; `POST /v1/threads/{id}/messages`
    sends a customer message (JSON reply, or server-sent events when the client
    accepts `text/event-stream`); `GET /v1/threads/{id}` returns the transcript;
    `GET /v1/escalations` lists conversations waiting for a human and
    `POST /v1/escalations/{id}/reply` answers one. `GET /` and `GET /agent`
    serve the two pages.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any, cast

import aiosqlite
from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver
from langgraph.graph import StateGraph
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from dpa._conversations import Conversations
from dpa._errors import (
    ApiError,
    EmptyMessageError,
    MessageTooLongError,
    error_body,
    install_error_handlers,
)
from dpa._registry import ThreadRegistry
from dpa._schemas import (
    EscalationList,
    HumanReply,
    NewMessage,
    ThreadCreated,
    ThreadView,
    TurnResult,
)
from graph.context import Context
from tools import data_dir

__all__ = ["ServerSettings", "create_app", "run"]

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
_DRAIN_SECONDS = 30.0
_MAX_AGENT_NAME = 80


class ServerSettings(BaseSettings):
    """How the chat backend runs.

    Each field can be set as `DPA_<FIELD>` (`db_path` as `DPA_DB`, like the
    agent's own context), and explicit arguments win over the environment.
    """

    model_config = SettingsConfigDict(
        env_prefix="DPA_", env_ignore_empty=True, populate_by_name=True
    )

    host: str = Field(
        default="127.0.0.1",
        description="Interface to listen on. The default serves this machine only; "
        "use 0.0.0.0 behind a reverse proxy that authenticates the agent page.",
    )
    port: int = Field(
        default=8000, ge=0, le=65535, description="TCP port to listen on."
    )
    checkpoint_db: Path = Field(
        default_factory=lambda: data_dir() / "checkpoints.sqlite",
        description="SQLite file holding every conversation (LangGraph "
        "checkpoints). Defaults to checkpoints.sqlite in the per-user data "
        "folder that also holds the demo database (DPA_DATA_DIR overrides it).",
    )
    max_message_chars: int = Field(
        default=2000,
        ge=1,
        le=100_000,
        description="Longest message accepted, in characters; longer ones get 413.",
    )
    model: str = Field(
        default="offline",
        description="Model backend of the agent: 'offline' or 'openai:<model>'.",
    )
    db_path: Path | None = Field(
        default=None,
        validation_alias="DPA_DB",
        description="SQLite file of the internal systems (env DPA_DB); empty "
        "means the demo database seeded from the bundled fixture.",
    )
    worker_threads: int | None = Field(
        default=64,
        ge=1,
        le=1024,
        description="Threads that run the graph's synchronous steps (model "
        "calls, database reads): the event loop's default executor is set to a "
        "pool this size when the app starts, since it bounds how many turns "
        "make progress at once. None leaves the loop's executor alone.",
    )
    today: date | None = Field(
        default=None,
        description="The date the agent treats as today (YYYY-MM-DD), for demos "
        "and reproducible runs; empty means the real date.",
    )

    def agent_context(self) -> Context:
        """The run-time context every turn of the agent gets."""
        if self.db_path is not None:
            db_path = str(self.db_path)
        else:
            from tools import demo_db_path

            db_path = str(demo_db_path())
        today = self.today.isoformat() if self.today else None
        return Context(model=self.model, db_path=db_path, today=today)


def _check_text(text: str, field: str, limit: int) -> str:
    text = text.strip()
    if not text:
        raise EmptyMessageError(field)
    if len(text) > limit:
        raise MessageTooLongError(field, len(text), limit)
    return text


def _sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


async def _stream_turn(
    conversations: Conversations, thread_id: str, text: str
) -> AsyncIterator[str]:
    """Server-sent events of one turn: progress, the reply, then `done`."""
    events: asyncio.Queue[tuple[str, dict[str, Any]] | None] = asyncio.Queue()
    task = conversations.send(
        thread_id, text, on_event=lambda name, data: events.put_nowait((name, data))
    )
    task.add_done_callback(lambda _: events.put_nowait(None))
    while (item := await events.get()) is not None:
        yield _sse(*item)
    try:
        result = task.result()
    except ApiError as exc:
        yield _sse("error", error_body(exc.code, exc.message))
        return
    except Exception:
        logger.exception("Turn on thread %s failed", thread_id)
        yield _sse("error", error_body("internal_error", "The turn failed."))
        return
    yield _sse("done", result.model_dump())


def _default_graph() -> StateGraph[Any, Context, Any, Any]:
    from graph.graph import build_graph

    return cast("StateGraph[Any, Context, Any, Any]", build_graph())


def _conversations(request: Request) -> Conversations:
    return request.app.state.conversations


def create_app(
    graph: StateGraph[Any, Context, Any, Any] | None = None,
    settings: ServerSettings | None = None,
) -> FastAPI:
    """Build the chat backend around an uncompiled agent graph.

    Args:
        graph: The agent, uncompiled; defaults to `graph.graph.build_graph()`.
            It is compiled with an `AsyncSqliteSaver` when the app starts.
        settings: Defaults to `ServerSettings()`, read from `DPA_*` variables.
    """
    settings = settings or ServerSettings()
    builder = graph if graph is not None else _default_graph()
    context = settings.agent_context()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from graph.models import get_decider
        from tools import connect

        get_decider(context.model)
        connect(context.db_path)
        if settings.worker_threads:
            asyncio.get_running_loop().set_default_executor(
                ThreadPoolExecutor(
                    max_workers=settings.worker_threads, thread_name_prefix="dpa-turn"
                )
            )
        path = settings.checkpoint_db
        path.parent.mkdir(parents=True, exist_ok=True)
        async with aiosqlite.connect(path) as conn:
            await conn.execute("PRAGMA busy_timeout = 5000")
            await conn.execute("PRAGMA synchronous = NORMAL")
            saver = AsyncSqliteSaver(conn)
            await saver.setup()
            registry = ThreadRegistry(conn, saver.lock)
            await registry.setup()
            agent = builder.compile(checkpointer=saver)
            conversations = Conversations(agent, context, registry)
            app.state.conversations = conversations
            logger.info("Conversations are kept in %s", path)
            try:
                yield
            finally:
                await conversations.drain(_DRAIN_SECONDS)

    app = FastAPI(
        title="Delayed-package agent",
        summary="Customer chat with the delayed-package agent, and its human "
        "hand-over.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    limit = settings.max_message_chars

    @app.get("/", include_in_schema=False)
    async def customer_page() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html")

    @app.get("/agent", include_in_schema=False)
    async def agent_page() -> FileResponse:
        return FileResponse(STATIC_DIR / "agent.html")

    @app.get("/healthz", include_in_schema=False)
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/v1/threads", status_code=201)
    async def start_thread(request: Request) -> ThreadCreated:
        """Start a conversation."""
        return ThreadCreated(thread_id=await _conversations(request).start())

    @app.get("/v1/threads/{thread_id}")
    async def read_thread(thread_id: str, request: Request) -> ThreadView:
        """The transcript and status of a conversation."""
        return await _conversations(request).view(thread_id)

    @app.post(
        "/v1/threads/{thread_id}/messages",
        response_model=TurnResult,
        responses={200: {"content": {"text/event-stream": {}}}},
    )
    async def send_message(
        thread_id: str, body: NewMessage, request: Request
    ) -> TurnResult | StreamingResponse:
        """Send a customer message and get the agent's reply.

        With `Accept: text/event-stream` the answer is a stream of events:
        `progress` (a graph node ran), `reply` (the agent's text) and `done`
        (the whole result), or `error`.
        """
        text = _check_text(body.content, "content", limit)
        conversations = _conversations(request)
        await conversations.ensure_exists(thread_id)
        if "text/event-stream" in request.headers.get("accept", ""):
            return StreamingResponse(
                _stream_turn(conversations, thread_id, text),
                media_type="text/event-stream",
                headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
            )
        return await asyncio.shield(conversations.send(thread_id, text))

    @app.get("/v1/escalations")
    async def list_escalations(request: Request) -> EscalationList:
        """Conversations waiting for a human representative."""
        return EscalationList(escalations=await _conversations(request).escalations())

    @app.post("/v1/escalations/{thread_id}/reply")
    async def reply_to_escalation(
        thread_id: str, body: HumanReply, request: Request
    ) -> TurnResult:
        """Post a representative's reply to a conversation waiting for one."""
        message = _check_text(body.message, "message", limit)
        agent = _check_text(body.agent, "agent", _MAX_AGENT_NAME)
        conversations = _conversations(request)
        await conversations.ensure_exists(thread_id)
        return await asyncio.shield(
            conversations.reply_as_human(thread_id, message, agent)
        )

    return app


def run(settings: ServerSettings | None = None) -> None:
    """Serve the chat backend with uvicorn until interrupted."""
    import uvicorn

    settings = settings or ServerSettings()
    app = create_app(settings=settings)
    logger.info(
        "Customer chat on http://%s:%d/ and agents on http://%s:%d/agent",
        settings.host,
        settings.port,
        settings.host,
        settings.port,
    )
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
