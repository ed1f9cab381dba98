"""The classifier evaluation computes its report from the data it is given."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from evals import classifier
from evals.classifier import (
    DEFAULT_DATASET,
    ClassifierReport,
    DatasetError,
    evaluate_classifier,
    load_dataset,
    render_report,
)
from graph.models import UnknownModelError
from graph.models.base import Decided
from graph.models.offline import OfflineDecider


def row(
    id: str,
    text: str,
    *,
    frustrated: bool = False,
    importance: bool = False,
    intent: str = "other",
) -> dict:
    return {
        "id": id,
        "text": text,
        "urgency": "urgent" if frustrated and importance else "routine",
        "frustrated": frustrated,
        "importance_stated": importance,
        "occasion": None,
        "intent": intent,
    }


def write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def small_dataset(tmp_path: Path) -> Path:
    """Four clear messages; m3's urgency and m4's intent are labelled wrongly."""
    return write(
        tmp_path / "small.jsonl",
        [
            row(
                "m1",
                "It's for my wedding tomorrow and I'm furious!!",
                frustrated=True,
                importance=True,
            ),
            row("m2", "Hi, where is my package?"),
            row(
                "m3", "Hi, could you check my order?", frustrated=True, importance=True
            ),
            row("m4", "yes please", intent="decline"),
        ],
    )


def test_accuracy_counts_the_wrongly_labelled_message_as_a_miss(small_dataset):
    report = evaluate_classifier(dataset=small_dataset)
    assert report.messages == 4
    assert report.urgency_accuracy == 0.75
    assert report.frustrated_accuracy == 0.75
    assert report.importance_accuracy == 0.75
    assert report.intent_accuracy == 0.75


def test_urgency_confusion_puts_the_wrong_label_off_the_diagonal(small_dataset):
    confusion = evaluate_classifier(dataset=small_dataset).urgency_confusion
    assert confusion.labels == ["routine", "urgent"]
    assert confusion.counts == [[2, 0], [1, 1]]


def test_urgent_precision_recall_and_f1_follow_the_confusion(small_dataset):
    report = evaluate_classifier(dataset=small_dataset)
    assert report.urgent_precision == 1.0
    assert report.urgent_recall == 0.5
    assert report.urgent_f1 == pytest.approx(2 / 3)


def test_intent_confusion_records_expected_against_predicted(small_dataset):
    confusion = evaluate_classifier(dataset=small_dataset).intent_confusion
    assert confusion.count("decline", "accept") == 1
    assert confusion.count("other", "other") == 3
    assert sum(map(sum, confusion.counts)) == 4


def test_misclassified_lists_each_miss_with_expected_and_got(small_dataset):
    misses = evaluate_classifier(dataset=small_dataset).misclassified
    assert [(m.id, m.task, m.expected, m.got) for m in misses] == [
        ("m3", "urgency", "urgent", "routine"),
        ("m4", "intent", "decline", "accept"),
    ]
    assert misses[1].text == "yes please"


def test_limit_evaluates_only_the_first_messages(small_dataset):
    report = evaluate_classifier(dataset=small_dataset, limit=2)
    assert report.messages == 2
    assert report.misclassified == []


def test_latency_is_measured_per_message(small_dataset):
    latency = evaluate_classifier(dataset=small_dataset).latency
    assert 0 < latency.p50_ms <= latency.p95_ms
    assert latency.mean_ms > 0


class _AlwaysFallingBack:
    """A backend whose every decision was handed to the offline fallback."""

    name = "openai:broken"

    def __init__(self) -> None:
        self._offline = OfflineDecider()

    def assess_urgency(self, messages):
        decided = self._offline.assess_urgency(messages)
        return Decided(decided.value, "offline", "assess_urgency: timeout")

    def read_message(self, text):
        decided = self._offline.read_message(text)
        return Decided(decided.value, "offline", "read_message: timeout")


def test_fallbacks_to_offline_are_counted(small_dataset, monkeypatch):
    monkeypatch.setattr(classifier, "get_decider", lambda model: _AlwaysFallingBack())
    report = evaluate_classifier(model="openai:broken", dataset=small_dataset)
    assert report.fallbacks == 8
    assert report.model == "openai:broken"


def test_offline_backend_never_falls_back(small_dataset):
    assert evaluate_classifier(dataset=small_dataset).fallbacks == 0


def test_unknown_model_is_rejected(small_dataset):
    with pytest.raises(UnknownModelError, match="nonsense"):
        evaluate_classifier(model="nonsense", dataset=small_dataset)


def test_report_survives_a_json_round_trip(small_dataset):
    report = evaluate_classifier(dataset=small_dataset)
    again = ClassifierReport.model_validate_json(report.model_dump_json())
    assert again == report


def test_rendered_report_shows_scores_confusion_and_misses(small_dataset):
    console = Console(record=True, width=160)
    console.print(render_report(evaluate_classifier(dataset=small_dataset)))
    shown = console.export_text()
    assert "urgency accuracy" in shown
    assert "75.0%" in shown
    assert "Intent" in shown
    assert "m3" in shown and "m4" in shown


# --- loading the dataset --------------------------------------------------------


def test_missing_dataset_names_the_file(tmp_path):
    missing = tmp_path / "nowhere.jsonl"
    with pytest.raises(DatasetError, match="nowhere.jsonl: no such dataset"):
        load_dataset(missing)


def test_invalid_json_is_reported_with_its_line_number(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps(row("m1", "hi")) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"x\.jsonl line 2: not valid JSON"):
        load_dataset(path)


def test_unknown_label_is_reported_with_its_line_number(tmp_path):
    bad = row("m2", "hello") | {"intent": "maybe"}
    path = write(tmp_path / "x.jsonl", [row("m1", "hi"), row("m3", "hey"), bad])
    with pytest.raises(DatasetError, match=r"x\.jsonl line 3: intent"):
        load_dataset(path)


def test_missing_field_is_reported_with_its_line_number(tmp_path):
    incomplete = row("m1", "hi")
    del incomplete["frustrated"]
    path = write(tmp_path / "x.jsonl", [incomplete])
    with pytest.raises(DatasetError, match=r"x\.jsonl line 1: frustrated"):
        load_dataset(path)


def test_urgency_contradicting_the_sop_rule_is_rejected(tmp_path):
    wrong = row("m1", "it's for a wedding", importance=True) | {"urgency": "urgent"}
    path = write(tmp_path / "x.jsonl", [wrong])
    with pytest.raises(DatasetError, match="urgent iff both"):
        load_dataset(path)


def test_repeated_id_is_rejected(tmp_path):
    path = write(tmp_path / "x.jsonl", [row("m1", "hi"), row("m1", "hello")])
    with pytest.raises(
        DatasetError, match=r"line 2: id 'm1' is already used on line 1"
    ):
        load_dataset(path)


def test_empty_dataset_is_rejected(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="no messages"):
        load_dataset(path)


# --- the bundled labelled set ---------------------------------------------------


def test_bundled_set_is_large_and_about_two_fifths_urgent():
    messages = load_dataset(DEFAULT_DATASET)
    urgent = sum(message.urgency == "urgent" for message in messages)
    assert len(messages) >= 300
    assert 0.3 <= urgent / len(messages) <= 0.5


def test_bundled_set_covers_every_intent():
    intents = {message.intent for message in load_dataset(DEFAULT_DATASET)}
    assert intents == set(classifier.INTENT_LABELS)


def test_offline_backend_is_at_least_ninety_percent_right_on_the_bundled_set():
    report = evaluate_classifier()
    assert report.urgency_accuracy >= 0.9
    assert report.intent_accuracy >= 0.9
