"""Summaries and reports of an evaluation run.

`build_summary` turns scored dialogues into the figures a run is judged by
(per-rule pass rates, headline compliance, pass^k, branch coverage, the
urgency confusion matrix, timings); `write_reports` writes them as
`summary.json`, `report.md` and a self-contained `report.html` whose charts
are inline SVG.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from math import comb
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from evals.dialogue import Dialogue
from evals.oracle import is_urgent

__all__ = [
    "RuleRate",
    "Summary",
    "build_summary",
    "pass_hat_k",
    "render_html",
    "render_markdown",
    "write_reports",
]

_URGENCY_LABELS = ("urgent", "routine")
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)


class RuleRate(BaseModel):
    """How often one SOP rule held."""

    name: str = Field(description="The rule, e.g. 'delay_apology'.")
    sop_step: str = Field(description="The SOP step it checks, e.g. '3. Inform'.")
    passed: int = Field(description="Headline dialogues where the rule held.")
    total: int = Field(description="Headline dialogues scored.")
    pass_rate: float = Field(description="passed / total (1.0 when none scored).")


class Summary(BaseModel):
    """The figures of one evaluation run (`summary.json`)."""

    agent: str = Field(description="The agent under test.")
    simulator: str = Field(description="The customer simulator.")
    trials: int = Field(description="Plays per scenario (K).")
    scenarios: int = Field(description="Distinct scenarios played.")
    dialogues: int = Field(description="Dialogues played, simulator errors included.")
    headline_dialogues: int = Field(
        description="Dialogues counted in the headline (no simulator error)."
    )
    compliance: float = Field(
        description="Share of headline dialogues where every rule held."
    )
    rules: list[RuleRate] = Field(description="Per-rule pass rates, in SOP order.")
    pass_hat_k: dict[int, float] = Field(
        description="pass^k for k = 1..K: the chance that k trials of a scenario "
        "all comply, averaged over scenarios (unbiased estimator)."
    )
    per_dialogue: list[dict[str, Any]] = Field(
        description="Scenario id, trial, branch and compliance of each dialogue."
    )
    simulator_errors: list[dict[str, Any]] = Field(
        description="Dialogues whose customer stated a fact the persona lacks; "
        "reported apart and left out of the headline."
    )
    agent_errors: list[dict[str, Any]] = Field(
        description="Dialogues where the agent raised; they count as failures."
    )
    coverage: dict[str, int] = Field(description="Dialogues per SOP branch.")
    urgency_confusion: dict[str, dict[str, int]] = Field(
        description="Expected label (from the persona) -> the agent's final label "
        "-> count, over dialogues that reached the urgency assessment."
    )
    wall_seconds: float | None = Field(
        description="Wall time of the run; None when unknown (merged runs)."
    )
    dialogue_seconds: float = Field(description="Sum of the dialogues' wall times.")
    dialogues_per_second: float | None = Field(
        description="Dialogues played per second of wall time."
    )
    tone: dict[str, Any] | None = Field(
        default=None,
        description="Mean tone score from the LLM judge, if one was run; never "
        "part of the compliance.",
    )


def pass_hat_k(trials: Sequence[tuple[int, int]], k: int) -> float | None:
    """The unbiased pass^k over scenarios given (trials, compliant) per scenario.

    Per scenario with n trials of which c comply, C(c, k) / C(n, k) estimates
    the chance that k fresh trials all comply; scenarios with fewer than k
    trials are left out. None when no scenario has k trials.
    """
    estimates = [comb(c, k) / comb(n, k) for n, c in trials if n >= k]
    return sum(estimates) / len(estimates) if estimates else None


def _compliant(dialogue: Dialogue) -> bool:
    return dialogue.compliant and dialogue.agent_error is None


def _rule_order(dialogues: Sequence[Dialogue]) -> list[tuple[str, str]]:
    try:
        from evals.metrics import RULES
    except ImportError:
        RULES = []
    order = [(rule.name, rule.sop_step) for rule in RULES]
    known = {name for name, _ in order}
    for dialogue in dialogues:
        for metric in dialogue.metrics:
            if metric.name not in known:
                known.add(metric.name)
                order.append((metric.name, metric.sop_step))
    return order


def build_summary(
    dialogues: Sequence[Dialogue],
    *,
    trials: int | None = None,
    wall_seconds: float | None = None,
    tone: dict[str, Any] | None = None,
) -> Summary:
    """Compute a run's figures from its dialogues.

    Args:
        dialogues: The scored dialogues of one agent.
        trials: K; defaults to the most trials any scenario has.
        wall_seconds: The run's wall time, when known.
        tone: The tone judge's aggregate, when it ran.
    """
    headline = [d for d in dialogues if d.simulator_error is None]
    rates = []
    for name, step in _rule_order(dialogues):
        verdicts = [m.passed for d in headline for m in d.metrics if m.name == name]
        passed = sum(verdicts)
        rates.append(
            RuleRate(
                name=name,
                sop_step=step,
                passed=passed,
                total=len(verdicts),
                pass_rate=passed / len(verdicts) if verdicts else 1.0,
            )
        )

    by_scenario: dict[str, list[bool]] = defaultdict(list)
    for dialogue in headline:
        by_scenario[dialogue.scenario.id].append(_compliant(dialogue))
    counts = [(len(v), sum(v)) for v in by_scenario.values()]
    k_max = trials or max((n for n, _ in counts), default=1)
    hat = {k: pass_hat_k(counts, k) for k in range(1, k_max + 1)}

    confusion = {e: {a: 0 for a in _URGENCY_LABELS} for e in _URGENCY_LABELS}
    for dialogue in headline:
        label = _urgency_label(dialogue.final_state)
        if label in _URGENCY_LABELS:
            expected = "urgent" if is_urgent(dialogue.scenario.persona) else "routine"
            confusion[expected][label] += 1

    dialogue_seconds = sum(d.seconds for d in dialogues)
    compliant = sum(_compliant(d) for d in headline)
    return Summary(
        agent=_single(d.agent for d in dialogues),
        simulator=_single(d.simulator for d in dialogues),
        trials=k_max,
        scenarios=len({d.scenario.id for d in dialogues}),
        dialogues=len(dialogues),
        headline_dialogues=len(headline),
        compliance=compliant / len(headline) if headline else 0.0,
        rules=rates,
        pass_hat_k={k: v for k, v in hat.items() if v is not None},
        per_dialogue=[
            {
                "scenario": d.scenario.id,
                "trial": d.trial,
                "branch": d.scenario.branch,
                "compliant": _compliant(d),
                "simulator_error": d.simulator_error is not None,
            }
            for d in dialogues
        ],
        simulator_errors=[
            {"scenario": d.scenario.id, "trial": d.trial, "error": d.simulator_error}
            for d in dialogues
            if d.simulator_error
        ],
        agent_errors=[
            {"scenario": d.scenario.id, "trial": d.trial, "error": d.agent_error}
            for d in dialogues
            if d.agent_error
        ],
        coverage=dict(sorted(Counter(d.scenario.branch for d in dialogues).items())),
        urgency_confusion=confusion,
        wall_seconds=wall_seconds,
        dialogue_seconds=round(dialogue_seconds, 3),
        dialogues_per_second=len(dialogues) / wall_seconds if wall_seconds else None,
        tone=tone,
    )


def _urgency_label(final_state: dict[str, Any]) -> str | None:
    urgency = final_state.get("urgency")
    if isinstance(urgency, dict):
        return urgency.get("label")
    return urgency if isinstance(urgency, str) else None


def _single(values: Any) -> str:
    distinct = sorted(set(values))
    return ", ".join(distinct) if distinct else ""


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def render_markdown(summary: Summary, dialogues: Sequence[Dialogue]) -> str:
    """The report as Markdown tables."""
    lines = [
        f"# Evaluation of `{summary.agent}`",
        "",
        f"Simulator `{summary.simulator}`, {summary.scenarios} scenarios x "
        f"{summary.trials} trials = {summary.dialogues} dialogues "
        f"({len(summary.simulator_errors)} simulator errors left out).",
        "",
        f"**Compliance (every rule holds): {_percent(summary.compliance)}** "
        f"of {summary.headline_dialogues} dialogues.",
        "",
        "## Rules",
        "",
        "| Rule | SOP step | Passed | Pass rate |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {r.name} | {r.sop_step} | {r.passed}/{r.total} | {_percent(r.pass_rate)} |"
        for r in summary.rules
    ]
    lines += ["", "## pass^k", "", "| k | pass^k |", "|---|---|"]
    lines += [f"| {k} | {_percent(v)} |" for k, v in summary.pass_hat_k.items()]
    lines += ["", "## Branch coverage", "", "| Branch | Dialogues |", "|---|---|"]
    lines += [f"| {b} | {n} |" for b, n in summary.coverage.items()]
    lines += [
        "",
        "## Urgency (expected by persona vs the agent's label)",
        "",
        "| expected \\ agent | urgent | routine |",
        "|---|---|---|",
    ]
    for expected, row in summary.urgency_confusion.items():
        lines.append(f"| {expected} | {row['urgent']} | {row['routine']} |")
    lines += ["", "## Timing", ""]
    rate = summary.dialogues_per_second
    lines.append(
        f"{summary.dialogue_seconds:.1f} s of dialogue time"
        + (f", {rate:.1f} dialogues/s" if rate else "")
        + "."
    )
    failing = [d for d in dialogues if not _compliant(d) and not d.simulator_error]
    lines += ["", f"## Failing dialogues ({len(failing)})", ""]
    if failing:
        lines += ["| Scenario | Trial | Broken rules |", "|---|---|---|"]
        for d in failing:
            broken = ", ".join(m.name for m in d.metrics if not m.passed)
            lines.append(f"| {d.scenario.id} | {d.trial} | {broken or d.agent_error} |")
    if summary.simulator_errors:
        lines += ["", "## Simulator errors", "", "| Scenario | Trial | Error |"]
        lines.append("|---|---|---|")
        for e in summary.simulator_errors:
            lines.append(f"| {e['scenario']} | {e['trial']} | {e['error']} |")
    return "\n".join(lines) + "\n"


def _svg(figure: Any) -> str:
    """A matplotlib figure as inline SVG text (no XML prolog)."""
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    return _METADATA.sub("", text[text.index("<svg") :])


def _charts(summary: Summary) -> dict[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.size": 9, "svg.fonttype": "none"})
    charts = {}

    names = [r.name for r in summary.rules]
    rates = [100 * r.pass_rate for r in summary.rules]
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(names) + 1))
    colors = ["#2e7d32" if r >= 100 else "#c62828" for r in rates]
    ax.barh(names, rates, color=colors)
    ax.invert_yaxis()
    ax.set_xlim(0, 105)
    ax.set_xlabel("dialogues where the rule holds (%)")
    for y, rate in enumerate(rates):
        ax.text(min(rate, 100) + 1, y, f"{rate:.1f}%", va="center")
    charts["Compliance per rule"] = _svg(fig)

    branches = list(summary.coverage)
    fig, ax = plt.subplots(figsize=(7, 0.25 * len(branches) + 1))
    ax.barh(branches, [summary.coverage[b] for b in branches], color="#1565c0")
    ax.invert_yaxis()
    ax.set_xlabel("dialogues")
    charts["SOP branch coverage"] = _svg(fig)

    ks = list(summary.pass_hat_k)
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.plot(ks, [100 * summary.pass_hat_k[k] for k in ks], marker="o", color="#6a1b9a")
    ax.set_xticks(ks)
    ax.set_ylim(0, 105)
    ax.set_xlabel("k (trials that must all comply)")
    ax.set_ylabel("pass^k (%)")
    ax.grid(alpha=0.3)
    charts["pass^k"] = _svg(fig)

    matrix = [
        [summary.urgency_confusion[e][a] for a in _URGENCY_LABELS]
        for e in _URGENCY_LABELS
    ]
    fig, ax = plt.subplots(figsize=(4, 3.2))
    image = ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(2), [f"agent: {a}" for a in _URGENCY_LABELS])
    ax.set_yticks(range(2), [f"expected: {e}" for e in _URGENCY_LABELS])
    peak = max(max(row) for row in matrix) or 1
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            color = "white" if value > peak / 2 else "black"
            ax.text(j, i, str(value), ha="center", va="center", color=color)
    fig.colorbar(image, ax=ax, fraction=0.046)
    charts["Urgency confusion matrix"] = _svg(fig)
    return charts


_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;
max-width:1100px;color:#222;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
.kpis{display:flex;gap:1rem;flex-wrap:wrap}
.kpi{border:1px solid #ddd;border-radius:8px;padding:.6rem 1rem;min-width:150px}
.kpi b{display:block;font-size:1.5rem}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.chart{border:1px solid #eee;border-radius:8px;padding:.5rem;overflow:auto}
.chart svg{max-width:100%;height:auto}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
.fail{color:#c62828}.ok{color:#2e7d32}
details{margin:.2rem 0}summary{cursor:pointer}
.customer{color:#1565c0}.agent{color:#333}.reason{color:#c62828;font-size:.85rem}
"""


