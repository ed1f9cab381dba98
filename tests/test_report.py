"""Summaries and reports of a run, from hand-made dialogues."""

from __future__ import annotations

import json
from datetime import date

import pytest

from evals.dialogue import Dialogue, MetricResult, Utterance
from evals.report import build_summary, pass_hat_k, write_reports
from evals.scenario import Expected, Persona, Scenario


def scenario(sid: str, *, frustrated: bool = False, branch: str = "b") -> Scenario:
    return Scenario(
        id=sid,
        description="hand-made",
        fixture="internal_systems.json",
        today=date(2026, 12, 1),
        persona=Persona(
            name="Ada", email="ada@example.com", item="100234",
            item_number="100234",
            temperament="frustrated" if frustrated else "calm",
            occasion="birthday" if frustrated else None,
        ),
        branch=branch,
        expected=Expected(
            verified=True, package_id="PKG-1", tracking_status="In Transit",
            delayed=True, apology_required=True, offer_amount=None,
            gift_card_issued=False, escalated=False,
        ),
    )


def dialogue(
    s: Scenario,
    trial: int,
    *,
    passes: tuple[bool, bool] = (True, True),
    urgency: str | None = "routine",
    simulator_error: str | None = None,
) -> Dialogue:
    return Dialogue(
        scenario=s, trial=trial, agent="sop", simulator="offline",
        transcript=[Utterance(role="customer", text="where is <my> parcel?"),
                    Utterance(role="agent", text="It is in transit.")],
        final_state={"urgency": {"label": urgency} if urgency else None},
        db_changes={"gift_cards": [], "escalations": []},
        interrupted=False,
        simulator_error=simulator_error,
        seconds=0.01,
        metrics=[
            MetricResult(name=name, sop_step=step, score=float(ok), passed=ok,
                         reason="ok" if ok else f"{name} broke on turn 2")
            for (name, step), ok in zip(
                [("delay_apology", "3. Inform"), ("resolution", "6. Confirm")],
                passes, strict=True,
            )
        ],
    )


def test_pass_hat_k_matches_a_hand_computed_example():
    # Scenario A: 4 trials, 3 compliant; scenario B: 4 trials, all compliant.
    counts = [(4, 3), (4, 4)]
    assert pass_hat_k(counts, 1) == pytest.approx((3 / 4 + 1) / 2)
    assert pass_hat_k(counts, 2) == pytest.approx((3 / 6 + 1) / 2)
    assert pass_hat_k(counts, 3) == pytest.approx((1 / 4 + 1) / 2)
    assert pass_hat_k(counts, 4) == pytest.approx((0 + 1) / 2)


def test_pass_hat_k_leaves_out_scenarios_with_too_few_trials():
    assert pass_hat_k([(1, 1), (3, 0)], 2) == 0.0
    assert pass_hat_k([(1, 1)], 2) is None


def test_summary_counts_rules_compliance_and_pass_hat_k():
    a, b = scenario("a"), scenario("b")
    dialogues = [dialogue(a, t, passes=(t != 0, True)) for t in range(4)]
    dialogues += [dialogue(b, t) for t in range(4)]
    summary = build_summary(dialogues, trials=4, wall_seconds=2.0)
    rates = {r.name: (r.passed, r.total) for r in summary.rules}
    assert rates["delay_apology"] == (7, 8) and rates["resolution"] == (8, 8)
    assert summary.compliance == pytest.approx(7 / 8)
    assert summary.pass_hat_k[4] == pytest.approx(0.5)
    assert summary.dialogues_per_second == pytest.approx(4.0)


def test_simulator_errors_are_reported_apart_from_the_headline():
    a = scenario("a")
    dialogues = [dialogue(a, 0), dialogue(a, 1, passes=(False, False),
                                          simulator_error="states grace@x.com")]
    summary = build_summary(dialogues)
    assert summary.compliance == 1.0 and summary.headline_dialogues == 1
    assert summary.simulator_errors == [
        {"scenario": "a", "trial": 1, "error": "states grace@x.com"}
    ]


def test_agent_errors_count_as_failures():
    broken = dialogue(scenario("a"), 0).model_copy(update={"agent_error": "boom"})
    assert build_summary([broken]).compliance == 0.0


def test_urgency_confusion_compares_the_persona_with_the_agent_label():
    dialogues = [
        dialogue(scenario("u", frustrated=True), 0, urgency="urgent"),
        dialogue(scenario("v", frustrated=True), 0, urgency="routine"),
        dialogue(scenario("r"), 0, urgency="routine"),
        dialogue(scenario("n"), 0, urgency=None),
    ]
    assert build_summary(dialogues).urgency_confusion == {
        "urgent": {"urgent": 1, "routine": 1},
        "routine": {"urgent": 0, "routine": 1},
    }


def test_coverage_counts_dialogues_per_branch():
    dialogues = [dialogue(scenario("a", branch="x"), t) for t in range(2)]
    dialogues.append(dialogue(scenario("b", branch="y"), 0))
    assert build_summary(dialogues).coverage == {"x": 2, "y": 1}


def test_reports_are_written_with_inline_svg_charts(tmp_path):
    dialogues = [dialogue(scenario("a"), 0, passes=(False, True)),
                 dialogue(scenario("b"), 0)]
    summary = build_summary(dialogues, wall_seconds=1.0)
    paths = write_reports(tmp_path, summary, dialogues)
    assert json.loads(paths["summary"].read_text())["compliance"] == 0.5
    markdown = paths["markdown"].read_text()
    assert "| delay_apology | 3. Inform | 1/2 | 50.0% |" in markdown
    page = paths["html"].read_text()
    assert page.count("<svg") == 4
    for title in ("Compliance per rule", "SOP branch coverage", "pass^k",
                  "Urgency confusion matrix"):
        assert title in page
    assert "<details>" in page and "delay_apology broke on turn 2" in page
    assert "where is &lt;my&gt; parcel?" in page
    assert "<link" not in page and 'src="http' not in page
    assert 'href="http' not in page
