"""Load run of the chat backend: many conversations at once, through real SOP paths.

Starts the backend in a child process (offline model, fresh temporary
databases, demo date 2026-12-01) on a free loopback port, holds N scripted
conversations concurrently over HTTP, then prints the errors, the latency of
each turn (p50, p99, max), the backend's peak resident memory (VmHWM) and
stops it. Exits non-zero when any request failed or a conversation ended in
an unexpected status.

    .venv/bin/python benchmarks/load_backend.py --conversations 200
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from dpa._process import BackendProcess
from tools import BUNDLED_FIXTURE, seed_database

DEMO_TODAY = "2026-12-01"


@dataclass(frozen=True)
class Script:
    """One path through the procedure: what the customer says, how it ends."""

    name: str
    turns: tuple[str, ...]
    expected: frozenset[str]
    human_reply: bool = False


SCRIPTS = (
    Script(
        "declined offer, human answers",
        (
            "Where is my package?",
            "ada@example.com",
            "This is for my daughter's birthday tomorrow and I'm furious it's late!",
            "No, that's not good enough",
        ),
        frozenset({"escalated"}),
        human_reply=True,
    ),
    Script(
        "accepted offer",
        (
            "Hi, my order hasn't arrived yet.",
            "ada@example.com",
            "I need it for my daughter's birthday tomorrow and I'm really upset!",
            "Yes please, that works for me.",
        ),
        frozenset({"resolved"}),
    ),
    Script(
        "asks for a manager",
        (
            "Where is my package?",
            "grace@example.com",
            "The wool scarf",
            "I want to speak to a manager.",
        ),
        frozenset({"escalated"}),
    ),
    Script(
        "routine update",
        (
            "Can you check on my delivery?",
            "alan@example.com",
            "The desk lamp",
            "Thanks, that's all I needed.",
            "Bye!",
        ),
        frozenset({"active", "resolved"}),
    ),
)


@dataclass
class Results:
    """What the run measured."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    unexpected: list[str] = field(default_factory=list)
    finished: int = 0


async def _request(
    client: httpx.AsyncClient,
    results: Results,
    method: str,
    path: str,
    body: dict | None = None,
    *,
    timed: bool = True,
) -> dict | None:
    started = time.perf_counter()
    try:
        response = await client.request(method, path, json=body)
    except httpx.HTTPError as exc:
        results.errors.append(f"{method} {path}: {type(exc).__name__} {exc}")
        return None
    if timed:
        results.latencies.append(time.perf_counter() - started)
    if response.is_error:
        results.errors.append(
            f"{method} {path}: {response.status_code} {response.text}"
        )
        return None
    return response.json()


async def _converse(
    client: httpx.AsyncClient, script: Script, results: Results
) -> None:
    created = await _request(client, results, "POST", "/v1/threads", timed=False)
    if created is None:
        return
    thread = f"/v1/threads/{created['thread_id']}"
    for text in script.turns:
        answer = await _request(
            client, results, "POST", f"{thread}/messages", {"content": text}
        )
        if answer is None:
            return
    if script.human_reply:
        reply = {"message": "Hi, I'm Sam and I'll take it from here.", "agent": "Sam"}
        path = f"/v1/escalations/{created['thread_id']}/reply"
        if await _request(client, results, "POST", path, reply) is None:
            return
    view = await _request(client, results, "GET", thread, timed=False)
    if view is None:
        return
    results.finished += 1
    results.outcomes[f"{script.name}: {view['status']}"] += 1
    if view["status"] not in script.expected:
        results.unexpected.append(f"{script.name} ended {view['status']!r}")


async def _customer(url: str, script: Script, results: Results, timeout: float) -> None:
    """One customer with their own connection, as a browser tab would have.

    A client per customer also keeps the measurement about the backend: one
    shared httpx pool of hundreds of connections costs the load generator
    more CPU than the backend spends answering.
    """
    limits = httpx.Limits(max_connections=1, keepalive_expiry=1.0)
    async with httpx.AsyncClient(
        base_url=url, limits=limits, timeout=httpx.Timeout(timeout)
    ) as client:
        await _converse(client, script, results)


async def _drive(
    url: str, conversations: int, deadline: float, timeout: float
) -> Results:
    results = Results()
    tasks = [
        asyncio.create_task(_customer(url, SCRIPTS[i % len(SCRIPTS)], results, timeout))
        for i in range(conversations)
    ]
    _, pending = await asyncio.wait(tasks, timeout=deadline)
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.wait(pending)
        results.errors.append(
            f"{len(pending)} conversation(s) still running after {deadline:.0f} s"
        )
    return results


def _cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time of a process so far, where /proc has it."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def _report(
    results: Results,
    conversations: int,
    wall: float,
    peak_kib: int | None,
    cpu: float | None,
) -> None:
    turns = len(results.latencies)
    print(f"conversations: {conversations} at once, {results.finished} finished")
    print(f"turns:         {turns} in {wall:.1f} s ({turns / wall:.1f} turns/s)")
    print(f"errors:        {len(results.errors)}")
    for error in results.errors[:10]:
        print(f"  - {error[:200]}")
    if results.latencies:
        ms = [seconds * 1000 for seconds in results.latencies]
        print(
            f"turn latency:  p50 {_percentile(ms, 0.50):.0f} ms, "
            f"p99 {_percentile(ms, 0.99):.0f} ms, max {max(ms):.0f} ms, "
            f"mean {statistics.fmean(ms):.0f} ms"
        )
    peak = f"{peak_kib / 1024:.0f} MiB" if peak_kib else "unknown (no /proc)"
    print(f"backend peak memory (VmHWM): {peak}")
    if cpu is not None and turns:
        print(f"backend CPU:   {cpu:.1f} s, {cpu / turns * 1000:.0f} ms per turn")
    print("outcomes:")
    for outcome, count in sorted(results.outcomes.items()):
        print(f"  {count:4d}  {outcome}")
    if results.unexpected:
        print(f"unexpected outcomes: {len(results.unexpected)}")
        for line in sorted(set(results.unexpected)):
            print(f"  - {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--conversations", type=int, default=200, help="held at once (default 200)"
    )
    parser.add_argument(
        "--deadline",
        type=float,
        default=600.0,
        help="seconds for the whole run (default 600)",
    )
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="seconds per request (default 120)"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.conversations <= 5000:
        parser.error(
            f"--conversations {args.conversations} is out of range; use 1 to 5000"
        )

    with tempfile.TemporaryDirectory(prefix="dpa-load-") as folder:
        work = Path(folder)
        seed_database(BUNDLED_FIXTURE, work / "systems.sqlite")
        env = {
            "DPA_DB": str(work / "systems.sqlite"),
            "DPA_CHECKPOINT_DB": str(work / "checkpoints.sqlite"),
            "DPA_DATA_DIR": str(work),
            "DPA_TODAY": DEMO_TODAY,
            "DPA_MODEL": "offline",
        }
        backend = BackendProcess(env, work / "backend.log")
        url = backend.start()
        print(f"backend pid {backend.pid} on {url}")
        try:
            cpu_before = _cpu_seconds(backend.pid)
            started = time.perf_counter()
            results = asyncio.run(
                _drive(url, args.conversations, args.deadline, args.timeout)
            )
            wall = time.perf_counter() - started
            peak = backend.peak_memory_kib()
            cpu_after = _cpu_seconds(backend.pid)
        finally:
            backend.stop()
    cpu = None
    if cpu_before is not None and cpu_after is not None:
        cpu = cpu_after - cpu_before
    _report(results, args.conversations, wall, peak, cpu)
    return 1 if results.errors or results.unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
