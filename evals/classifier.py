"""How well a model backend classifies customer messages, against labels.

Each labelled message is sent, on its own, to the backend's `assess_urgency`
and `read_message`; the report compares the answers with the labels and
times every message. Used by `dpa eval classifier [--model M] [--json]`.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, Field, ValidationError, model_validator
from rich.console import Group, RenderableType
from rich.table import Table

from graph.models import get_decider
from graph.models.schemas import MessageIntent

__all__ = [
    "DEFAULT_DATASET",
    "ClassifierReport",
    "ConfusionMatrix",
    "DatasetError",
    "LabelledMessage",
    "LatencyStats",
    "Misclassification",
    "evaluate_classifier",
    "load_dataset",
    "render_report",
]

DEFAULT_DATASET = (
    Path(__file__).resolve().parent.parent / "datasets/customer_messages.jsonl"
)

Task = Literal["urgency", "intent"]
URGENCY_LABELS: tuple[str, ...] = ("routine", "urgent")
INTENT_LABELS: tuple[str, ...] = get_args(MessageIntent)
_SHOWN_MISCLASSIFICATIONS = 25
_SHOWN_TEXT = 70


class DatasetError(ValueError):
    """The labelled dataset is missing or has a line that cannot be used."""


class LabelledMessage(BaseModel):
    """One customer message with the labels the SOP's definitions give it."""

    id: str = Field(min_length=1, description="Unique id, e.g. 'm001'.")
    text: str = Field(min_length=1, description="The customer's message.")
    urgency: Literal["routine", "urgent"] = Field(
        description="'urgent' iff importance_stated and frustrated."
    )
    frustrated: bool = Field(description="The customer sounds upset.")
    importance_stated: bool = Field(
        description="The customer says the package matters (occasion, deadline, need)."
    )
    occasion: str | None = Field(
        default=None, description="The occasion named, e.g. 'birthday', or null."
    )
    intent: MessageIntent = Field(description="What the message asks for.")

    @model_validator(mode="after")
    def _urgent_iff_important_and_frustrated(self) -> LabelledMessage:
        expected = "urgent" if self.importance_stated and self.frustrated else "routine"
        if self.urgency != expected:
            raise ValueError(
                f"urgency {self.urgency!r} contradicts frustrated={self.frustrated} "
                f"and importance_stated={self.importance_stated}; by the SOP it is "
                f"{expected!r} (urgent iff both are true)"
            )
        return self


class ConfusionMatrix(BaseModel):
    """Counts of expected labels (rows) against predicted labels (columns)."""

    labels: list[str] = Field(description="Row and column labels, in order.")
    counts: list[list[int]] = Field(
        description="counts[i][j]: messages labelled labels[i], predicted labels[j]."
    )

    def count(self, expected: str, predicted: str) -> int:
        """How many messages labelled `expected` were predicted `predicted`."""
        return self.counts[self.labels.index(expected)][self.labels.index(predicted)]


class LatencyStats(BaseModel):
    """Time to classify one message (urgency and intent together)."""

    mean_ms: float = Field(description="Mean, in milliseconds.")
    p50_ms: float = Field(description="Median, in milliseconds.")
    p95_ms: float = Field(description="95th percentile, in milliseconds.")


class Misclassification(BaseModel):
    """A message whose prediction differs from its label."""

    id: str = Field(description="The message id.")
    text: str = Field(description="The message.")
    task: Task = Field(description="Which decision was wrong.")
    expected: str = Field(description="The label.")
    got: str = Field(description="The prediction.")


