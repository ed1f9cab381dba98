"""Validating the metrics: every seeded violation must be caught by its rule.

The compliant agent and every mutant in `evals.mutants.MUTANTS` play the same
scenarios. The metrics are valid when the compliant agent keeps every rule on
every dialogue and each mutant breaks its own rule on at least one.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from itertools import chain, zip_longest
from pathlib import Path

from pydantic import BaseModel, Field
from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from evals.dialogue import Dialogue
from evals.metrics import RULES
from evals.mutants import MUTANTS
from evals.runner import load_scenarios, run_suite
from evals.scenario import Scenario

__all__ = ["COMPLIANT_AGENT", "ValidationReport", "render_validation", "run_validation"]

logger = logging.getLogger(__name__)

COMPLIANT_AGENT = "sop"
"""The agent that must keep every rule."""


class ValidationReport(BaseModel):
    """How the rules fared against the compliant agent and every mutant."""

    scenarios: int = Field(description="Scenarios played by each agent.")
    agents: list[str] = Field(
        description="The agents, compliant first, e.g. ['sop', 'mutant:wrong_package']."
    )
    rules: list[str] = Field(description="The rules, in SOP order.")
    dialogues: dict[str, int] = Field(
        description="Dialogues scored per agent (simulator errors left out)."
    )
    failures: dict[str, dict[str, int]] = Field(
        description="Dialogues failing each rule, per agent then rule."
    )
    mutant_rules: dict[str, str] = Field(
        description="The rule each mutant breaks on purpose, by mutant name."
    )
    caught: dict[str, bool] = Field(
        description="Whether each mutant's own rule fails on at least one dialogue."
    )
    sop_clean: bool = Field(
        description="Whether the compliant agent keeps every rule on every dialogue."
    )
    simulator_errors: dict[str, int] = Field(
        description="Dialogues left out per agent because the simulator erred."
    )

    @property
    def valid(self) -> bool:
        """The compliant agent is clean and every mutant is caught."""
        return self.sop_clean and all(self.caught.values())


def sample_by_branch(
    scenarios: Sequence[tuple[Scenario, Path]], limit: int | None
) -> list[tuple[Scenario, Path]]:
    """Up to `limit` scenarios taken in turn from each SOP branch.

    A small sample then still covers every branch, so each mutant meets the
    situations its violation shows up in.
    """
    if limit is None or limit >= len(scenarios):
        return list(scenarios)
    branches: dict[str, list[tuple[Scenario, Path]]] = {}
    for pair in scenarios:
        branches.setdefault(pair[0].branch, []).append(pair)
    interleaved = chain.from_iterable(zip_longest(*branches.values()))
    return [pair for pair in interleaved if pair is not None][:limit]


def _failures(dialogues: Iterable[Dialogue]) -> dict[str, int]:
    counts = {rule.name: 0 for rule in RULES}
    for dialogue in dialogues:
        for result in dialogue.metrics:
            if not result.passed:
                counts[result.name] += 1
    return counts


def run_validation(
    scenario_paths: Iterable[str | Path],
    *,
    concurrency: int = 2,
    limit: int | None = None,
) -> ValidationReport:
    """Play the scenarios against the compliant agent and every mutant.

    Args:
        scenario_paths: Scenario files or folders (see `load_scenarios`).
        concurrency: Dialogues played at once.
        limit: Play at most this many scenarios, sampled across branches.

    Raises:
        EvalUsageError: A scenario path or line is not usable.
    """
    scenarios = sample_by_branch(load_scenarios(scenario_paths), limit)
    agents = [COMPLIANT_AGENT, *(f"mutant:{name}" for name in MUTANTS)]
    failures: dict[str, dict[str, int]] = {}
    dialogues: dict[str, int] = {}
    simulator_errors: dict[str, int] = {}
    for agent in agents:
        played = run_suite(
            scenarios,
            agent=agent,
            trials=1,
            concurrency=concurrency,
            processes=concurrency > 1,
        )
        scored = [d for d in played if d.simulator_error is None]
        failures[agent] = _failures(scored)
        dialogues[agent] = len(scored)
        simulator_errors[agent] = len(played) - len(scored)
        logger.info("%s: %s", agent, failures[agent])

    mutant_rules = {name: mutant.rule for name, mutant in MUTANTS.items()}
    return ValidationReport(
        scenarios=len(scenarios),
        agents=agents,
        rules=[rule.name for rule in RULES],
        dialogues=dialogues,
        failures=failures,
        mutant_rules=mutant_rules,
        caught={
            name: failures[f"mutant:{name}"][rule] > 0
            for name, rule in mutant_rules.items()
        },
        sop_clean=not any(failures[COMPLIANT_AGENT].values()),
        simulator_errors=simulator_errors,
    )


def render_validation(report: ValidationReport) -> Group:
    """The agent x rule matrix of failing dialogues, with each agent's verdict.

    Rules are numbered in SOP order (a legend follows) so the matrix fits a
    terminal. A mutant's own rule is bold: green when it caught the mutant,
    red when not; any failure of the compliant agent is red.
    """
    table = Table(
        title=f"Failing dialogues per rule ({report.scenarios} scenarios per agent)",
        box=box.SIMPLE_HEAD,
        padding=0,
    )
    table.add_column("agent", no_wrap=True, max_width=26)
    for number, _ in enumerate(report.rules, 1):
        table.add_column(str(number), justify="right", no_wrap=True, min_width=3)
    table.add_column("verdict", no_wrap=True, min_width=7)
    for agent in report.agents:
        name = agent.removeprefix("mutant:")
        own = report.mutant_rules.get(name)
        cells = []
        for rule in report.rules:
            count = report.failures[agent][rule]
            if agent == COMPLIANT_AGENT:
                style = "red" if count else "green"
            elif rule == own:
                style = "bold green" if count else "bold red"
            else:
                style = "dim"
            cells.append(Text(str(count), style=style))
        if agent == COMPLIANT_AGENT:
            verdict = (
                Text("clean", "green")
                if report.sop_clean
                else Text("BREAKS RULES", "bold red")
            )
        else:
            verdict = (
                Text("caught", "green")
                if report.caught[name]
                else Text("MISSED", "bold red")
            )
        table.add_row(name, *cells, verdict)

    legend = Text(
        "   ".join(f"{n}:{rule}" for n, rule in enumerate(report.rules, 1)),
        style="dim",
    )
    missed = [name for name, caught in report.caught.items() if not caught]
    summary = Text(
        f"compliant agent {'keeps every rule' if report.sop_clean else 'BREAKS RULES'}"
        f"; mutants caught by their own rule: "
        f"{len(report.caught) - len(missed)}/{len(report.caught)}"
        + (f" (missed: {', '.join(missed)})" if missed else ""),
        style="green" if report.valid else "bold red",
    )
    return Group(table, legend, summary)
