"""The backend for any OpenAI-compatible chat endpoint.

Works with OpenAI itself and with local servers that speak the same API (vLLM,
Ollama, llama.cpp's server). Every decision is a structured answer validated
against `schemas.py`; a failed call is retried once, then the offline backend
decides so that a conversation never stalls on the model.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from typing import Any, Literal, TypeVar, cast

import httpx
import openai
from langchain_core.exceptions import ModelRefusalError, OutputParserException
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from langchain_core.runnables import Runnable
from langchain_openai import ChatOpenAI
from pydantic import BaseModel, ValidationError

from graph.models import prompts
from graph.models.base import Decided, Decider
from graph.models.schemas import (
    EmailExtraction,
    ItemChoice,
    ItemMatch,
    MessageReading,
    UrgencyAssessment,
)

__all__ = [
    "MalformedAnswerError",
    "ModelConfigError",
    "OpenAIDecider",
    "chat_model",
    "structured_output_method",
]

logger = logging.getLogger(__name__)

T = TypeVar("T", bound=BaseModel)

StructuredOutputMethod = Literal["function_calling", "json_schema"]

_METHODS: tuple[StructuredOutputMethod, ...] = ("function_calling", "json_schema")
_DEFAULT_TIMEOUT_S = 30.0
_DEFAULT_MAX_TOKENS = 512
_PLACEHOLDER_KEY = "not-needed"
_ATTEMPTS = 2
_REASON_DETAIL_CHARS = 160


class ModelConfigError(ValueError):
    """The environment does not say how to reach an OpenAI-compatible model."""


class MalformedAnswerError(ValueError):
    """The model answered, but not with something the agent can use."""


def _float_env(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if value <= 0:
        raise ModelConfigError(
            f"{name}={raw!r} is not a positive number of seconds; "
            f"set it like {name}=30 or unset it for {default:g}."
        )
    return value


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise ModelConfigError(
            f"{name}={raw!r} is not a positive whole number; "
            f"set it like {name}={default} or unset it for {default}."
        )
    return value


def structured_output_method() -> StructuredOutputMethod:
    """How structured answers are requested, from `DPA_STRUCTURED_OUTPUT`.

    Defaults to 'function_calling', the one mode llama.cpp's server supports.
    """
    raw = os.environ.get("DPA_STRUCTURED_OUTPUT") or "function_calling"
    if raw not in _METHODS:
        raise ModelConfigError(
            f"DPA_STRUCTURED_OUTPUT={raw!r} is not supported; use one of "
            f"{', '.join(_METHODS)} (or unset it for function_calling)."
        )
    return cast(StructuredOutputMethod, raw)


def chat_model(model_name: str, **overrides: Any) -> ChatOpenAI:
    """A deterministic `ChatOpenAI` configured from the environment.

    Reads `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `DPA_MODEL_TIMEOUT` (seconds,
    default 30) and `DPA_MAX_TOKENS` (default 512). The token limit travels as
    `max_tokens` in the request body, the field every compatible server reads.
    Retries are left to the caller. Keyword `overrides` (such as `base_url`,
    `api_key` or `http_client`) win over the environment.

    Raises:
        ModelConfigError: When no key and no base URL is configured, or a
            setting is not a valid number.
    """
    api_key = overrides.pop("api_key", None) or os.environ.get("OPENAI_API_KEY")
    base_url = overrides.pop("base_url", None) or os.environ.get("OPENAI_BASE_URL")
    if not api_key and not base_url:
        raise ModelConfigError(
            f"Model {model_name!r} needs an OpenAI-compatible endpoint: set "
            "OPENAI_API_KEY for OpenAI, or OPENAI_BASE_URL for a local server "
            "(any key works there, e.g. OPENAI_API_KEY=local), or use the "
            "built-in offline model with --model offline."
        )

    settings: dict[str, Any] = {
        "model": model_name,
        "api_key": api_key or _PLACEHOLDER_KEY,
        "base_url": base_url,
        "temperature": 0,
        "timeout": _float_env("DPA_MODEL_TIMEOUT", _DEFAULT_TIMEOUT_S),
        "max_retries": 0,
        "extra_body": {"max_tokens": _int_env("DPA_MAX_TOKENS", _DEFAULT_MAX_TOKENS)},
    }
    settings.update(overrides)
    return ChatOpenAI(**settings)


def _failure_kind(error: Exception) -> str:
    """Name a failed call in a few words, for logs and `fallback_reason`."""
    if isinstance(
        error, openai.APITimeoutError | httpx.TimeoutException | TimeoutError
    ):
        return "timeout"
    if isinstance(
        error, openai.APIConnectionError | httpx.TransportError | ConnectionError
    ):
        return "connection error"
    if isinstance(error, openai.APIStatusError):
        return f"API error {error.status_code}"
    if isinstance(error, openai.APIError | httpx.HTTPError):
        return "API error"
    if isinstance(error, ModelRefusalError):
        return "refusal"
    return "malformed answer"


_CALL_FAILURES: tuple[type[Exception], ...] = (
    openai.APIError,
    httpx.HTTPError,
    TimeoutError,
    ConnectionError,
    ModelRefusalError,
    OutputParserException,
    ValidationError,
    MalformedAnswerError,
)


def _summary(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    detail = lines[0] if lines else ""
    if len(detail) > _REASON_DETAIL_CHARS:
        detail = detail[: _REASON_DETAIL_CHARS - 3] + "..."
    return f"{type(error).__name__}: {detail}" if detail else type(error).__name__


def _looks_like_address(email: str) -> bool:
    local, at, domain = email.partition("@")
    return bool(local and at and "." in domain) and not any(
        char.isspace() for char in email
    )


class OpenAIDecider:
    """Decisions made by a model behind an OpenAI-compatible API.

    Answers are checked beyond their schema: an email must occur in the
    customer's text and an item number must be one of the candidates. A blank
    string counts as null, since small models often send "" for "none".
    Safe to share between threads: the structured runnables are built once and
    hold no per-call state, and the fallback is created under a lock.
    """

    name: str

    def __init__(
        self,
        model_name: str,
        *,
        llm: BaseChatModel | None = None,
        fallback: Decider | None = None,
    ) -> None:
        self.name = f"openai:{model_name}"
        self._llm = llm if llm is not None else chat_model(model_name)
        self._fallback = fallback
        self._fallback_lock = threading.Lock()

        method = structured_output_method()
        self._email = self._structured(EmailExtraction, method)
        self._item = self._structured(ItemMatch, method)
        self._urgency = self._structured(UrgencyAssessment, method)
        self._reading = self._structured(MessageReading, method)

    def _structured(
        self, schema: type[BaseModel], method: str
    ) -> Runnable[list[BaseMessage], Any]:
        return self._llm.with_structured_output(
            schema, method=method, include_raw=False
        )

    def extract_email(self, text: str) -> Decided[EmailExtraction]:
        """Find the email address the customer wrote in `text`."""

        def check(answer: EmailExtraction) -> EmailExtraction:
            email = (answer.email or "").strip()
            if not email:
                return EmailExtraction(email=None)
            if not _looks_like_address(email):
                raise MalformedAnswerError(f"{email!r} is not an email address")
            if email.lower() not in text.lower():
                raise MalformedAnswerError(
                    f"{email!r} does not occur in the customer's message"
                )
            return EmailExtraction(email=email)

        return self._decide(
            "extract_email",
            self._email,
            EmailExtraction,
            [
                SystemMessage(prompts.EXTRACT_EMAIL_PROMPT),
                HumanMessage(prompts.customer_messages([text])),
            ],
            check,
            lambda fallback: fallback.extract_email(text),
        )

    def match_item(self, text: str, items: Sequence[ItemChoice]) -> Decided[ItemMatch]:
        """Pick which of `items` the customer's `text` refers to, if any."""
        if not items:
            return Decided(ItemMatch(item_number=None), backend=self.name)
        candidates = {item.item_number for item in items}

        def check(answer: ItemMatch) -> ItemMatch:
            item_number = (answer.item_number or "").strip()
            if not item_number:
                return ItemMatch(item_number=None)
            if item_number not in candidates:
                raise MalformedAnswerError(
                    f"item_number {item_number!r} is not one of {sorted(candidates)}"
                )
            return ItemMatch(item_number=item_number)

        return self._decide(
            "match_item",
            self._item,
            ItemMatch,
            [
                SystemMessage(prompts.MATCH_ITEM_PROMPT),
                HumanMessage(prompts.item_request(text, items)),
            ],
            check,
            lambda fallback: fallback.match_item(text, items),
        )

    def assess_urgency(self, messages: Sequence[str]) -> Decided[UrgencyAssessment]:
        """Classify the customer's messages so far, oldest first."""
        return self._decide(
            "assess_urgency",
            self._urgency,
            UrgencyAssessment,
            [
                SystemMessage(prompts.URGENCY_PROMPT),
                HumanMessage(prompts.customer_messages(list(messages))),
            ],
            lambda answer: answer,
            lambda fallback: fallback.assess_urgency(messages),
        )

    def read_message(self, text: str) -> Decided[MessageReading]:
        """Read what one customer message asks for."""
        return self._decide(
            "read_message",
            self._reading,
            MessageReading,
            [
                SystemMessage(prompts.READ_MESSAGE_PROMPT),
                HumanMessage(prompts.customer_messages([text])),
            ],
            lambda answer: answer,
            lambda fallback: fallback.read_message(text),
        )

    def _decide(
        self,
        decision: str,
        runnable: Runnable[list[BaseMessage], Any],
        schema: type[T],
        messages: list[BaseMessage],
        check: Callable[[T], T],
        decide_offline: Callable[[Decider], Decided[T]],
    ) -> Decided[T]:
        """Ask the model, retry once on failure, then let the fallback decide."""
        failures: list[Exception] = []
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                answer = runnable.invoke(messages)
                return Decided(check(self._as(schema, answer)), backend=self.name)
            except _CALL_FAILURES as failure:
                failures.append(failure)
                logger.info(
                    "%s attempt %d/%d failed on %s: %s",
                    decision,
                    attempt,
                    _ATTEMPTS,
                    self.name,
                    _summary(failure),
                )

        error = failures[-1]
        reason = (
            f"{decision}: {_failure_kind(error)} from {self.name} ({_summary(error)})"
        )
        logger.warning("Falling back to the offline backend. %s", reason)
        offline = decide_offline(self._offline())
        return Decided(offline.value, backend=offline.backend, fallback_reason=reason)

    @staticmethod
    def _as(schema: type[T], answer: object) -> T:
        """The answer as `schema`, or `MalformedAnswerError` if there is none."""
        if isinstance(answer, schema):
            return answer
        if answer is None:
            raise MalformedAnswerError(f"no {schema.__name__} in the reply")
        if isinstance(answer, dict):
            return schema.model_validate(answer)
        raise MalformedAnswerError(
            f"expected {schema.__name__}, got {type(answer).__name__}"
        )

    def _offline(self) -> Decider:
        with self._fallback_lock:
            if self._fallback is None:
                from graph.models.offline import OfflineDecider

                self._fallback = OfflineDecider()
            return self._fallback
