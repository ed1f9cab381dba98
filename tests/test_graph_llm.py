"""A whole conversation through the real `ChatOpenAI`, over a mocked transport.

The server is a function of the request: it answers each decision by the
tool the request forces, so the test sees the graph drive an LLM backend the
way it would drive a real OpenAI-compatible endpoint. No network.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from langgraph.checkpoint.memory import InMemorySaver

from graph import nodes
from graph.context import Context
from graph.conversation import Conversation
from graph.graph import build_graph
from graph.models.openai import OpenAIDecider, chat_model

ANSWERS: dict[str, dict[str, Any]] = {
    "EmailExtraction": {"email": "ada@example.com"},
    "ItemMatch": {"item_number": None},
    "UrgencyAssessment": {
        "label": "urgent", "frustrated": True, "importance_stated": True,
        "occasion": "anniversary", "rationale": "An anniversary gift is late.",
    },
    "MessageReading": {"intent": "accept", "rationale": "The customer agrees."},
}


def _tool_of(body: dict[str, Any]) -> str:
    return body["tools"][0]["function"]["name"]


def _completion(name: str, arguments: dict[str, Any] | str) -> dict[str, Any]:
    raw = arguments if isinstance(arguments, str) else json.dumps(arguments)
    call = {"id": "call_1", "type": "function",
            "function": {"name": name, "arguments": raw}}
    return {
        "id": "chatcmpl-1", "object": "chat.completion", "created": 0,
        "model": "mock", "usage": {"prompt_tokens": 1, "completion_tokens": 1,
                                   "total_tokens": 2},
        "choices": [{"index": 0, "finish_reason": "tool_calls",
                     "message": {"role": "assistant", "content": None,
                                 "tool_calls": [call]}}],
    }


class Endpoint:
    """A mock chat-completions endpoint that can answer badly on purpose."""

    def __init__(self, malformed: set[str] = frozenset()) -> None:  # type: ignore
        self.malformed = malformed
        self.calls: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        tool = _tool_of(body)
        self.calls.append(tool)
        if tool in self.malformed:
            return httpx.Response(200, json=_completion(tool, '{"label": "very"}'))
        return httpx.Response(200, json=_completion(tool, ANSWERS[tool]))


@pytest.fixture
def llm_chat(db_path, monkeypatch):
    def start(endpoint: Endpoint) -> Conversation:
        llm = chat_model(
            "mock-model",
            api_key="test",
            base_url="http://mock.local/v1",
            http_client=httpx.Client(transport=httpx.MockTransport(endpoint)),
        )
        decider = OpenAIDecider("mock-model", llm=llm)
        monkeypatch.setattr(nodes, "get_decider", lambda name: decider)
        app = build_graph().compile(checkpointer=InMemorySaver())
        context = Context(model="openai:mock-model", db_path=str(db_path),
                          today="2026-12-01")
        return Conversation(app, context)

    return start


def test_llm_decisions_drive_the_whole_procedure(llm_chat, systems):
    endpoint = Endpoint()
    conversation = llm_chat(endpoint)
    status = conversation.send("I'm ada@example.com, where is my vase?").reply
    assert "out for delivery" in status and "$12.50" in status
    confirmation = conversation.send("Sure, I'll take it").reply
    [card] = systems.list_gift_cards()
    assert card.code in confirmation and str(card.amount) == "12.50"
    assert {"EmailExtraction", "UrgencyAssessment", "MessageReading"} <= set(
        endpoint.calls)
    assert conversation.state().get("model_fallbacks", []) == []


def test_malformed_llm_answer_falls_back_to_offline_and_is_recorded(llm_chat):
    endpoint = Endpoint(malformed={"UrgencyAssessment"})
    conversation = llm_chat(endpoint)
    conversation.send("ada@example.com")
    state = conversation.state()
    assert endpoint.calls.count("UrgencyAssessment") == 2  # the answer and one retry
    assert any("assess_urgency" in reason for reason in state["model_fallbacks"])
    # The offline backend read a plain email as routine: no offer.
    assert state["urgency"]["label"] == "routine" and state.get("offer") is None
