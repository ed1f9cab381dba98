"""The `dpa eval` and `dpa scenarios` command groups.

`add_commands` registers them on the `dpa` parser; usage errors are raised as
`EvalUsageError`, which `dpa` prints as one line with exit code 2.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

from evals.runner import EvalUsageError

__all__ = ["DEFAULT_SCENARIOS", "EvalUsageError", "add_commands", "parse_fail_under"]

DEFAULT_SCENARIOS = Path(__file__).resolve().parents[1] / "datasets" / "scenarios.jsonl"
"""The bundled scenario suite."""

_SHARD = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


def add_commands(subparsers: Any) -> None:
    """Register `eval` (run, merge, validate, classifier) and `scenarios`."""
    run = subparsers.add_parser(
        "eval",
        help="score the agent's SOP compliance over simulated dialogues",
        description="Play scenarios against an agent, score every SOP rule and "
        "write results.jsonl, summary.json, report.md and report.html.",
    )
    _add_run_options(run)
    run.set_defaults(handler=_run)
    sub = run.add_subparsers(dest="eval_command", metavar="{merge,validate,classifier}")

    merge = sub.add_parser("merge", help="combine the results of shard runs")
    merge.add_argument("dirs", nargs="+", type=Path, help="output folders of shards")
    merge.add_argument("--out", required=True, type=Path, help="folder to write")
    merge.add_argument("--fail-under", help="exit 1 below this compliance")
    merge.set_defaults(handler=_merge)

    validate = sub.add_parser(
        "validate", help="check that every seeded-violation mutant is caught"
    )
    validate.add_argument("--scenarios", nargs="+", type=Path,
                          default=[DEFAULT_SCENARIOS], help="scenario files")
    validate.add_argument("--limit", type=int, help="first N scenarios only")
    validate.add_argument("--concurrency", type=int, default=2,
                          help="dialogues at once (default 2)")
    validate.set_defaults(handler=_validate)

    classifier = sub.add_parser(
        "classifier", help="score the urgency and intent classifier"
    )
    classifier.add_argument("--model", default="offline",
                            help="'offline' or 'openai:<model>'")
    classifier.add_argument(
        "--dataset", type=Path, help="labelled JSONL (default: the bundled set)"
    )
    classifier.add_argument("--json", action="store_true", help="print JSON")
    classifier.set_defaults(handler=_classifier)

    scenarios = subparsers.add_parser("scenarios", help="generate or check scenarios")
    scenario_commands = scenarios.add_subparsers(dest="scenarios_command",
                                                 required=True)
    generate = scenario_commands.add_parser(
        "generate", help="write a reproducible scenario suite as JSONL"
    )
    generate.add_argument("--count", type=int, required=True, help="how many")
    generate.add_argument("--seed", type=int, default=0, help="random seed")
    generate.add_argument("--out", type=Path, required=True, help="JSONL to write")
    generate.add_argument("--fixture", type=Path, help="fixture JSON (default: "
                          "the bundled one)")
    generate.set_defaults(handler=_generate)
    check = scenario_commands.add_parser(
        "check", help="check that scenarios agree with the SOP oracle"
    )
    check.add_argument("files", nargs="*", type=Path, default=[DEFAULT_SCENARIOS])
    check.set_defaults(handler=_check)


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenarios", nargs="+", type=Path,
                        default=[DEFAULT_SCENARIOS],
                        help="scenario JSONL files or folders (default: bundled)")
    parser.add_argument("--trials", type=int, default=4,
                        help="plays per scenario, K of pass^k (default 4)")
    parser.add_argument("--concurrency", type=int, default=2,
                        help="dialogues at once, on threads (default 2)")
    parser.add_argument("--processes", action="store_true",
                        help="play on --concurrency processes instead of threads "
                        "(faster on several cores)")
    parser.add_argument("--agent", default="sop",
                        help="'sop', 'mutant:<name>' or 'react[:<model>]'")
    parser.add_argument("--simulator", default="offline",
                        help="'offline' or 'openai:<model>'")
    parser.add_argument("--judge", help="'openai:<model>' to judge tone as well")
    parser.add_argument("--out", type=Path,
                        help="output folder (default runs/<timestamp>); an "
                        "existing one is resumed")
    parser.add_argument("--fail-under",
                        help="exit 1 when compliance is below this (0-1 or %%)")
    parser.add_argument("--shard", help="run every N-th scenario from I: 'I/N'")
    parser.add_argument("--limit", type=int, help="first N scenarios only")


def parse_fail_under(raw: str | None) -> float | None:
    """Read a threshold written as 0.95, 95 or 95%; None when not given.

    Raises:
        EvalUsageError: It is not a number between 0 and 100.
    """
    if raw is None:
        return None
    text = raw.strip().removesuffix("%")
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 100:
        raise EvalUsageError(
            f"--fail-under {raw!r} is not a compliance threshold; use a fraction "
            "such as 0.95 or a percentage such as 95."
        )
    return value / 100 if value > 1 or raw.strip().endswith("%") else value


def _shard(raw: str | None) -> tuple[int, int] | None:
    if raw is None:
        return None
    match = _SHARD.fullmatch(raw)
    if match:
        index, count = int(match[1]), int(match[2])
        if 1 <= index <= count:
            return index, count
    raise EvalUsageError(
        f"--shard {raw!r} is not a shard; use I/N with 1 <= I <= N, e.g. 2/4."
    )


def _selected(args: argparse.Namespace) -> list[Any]:
    from evals.runner import load_scenarios

    scenarios = load_scenarios(args.scenarios)
    if args.limit is not None:
        if args.limit < 1:
            raise EvalUsageError(f"--limit must be at least 1, got {args.limit}.")
        scenarios = scenarios[: args.limit]
    shard = _shard(args.shard)
    if shard:
        index, count = shard
        scenarios = scenarios[index - 1 :: count]
    if not scenarios:
        raise EvalUsageError(
            f"No scenarios to run in {', '.join(map(str, args.scenarios))}."
        )
    return scenarios


def _run(args: argparse.Namespace) -> int:
    from evals.agents import check_agent
    from evals.report import build_summary, write_reports
    from evals.runner import load_results, run_suite

    threshold = parse_fail_under(args.fail_under)
    scenarios = _selected(args)
    try:
        check_agent(args.agent)
    except ValueError as exc:
        raise EvalUsageError(str(exc)) from None
    if args.judge and not args.judge.removeprefix("openai:"):
        raise EvalUsageError(
            f"--judge {args.judge!r} names no model; use 'openai:<model>'."
        )
    if args.trials < 1 or args.concurrency < 1:
        raise EvalUsageError(
            f"--trials ({args.trials}) and --concurrency ({args.concurrency}) "
            "must be at least 1."
        )
    out = args.out or Path("runs") / datetime.now().strftime("%Y%m%d-%H%M%S")
    total = len(scenarios) * args.trials
    resumed = any(d.agent == args.agent for d in load_results(out))
    started = time.perf_counter()
    with _ProgressBar(total, args.agent) as bar:
        dialogues = run_suite(
            scenarios,
            agent=args.agent,
            simulator=args.simulator,
            trials=args.trials,
            concurrency=args.concurrency,
            judge=args.judge,
            progress=bar.advance,
            out_dir=out,
            resume=True,
            processes=args.processes,
        )
    # A resumed run's wall time covers only part of its dialogues.
    wall = None if resumed else time.perf_counter() - started
    summary = build_summary(
        dialogues, trials=args.trials, wall_seconds=wall, tone=_tone(out)
    )
    paths = write_reports(out, summary, dialogues)
    _print_summary(summary, paths)
    return _verdict(summary.compliance, threshold)


def _tone(out: Path) -> dict[str, Any] | None:
    import json

    path = out / "judge.jsonl"
    if not path.is_file():
        return None
    scores = [
        json.loads(line)["result"]["score"]
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]
    return {"judged": len(scores), "mean_score": sum(scores) / len(scores)}


def _verdict(compliance: float, threshold: float | None) -> int:
    if threshold is not None and compliance < threshold:
        print(
            f"Compliance {100 * compliance:.1f}% is below --fail-under "
            f"{100 * threshold:.1f}%.",
            file=sys.stderr,
        )
        return 1
    return 0


class _ProgressBar:
    """A rich progress bar: dialogues done, compliance so far, rate."""

    def __init__(self, total: int, agent: str) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("compliance {task.fields[compliance]}"),
            TextColumn("{task.fields[rate]} dialogues/s"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._task = self._progress.add_task(
            f"eval {agent}", total=total, compliance="-", rate="-"
        )
        self._done = self._compliant = self._scored = 0
        self._started = time.perf_counter()

    def __enter__(self) -> _ProgressBar:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def advance(self, dialogue: Any) -> None:
        self._done += 1
        if dialogue.simulator_error is None:
            self._scored += 1
            self._compliant += dialogue.compliant and dialogue.agent_error is None
        elapsed = max(time.perf_counter() - self._started, 1e-9)
        self._progress.update(
            self._task,
            advance=1,
            compliance=f"{100 * self._compliant / max(self._scored, 1):.1f}%",
            rate=f"{self._done / elapsed:.1f}",
        )


def _print_summary(summary: Any, paths: dict[str, Path]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"SOP compliance of {summary.agent}")
    for column in ("Rule", "SOP step", "Passed", "Pass rate"):
        table.add_column(column)
    for rule in summary.rules:
        style = "green" if rule.pass_rate >= 1 else "red"
        table.add_row(
            rule.name, rule.sop_step, f"{rule.passed}/{rule.total}",
            f"[{style}]{100 * rule.pass_rate:.1f}%[/{style}]",
        )
    console.print(table)
    hats = ", ".join(f"k={k}: {100 * v:.1f}%" for k, v in summary.pass_hat_k.items())
    console.print(
        f"Compliance {100 * summary.compliance:.1f}% of "
        f"{summary.headline_dialogues} dialogues; pass^k {hats}; "
        f"{len(summary.simulator_errors)} simulator error(s), "
        f"{len(summary.agent_errors)} agent error(s)."
    )
    if summary.dialogues_per_second:
        console.print(f"{summary.dialogues_per_second:.1f} dialogues/s.")
    for name, path in paths.items():
        console.print(f"{name}: {path}")


def _merge(args: argparse.Namespace) -> int:
    import json

    from evals.report import build_summary, write_reports
    from evals.runner import RESULTS_FILE, load_results, result_key

    threshold = parse_fail_under(args.fail_under)
    dialogues: dict[Any, Any] = {}
    walls: list[float | None] = []
    for folder in args.dirs:
        if not (folder / RESULTS_FILE).is_file():
            raise EvalUsageError(
                f"{folder} holds no {RESULTS_FILE}; pass the --out folders of "
                "`dpa eval` runs."
            )
        for dialogue in load_results(folder):
            dialogues.setdefault(result_key(dialogue), dialogue)
        summary_file = folder / "summary.json"
        wall = None
        if summary_file.is_file():
            wall = json.loads(summary_file.read_text("utf-8")).get("wall_seconds")
        walls.append(wall)
    merged = list(dialogues.values())
    agents = {d.agent for d in merged}
    if len(agents) > 1:
        raise EvalUsageError(
            f"The folders hold results of several agents ({', '.join(sorted(agents))})"
            "; merge the runs of one agent at a time."
        )
    merged.sort(key=lambda d: (d.scenario.id, d.trial))
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / RESULTS_FILE).open("w", encoding="utf-8") as handle:
        for dialogue in merged:
            handle.write(dialogue.model_dump_json() + "\n")
    wall_seconds = None if None in walls else sum(w for w in walls if w is not None)
    summary = build_summary(merged, wall_seconds=wall_seconds)
    paths = write_reports(args.out, summary, merged)
    _print_summary(summary, paths)
    return _verdict(summary.compliance, threshold)


def _validate(args: argparse.Namespace) -> int:
    from rich.console import Console

    from evals.validate import render_validation, run_validation

    for path in args.scenarios:
        if not path.exists():
            raise EvalUsageError(f"Scenario path {str(path)!r} does not exist.")
    report = run_validation(
        args.scenarios, concurrency=args.concurrency, limit=args.limit
    )
    Console().print(render_validation(report))
    missed = sorted(name for name, caught in report.caught.items() if not caught)
    if missed:
        print(f"Not caught by their own rule: {', '.join(missed)}.", file=sys.stderr)
    if not report.sop_clean:
        print("The compliant agent broke a rule.", file=sys.stderr)
    return 1 if missed or not report.sop_clean else 0


def _classifier(args: argparse.Namespace) -> int:
    from rich.console import Console

    from evals.classifier import DEFAULT_DATASET, evaluate_classifier, render_report

    report = evaluate_classifier(
        model=args.model, dataset=args.dataset or DEFAULT_DATASET
    )
    if args.json:
        print(report.model_dump_json(indent=2))
    else:
        Console().print(render_report(report))
    return 0


def _generate(args: argparse.Namespace) -> int:
    from evals.generate import generate_scenarios, write_scenarios
    from tools import BUNDLED_FIXTURE

    fixture = args.fixture or BUNDLED_FIXTURE
    if args.count < 1:
        raise EvalUsageError(f"--count must be at least 1, got {args.count}.")
    scenarios = generate_scenarios(args.count, args.seed, fixture)
    write_scenarios(scenarios, args.out, fixture)
    branches = Counter(s.branch for s in scenarios)
    print(
        f"Wrote {len(scenarios)} scenarios to {args.out} "
        f"({len(branches)} branches, seed {args.seed})."
    )
    return 0


def _check(args: argparse.Namespace) -> int:
    from evals.oracle import check_scenario
    from evals.runner import load_scenarios

    problems = [
        problem
        for scenario, file in load_scenarios(args.files)
        for problem in check_scenario(scenario, file)
    ]
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s).")
    return 1 if problems else 0
