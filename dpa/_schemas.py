"""The JSON the chat backend accepts and returns."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

__all__ = [
    "Escalation",
    "EscalationList",
    "HumanReply",
    "NewMessage",
    "Role",
    "Status",
    "ThreadCreated",
    "ThreadView",
    "TranscriptEntry",
    "TurnResult",
]

Role = Literal["customer", "agent", "human_agent"]
Status = Literal["active", "escalated", "resolved"]


class NewMessage(BaseModel):
    """A customer's message to the agent."""

    content: str = Field(
        description="What the customer writes, e.g. 'Where is my package?'. "
        "Leading and trailing spaces are dropped; it must not be empty nor "
        "longer than the backend's limit (2000 characters by default)."
    )


class HumanReply(BaseModel):
    """A human representative's answer to an escalated conversation."""

    message: str = Field(
        description="What the representative writes to the customer; not empty, "
        "within the same limit as customer messages."
    )
    agent: str = Field(
        description="The representative's name as the customer will see it, "
        "e.g. 'Sam'; 1 to 80 characters."
    )


class ThreadCreated(BaseModel):
    """A new conversation."""

    thread_id: str = Field(description="The id to use in later requests.")


class TranscriptEntry(BaseModel):
    """One message of a conversation, as a reader sees it."""

    role: Role = Field(
        description="Who wrote it: the 'customer', the 'agent' (automated) or a "
        "'human_agent' (a representative who took over)."
    )
    text: str = Field(description="The message text.")
    agent: str | None = Field(
        default=None,
        description="The representative's name on 'human_agent' messages.",
    )


class TurnResult(BaseModel):
    """What one request added to a conversation."""

    thread_id: str = Field(description="The conversation.")
    reply: str | None = Field(
        description="The automated agent's reply to this message, or null when "
        "the conversation is with a human and no automatic reply is sent."
    )
    status: Status = Field(
        description="'active' while the agent handles it, 'escalated' once a "
        "human has it, 'resolved' when it is settled."
    )
    awaiting_human: bool = Field(
        description="Whether a human representative's reply is pending."
    )
    messages: list[TranscriptEntry] = Field(
        description="The messages this request added, oldest first."
    )


class ThreadView(BaseModel):
    """A whole conversation."""

    thread_id: str = Field(description="The conversation.")
    status: Status = Field(description="As in a turn's result.")
    awaiting_human: bool = Field(
        description="Whether a human representative's reply is pending."
    )
    human_agent: str | None = Field(
        description="The representative who took over, if one did."
    )
    messages: list[TranscriptEntry] = Field(
        description="Every message so far, oldest first."
    )


class Escalation(BaseModel):
    """A conversation waiting for a human representative."""

    thread_id: str = Field(description="The conversation to answer.")
    escalation_id: str | None = Field(
        description="The ticket the internal systems opened, e.g. 'ESC-000001'."
    )
    reason: str | None = Field(description="Why the agent handed over.")
    customer_id: str | None = Field(
        description="The verified customer, or null if they were never verified."
    )
    customer_name: str | None = Field(description="The verified customer's name.")
    package_id: str | None = Field(description="The package concerned, if known.")
    customer_message: str | None = Field(
        description="The customer's latest message, the one to answer."
    )
    waiting_since: str = Field(
        description="When the conversation started waiting (ISO 8601, UTC)."
    )


class EscalationList(BaseModel):
    """The queue of conversations waiting for a human."""

    escalations: list[Escalation] = Field(description="Longest-waiting first.")
