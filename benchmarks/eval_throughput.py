"""Throughput of the offline evaluation: scored dialogues per second.

Runs the bundled suite once per scenario (K=1) against the SOP agent with the
offline simulator and prints the rate. Usage:

    python benchmarks/eval_throughput.py [--concurrency N] [--limit N] [--threads]
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("DEEPEVAL_TELEMETRY_OPT_OUT", "YES")
os.environ.setdefault("DEEPEVAL_DISABLE_DOTENV", "1")

from evals.cli import DEFAULT_SCENARIOS  # noqa: E402
from evals.runner import load_scenarios, run_suite  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--agent", default="sop")
    parser.add_argument("--threads", action="store_true",
                        help="play on threads instead of processes")
    args = parser.parse_args()

    scenarios = load_scenarios([DEFAULT_SCENARIOS])[: args.limit]
    run_suite(scenarios[:2], agent=args.agent, trials=1)  # warm up caches
    started = time.perf_counter()
    dialogues = run_suite(
        scenarios,
        agent=args.agent,
        trials=1,
        concurrency=args.concurrency,
        processes=not args.threads,
    )
    seconds = time.perf_counter() - started
    compliant = sum(d.compliant for d in dialogues)
    print(
        f"{len(dialogues)} dialogues in {seconds:.2f} s: "
        f"{len(dialogues) / seconds:.1f} scored dialogues/s "
        f"({args.concurrency} {'threads' if args.threads else 'processes'}, "
        f"{compliant} compliant, "
        f"{os.cpu_count()} CPUs)"
    )


if __name__ == "__main__":
    main()
