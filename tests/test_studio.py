"""The graph as LangGraph Studio runs it: `langgraph dev` driven by the SDK.

Starts the development server on the project's `langgraph.json`, holds a whole
conversation through `langgraph_sdk` up to the escalation interrupt, and
answers it as a human would from Studio.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tools import BUNDLED_FIXTURE, seed_database

ROOT = Path(__file__).resolve().parents[1]
LANGGRAPH = Path(sys.executable).with_name("langgraph")
QUIET = {
    "LANGGRAPH_CLI_NO_ANALYTICS": "1",
    "LANGGRAPH_NO_VERSION_CHECK": "true",
    "LANGSMITH_TRACING": "false",
    "DEEPEVAL_TELEMETRY_OPT_OUT": "YES",
    "DEEPEVAL_DISABLE_DOTENV": "1",
}
API_LINE = re.compile(r"API:\s*(?:\x1b\[[0-9;]*m)?(http://127\.0\.0\.1:\d+)")
STARTUP_SECONDS = 90

WHERE = "Where is my package?"
EMAIL = "ada@example.com"
URGENT = "This is for my daughter's birthday tomorrow and I'm furious it's late!"
DECLINE = "No, that's not good enough"
HUMAN = "Hi Ada, I'm Sam from the delivery team. I'll call the courier now."

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not LANGGRAPH.exists(),
        reason="needs langgraph-cli[inmem] (pip install -e '.[dev]')",
    ),
]
sdk = pytest.importorskip("langgraph_sdk", reason="needs langgraph-sdk")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_api(process: subprocess.Popen, log: Path) -> str:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        output = log.read_text(errors="replace")
        if process.poll() is not None:
            pytest.fail(f"langgraph dev exited while starting:\n{output[-3000:]}")
        found = API_LINE.search(output)
        if found:
            try:
                if httpx.get(f"{found.group(1)}/ok", timeout=2).status_code == 200:
                    return found.group(1)
            except httpx.HTTPError:
                pass
        time.sleep(0.25)
    pytest.fail(f"langgraph dev did not answer in {STARTUP_SECONDS} s:\n{output}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    folder = tmp_path_factory.mktemp("studio")
    db = folder / "systems.sqlite"
    seed_database(BUNDLED_FIXTURE, db)
    env = {
        **os.environ,
        **QUIET,
        "DPA_DB": str(db),
        "DPA_TODAY": "2026-12-01",
        "DPA_MODEL": "offline",
        "DPA_DATA_DIR": str(folder),
    }
    log = folder / "langgraph-dev.log"
    command = [
        str(LANGGRAPH),
        "dev",
        "--no-browser",
        "--no-reload",
        "--host",
        "127.0.0.1",
        "--port",
        str(free_port()),
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        yield wait_for_api(process, log), str(db)
    finally:
        stop(process)


def last_message(values: dict) -> dict:
    return values["messages"][-1]


async def run_turn(client, thread_id: str, text: str, context: dict) -> dict:
    """One customer turn; returns the thread state after it."""
    await client.runs.wait(
        thread_id,
        "agent",
        input={"messages": [{"role": "user", "content": text}]},
        context=context,
    )
    return await client.threads.get_state(thread_id)


async def test_studio_holds_a_conversation_up_to_a_human_hand_over(studio):
    url, db = studio
    client = sdk.get_client(url=url)
    context = {"model": "offline", "db_path": db, "today": "2026-12-01"}
    thread_id = (await client.threads.create())["thread_id"]

    async def say(text: str) -> dict:
        return await run_turn(client, thread_id, text, context)

    asked = await say(WHERE)
    assert "email" in last_message(asked["values"])["content"].lower()
    assert asked["values"]["stage"] == "identify"

    informed = await say(EMAIL)
    assert informed["values"]["customer"]["customer_id"] == "C-1001"
    assert informed["values"]["package"]["package_id"] == "PKG-1"
    assert informed["values"]["delayed"] is True
    assert "out for delivery" in last_message(informed["values"])["content"].lower()

    offered = await say(URGENT)
    assert offered["values"]["urgency"]["label"] == "urgent"
    assert offered["values"]["offer"]["amount"] == "12.50"
    assert "$12.50" in last_message(offered["values"])["content"]

    escalated = await say(DECLINE)
    assert escalated["values"]["stage"] == "escalated"
    (pending,) = escalated["interrupts"]
    assert pending["value"]["escalation_id"].startswith("ESC-")
    assert pending["value"]["customer_message"] == DECLINE
    assert (await client.threads.get(thread_id))["status"] == "interrupted"

    await client.runs.wait(
        thread_id,
        "agent",
        command={"resume": {"message": HUMAN, "agent": "Sam"}},
        context=context,
    )
    answered = await client.threads.get_state(thread_id)
    human = last_message(answered["values"])
    assert (human["type"], human["name"], human["content"]) == (
        "ai",
        "human_agent",
        HUMAN,
    )
    assert answered["values"]["human_agent"] == "Sam"
    assert answered["interrupts"] == []


async def test_studio_runs_take_the_date_from_the_run_context(studio):
    url, db = studio
    client = sdk.get_client(url=url)
    before_promise = {"model": "offline", "db_path": db, "today": "2026-11-20"}
    thread_id = (await client.threads.create())["thread_id"]

    await run_turn(client, thread_id, WHERE, before_promise)
    informed = await run_turn(client, thread_id, EMAIL, before_promise)

    assert informed["values"]["package"]["package_id"] == "PKG-1"
    assert informed["values"]["delayed"] is False