class ClassifierReport(BaseModel):
    """The classification quality of one backend on one labelled dataset."""

    model: str = Field(description="Backend evaluated, e.g. 'offline'.")
    dataset: str = Field(description="Path of the labelled dataset.")
    messages: int = Field(description="Number of messages evaluated.")
    urgency_accuracy: float = Field(description="Share of urgency labels matched.")
    urgent_precision: float = Field(
        description="Of messages predicted urgent, the share labelled urgent "
        "(0 when none was predicted urgent)."
    )
    urgent_recall: float = Field(
        description="Of messages labelled urgent, the share predicted urgent "
        "(0 when none is labelled urgent)."
    )
    urgent_f1: float = Field(description="Harmonic mean of precision and recall.")
    urgency_confusion: ConfusionMatrix = Field(
        description="routine/urgent, labels against predictions."
    )
    frustrated_accuracy: float = Field(description="Share of `frustrated` matched.")
    importance_accuracy: float = Field(
        description="Share of `importance_stated` matched."
    )
    intent_accuracy: float = Field(description="Share of intent labels matched.")
    intent_confusion: ConfusionMatrix = Field(
        description="Intents, labels against predictions."
    )
    latency: LatencyStats = Field(description="Time per message.")
    fallbacks: int = Field(
        description="Decisions an LLM backend handed to the offline fallback."
    )
    misclassified: list[Misclassification] = Field(
        description="Every urgency or intent prediction that missed its label."
    )


