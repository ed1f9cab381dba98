"""Model backends: the built-in offline one and any OpenAI-compatible endpoint."""

from __future__ import annotations

from functools import lru_cache

from graph.models.base import Decided, Decider

__all__ = ["Decided", "Decider", "UnknownModelError", "get_decider"]


class UnknownModelError(ValueError):
    """The configured model name names no backend."""


@lru_cache(maxsize=32)
def get_decider(model: str) -> Decider:
    """Return the backend for a model name such as 'offline' or 'openai:gpt-4o'."""
    if model == "offline":
        from graph.models.offline import OfflineDecider

        return OfflineDecider()
    if model.startswith("openai:") and model.removeprefix("openai:"):
        from graph.models.openai import OpenAIDecider

        return OpenAIDecider(model.removeprefix("openai:"))
    raise UnknownModelError(
        f"Unknown model {model!r}: use 'offline' (built in, no network) or "
        "'openai:<model>' (e.g. 'openai:gpt-4o-mini'; set OPENAI_BASE_URL for a "
        "local OpenAI-compatible server)."
    )
