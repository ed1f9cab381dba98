"""The `dpa` command line.

Seed the systems, chat with the agent, play the demo, serve the chat backend
and run evaluations.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["main"]

_DEMO_TODAY = "2026-12-01"


class CommandError(Exception):
    """A user error the CLI reports as one line."""


def _add_model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="internal-systems SQLite file (default: DPA_DB "
                        "or the demo database)")
    parser.add_argument("--today", help="today's date, YYYY-MM-DD (default: DPA_TODAY "
                        "or the real date)")
    parser.add_argument("--model", help="'offline' or 'openai:<model>' (default: "
                        "DPA_MODEL or offline)")


def _context(args: argparse.Namespace) -> Any:
    from graph.context import Context
    from graph.models import get_decider

    overrides = {
        key: value
        for key, value in (
            ("db_path", args.db),
            ("today", args.today),
            ("model", args.model),
        )
        if value
    }
    if args.db and not Path(args.db).exists():
        raise CommandError(
            f"database {args.db} does not exist; create it with "
            f"`dpa db seed --fixture FILE --db {args.db}`"
        )
    context = Context(**overrides)
    get_decider(context.model)
    from tools import connect

    connect(context.db_path)
    return context


def _seed(args: argparse.Namespace) -> int:
    from tools import seed_database

    counts = seed_database(Path(args.fixture), Path(args.db))
    listed = ", ".join(f"{count} {table}" for table, count in counts.items())
    print(f"Seeded {args.db}: {listed}.")
    return 0


def _chat(args: argparse.Namespace) -> int:
    from langgraph.checkpoint.sqlite import SqliteSaver

    from graph.conversation import Conversation, summarize
    from graph.graph import build_graph
    from tools import data_dir

    context = _context(args)
    interactive = sys.stdin.isatty() and not args.json
    checkpoints = data_dir() / "chat-checkpoints.sqlite"
    with SqliteSaver.from_conn_string(str(checkpoints)) as saver:
        app = build_graph().compile(checkpointer=saver)
        conversation = Conversation(app, context)
        if args.thread:
            conversation.thread_id = args.thread
        if interactive:
            print(f"Chatting on thread {conversation.thread_id} "
                  "(Ctrl-D to end). How can we help?")
        turn_number = 0
        while True:
            try:
                line = input("you> " if interactive else "")
            except EOFError:
                break
            text = line.strip()
            if not text:
                continue
            turn_number += 1
            turn = conversation.send(text)
            if args.json:
                print(json.dumps({"turn": turn_number, "customer": text,
                                  "reply": turn.reply, "stage": turn.stage,
                                  "interrupt": turn.interrupt}))
            else:
                print(f"agent> {turn.reply}" if turn.reply else
                      "agent> (waiting for a human representative)")
        summary = summarize(conversation.state())
        if args.json:
            print(json.dumps({"summary": {**summary,
                                          "thread_id": conversation.thread_id}}))
        elif interactive:
            print(f"Conversation saved as thread {conversation.thread_id}.")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from dpa.demo import play_demo

    return play_demo(Path(args.conversations), today=args.today)


def _diagram(args: argparse.Namespace) -> int:
    from graph.graph import graph

    print(graph.get_graph().draw_mermaid(), end="")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from dpa.server import ServerSettings, run

    values = {
        key: value
        for key, value in (
            ("host", args.host),
            ("port", args.port),
            ("db_path", args.db),
            ("today", args.today),
            ("model", args.model),
            ("checkpoint_db", args.checkpoint_db),
        )
        if value
    }
    run(ServerSettings(**values))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dpa",
        description="The delayed-package agent: an SOP-following customer-service "
        "agent and its evaluation.",
    )
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="log warnings and decisions to stderr")
    commands = parser.add_subparsers(dest="command", required=True)

    db = commands.add_parser("db", help="manage the internal-systems database")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    seed = db_commands.add_parser("seed", help="validate a fixture and load it")
    seed.add_argument("--fixture", required=True, help="fixture JSON file")
    seed.add_argument("--db", required=True, help="SQLite file to write")
    seed.set_defaults(handler=_seed)

    chat = commands.add_parser(
        "chat", help="talk to the agent (interactive, or one message per line "
        "from a pipe)")
    _add_model_options(chat)
    chat.add_argument("--thread", help="continue or name a conversation thread")
    chat.add_argument("--json", action="store_true",
                      help="print one JSON object per turn and a final summary")
    chat.set_defaults(handler=_chat)

    demo = commands.add_parser("demo", help="play the bundled example "
                               "conversations offline")
    demo.add_argument("--conversations", default=str(_datasets() /
                      "demo_conversations.json"), help="conversations JSON file")
    demo.add_argument("--today", default=_DEMO_TODAY,
                      help=f"today's date for the demo (default {_DEMO_TODAY})")
    demo.set_defaults(handler=_demo)

    diagram = commands.add_parser("graph", help="print the graph as a Mermaid "
                                  "diagram")
    diagram.set_defaults(handler=_diagram)

    serve = commands.add_parser("serve", help="run the chat backend and its pages")
    _add_model_options(serve)
    serve.add_argument("--host", help="interface to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 8000)")
    serve.add_argument("--checkpoint-db", help="SQLite file for conversations")
    serve.set_defaults(handler=_serve)

    try:
        from evals.cli import add_commands
    except ImportError:  # pragma: no cover - only while evals is absent
        pass
    else:
        add_commands(commands)
    return parser


def _datasets() -> Path:
    return Path(__file__).resolve().parents[1] / "datasets"


def _known_errors() -> tuple[type[BaseException], ...]:
    from pydantic import ValidationError

    from tools.errors import SystemsError

    errors: list[type[BaseException]] = [
        CommandError, SystemsError, ValidationError, ValueError, FileNotFoundError,
    ]
    try:
        from evals.cli import EvalUsageError
    except ImportError:  # pragma: no cover - only while evals is absent
        pass
    else:
        errors.append(EvalUsageError)
    return tuple(errors)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `dpa` command and return its exit code."""
    os.environ.setdefault("DEEPEVAL_TELEMETRY_OPT_OUT", "YES")
    os.environ.setdefault("DEEPEVAL_DISABLE_DOTENV", "1")
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.ERROR,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except _known_errors() as error:
        print(f"error: {str(error).strip() or type(error).__name__}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
