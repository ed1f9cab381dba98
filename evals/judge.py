"""An LLM judge of the agent's tone, reported beside the compliance, never in it.

Compliance is decided by the deterministic rules in `evals.metrics`; how
empathetic and clear the agent sounds is a matter of judgement, so it is asked
of a model several times and reported with its spread. The judge is deepeval's
`ConversationalGEval` over any LangChain chat model.
"""

from __future__ import annotations

import logging
import statistics
from typing import Any

from deepeval.metrics import ConversationalGEval
from deepeval.models import DeepEvalBaseLLM
from deepeval.test_case import MultiTurnParams
from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel

from evals.dialogue import Dialogue, MetricResult
from evals.metrics import to_test_case
from graph.models.openai import chat_model, structured_output_method

__all__ = [
    "TONE_CRITERIA",
    "TONE_STEPS",
    "TONE_THRESHOLD",
    "LangChainJudge",
    "judge_tone",
]

logger = logging.getLogger(__name__)

TONE_CRITERIA = (
    "Judge the tone of the assistant (the customer service agent) across the "
    "whole conversation: it is courteous and empathetic, acknowledges the "
    "customer's feelings, stays calm with an upset or demanding customer, is "
    "clear and concise, and never sounds robotic, defensive or dismissive. "
    "Judge tone only, not whether the facts or the procedure are right."
)
"""What the judge is asked to assess."""

TONE_STEPS = [
    "Read every assistant turn in order, noting how the customer sounded just "
    "before it.",
    "Check that the assistant is polite and empathetic, and acknowledges "
    "frustration or worry when the customer expresses it.",
    "Check that the assistant stays calm and respectful when the customer is "
    "upset, demanding or tries to bend the rules.",
    "Check that each assistant turn is clear and concise, without needless "
    "repetition, jargon or a robotic feel.",
    "Give a high score when all of this holds throughout, and lower it for "
    "every turn that is curt, cold, defensive or confusing.",
]
"""The judge's evaluation steps, fixed so no model call is spent writing them."""

TONE_THRESHOLD = 0.7
"""The mean score at which the tone counts as good."""

TONE_NAME = "tone"


class LangChainJudge(DeepEvalBaseLLM):
    """A LangChain chat model as a deepeval judge model.

    Structured answers are requested with `with_structured_output`, so the
    model answers in deepeval's schemas directly instead of free JSON.
    """

    def __init__(self, chat: BaseChatModel, name: str | None = None) -> None:
        """Wrap `chat`; `name` is what reports call the judge."""
        self._chat = chat
        self._name = name or getattr(chat, "model_name", None) or type(chat).__name__
        super().__init__(self._name)

    def load_model(self, *args: Any, **kwargs: Any) -> Any:
        """The wrapped chat model."""
        return self._chat

    def generate(
        self, prompt: str, schema: type[BaseModel] | None = None, **kwargs: Any
    ) -> Any:
        """Answer `prompt`, as an instance of `schema` when one is given."""
        if schema is None:
            return self._chat.invoke(prompt).text
        runnable = self._chat.with_structured_output(
            schema, method=structured_output_method()
        )
        return _as_schema(schema, runnable.invoke(prompt))

    async def a_generate(
        self, prompt: str, schema: type[BaseModel] | None = None, **kwargs: Any
    ) -> Any:
        """Answer `prompt` asynchronously, like `generate`."""
        if schema is None:
            return (await self._chat.ainvoke(prompt)).text
        runnable = self._chat.with_structured_output(
            schema, method=structured_output_method()
        )
        return _as_schema(schema, await runnable.ainvoke(prompt))

    def get_model_name(self, *args: Any, **kwargs: Any) -> str:
        """The judge's name, as reports show it."""
        return self._name


def _as_schema(schema: type[BaseModel], answer: Any) -> BaseModel:
    return answer if isinstance(answer, schema) else schema.model_validate(answer)


def _judge_model(model: str | BaseChatModel) -> LangChainJudge:
    if isinstance(model, BaseChatModel):
        return LangChainJudge(model)
    name = model.removeprefix("openai:")
    return LangChainJudge(chat_model(name), name)


def judge_tone(
    dialogue: Dialogue, model: str | BaseChatModel, repeats: int = 3
) -> MetricResult:
    """Ask a model `repeats` times how well the agent's tone suits the customer.

    Args:
        dialogue: The dialogue to judge.
        model: An OpenAI-compatible model name (e.g. 'gpt-4o-mini' or
            'openai:gpt-4o-mini'), or a LangChain chat model.
        repeats: How many independent verdicts to average.

    Returns:
        The mean score (0-1), passed when it reaches `TONE_THRESHOLD`; the
        reason gives the spread of the verdicts and the last one's reason.

    Raises:
        ValueError: `repeats` is below 1.
        ModelConfigError: The model's endpoint is not configured.
    """
    if repeats < 1:
        raise ValueError(f"repeats={repeats} must be at least 1, e.g. 3.")
    judge = _judge_model(model)
    test_case = to_test_case(dialogue)
    scores: list[float] = []
    reason = ""
    for _ in range(repeats):
        metric = ConversationalGEval(
            name=TONE_NAME,
            criteria=TONE_CRITERIA,
            evaluation_steps=list(TONE_STEPS),
            evaluation_params=[MultiTurnParams.ROLE, MultiTurnParams.CONTENT],
            model=judge,
            threshold=TONE_THRESHOLD,
            async_mode=False,
        )
        metric.measure(test_case, _show_indicator=False)
        scores.append(float(metric.score or 0.0))
        reason = metric.reason or ""
    mean = statistics.fmean(scores)
    spread = statistics.pstdev(scores) if len(scores) > 1 else 0.0
    logger.info("tone of %s: %s", dialogue.scenario.id, scores)
    return MetricResult(
        name=TONE_NAME,
        sop_step="Tone (reported apart from compliance)",
        score=round(mean, 4),
        passed=mean >= TONE_THRESHOLD,
        reason=(
            f"mean {mean:.2f} over {len(scores)} verdicts (min {min(scores):.2f}, "
            f"max {max(scores):.2f}, stdev {spread:.2f}) by {judge.get_model_name()}; "
            f"last verdict: {reason}"
        ),
    )
