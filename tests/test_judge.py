"""The LLM tone judge, run on a fake chat model (no network)."""

from __future__ import annotations

import pytest

from evals.dialogue import Dialogue, Utterance
from evals.judge import TONE_THRESHOLD, LangChainJudge, judge_tone
from evals.scenario import Expected, Persona, Scenario
from graph.models.openai import ModelConfigError
from tests.fakes import FakeStructuredChatModel

AGENT_LINE = "I'm so sorry your vase is late; let me check it for you right away."


@pytest.fixture
def dialogue() -> Dialogue:
    scenario = Scenario(
        id="tone-1",
        description="A short exchange to judge.",
        fixture="internal_systems.json",
        today="2026-12-01",
        persona=Persona(
            name="Ada",
            email="ada@example.com",
            item="100234",
            item_number="100234",
            temperament="frustrated",
        ),
        branch="delayed_routine",
        expected=Expected(
            verified=True,
            package_id="PKG-1",
            tracking_status="Out for Delivery",
            delayed=True,
            apology_required=True,
            offer_amount=None,
            gift_card_issued=False,
            escalated=False,
        ),
    )
    return Dialogue(
        scenario=scenario,
        trial=0,
        agent="sop",
        simulator="offline",
        transcript=[
            Utterance(role="customer", text="Where is my vase?!"),
            Utterance(role="agent", text=AGENT_LINE),
        ],
        final_state={},
        db_changes={},
        interrupted=False,
    )


def verdicts(*scores: int) -> FakeStructuredChatModel:
    return FakeStructuredChatModel(
        responses=[{"reason": f"tone rated {s}", "score": s} for s in scores]
    )


def test_score_is_the_mean_of_the_repeats(dialogue):
    result = judge_tone(dialogue, verdicts(6, 8, 10), repeats=3)
    assert result.score == pytest.approx(0.8)
    assert result.name == "tone"


def test_reason_gives_the_spread_of_the_repeats(dialogue):
    reason = judge_tone(dialogue, verdicts(6, 8, 10), repeats=3).reason
    assert "min 0.60" in reason and "max 1.00" in reason and "stdev 0.16" in reason
    assert "tone rated 10" in reason


def test_judge_is_asked_once_per_repeat_with_the_transcript(dialogue):
    fake = verdicts(9, 9)
    judge_tone(dialogue, fake, repeats=2)
    assert len(fake.calls) == 2
    prompt = fake.calls[0].messages[-1].text
    assert AGENT_LINE in prompt and "empathetic" in prompt


def test_low_scores_fail_the_threshold(dialogue):
    result = judge_tone(dialogue, verdicts(2, 3, 4), repeats=3)
    assert result.score < TONE_THRESHOLD
    assert not result.passed


def test_repeats_below_one_are_refused(dialogue):
    with pytest.raises(ValueError, match="repeats=0"):
        judge_tone(dialogue, verdicts(), repeats=0)


def test_model_name_without_an_endpoint_raises_a_config_error(dialogue, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with pytest.raises(ModelConfigError, match="OPENAI_API_KEY"):
        judge_tone(dialogue, "openai:gpt-4o-mini")


def test_wrapper_answers_plain_prompts_with_text():
    judge = LangChainJudge(FakeStructuredChatModel(responses=["fine"]), "fake")
    assert judge.generate("How is it?") == "fine"
    assert judge.get_model_name() == "fake"
