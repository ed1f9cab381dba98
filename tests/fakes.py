"""Test doubles shared by the test suite."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable, RunnableLambda
from pydantic import BaseModel, Field, PrivateAttr

__all__ = ["FakeStructuredChatModel", "OutOfResponsesError", "RecordedCall"]


class OutOfResponsesError(AssertionError):
    """The fake was called more often than the test queued responses for."""


@dataclass(frozen=True)
class RecordedCall:
    """One call the fake received."""

    messages: list[BaseMessage]
    schema: type[BaseModel] | None
    method: str | None


class FakeStructuredChatModel(BaseChatModel):
    """A chat model that replays queued responses, structured or not.

    Each call takes the next response: an exception is raised, a dict is
    validated into the requested schema (so a bad dict raises pydantic's
    `ValidationError`, like a real malformed answer), a pydantic object or
    `None` is returned as it is, and for plain calls a string becomes an
    `AIMessage`. Every call is recorded in `calls`.
    """

    responses: list[Any] = Field(
        default_factory=list, description="Responses still to be replayed."
    )
    calls: list[RecordedCall] = Field(
        default_factory=list, description="Calls received so far, oldest first."
    )
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "fake-structured-chat-model"

    def _next(
        self,
        messages: Sequence[BaseMessage],
        schema: type[BaseModel] | None,
        method: str | None,
    ) -> Any:
        with self._lock:
            self.calls.append(RecordedCall(list(messages), schema, method))
            if not self.responses:
                raise OutOfResponsesError(
                    f"call #{len(self.calls)} found no queued response; add one "
                    "to FakeStructuredChatModel(responses=[...])"
                )
            response = self.responses.pop(0)
        if isinstance(response, BaseException):
            raise response
        return response

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        response = self._next(messages, None, None)
        message = response if isinstance(response, BaseMessage) else None
        if message is None:
            message = AIMessage(content=str(response))
        return ChatResult(generations=[ChatGeneration(message=message)])

    def with_structured_output(  # type: ignore[override]
        self,
        schema: type[BaseModel],
        *,
        method: str | None = None,
        include_raw: bool = False,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, Any]:
        """Answer with the next queued response, validated into `schema`."""
        if include_raw:
            raise NotImplementedError(
                "FakeStructuredChatModel does not fake include_raw=True; "
                "use include_raw=False"
            )

        def answer(value: LanguageModelInput) -> Any:
            messages = self._convert_input(value).to_messages()
            response = self._next(messages, schema, method)
            if isinstance(response, dict):
                return schema.model_validate(response)
            return response

        return RunnableLambda(answer)
