"""Time the graph's own work per customer turn with the offline model.

Plays the bundled demo conversations many times on an in-memory checkpointer
and prints the median and tail time per turn (target: median under 2 ms on a
2-core machine).

    python benchmarks/turn_latency.py [--rounds 200]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from langgraph.checkpoint.memory import InMemorySaver

from graph.context import Context
from graph.conversation import Conversation
from graph.graph import build_graph
from tools import BUNDLED_FIXTURE, seed_database

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()

    demo = json.loads((ROOT / "datasets" / "demo_conversations.json").read_text())
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.sqlite"
        seed_database(BUNDLED_FIXTURE, db)
        app = build_graph().compile(checkpointer=InMemorySaver())
        context = Context(model="offline", db_path=str(db), today=demo["today"])
        timings: list[float] = []
        for _ in range(args.rounds):
            seed_database(BUNDLED_FIXTURE, db)  # gift cards are once per package
            for conversation in demo["conversations"]:
                chat = Conversation(app, context)
                for message in conversation["customer"]:
                    start = time.perf_counter()
                    chat.send(message)
                    timings.append(time.perf_counter() - start)

    timings.sort()
    ms = [t * 1000 for t in timings]
    p99 = ms[int(len(ms) * 0.99) - 1]
    print(f"turns timed: {len(ms)}")
    print(f"median per turn: {statistics.median(ms):.3f} ms (target < 2 ms)")
    print(f"mean per turn:   {statistics.fmean(ms):.3f} ms")
    print(f"p99 per turn:    {p99:.3f} ms")


if __name__ == "__main__":
    main()
