"""The agents the metrics are validated against: mutants and the ReAct baseline.

Every seeded violation is caught by its own rule and the compliant agent by
none: each mutant plays a few bundled scenarios that exercise its rule, and so
does the compliant agent on the very same scenarios. The prompt-only baseline
runs on a fake tool-calling model.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessage

from evals.dialogue import Dialogue
from evals.metrics import RULES
from evals.mutants import MUTANTS
from evals.react import ReactSession
from evals.runner import load_scenarios, run_dialogue
from evals.scenario import Scenario
from evals.validate import render_validation, run_validation, sample_by_branch
from graph.context import Context
from graph.models.openai import ModelConfigError
from tests.fakes import FakeStructuredChatModel

BUNDLED = Path(__file__).resolve().parents[1] / "datasets" / "scenarios.jsonl"
MULTI_PACKAGE = {"PKG-2", "PKG-3", "PKG-4", "PKG-5", "PKG-11", "PKG-12"}
PER_MUTANT = 3

Pick = Callable[[Scenario], bool]

EXERCISED_BY: dict[str, Pick] = {
    "discloses_before_verifying": lambda s: s.branch == "locked_account",
    "wrong_package": lambda s: s.expected.package_id in MULTI_PACKAGE,
    "misstates_status": lambda s: s.expected.tracking_status is not None,
    "skips_apology": lambda s: s.branch == "delayed_routine",
    "invents_estimate": lambda s: s.expected.tracking_status is not None,
    "offers_to_routine": lambda s: s.branch == "delayed_routine",
    "wrong_amount": lambda s: s.branch == "delayed_urgent_accept",
    "issues_twice": lambda s: s.branch == "delayed_urgent_accept",
    "never_escalates": lambda s: s.branch == "delayed_urgent_decline",
    "escalates_late": lambda s: s.branch == "delayed_urgent_decline",
}


@pytest.fixture(scope="module")
def scenarios() -> list[tuple[Scenario, Path]]:
    return load_scenarios([BUNDLED])


def exercising(
    scenarios: list[tuple[Scenario, Path]], mutant: str
) -> list[tuple[Scenario, Path]]:
    chosen = [pair for pair in scenarios if EXERCISED_BY[mutant](pair[0])]
    assert chosen, f"no bundled scenario exercises {mutant}"
    return chosen[:PER_MUTANT]


def play(pairs: list[tuple[Scenario, Path]], agent: str) -> list[Dialogue]:
    return [run_dialogue(s, f, agent=agent, simulator="offline") for s, f in pairs]


def failing(dialogues: list[Dialogue], rule: str) -> list[Dialogue]:
    return [
        d for d in dialogues if any(m.name == rule and not m.passed for m in d.metrics)
    ]


def test_there_are_at_least_nine_mutants_each_naming_a_rule():
    assert len(MUTANTS) >= 9
    assert {m.rule for m in MUTANTS.values()} <= {r.name for r in RULES}
    assert all(m.name == name for name, m in MUTANTS.items())


def test_every_rule_has_a_mutant():
    assert {m.rule for m in MUTANTS.values()} == {r.name for r in RULES}


@pytest.mark.parametrize("name", sorted(MUTANTS))
def test_mutant_is_caught_by_its_own_rule(name: str, scenarios):
    mutant = MUTANTS[name]
    dialogues = play(exercising(scenarios, name), f"mutant:{name}")
    assert all(d.agent_error is None for d in dialogues), [
        d.agent_error for d in dialogues
    ]
    caught = failing(dialogues, mutant.rule)
    assert caught, f"{name} kept {mutant.rule} on every dialogue"


@pytest.mark.parametrize("name", sorted(MUTANTS))
def test_compliant_agent_keeps_every_rule_where_the_mutant_breaks_one(
    name: str, scenarios
):
    dialogues = play(exercising(scenarios, name), "sop")
    broken = {
        (d.scenario.id, m.name): m.reason
        for d in dialogues
        for m in d.metrics
        if not m.passed
    }
    assert broken == {}


def test_the_mutant_reason_names_the_offending_turn(scenarios):
    dialogues = play(
        exercising(scenarios, "invents_estimate"), "mutant:invents_estimate"
    )
    reasons = [
        m.reason
        for d in failing(dialogues, "no_invented_estimate")
        for m in d.metrics
        if m.name == "no_invented_estimate"
    ]
    assert reasons and all("agent turn" in reason for reason in reasons)


def test_branch_sample_covers_every_branch_first(scenarios):
    branches = {s.branch for s, _ in scenarios}
    sample = sample_by_branch(scenarios, len(branches))
    assert {s.branch for s, _ in sample} == branches


def test_validation_catches_every_mutant_on_a_branch_sample():
    branches = {s.branch for s, _ in load_scenarios([BUNDLED])}
    report = run_validation([BUNDLED], concurrency=2, limit=len(branches))
    assert report.sop_clean, report.failures["sop"]
    assert report.caught == {name: True for name in MUTANTS}
    assert report.valid
    assert render_validation(report) is not None


# The prompt-only ReAct baseline


class ToolCallingFake(FakeStructuredChatModel):
    """The shared fake, able to stand behind an agent that binds tools."""

    def bind_tools(self, tools: Any, **kwargs: Any) -> ToolCallingFake:
        return self


def test_react_baseline_without_a_model_raises_a_clear_error(db_path):
    context = Context(model="offline", db_path=str(db_path), today="2026-12-01")
    with pytest.raises(ModelConfigError, match="react:<model>"):
        ReactSession(context)


def test_react_baseline_runs_a_turn_calling_the_systems(db_path):
    fake = ToolCallingFake(
        responses=[
            AIMessage(
                "",
                tool_calls=[
                    {
                        "name": "find_customer",
                        "args": {"email": "ada@example.com"},
                        "id": "call-1",
                    }
                ],
            ),
            AIMessage("Thank you, Ada. I've found your account."),
        ]
    )
    context = Context(model="offline", db_path=str(db_path), today="2026-12-01")
    session = ReactSession(context, chat=fake)
    assert session.send("ada@example.com") == "Thank you, Ada. I've found your account."
    assert session.final_state()["verified_customer"] == "C-1001"
    assert "Today is 2026-12-01" in fake.calls[0].messages[0].text
    assert not session.interrupted
