"""The compliant agent keeps every SOP rule on every bundled scenario.

Each scenario is played once (trial 0) offline against the SOP graph and
asserted with deepeval, so the suite runs under plain `pytest` and under
`deepeval test run tests/compliance` alike.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from deepeval import assert_test

from evals.metrics import sop_metrics, to_test_case
from evals.runner import run_dialogue
from evals.scenario import Scenario


def test_sop_agent_keeps_every_rule(bundled_scenario: tuple[Scenario, Path]):
    scenario, scenario_file = bundled_scenario
    dialogue = run_dialogue(
        scenario, scenario_file, agent="sop", simulator="offline", trial=0
    )
    if dialogue.simulator_error:
        pytest.skip(f"simulator error, not the agent's: {dialogue.simulator_error}")
    assert dialogue.agent_error is None, dialogue.agent_error
    assert_test(to_test_case(dialogue), sop_metrics(), run_async=False)