def _display(path: Path) -> str:
    """`path` relative to the working directory when it lies under it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_dataset(path: Path = DEFAULT_DATASET) -> list[LabelledMessage]:
    """Read a JSONL file of labelled messages, one JSON object per line.

    Raises:
        DatasetError: the file is missing or empty, or a line is not valid JSON,
            misses a field, has an unknown label, contradicts the urgency rule
            or repeats an id; the message names the file and the line.
    """
    shown = _display(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DatasetError(
            f"{shown}: no such dataset; pass the path of a JSONL file of labelled "
            f"messages, or omit it to use {_display(DEFAULT_DATASET)}."
        ) from None

    messages: list[LabelledMessage] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            message = LabelledMessage.model_validate(json.loads(line))
        except json.JSONDecodeError as error:
            raise DatasetError(
                f"{shown} line {number}: not valid JSON ({error.msg} at column "
                f"{error.colno}); write one JSON object per line."
            ) from None
        except ValidationError as error:
            problems = "; ".join(
                f"{'.'.join(map(str, issue['loc'])) or 'line'}: {issue['msg']}"
                for issue in error.errors()
            )
            raise DatasetError(f"{shown} line {number}: {problems}.") from None
        if message.id in seen:
            raise DatasetError(
                f"{shown} line {number}: id {message.id!r} is already used on line "
                f"{seen[message.id]}; give every message its own id."
            )
        seen[message.id] = number
        messages.append(message)
    if not messages:
        raise DatasetError(f"{shown}: the dataset has no messages.")
    return messages


def _confusion(
    labels: Sequence[str], pairs: Sequence[tuple[str, str]]
) -> ConfusionMatrix:
    counts = [[0] * len(labels) for _ in labels]
    for expected, predicted in pairs:
        counts[labels.index(expected)][labels.index(predicted)] += 1
    return ConfusionMatrix(labels=list(labels), counts=counts)


def _share(hits: float, total: float) -> float:
    return hits / total if total else 0.0


def _percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile of `values`."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def evaluate_classifier(
    model: str = "offline",
    dataset: Path = DEFAULT_DATASET,
    limit: int | None = None,
) -> ClassifierReport:
    """Classify every labelled message with `model` and compare with the labels.

    Args:
        model: a model name `graph.models.get_decider` accepts.
        dataset: a JSONL file of labelled messages.
        limit: evaluate only the first `limit` messages.
    """
    messages = load_dataset(dataset)[:limit]
    decider = get_decider(model)

    urgency_pairs: list[tuple[str, str]] = []
    intent_pairs: list[tuple[str, str]] = []
    frustrated_hits = importance_hits = fallbacks = 0
    latencies: list[float] = []
    misclassified: list[Misclassification] = []
    for message in messages:
        started = time.perf_counter()
        urgency = decider.assess_urgency([message.text])
        reading = decider.read_message(message.text)
        latencies.append((time.perf_counter() - started) * 1000)

        fallbacks += sum(
            decided.fallback_reason is not None for decided in (urgency, reading)
        )
        frustrated_hits += urgency.value.frustrated == message.frustrated
        importance_hits += urgency.value.importance_stated == message.importance_stated
        checks: tuple[tuple[Task, str, str, list[tuple[str, str]]], ...] = (
            ("urgency", message.urgency, urgency.value.label, urgency_pairs),
            ("intent", message.intent, reading.value.intent, intent_pairs),
        )
        for task, expected, got, pairs in checks:
            pairs.append((expected, got))
            if expected != got:
                misclassified.append(
                    Misclassification(
                        id=message.id,
                        text=message.text,
                        task=task,
                        expected=expected,
                        got=got,
                    )
                )

    total = len(messages)
    urgency_confusion = _confusion(URGENCY_LABELS, urgency_pairs)
    true_urgent = urgency_confusion.count("urgent", "urgent")
    precision = _share(
        true_urgent, true_urgent + urgency_confusion.count("routine", "urgent")
    )
    recall = _share(
        true_urgent, true_urgent + urgency_confusion.count("urgent", "routine")
    )
    f1 = _share(2 * precision * recall, precision + recall)
    return ClassifierReport(
        model=model,
        dataset=_display(dataset),
        messages=total,
        urgency_accuracy=_share(sum(e == g for e, g in urgency_pairs), total),
        urgent_precision=precision,
        urgent_recall=recall,
        urgent_f1=f1,
        urgency_confusion=urgency_confusion,
        frustrated_accuracy=_share(frustrated_hits, total),
        importance_accuracy=_share(importance_hits, total),
        intent_accuracy=_share(sum(e == g for e, g in intent_pairs), total),
        intent_confusion=_confusion(INTENT_LABELS, intent_pairs),
        latency=LatencyStats(
            mean_ms=statistics.fmean(latencies),
            p50_ms=statistics.median(latencies),
            p95_ms=_percentile(latencies, 0.95),
        ),
        fallbacks=fallbacks,
        misclassified=misclassified,
    )


def _confusion_table(title: str, matrix: ConfusionMatrix) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("label \\ predicted", style="bold")
    for label in matrix.labels:
        table.add_column(label, justify="right")
    for label, row in zip(matrix.labels, matrix.counts, strict=True):
        table.add_row(
            label,
            *(
                f"[green]{count}[/]" if label == other and count else str(count)
                for other, count in zip(matrix.labels, row, strict=True)
            ),
        )
    return table


def _shorten(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _SHOWN_TEXT else flat[: _SHOWN_TEXT - 1] + "\u2026"


def render_report(report: ClassifierReport) -> RenderableType:
    """The report as rich tables: scores, confusion matrices, misses."""
    scores = Table(
        title=f"Classifier: {report.model} on {report.dataset} "
        f"({report.messages} messages)",
        title_justify="left",
    )
    scores.add_column("metric", style="bold")
    scores.add_column("value", justify="right")
    for name, value in (
        ("urgency accuracy", f"{report.urgency_accuracy:.1%}"),
        ("urgent precision", f"{report.urgent_precision:.1%}"),
        ("urgent recall", f"{report.urgent_recall:.1%}"),
        ("urgent F1", f"{report.urgent_f1:.3f}"),
        ("frustrated accuracy", f"{report.frustrated_accuracy:.1%}"),
        ("importance_stated accuracy", f"{report.importance_accuracy:.1%}"),
        ("intent accuracy", f"{report.intent_accuracy:.1%}"),
        (
            "latency mean / p50 / p95",
            (
                f"{report.latency.mean_ms:.2f} / {report.latency.p50_ms:.2f} / "
                f"{report.latency.p95_ms:.2f} ms"
            ),
        ),
        ("fallbacks to offline", str(report.fallbacks)),
    ):
        scores.add_row(name, value)

    misses = Table(title="Misclassified", title_justify="left")
    for column in ("id", "task", "expected", "got", "text"):
        misses.add_column(column)
    for miss in report.misclassified[:_SHOWN_MISCLASSIFICATIONS]:
        misses.add_row(miss.id, miss.task, miss.expected, miss.got, _shorten(miss.text))
    hidden = len(report.misclassified) - _SHOWN_MISCLASSIFICATIONS
    if hidden > 0:
        misses.caption = f"... and {hidden} more; --json lists them all."
    if not report.misclassified:
        misses.caption = "none"

    return Group(
        scores,
        _confusion_table("Urgency", report.urgency_confusion),
        _confusion_table("Intent", report.intent_confusion),
        misses,
    )
