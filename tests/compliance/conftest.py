"""The bundled scenarios, one compliance test case each."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.runner import load_scenarios

BUNDLED_SCENARIOS = Path(__file__).resolve().parents[2] / "datasets" / "scenarios.jsonl"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Give every test asking for `bundled_scenario` one case per scenario."""
    if "bundled_scenario" in metafunc.fixturenames:
        scenarios = load_scenarios([BUNDLED_SCENARIOS])
        metafunc.parametrize(
            "bundled_scenario", scenarios, ids=[s.id for s, _ in scenarios]
        )
