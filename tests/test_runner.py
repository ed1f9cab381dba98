"""Running scenarios: dialogues, resume, shards, the CLI and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dpa.cli import main
from evals import runner
from evals.agents import open_session
from evals.cli import parse_fail_under
from evals.generate import write_scenarios
from evals.runner import (
    RESULTS_FILE,
    EvalUsageError,
    load_results,
    load_scenarios,
    run_dialogue,
    run_suite,
)
from graph.context import Context
from tools import BUNDLED_FIXTURE

BUNDLED = Path(__file__).resolve().parents[1] / "datasets" / "scenarios.jsonl"
ALL = load_scenarios([BUNDLED])


def first(branch: str) -> tuple:
    return next((s, f) for s, f in ALL if s.branch == branch)


@pytest.fixture
def suite(tmp_path: Path) -> Path:
    """A small scenario file: one scenario of each of six branches."""
    branches = ["delayed_urgent_accept", "identity_escalated", "delayed_routine",
                "locked_account", "delayed_urgent_decline", "delivered"]
    path = tmp_path / "suite.jsonl"
    write_scenarios([first(b)[0] for b in branches], path, BUNDLED_FIXTURE)
    return path


# One dialogue.


def test_accepted_offer_dialogue_records_one_card_and_complies():
    dialogue = run_dialogue(*first("delayed_urgent_accept"), agent="sop")
    assert dialogue.compliant, [m.reason for m in dialogue.metrics if not m.passed]
    cards = dialogue.db_changes["gift_cards"]
    assert len(cards) == 1
    assert cards[0]["amount"] == dialogue.scenario.expected.offer_amount
    code = dialogue.final_state["gift_card"]["code"]
    assert any(code in u.text for u in dialogue.transcript if u.role == "agent")
    assert not dialogue.interrupted


def test_identity_failure_dialogue_ends_interrupted_with_an_escalation():
    dialogue = run_dialogue(*first("identity_escalated"), agent="sop")
    assert dialogue.interrupted and dialogue.compliant
    assert len(dialogue.db_changes["escalations"]) == 1
    assert dialogue.transcript[-1].role == "agent"
    assert "human representative" in dialogue.transcript[-1].text


def test_each_dialogue_starts_from_a_fresh_database():
    scenario, file = first("delayed_urgent_accept")
    runs = [run_dialogue(scenario, file, trial=t) for t in range(2)]
    assert [len(d.db_changes["gift_cards"]) for d in runs] == [1, 1]


def test_final_state_carries_the_urgency_assessment_without_messages():
    dialogue = run_dialogue(*first("delayed_urgent_accept"))
    assert dialogue.final_state["urgency"]["label"] == "urgent"
    assert "messages" not in dialogue.final_state
    json.dumps(dialogue.final_state)


def test_unknown_mutant_is_refused_with_the_known_names(tmp_path):
    context = Context(model="offline", db_path=str(tmp_path / "x"), today="2026-12-01")
    with pytest.raises(ValueError, match="skips_apology"):
        open_session("mutant:nope", context)


# A suite: resume, shards and merge.


def test_rerun_skips_dialogues_already_recorded(suite, tmp_path, monkeypatch):
    out = tmp_path / "run"
    scenarios = load_scenarios([suite])
    run_suite(scenarios, trials=1, out_dir=out)
    lines = (out / RESULTS_FILE).read_text().splitlines()
    # A kill mid-write: two whole lines and half of the third survive.
    (out / RESULTS_FILE).write_text("\n".join(lines[:2]) + "\n" + lines[2][:100])
    played: list[str] = []
    real = runner.run_dialogue

    def counting(scenario, *args, **kwargs):
        played.append(scenario.id)
        return real(scenario, *args, **kwargs)

    monkeypatch.setattr(runner, "run_dialogue", counting)
    dialogues = run_suite(scenarios, trials=1, out_dir=out)
    assert len(played) == len(scenarios) - 2
    assert [d.scenario.id for d in dialogues] == [s.id for s, _ in scenarios]
    assert len(load_results(out)) == len(scenarios)


def test_process_workers_play_the_same_dialogues_as_threads(suite):
    scenarios = load_scenarios([suite])[:3]
    threaded = run_suite(scenarios, trials=1)
    forked = run_suite(scenarios, trials=1, processes=True)

    def said(dialogues):  # gift-card codes are random, the customer's words not
        return [[u.text for u in d.transcript if u.role == "customer"]
                for d in dialogues]

    assert said(forked) == said(threaded)
    assert [d.compliant for d in forked] == [d.compliant for d in threaded]


def summary_without_timing(folder: Path) -> dict:
    summary = json.loads((folder / "summary.json").read_text())
    for key in ("wall_seconds", "dialogue_seconds", "dialogues_per_second"):
        summary.pop(key)
    summary["per_dialogue"].sort(key=lambda d: (d["scenario"], d["trial"]))
    return summary


def test_shards_partition_the_suite_and_merge_to_the_unsharded_summary(
    suite, tmp_path
):
    base = ["eval", "--scenarios", str(suite), "--trials", "2"]
    assert main([*base, "--out", str(tmp_path / "all")]) == 0
    assert main([*base, "--shard", "1/2", "--out", str(tmp_path / "s1")]) == 0
    assert main([*base, "--shard", "2/2", "--out", str(tmp_path / "s2")]) == 0
    ids = [
        {d.scenario.id for d in load_results(tmp_path / s)} for s in ("s1", "s2")
    ]
    assert not ids[0] & ids[1] and len(ids[0] | ids[1]) == 6
    merged = ["eval", "merge", str(tmp_path / "s1"), str(tmp_path / "s2")]
    assert main([*merged, "--out", str(tmp_path / "merged")]) == 0
    assert summary_without_timing(tmp_path / "merged") == summary_without_timing(
        tmp_path / "all"
    )


def test_run_writes_every_report_file(suite, tmp_path):
    out = tmp_path / "run"
    assert main(["eval", "--scenarios", str(suite), "--trials", "1", "--limit", "2",
                 "--out", str(out)]) == 0
    for name in ("results.jsonl", "summary.json", "report.md", "report.html"):
        assert (out / name).is_file(), name
    summary = json.loads((out / "summary.json").read_text())
    assert summary["dialogues"] == 2 and summary["compliance"] == 1.0
    assert "<svg" in (out / "report.html").read_text()


def test_fail_under_exits_1_when_compliance_is_below(tmp_path):
    late = tmp_path / "late.jsonl"
    write_scenarios([first("delayed_routine")[0]], late, BUNDLED_FIXTURE)
    args = ["eval", "--scenarios", str(late), "--trials", "1",
            "--agent", "mutant:skips_apology"]
    assert main([*args, "--out", str(tmp_path / "a"), "--fail-under", "90"]) == 1
    assert main([*args, "--out", str(tmp_path / "a"), "--fail-under", "0"]) == 0


def test_fail_under_reads_fractions_and_percentages():
    assert parse_fail_under("0.95") == pytest.approx(0.95)
    assert parse_fail_under("95") == pytest.approx(0.95)
    assert parse_fail_under("95%") == pytest.approx(0.95)
    assert parse_fail_under("1") == 1.0
    with pytest.raises(EvalUsageError, match="fail-under"):
        parse_fail_under("lots")


# Usage errors: one line, exit code 2.


def one_line_error(capsys, argv: list[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("error: ")
    return err


def test_missing_scenario_path_is_one_line(capsys, tmp_path):
    err = one_line_error(capsys, ["eval", "--scenarios", str(tmp_path / "none.jsonl")])
    assert "none.jsonl" in err and "does not exist" in err


def test_bad_scenario_line_names_its_line_number(capsys, suite, tmp_path):
    broken = tmp_path / "broken.jsonl"
    lines = suite.read_text().splitlines()
    broken.write_text(lines[0] + "\n" + '{"id": "x"}\n')
    err = one_line_error(capsys, ["eval", "--scenarios", str(broken)])
    assert "line 2" in err


def test_unknown_agent_is_one_line(capsys, suite, tmp_path):
    err = one_line_error(capsys, ["eval", "--scenarios", str(suite), "--agent",
                                  "genius", "--out", str(tmp_path / "o")])
    assert "genius" in err


def test_bad_shard_is_one_line(capsys, suite):
    err = one_line_error(capsys, ["eval", "--scenarios", str(suite), "--shard", "3/2"])
    assert "3/2" in err


def test_merge_of_a_folder_without_results_is_one_line(capsys, tmp_path):
    err = one_line_error(capsys, ["eval", "merge", str(tmp_path), "--out",
                                  str(tmp_path / "m")])
    assert "results.jsonl" in err


def test_scenarios_generate_writes_a_consistent_suite(tmp_path, capsys):
    out = tmp_path / "gen.jsonl"
    assert main(["scenarios", "generate", "--count", "30", "--seed", "4",
                 "--out", str(out)]) == 0
    assert len(out.read_text().splitlines()) == 30
    assert main(["scenarios", "check", str(out)]) == 0
