"""The `dpa` command as a user runs it."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dpa.cli import main
from graph.graph import graph
from tools import BUNDLED_FIXTURE

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DPA_DATA_DIR", str(tmp_path / "data"))


def run(capsys, monkeypatch, *args: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_seed_writes_a_database_and_reports_counts(capsys, monkeypatch, tmp_path):
    db = tmp_path / "x.sqlite"
    code, out, _ = run(capsys, monkeypatch, "db", "seed", "--fixture",
                       str(BUNDLED_FIXTURE), "--db", str(db))
    assert code == 0 and db.exists()
    assert "10 customers" in out


def test_seed_rejects_a_bad_fixture_with_its_problems(capsys, monkeypatch, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"customers": [], "orders": [{"order_id": "O-1"}]}))
    code, _, err = run(capsys, monkeypatch, "db", "seed", "--fixture", str(bad),
                       "--db", str(tmp_path / "x.sqlite"))
    assert code == 2
    assert err.startswith("error: ") and "orders[0]" in err
    assert "Traceback" not in err
    assert not (tmp_path / "x.sqlite").exists()


def test_piped_chat_prints_one_json_object_per_turn_and_a_summary(
    capsys, monkeypatch, db_path
):
    code, out, _ = run(
        capsys, monkeypatch, "chat", "--db", str(db_path), "--today", "2026-12-01",
        "--json",
        stdin="Where is my package?\nada@example.com\n\n"
        "It's for my son's birthday and I'm furious it's late!\nyes\n",
    )
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [line.get("turn") for line in lines[:-1]] == [1, 2, 3, 4]
    summary = lines[-1]["summary"]
    assert summary["verified_customer"] == "C-1001"
    assert summary["delayed"] is True and summary["urgency"] == "urgent"
    assert summary["offer"]["amount"] == "12.50"
    assert summary["gift_card"]["amount"] == "12.50"


def test_piped_chat_prints_the_agent_replies(capsys, monkeypatch, db_path):
    code, out, _ = run(capsys, monkeypatch, "chat", "--db", str(db_path),
                       stdin="hello\n")
    assert code == 0 and out.startswith("agent> ") and "email address" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--model", "gpt-4"], "Unknown model 'gpt-4'"),
        (["--today", "12/01/2026"], "YYYY-MM-DD"),
        (["--db", "/nonexistent/x.sqlite"], "dpa db seed"),
    ],
)
def test_chat_errors_are_one_clear_line(capsys, monkeypatch, args, message):
    code, _, err = run(capsys, monkeypatch, "chat", *args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_graph_command_prints_the_mermaid_diagram(capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "graph")
    assert code == 0 and out == graph.get_graph().draw_mermaid()


def test_readme_diagram_is_generated_from_the_graph():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```mermaid\n(.*?)```", readme, flags=re.DOTALL)
    assert graph.get_graph().draw_mermaid() in blocks, (
        "README's diagram is stale: paste the output of `dpa graph`."
    )


def test_console_script_runs_without_a_traceback(tmp_path):
    env = {**os.environ, "DPA_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "dpa.cli", "chat", "--model", "nope"],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr


def test_classifier_scores_a_dataset_given_on_the_command_line(
    capsys, monkeypatch, tmp_path
):
    labelled = tmp_path / "few.jsonl"
    rows = [
        {"id": "x1", "text": "Where is my parcel?", "urgency": "routine",
         "frustrated": False, "importance_stated": False, "occasion": None,
         "intent": "other"},
        {"id": "x2", "text": "yes please, I'll take the gift card",
         "urgency": "routine", "frustrated": False, "importance_stated": False,
         "occasion": None, "intent": "accept"},
    ]
    labelled.write_text("\n".join(json.dumps(row) for row in rows) + "\n")
    code, out, _ = run(capsys, monkeypatch, "eval", "classifier", "--dataset",
                       str(labelled), "--json")
    report = json.loads(out)
    assert code == 0 and report["messages"] == 2
    assert report["intent_accuracy"] == 1.0