def render_html(summary: Summary, dialogues: Sequence[Dialogue]) -> str:
    """The report as one self-contained HTML page (inline CSS and SVG charts)."""
    e = html.escape
    charts = _charts(summary)
    kpis = [
        ("Compliance", _percent(summary.compliance)),
        ("Dialogues", str(summary.dialogues)),
        ("Scenarios", str(summary.scenarios)),
        (f"pass^{summary.trials}", _percent(summary.pass_hat_k.get(summary.trials))),
        ("Simulator errors", str(len(summary.simulator_errors))),
    ]
    if summary.dialogues_per_second:
        kpis.append(("Dialogues / s", f"{summary.dialogues_per_second:.1f}"))
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Evaluation of {e(summary.agent)}</title><style>{_CSS}</style>",
        "</head><body>",
        f"<h1>Evaluation of <code>{e(summary.agent)}</code></h1>",
        f"<p>Simulator <code>{e(summary.simulator)}</code>, {summary.trials} "
        "trial(s) per scenario. Compliance counts dialogues where every rule "
        "holds; simulator errors are left out.</p><div class='kpis'>",
    ]
    parts += [f"<div class='kpi'>{e(k)}<b>{e(v)}</b></div>" for k, v in kpis]
    parts.append("</div><h2>Charts</h2><div class='charts'>")
    for title, svg in charts.items():
        parts.append(f"<div class='chart'><h3>{e(title)}</h3>{svg}</div>")
    parts.append("</div><h2>Rules</h2><table><tr><th>Rule</th><th>SOP step</th>")
    parts.append("<th>Passed</th><th>Pass rate</th></tr>")
    for r in summary.rules:
        css = "ok" if r.pass_rate >= 1 else "fail"
        parts.append(
            f"<tr><td>{e(r.name)}</td><td>{e(r.sop_step)}</td>"
            f"<td>{r.passed}/{r.total}</td><td class='{css}'>"
            f"{_percent(r.pass_rate)}</td></tr>"
        )
    parts.append("</table>")
    parts += _failing_html(dialogues)
    if summary.simulator_errors:
        parts.append("<h2>Simulator errors (not counted)</h2><table>")
        parts.append("<tr><th>Scenario</th><th>Trial</th><th>Error</th></tr>")
        for err in summary.simulator_errors:
            parts.append(
                f"<tr><td>{e(err['scenario'])}</td><td>{err['trial']}</td>"
                f"<td>{e(str(err['error']))}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _failing_html(dialogues: Sequence[Dialogue]) -> list[str]:
    e = html.escape
    failing = [d for d in dialogues if not _compliant(d) and not d.simulator_error]
    parts = [f"<h2>Failing dialogues ({len(failing)})</h2>"]
    if not failing:
        return parts + ["<p class='ok'>Every dialogue follows every rule.</p>"]
    parts.append("<table><tr><th>Scenario</th><th>Trial</th><th>Broken rules</th>")
    parts.append("<th>Transcript</th></tr>")
    for d in failing:
        broken = [m for m in d.metrics if not m.passed]
        reasons = "".join(
            f"<div class='reason'>{e(m.name)}: {e(m.reason)}</div>" for m in broken
        )
        if d.agent_error:
            reasons += f"<div class='reason'>agent error: {e(d.agent_error)}</div>"
        lines = "".join(
            f"<div class='{u.role}'><b>{e(u.role)}:</b> {e(u.text)}</div>"
            for u in d.transcript
        )
        parts.append(
            f"<tr><td>{e(d.scenario.id)}</td><td>{d.trial}</td><td>{reasons}</td>"
            f"<td><details><summary>{len(d.transcript)} messages</summary>"
            f"{lines}</details></td></tr>"
        )
    parts.append("</table>")
    return parts


def write_reports(
    out_dir: Path, summary: Summary, dialogues: Sequence[Dialogue]
) -> dict[str, Path]:
    """Write summary.json, report.md and report.html into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "summary": out_dir / "summary.json",
        "markdown": out_dir / "report.md",
        "html": out_dir / "report.html",
    }
    paths["summary"].write_text(
        json.dumps(summary.model_dump(mode="json"), indent=2) + "\n", "utf-8"
    )
    paths["markdown"].write_text(render_markdown(summary, dialogues), "utf-8")
    paths["html"].write_text(render_html(summary, dialogues), "utf-8")
    return paths
