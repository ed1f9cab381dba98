"""Time the graph per customer turn with the offline model.

Plays the bundled demo conversations many times on an in-memory checkpointer
(each turn saved once, at its end, as the chat backend does) and prints:

- the time per turn (target: median under 2 ms on a 2-core machine);
- how much of it is spent inside the procedure's own nodes (decisions,
  database reads and writes, replies, the guard);
- LangGraph's floor on the same machine: a one-node graph with one state key
  and the same checkpointer, which no graph can go below.

    python benchmarks/turn_latency.py [--rounds 100]
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypedDict

from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph import StateGraph

from graph import nodes
from graph.context import Context
from graph.conversation import Conversation
from graph.graph import build_graph
from tools import BUNDLED_FIXTURE, seed_database

ROOT = Path(__file__).resolve().parents[1]
NODES = [
    "identify_customer", "retrieve_package", "inform_status", "read_request",
    "assess_urgency", "offer_compensation", "confirm_resolution", "escalate",
    "follow_up", "respond", "await_human",
]


def _timed(step: Callable[..., Any], spent: list[float]) -> Callable[..., Any]:
    @functools.wraps(step)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return step(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start

    return wrapper


def _median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def _floor(rounds: int) -> float:
    class One(TypedDict):
        count: int

    builder = StateGraph(One)
    builder.add_node("step", lambda state: {"count": state["count"] + 1})
    builder.set_entry_point("step")
    app = builder.compile(checkpointer=InMemorySaver())
    timings = []
    for _ in range(rounds):
        config = {"configurable": {"thread_id": uuid.uuid4().hex}}
        start = time.perf_counter()
        app.invoke({"count": 0}, config, durability="exit")
        timings.append(time.perf_counter() - start)
    return _median_ms(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    args = parser.parse_args()

    demo = json.loads((ROOT / "datasets" / "demo_conversations.json").read_text())
    spent = [0.0]
    overrides = {name: _timed(getattr(nodes, name), spent) for name in NODES}
    app = build_graph(overrides=overrides).compile(checkpointer=InMemorySaver())
    turns: list[float] = []
    inside: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.sqlite"
        context = Context(model="offline", db_path=str(db), today=demo["today"])
        for round_number in range(args.rounds + 1):
            seed_database(BUNDLED_FIXTURE, db)  # gift cards are once per package
            for conversation in demo["conversations"]:
                chat = Conversation(app, context)
                for message in conversation["customer"]:
                    spent[0] = 0.0
                    start = time.perf_counter()
                    chat.send(message)
                    if round_number:  # the first round warms caches up
                        turns.append(time.perf_counter() - start)
                        inside.append(spent[0])

    ms = sorted(t * 1000 for t in turns)
    print(f"turns timed:              {len(ms)}")
    print(f"median per turn:          {statistics.median(ms):.3f} ms (target < 2 ms)")
    print(f"p90 per turn:             {ms[int(len(ms) * 0.9)]:.3f} ms")
    print(f"p99 per turn:             {ms[int(len(ms) * 0.99)]:.3f} ms")
    print(f"median inside our nodes:  {_median_ms(inside):.3f} ms")
    print(f"LangGraph floor (1 node): {_floor(2000):.3f} ms")


if __name__ == "__main__":
    main()
