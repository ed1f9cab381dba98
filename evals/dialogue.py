"""The record of one dialogue run: what was said, where it ended, how it scored."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from evals.scenario import Scenario

__all__ = ["Dialogue", "MetricResult", "Utterance"]


class Utterance(BaseModel):
    """One message of the transcript."""

    role: Literal["customer", "agent", "human_agent"] = Field(
        description="Who said it."
    )
    text: str = Field(description="What was said.")


class MetricResult(BaseModel):
    """One SOP rule's verdict on a dialogue."""

    name: str = Field(
        description="The metric's name, e.g. 'identity_before_disclosure'."
    )
    sop_step: str = Field(description="The SOP step it checks, e.g. '1. Identify'.")
    score: float = Field(description="1.0 when the rule holds, 0.0 when it is broken.")
    passed: bool = Field(description="Whether the rule holds.")
    reason: str = Field(description="Why, naming the turn that broke the rule.")


class Dialogue(BaseModel):
    """One scenario played once against one agent."""

    scenario: Scenario = Field(description="The scenario played.")
    trial: int = Field(description="Which of the K trials this is, from 0.")
    agent: str = Field(description="The agent under test, e.g. 'sop'.")
    simulator: str = Field(description="The customer simulator, e.g. 'offline'.")
    transcript: list[Utterance] = Field(description="Everything said, in order.")
    final_state: dict[str, Any] = Field(
        description="The agent's final graph state, JSON-friendly (messages left out)."
    )
    db_changes: dict[str, list[dict[str, Any]]] = Field(
        description="Rows added to the gift_cards and escalations tables."
    )
    interrupted: bool = Field(
        description="The thread ended paused for a human (an escalation interrupt)."
    )
    simulator_error: str | None = Field(
        default=None,
        description="A fact the simulator stated that its persona does not hold; "
        "such dialogues are reported apart and never count against the agent.",
    )
    agent_error: str | None = Field(
        default=None, description="An exception the agent raised, if any."
    )
    seconds: float = Field(default=0.0, description="Wall time of the dialogue.")
    metrics: list[MetricResult] = Field(
        default_factory=list, description="Every rule's verdict."
    )

    @property
    def compliant(self) -> bool:
        """All rules pass: the headline compliance of the dialogue."""
        return bool(self.metrics) and all(m.passed for m in self.metrics)
