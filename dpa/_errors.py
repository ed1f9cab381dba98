"""Errors of the chat backend, and the one JSON shape every error takes.

Every failure reaches the client as `{"error": {"code": ..., "message": ...}}`
with a 4xx status when the request was at fault, so a client never has to
parse a traceback or an HTML page.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

__all__ = [
    "AgentFailedError",
    "ApiError",
    "EmptyMessageError",
    "MessageTooLongError",
    "NoPendingEscalationError",
    "UnknownThreadError",
    "error_body",
    "install_error_handlers",
]

logger = logging.getLogger(__name__)


class ApiError(Exception):
    """A request the backend refuses, with the HTTP status and a stable code."""

    status_code = 400
    code = "bad_request"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnknownThreadError(ApiError, LookupError):
    """No conversation has this thread id."""

    status_code = 404
    code = "thread_not_found"

    def __init__(self, thread_id: str) -> None:
        super().__init__(
            f"No conversation has thread id {thread_id!r}; start one with "
            "POST /v1/threads and use the thread_id it returns."
        )


class EmptyMessageError(ApiError, ValueError):
    """A message with no text in it."""

    status_code = 422
    code = "empty_message"

    def __init__(self, field: str) -> None:
        super().__init__(f"'{field}' is empty; write at least one character.")


class MessageTooLongError(ApiError, ValueError):
    """A message longer than the configured limit."""

    status_code = 413
    code = "message_too_long"

    def __init__(self, field: str, length: int, limit: int) -> None:
        super().__init__(
            f"'{field}' has {length} characters, more than the limit of {limit}; "
            "send a shorter one."
        )


class NoPendingEscalationError(ApiError):
    """A human reply to a thread that is not waiting for one."""

    status_code = 409
    code = "no_pending_escalation"

    def __init__(self, thread_id: str) -> None:
        super().__init__(
            f"Thread {thread_id!r} is not waiting for a human reply; "
            "GET /v1/escalations lists the threads that are."
        )


class AgentFailedError(ApiError, RuntimeError):
    """The agent failed while answering; the cause is logged, not shown."""

    status_code = 500
    code = "internal_error"

    def __init__(self, thread_id: str) -> None:
        super().__init__(
            f"The agent could not answer on thread {thread_id!r}; the cause was "
            "logged. Try again in a moment."
        )


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
    """The JSON body of an error response."""
    return {"error": {"code": code, "message": message}}


def _describe_validation(exc: RequestValidationError) -> tuple[int, str, str]:
    errors = exc.errors()
    if any(error.get("type") == "json_invalid" for error in errors):
        return 400, "malformed_json", "The request body is not valid JSON."
    problems = []
    for error in errors:
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
        problems.append(f"{where or 'body'}: {error.get('msg', 'invalid')}")
    return 422, "invalid_request", "; ".join(problems) or "The request is invalid."


async def _on_api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return JSONResponse(error_body(exc.code, exc.message), status_code=exc.status_code)


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    status, code, message = _describe_validation(exc)
    return JSONResponse(error_body(code, message), status_code=status)


async def _on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    codes = {404: "not_found", 405: "method_not_allowed"}
    code = codes.get(exc.status_code, f"http_{exc.status_code}")
    return JSONResponse(
        error_body(code, str(exc.detail)),
        status_code=exc.status_code,
        headers=getattr(exc, "headers", None),
    )


async def _on_unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("Unexpected error on %s %s", request.method, request.url.path)
    return JSONResponse(
        error_body(
            "internal_error",
            "The agent could not handle this request; it was logged. "
            "Try again, and report it if it keeps happening.",
        ),
        status_code=500,
    )


def install_error_handlers(app: FastAPI) -> None:
    """Make every error of `app` answer in the shared JSON shape."""
    app.add_exception_handler(ApiError, _on_api_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(Exception, _on_unexpected_error)
