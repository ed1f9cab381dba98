"""Conversations outlive the backend: a new app on the same files carries on."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from dpa.server import ServerSettings, create_app
from tests.serving import DECLINE, EMAIL, URGENT, WHERE, offline_settings


@pytest.fixture
def settings(db_path: Path, tmp_path: Path) -> ServerSettings:
    return offline_settings(db_path, tmp_path)


@asynccontextmanager
async def running(settings: ServerSettings):
    """One life of the backend: started, used, then shut down."""
    app = create_app(settings=settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://backend"
        ) as client:
            yield client


async def say(client: httpx.AsyncClient, thread_id: str, text: str) -> dict:
    response = await client.post(
        f"/v1/threads/{thread_id}/messages", json={"content": text}
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_conversation_continues_where_it_stopped_after_a_restart(settings):
    async with running(settings) as client:
        thread_id = (await client.post("/v1/threads")).json()["thread_id"]
        await say(client, thread_id, WHERE)
        await say(client, thread_id, EMAIL)

    async with running(settings) as client:
        turn = await say(client, thread_id, URGENT)
        view = (await client.get(f"/v1/threads/{thread_id}")).json()

    assert "$12.50" in turn["reply"]
    customer_texts = [m["text"] for m in view["messages"] if m["role"] == "customer"]
    assert customer_texts == [WHERE, EMAIL, URGENT]
    assert [m["role"] for m in view["messages"]] == ["customer", "agent"] * 3


async def test_a_thread_started_before_a_restart_is_still_known(settings):
    async with running(settings) as client:
        thread_id = (await client.post("/v1/threads")).json()["thread_id"]

    async with running(settings) as client:
        response = await client.get(f"/v1/threads/{thread_id}")

    assert response.status_code == 200
    assert response.json()["messages"] == []


async def test_an_escalation_still_waits_and_can_be_answered_after_a_restart(
    settings,
):
    async with running(settings) as client:
        thread_id = (await client.post("/v1/threads")).json()["thread_id"]
        for text in (WHERE, EMAIL, URGENT, DECLINE):
            await say(client, thread_id, text)

    async with running(settings) as client:
        queue = (await client.get("/v1/escalations")).json()["escalations"]
        reply = await client.post(
            f"/v1/escalations/{thread_id}/reply",
            json={"message": "Hi Ada, Sam here. Let me help.", "agent": "Sam"},
        )

    assert [(e["thread_id"], e["customer_message"]) for e in queue] == [
        (thread_id, DECLINE)
    ]
    assert reply.status_code == 200, reply.text
    assert reply.json()["messages"] == [
        {
            "role": "human_agent",
            "text": "Hi Ada, Sam here. Let me help.",
            "agent": "Sam",
        }
    ]


async def test_a_new_checkpoint_file_knows_none_of_the_old_threads(settings, tmp_path):
    async with running(settings) as client:
        thread_id = (await client.post("/v1/threads")).json()["thread_id"]

    elsewhere = settings.model_copy(
        update={"checkpoint_db": tmp_path / "other" / "checkpoints.sqlite"}
    )
    async with running(elsewhere) as client:
        response = await client.get(f"/v1/threads/{thread_id}")

    assert response.status_code == 404
