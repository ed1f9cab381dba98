"""The notebooks run from top to bottom, offline, and show what they promise.

Each notebook is executed once per module in a fresh `python3` kernel from
this environment, with `notebooks/` as its working folder; the tests then read
the outputs of tagged cells. The stored files must carry no outputs.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest

nbclient = pytest.importorskip("nbclient", reason="needs nbclient (.[dev] extras)")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
WALKTHROUGH = NOTEBOOKS / "01_walkthrough.ipynb"
EVALUATION = NOTEBOOKS / "02_evaluation.ipynb"
CELL_TIMEOUT_SECONDS = 90
KERNEL_ENV = {
    "DEEPEVAL_TELEMETRY_OPT_OUT": "YES",
    "DEEPEVAL_DISABLE_DOTENV": "1",
    "LANGSMITH_TRACING": "false",
    "MPLBACKEND": "Agg",
}

pytestmark = pytest.mark.slow


def execute(path: Path) -> Any:
    """Run every cell of a notebook, keeping going past errors to report them."""
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=CELL_TIMEOUT_SECONDS,
        allow_errors=True,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute(env={**os.environ, **KERNEL_ENV})
    return notebook


def errors(notebook: Any) -> list[str]:
    return [
        f"cell {cell.get('id')}: {output.ename}: {output.evalue}"
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    ]


def tagged(notebook: Any, tag: str) -> Any:
    cells = [c for c in notebook.cells if tag in c.metadata.get("tags", [])]
    assert len(cells) == 1, f"expected one cell tagged {tag!r}, found {len(cells)}"
    return cells[0]


def stdout(cell: Any) -> str:
    return "".join(
        output.text
        for output in cell.outputs
        if output.output_type == "stream" and output.name == "stdout"
    )


@pytest.fixture(scope="module")
def walkthrough() -> Any:
    return execute(WALKTHROUGH)


@pytest.fixture(scope="module")
def evaluation() -> Any:
    return execute(EVALUATION)


@pytest.mark.parametrize("path", [WALKTHROUGH, EVALUATION], ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {cell.id} has stored outputs"
            assert cell.execution_count is None, f"cell {cell.id} has a count"


def test_walkthrough_runs_without_errors(walkthrough: Any) -> None:
    assert errors(walkthrough) == []


def test_walkthrough_shows_the_graph_as_mermaid(walkthrough: Any) -> None:
    (shown,) = [o for o in tagged(walkthrough, "diagram").outputs if "data" in o]
    diagram = shown.data["text/markdown"]
    assert diagram.startswith("```mermaid")
    assert "assess_urgency -.-> offer_compensation;" in diagram


def test_walkthrough_outcomes_include_a_gift_card_and_an_escalation(
    walkthrough: Any,
) -> None:
    text = stdout(tagged(walkthrough, "conversations"))
    assert re.search(r"'gift_card': \{'code': 'GC-[A-Z0-9]{4}-[A-Z0-9]{4}'", text)
    assert "'escalation': {'escalation_id': 'ESC-" in text
    assert text.count("=== ") == 10


def test_walkthrough_history_walks_the_offer_turn_step_by_step(
    walkthrough: Any,
) -> None:
    text = stdout(tagged(walkthrough, "history"))
    assert "['offer_compensation']" in text
    assert "['confirm_resolution']" in text
    assert re.search(r"^\s*-1\s+input\b", text, re.MULTILINE)


def test_walkthrough_fork_declines_what_the_original_accepted(
    walkthrough: Any,
) -> None:
    text = stdout(tagged(walkthrough, "fork"))
    assert "original branch: offer accepted" in text
    assert "forked branch: offer declined" in text
    assert "'reason': 'offer_declined'" in text


def test_walkthrough_resumed_fork_keeps_the_original_branch(walkthrough: Any) -> None:
    text = stdout(tagged(walkthrough, "resume"))
    assert "fork stage: escalated" in text
    assert "original stage: resolved" in text


def test_evaluation_runs_without_errors(evaluation: Any) -> None:
    assert errors(evaluation) == []


def test_evaluation_plays_twenty_scenarios_twice(evaluation: Any) -> None:
    text = stdout(tagged(evaluation, "summary"))
    assert "dialogues: 40 (20 scenarios x 2 trials)" in text


def test_evaluation_plots_inline(evaluation: Any) -> None:
    outputs = tagged(evaluation, "plot").outputs
    assert any("image/png" in output.get("data", {}) for output in outputs)


def test_evaluation_shows_the_mutant_failing_its_rule(evaluation: Any) -> None:
    text = stdout(tagged(evaluation, "mutant"))
    broken = re.search(r"rule compensation_policy broken in (\d+)/(\d+)", text)
    assert broken is not None, text
    assert int(broken[1]) > 0


def test_evaluation_explains_the_failing_dialogue(evaluation: Any) -> None:
    text = stdout(tagged(evaluation, "failing"))
    assert "customer: " in text and "agent: " in text
    assert re.search(r"FAIL compensation_policy \(5\. Compensate\): .*shipping", text)
