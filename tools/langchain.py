"""The internal systems as LangChain tools, for an agent that calls them itself.

Each tool wraps one method of `InternalSystems`, taking its name, arguments
and model-facing docstring from the method, so the two never drift apart.
Results come back as JSON-friendly dicts; failures come back as a message
the model can act on instead of an exception.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from typing import Any

from langchain_core.tools import BaseTool, StructuredTool, create_schema_from_function
from pydantic import BaseModel, ValidationError

from tools.errors import SystemsError
from tools.systems import InternalSystems, access_of

__all__ = ["AGENT_TOOL_NAMES", "make_tools"]

logger = logging.getLogger(__name__)

AGENT_TOOL_NAMES = (
    "find_customer",
    "get_customer",
    "list_orders",
    "list_packages",
    "find_package_for_item",
    "get_package",
    "get_tracking",
    "issue_gift_card",
    "open_escalation",
)
"""The methods offered to an agent: the per-customer reads and the two writes.

`list_gift_cards`, `list_escalations` and `snapshot` span every customer and
serve evaluations, so no agent is given them.
"""

_NOTHING_FOUND = {
    "find_customer": "No customer has this email address. Ask the customer to "
    "check the address and try again.",
    "find_package_for_item": "No single package holds this item: no item "
    "matches, or the name matches items in several packages. Ask the customer "
    "for the item number.",
}

_SKIPPED_SECTIONS = ("Args:", "Raises:")


def make_tools(systems: InternalSystems) -> list[BaseTool]:
    """Wrap the agent-facing methods of `systems` as structured tools.

    Write tools carry `metadata={'access': 'write'}` (reads: 'read'), so a
    caller can require confirmation before running them.
    """
    return [_as_tool(getattr(systems, name)) for name in AGENT_TOOL_NAMES]


def _as_tool(method: Callable[..., Any]) -> StructuredTool:
    name = method.__name__

    def call(**arguments: Any) -> Any:
        try:
            result = method(**arguments)
        except (SystemsError, ValueError) as exc:
            logger.info("Tool %s refused %s: %s", name, arguments, exc)
            return f"Error: {exc}"
        if result is None:
            return _NOTHING_FOUND.get(name, "Nothing found.")
        if isinstance(result, list):
            return {name.removeprefix("list_"): [_jsonable(r) for r in result]}
        return _jsonable(result)

    return StructuredTool.from_function(
        func=call,
        name=name,
        description=_description(method),
        args_schema=create_schema_from_function(
            name, method, parse_docstring=True, error_on_invalid_docstring=True
        ),
        handle_validation_error=_explain_bad_arguments,
        metadata={"access": access_of(method)},
    )


def _description(method: Callable[..., Any]) -> str:
    """The method's docstring without the sections a tool describes otherwise.

    Arguments are described in the tool's schema, and errors are returned as
    messages rather than raised, so 'Args:' and 'Raises:' are left out.
    """
    blocks = (inspect.getdoc(method) or "").split("\n\n")
    return "\n\n".join(b for b in blocks if not b.startswith(_SKIPPED_SECTIONS))


def _explain_bad_arguments(error: ValidationError) -> str:
    problems = "; ".join(
        f"{'.'.join(map(str, e['loc'])) or 'arguments'}: {e['msg']}"
        for e in error.errors()
    )
    return f"Error: invalid arguments ({problems}); check the tool's parameters."


def _jsonable(value: Any) -> Any:
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value
