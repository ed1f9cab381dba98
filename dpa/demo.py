"""Play the bundled example conversations, one per SOP path, and show them."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from langgraph.checkpoint.memory import InMemorySaver
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from graph.context import Context
from graph.conversation import Conversation, summarize
from graph.graph import build_graph
from tools import BUNDLED_FIXTURE, seed_database

__all__ = ["play_demo"]


def _yes_no(flag: bool | None) -> str:
    return "-" if flag is None else "yes" if flag else "no"


def _outcome(summary: dict[str, Any]) -> str:
    parts = [
        f"verified {summary['verified_customer'] or 'no'}",
        f"package {summary['package'] or '-'}",
        f"delayed {_yes_no(summary['delayed'])}",
        f"urgency {summary['urgency'] or '-'}",
    ]
    offer = summary["offer"]
    parts.append(f"offer ${offer['amount']} {offer['status']}" if offer else "no offer")
    card = summary["gift_card"]
    parts.append(f"gift card {card['code']}" if card else "no gift card")
    escalation = summary["escalation"]
    parts.append(
        f"escalated {escalation['escalation_id']} ({escalation['reason']})"
        if escalation
        else "not escalated"
    )
    return " · ".join(parts)


def play_demo(conversations_file: Path, *, today: str) -> int:
    """Play every conversation in the file offline on a fresh demo database."""
    demo = json.loads(conversations_file.read_text())
    console = Console()
    app = build_graph().compile(checkpointer=InMemorySaver())
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.sqlite"
        seed_database(BUNDLED_FIXTURE, db)
        context = Context(model="offline", db_path=str(db), today=today)
        table = Table(title="Outcomes", show_lines=False)
        table.add_column("conversation")
        table.add_column("outcome")
        for number, script in enumerate(demo["conversations"], start=1):
            chat = Conversation(app, context)
            lines = Text()
            for message in script["customer"]:
                turn = chat.send(message)
                lines.append("customer  ", style="bold cyan")
                lines.append(message + "\n")
                lines.append("agent     ", style="bold green")
                lines.append((turn.reply or "(waiting for a human)") + "\n")
            if script.get("human_reply") and turn.interrupt:
                turn = chat.resume(script["human_reply"], agent="support team")
                lines.append("human     ", style="bold magenta")
                lines.append(f"{turn.reply}\n")
            outcome = _outcome(summarize(chat.state()))
            console.print(
                Panel(
                    lines,
                    title=f"{number}. {script['title']}",
                    subtitle=script["path"],
                    expand=True,
                )
            )
            table.add_row(script["title"], outcome)
        console.print(table)
    return 0
