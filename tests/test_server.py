"""The chat backend's HTTP API, driven in-process with the offline model."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from dpa.server import ServerSettings, create_app
from graph.graph import build_graph
from tests.serving import DECLINE, EMAIL, URGENT, WHERE, offline_settings
from tools import DatabaseNotFoundError, connect


@pytest.fixture
def settings(db_path: Path, tmp_path: Path) -> ServerSettings:
    return offline_settings(db_path, tmp_path)


async def _serve(app):
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://backend"
        ) as client:
            yield client


@pytest.fixture
async def client(settings: ServerSettings):
    async for client in _serve(create_app(settings=settings)):
        yield client


async def new_thread(client: httpx.AsyncClient) -> str:
    response = await client.post("/v1/threads")
    assert response.status_code == 201
    return response.json()["thread_id"]


async def say(client: httpx.AsyncClient, thread_id: str, text: str) -> dict:
    response = await client.post(
        f"/v1/threads/{thread_id}/messages", json={"content": text}
    )
    assert response.status_code == 200, response.text
    return response.json()


async def escalate(client: httpx.AsyncClient) -> str:
    thread_id = await new_thread(client)
    for text in (WHERE, EMAIL, URGENT, DECLINE):
        await say(client, thread_id, text)
    return thread_id


def error_code(response: httpx.Response) -> str:
    body = response.json()
    assert set(body) == {"error"} and body["error"]["message"]
    return body["error"]["code"]


# Conversations


async def test_starting_a_thread_returns_201_with_a_fresh_id(client):
    first, second = await new_thread(client), await new_thread(client)

    assert first and second and first != second


async def test_a_new_thread_has_an_empty_active_transcript(client):
    thread_id = await new_thread(client)

    view = (await client.get(f"/v1/threads/{thread_id}")).json()

    assert view == {
        "thread_id": thread_id,
        "status": "active",
        "awaiting_human": False,
        "human_agent": None,
        "messages": [],
    }


async def test_first_message_is_answered_with_a_request_for_the_email(client):
    thread_id = await new_thread(client)

    turn = await say(client, thread_id, WHERE)

    assert "email" in turn["reply"].lower()
    assert turn["status"] == "active"
    assert [m["role"] for m in turn["messages"]] == ["customer", "agent"]
    assert turn["messages"][0]["text"] == WHERE


async def test_verified_customer_hears_the_status_and_an_apology(client):
    thread_id = await new_thread(client)
    await say(client, thread_id, WHERE)

    turn = await say(client, thread_id, EMAIL)

    assert "out for delivery" in turn["reply"].lower()
    assert "sorry" in turn["reply"].lower()


async def test_urgent_customer_of_a_late_package_is_offered_the_shipping_cost(client):
    thread_id = await new_thread(client)
    await say(client, thread_id, WHERE)
    await say(client, thread_id, EMAIL)

    turn = await say(client, thread_id, URGENT)

    assert "$12.50" in turn["reply"]
    assert turn["status"] == "active"


async def test_declined_offer_escalates_and_waits_for_a_human(client):
    thread_id = await new_thread(client)
    for text in (WHERE, EMAIL, URGENT):
        await say(client, thread_id, text)

    turn = await say(client, thread_id, DECLINE)

    assert turn["status"] == "escalated"
    assert turn["awaiting_human"] is True
    assert turn["reply"]


async def test_accepted_offer_resolves_the_thread_with_one_gift_card(client, settings):
    thread_id = await new_thread(client)
    for text in (WHERE, EMAIL, URGENT):
        await say(client, thread_id, text)

    turn = await say(client, thread_id, "Yes please, that works")

    assert turn["status"] == "resolved"
    cards = connect(settings.db_path).list_gift_cards()
    assert [(card.package_id, str(card.amount)) for card in cards] == [
        ("PKG-1", "12.50")
    ]


async def test_transcript_holds_every_message_in_order(client):
    thread_id = await escalate(client)

    view = (await client.get(f"/v1/threads/{thread_id}")).json()

    roles = [m["role"] for m in view["messages"]]
    assert roles == ["customer", "agent"] * 4
    customer_texts = [m["text"] for m in view["messages"] if m["role"] == "customer"]
    assert customer_texts == [WHERE, EMAIL, URGENT, DECLINE]
    assert view["status"] == "escalated"


# Escalations


async def test_escalation_queue_lists_the_waiting_thread_and_its_last_message(
    client,
):
    thread_id = await escalate(client)

    queue = (await client.get("/v1/escalations")).json()["escalations"]

    assert [e["thread_id"] for e in queue] == [thread_id]
    (waiting,) = queue
    assert waiting["escalation_id"].startswith("ESC-")
    assert waiting["customer_id"] == "C-1001"
    assert waiting["customer_name"] == "Ada Lovelace"
    assert waiting["package_id"] == "PKG-1"
    assert waiting["customer_message"] == DECLINE
    assert waiting["reason"]


async def test_active_threads_are_not_in_the_escalation_queue(client):
    thread_id = await new_thread(client)
    await say(client, thread_id, WHERE)

    queue = (await client.get("/v1/escalations")).json()["escalations"]

    assert queue == []


async def test_human_reply_appears_in_the_transcript_under_the_agents_name(client):
    thread_id = await escalate(client)

    response = await client.post(
        f"/v1/escalations/{thread_id}/reply",
        json={"message": "Hi Ada, I'm Sam and I'll sort this out.", "agent": "Sam"},
    )

    assert response.status_code == 200, response.text
    view = (await client.get(f"/v1/threads/{thread_id}")).json()
    last = view["messages"][-1]
    assert last == {
        "role": "human_agent",
        "text": "Hi Ada, I'm Sam and I'll sort this out.",
        "agent": "Sam",
    }
    assert view["human_agent"] == "Sam"
    assert view["status"] == "escalated"
    assert view["awaiting_human"] is False


async def test_a_replied_thread_leaves_the_escalation_queue(client):
    thread_id = await escalate(client)

    await client.post(
        f"/v1/escalations/{thread_id}/reply",
        json={"message": "On it.", "agent": "Sam"},
    )

    assert (await client.get("/v1/escalations")).json()["escalations"] == []


async def test_customer_writing_to_a_human_gets_no_automatic_reply(client):
    thread_id = await escalate(client)
    await client.post(
        f"/v1/escalations/{thread_id}/reply",
        json={"message": "On it.", "agent": "Sam"},
    )

    turn = await say(client, thread_id, "Thank you, Sam. When will it arrive?")

    assert turn["reply"] is None
    assert turn["awaiting_human"] is True
    assert [m["role"] for m in turn["messages"]] == ["customer"]
    queue = (await client.get("/v1/escalations")).json()["escalations"]
    assert [e["customer_message"] for e in queue] == [
        "Thank you, Sam. When will it arrive?"
    ]


async def test_replying_to_a_thread_that_waits_for_no_one_is_409(client):
    thread_id = await new_thread(client)
    await say(client, thread_id, WHERE)

    response = await client.post(
        f"/v1/escalations/{thread_id}/reply", json={"message": "Hi", "agent": "Sam"}
    )

    assert response.status_code == 409
    assert error_code(response) == "no_pending_escalation"


async def test_replying_twice_to_one_escalation_is_409_the_second_time(client):
    thread_id = await escalate(client)
    reply = {"message": "On it.", "agent": "Sam"}

    first = await client.post(f"/v1/escalations/{thread_id}/reply", json=reply)
    second = await client.post(f"/v1/escalations/{thread_id}/reply", json=reply)

    assert first.status_code == 200
    assert second.status_code == 409


async def test_human_reply_without_a_name_is_422(client):
    thread_id = await escalate(client)

    response = await client.post(
        f"/v1/escalations/{thread_id}/reply", json={"message": "On it.", "agent": " "}
    )

    assert response.status_code == 422
    assert error_code(response) == "empty_message"


# Bad input


@pytest.mark.parametrize("content", ["", "   ", "\n\t "])
async def test_an_empty_message_is_422(client, content):
    thread_id = await new_thread(client)

    response = await client.post(
        f"/v1/threads/{thread_id}/messages", json={"content": content}
    )

    assert response.status_code == 422
    assert error_code(response) == "empty_message"


async def test_a_message_over_the_limit_is_413_and_leaves_the_thread_alone(client):
    thread_id = await new_thread(client)

    response = await client.post(
        f"/v1/threads/{thread_id}/messages", json={"content": "a" * 2001}
    )

    assert response.status_code == 413
    assert error_code(response) == "message_too_long"
    assert "2000" in response.json()["error"]["message"]
    assert (await client.get(f"/v1/threads/{thread_id}")).json()["messages"] == []


async def test_a_message_at_the_limit_is_accepted(client):
    thread_id = await new_thread(client)

    response = await client.post(
        f"/v1/threads/{thread_id}/messages", json={"content": "a" * 2000}
    )

    assert response.status_code == 200


async def test_the_message_limit_follows_the_settings(settings):
    app = create_app(settings=settings.model_copy(update={"max_message_chars": 10}))
    async for client in _serve(app):
        thread_id = await new_thread(client)

        response = await client.post(
            f"/v1/threads/{thread_id}/messages", json={"content": "a" * 11}
        )

        assert response.status_code == 413


async def test_a_message_to_an_unknown_thread_is_404(client):
    response = await client.post(
        "/v1/threads/no-such-thread/messages", json={"content": WHERE}
    )

    assert response.status_code == 404
    assert error_code(response) == "thread_not_found"
    assert "no-such-thread" in response.json()["error"]["message"]


async def test_reading_an_unknown_thread_is_404(client):
    response = await client.get("/v1/threads/no-such-thread")

    assert response.status_code == 404
    assert error_code(response) == "thread_not_found"


async def test_replying_to_an_unknown_thread_is_404(client):
    response = await client.post(
        "/v1/escalations/no-such-thread/reply", json={"message": "Hi", "agent": "Sam"}
    )

    assert response.status_code == 404


async def test_malformed_json_is_400(client):
    thread_id = await new_thread(client)

    response = await client.post(
        f"/v1/threads/{thread_id}/messages",
        content=b'{"content": "Where is',
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 400
    assert error_code(response) == "malformed_json"


@pytest.mark.parametrize("body", [{}, {"text": WHERE}, {"content": 42}, [WHERE]])
async def test_a_body_without_a_text_content_is_422(client, body):
    thread_id = await new_thread(client)

    response = await client.post(f"/v1/threads/{thread_id}/messages", json=body)

    assert response.status_code == 422
    assert error_code(response) == "invalid_request"


async def test_an_unknown_route_answers_with_a_json_404(client):
    response = await client.get("/v1/nothing-here")

    assert response.status_code == 404
    assert error_code(response) == "not_found"


async def test_a_failing_agent_answers_a_json_500_without_a_traceback(settings):
    def broken(state):
        raise RuntimeError("secret internals")

    graph = build_graph(overrides={"identify_customer": broken})
    async for client in _serve(create_app(graph, settings)):
        thread_id = await new_thread(client)

        response = await client.post(
            f"/v1/threads/{thread_id}/messages", json={"content": WHERE}
        )

        assert response.status_code == 500
        assert error_code(response) == "internal_error"
        assert "secret internals" not in response.text


# Streaming


def parse_events(body: str) -> list[tuple[str, dict]]:
    events = []
    for block in body.strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((fields["event"], json.loads(fields["data"])))
    return events


async def test_streaming_sends_progress_then_the_reply_then_done(client):
    thread_id = await new_thread(client)

    response = await client.post(
        f"/v1/threads/{thread_id}/messages",
        json={"content": WHERE},
        headers={"Accept": "text/event-stream"},
    )

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = parse_events(response.text)
    names = [name for name, _ in events]
    assert names[-2:] == ["reply", "done"]
    assert set(names[:-2]) == {"progress"}
    nodes = [data["node"] for name, data in events if name == "progress"]
    assert "identify_customer" in nodes and nodes[-1] == "respond"
    reply, done = events[-2][1], events[-1][1]
    assert "email" in reply["text"].lower()
    assert done["status"] == "active" and done["reply"] == reply["text"]


async def test_a_streamed_turn_is_saved_like_any_other(client):
    thread_id = await new_thread(client)

    await client.post(
        f"/v1/threads/{thread_id}/messages",
        json={"content": WHERE},
        headers={"Accept": "text/event-stream"},
    )

    view = (await client.get(f"/v1/threads/{thread_id}")).json()
    assert [m["role"] for m in view["messages"]] == ["customer", "agent"]


async def test_streaming_to_an_unknown_thread_is_a_json_404(client):
    response = await client.post(
        "/v1/threads/no-such-thread/messages",
        json={"content": WHERE},
        headers={"Accept": "text/event-stream"},
    )

    assert response.status_code == 404
    assert error_code(response) == "thread_not_found"


async def test_a_failing_streamed_turn_ends_with_an_error_event(settings):
    def broken(state):
        raise RuntimeError("secret internals")

    graph = build_graph(overrides={"identify_customer": broken})
    async for client in _serve(create_app(graph, settings)):
        thread_id = await new_thread(client)

        response = await client.post(
            f"/v1/threads/{thread_id}/messages",
            json={"content": WHERE},
            headers={"Accept": "text/event-stream"},
        )

        name, data = parse_events(response.text)[-1]
        assert name == "error" and data["error"]["code"] == "internal_error"
        assert "secret internals" not in response.text


# Concurrency


async def test_two_messages_sent_at_once_are_answered_one_after_the_other(client):
    thread_id = await new_thread(client)
    await say(client, thread_id, WHERE)

    first, second = await asyncio.gather(
        say(client, thread_id, EMAIL), say(client, thread_id, URGENT)
    )

    view = (await client.get(f"/v1/threads/{thread_id}")).json()
    assert [m["role"] for m in view["messages"]] == ["customer", "agent"] * 3
    customer_texts = [m["text"] for m in view["messages"] if m["role"] == "customer"]
    assert customer_texts == [WHERE, EMAIL, URGENT]
    assert [m["text"] for m in view["messages"] if m["role"] == "agent"][1:] == [
        first["reply"],
        second["reply"],
    ]
    assert "$12.50" in second["reply"]


async def test_conversations_on_different_threads_run_side_by_side(client):
    threads = [await new_thread(client) for _ in range(5)]

    await asyncio.gather(*(say(client, t, WHERE) for t in threads))
    await asyncio.gather(*(say(client, t, EMAIL) for t in threads))

    for thread_id in threads:
        view = (await client.get(f"/v1/threads/{thread_id}")).json()
        assert [m["text"] for m in view["messages"] if m["role"] == "customer"] == [
            WHERE,
            EMAIL,
        ]


async def test_steps_of_many_conversations_run_in_parallel_threads(settings):
    from graph import nodes

    running, peak, guard = 0, 0, threading.Lock()

    def slow_identify(state, runtime):
        nonlocal running, peak
        with guard:
            running += 1
            peak = max(peak, running)
        time.sleep(0.3)
        with guard:
            running -= 1
        return nodes.identify_customer(state, runtime)

    graph = build_graph(overrides={"identify_customer": slow_identify})
    wide = settings.model_copy(update={"worker_threads": 40})
    async for client in _serve(create_app(graph, wide)):
        threads = [await new_thread(client) for _ in range(40)]

        await asyncio.gather(*(say(client, t, WHERE) for t in threads))

    assert peak > 32


# Pages


@pytest.mark.parametrize(
    ("path", "script"), [("/", "static/chat.js"), ("/agent", "static/agent.js")]
)
async def test_pages_are_served_with_their_scripts(client, path, script):
    page = await client.get(path)
    asset = await client.get(f"/{script}")

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="en">' in page.text
    assert f'src="{script}"' in page.text and 'src="static/common.js"' in page.text
    assert asset.status_code == 200 and "v1/" in asset.text


async def test_the_backend_can_be_mounted_under_a_prefix(settings):
    backend = create_app(settings=settings)

    @asynccontextmanager
    async def lifespan(parent: FastAPI):
        async with backend.router.lifespan_context(backend):
            yield

    parent = FastAPI(lifespan=lifespan)
    parent.mount("/support", backend)
    async for client in _serve(parent):
        thread_id = (await client.post("/support/v1/threads")).json()["thread_id"]
        turn = await client.post(
            f"/support/v1/threads/{thread_id}/messages", json={"content": WHERE}
        )
        page = await client.get("/support/agent")
        script = await client.get("/support/static/agent.js")

    assert "email" in turn.json()["reply"].lower()
    assert page.status_code == 200 and script.status_code == 200


# Settings


def test_settings_come_from_dpa_variables(monkeypatch, tmp_path):
    monkeypatch.setenv("DPA_DB", str(tmp_path / "s.sqlite"))
    monkeypatch.setenv("DPA_PORT", "9123")
    monkeypatch.setenv("DPA_MAX_MESSAGE_CHARS", "500")
    monkeypatch.setenv("DPA_CHECKPOINT_DB", str(tmp_path / "c.sqlite"))
    monkeypatch.setenv("DPA_TODAY", "2026-12-01")

    settings = ServerSettings()

    assert settings.db_path == tmp_path / "s.sqlite"
    assert settings.port == 9123
    assert settings.max_message_chars == 500
    assert settings.checkpoint_db == tmp_path / "c.sqlite"
    assert settings.today == date(2026, 12, 1)


def test_defaults_serve_this_machine_with_a_2000_character_limit(monkeypatch):
    for name in ("DPA_HOST", "DPA_PORT", "DPA_MAX_MESSAGE_CHARS", "DPA_MODEL"):
        monkeypatch.delenv(name, raising=False)

    settings = ServerSettings()

    assert (settings.host, settings.port) == ("127.0.0.1", 8000)
    assert settings.max_message_chars == 2000
    assert settings.model == "offline"


def test_checkpoints_default_to_the_per_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("DPA_CHECKPOINT_DB", raising=False)
    monkeypatch.setenv("DPA_DATA_DIR", str(tmp_path))

    settings = ServerSettings()

    assert settings.checkpoint_db == tmp_path / "checkpoints.sqlite"


def test_settings_reject_a_date_that_is_not_iso(monkeypatch):
    monkeypatch.setenv("DPA_TODAY", "01/12/2026")

    with pytest.raises(ValueError, match="today"):
        ServerSettings()


async def test_a_missing_systems_database_stops_the_start_with_the_seed_hint(
    settings, tmp_path
):
    missing = settings.model_copy(update={"db_path": tmp_path / "nowhere.sqlite"})
    app = create_app(settings=missing)

    with pytest.raises(DatabaseNotFoundError, match="dpa db seed"):
        async with app.router.lifespan_context(app):
            pass


def test_agent_context_carries_the_settings(settings):
    context = settings.agent_context()

    assert (context.model, context.db_path, context.today) == (
        "offline",
        str(settings.db_path),
        "2026-12-01",
    )
