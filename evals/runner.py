"""Playing scenarios against an agent and recording scored dialogues.

Each dialogue gets a fresh copy of its fixture's database (seeded once per
fixture into a template, then copied), a new agent thread and a new
simulated customer. Finished dialogues are appended to `results.jsonl` as
they complete, so an interrupted run loses nothing and resumes where it
stopped.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import (
    Executor,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    as_completed,
)
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from evals.agents import agent_model, check_agent, open_session
from evals.dialogue import Dialogue, Utterance
from evals.oracle import other_customer
from evals.scenario import Scenario
from evals.simulator import check_customer_message, make_simulator
from graph.context import Context
from tools import Fixture, SystemsError, connect, load_fixture, seed_database

__all__ = [
    "RESULTS_FILE",
    "EvalUsageError",
    "ResultKey",
    "load_results",
    "load_scenarios",
    "result_key",
    "run_dialogue",
    "run_suite",
]

logger = logging.getLogger(__name__)

RESULTS_FILE = "results.jsonl"
"""The file in an output folder that holds one finished dialogue per line."""

JUDGE_FILE = "judge.jsonl"
"""The file in an output folder that holds the tone judge's verdicts."""

ResultKey = tuple[str, int, str]
"""What identifies a dialogue in a run: (scenario id, trial, agent)."""


class EvalUsageError(ValueError):
    """An evaluation cannot start: a bad path, scenario line, agent or option."""


def result_key(dialogue: Dialogue) -> ResultKey:
    """The (scenario id, trial, agent) a dialogue was played for."""
    return (dialogue.scenario.id, dialogue.trial, dialogue.agent)


def load_scenarios(paths: Iterable[str | Path]) -> list[tuple[Scenario, Path]]:
    """Read scenarios from JSONL files, or from every `*.jsonl` in a folder.

    Raises:
        EvalUsageError: A path does not exist, a line is not a valid scenario
            (the message names the file and line), or an id is used twice.
    """
    found: list[tuple[Scenario, Path]] = []
    seen: dict[str, str] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(path.glob("*.jsonl"))
        elif path.is_file():
            files = [path]
        else:
            raise EvalUsageError(
                f"Scenario path {str(path)!r} does not exist; pass a .jsonl file "
                "or a folder of them (e.g. datasets/scenarios.jsonl)."
            )
        for file in files:
            for number, line in enumerate(file.read_text("utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                scenario = _parse_scenario(line, file, number)
                where = f"{file} line {number}"
                if scenario.id in seen:
                    raise EvalUsageError(
                        f"{where}: scenario id {scenario.id!r} is already used at "
                        f"{seen[scenario.id]}; give every scenario its own id."
                    )
                seen[scenario.id] = where
                found.append((scenario, file.resolve()))
    return found


def _parse_scenario(line: str, file: Path, number: int) -> Scenario:
    try:
        return Scenario.model_validate_json(line)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"]) or "line"
        raise EvalUsageError(
            f"{file} line {number}: not a valid scenario ({where}: {error['msg']}); "
            "fix the line or regenerate the file with `dpa scenarios generate`."
        ) from None


@lru_cache(maxsize=16)
def _fixture(path: Path) -> Fixture:
    return load_fixture(path)


_templates: dict[tuple[int, Path], Path] = {}
_templates_lock = threading.Lock()
_workspaces: dict[int, tempfile.TemporaryDirectory[str]] = {}


def _workspace() -> Path:
    """This process's scratch folder (worker processes each get their own)."""
    pid = os.getpid()
    if pid not in _workspaces:
        _workspaces[pid] = tempfile.TemporaryDirectory(prefix="dpa-eval-")
    return Path(_workspaces[pid].name)


def _fresh_database(fixture_path: Path) -> Path:
    """A new database file holding only the fixture, copied from a template."""
    with _templates_lock:
        folder = _workspace()
        key = (os.getpid(), fixture_path)
        template = _templates.get(key)
        if template is None:
            template = folder / f"template-{len(_templates)}.sqlite"
            seed_database(_fixture(fixture_path), template)
            _templates[key] = template
    copy = folder / f"{uuid.uuid4().hex}.sqlite"
    shutil.copyfile(template, copy)
    return copy


def _discard_database(path: Path) -> None:
    try:
        connect(path).close()
    except SystemsError:
        logger.warning("could not close the dialogue database %s", path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _added(
    before: dict[str, list[dict[str, Any]]], after: dict[str, list[dict[str, Any]]]
) -> dict[str, list[dict[str, Any]]]:
    """Rows present after the dialogue and not before, per table."""
    return {
        table: [row for row in rows if row not in before.get(table, [])]
        for table, rows in after.items()
    }


def run_dialogue(
    scenario: Scenario,
    scenario_file: Path,
    *,
    agent: str = "sop",
    simulator: str = "offline",
    trial: int = 0,
) -> Dialogue:
    """Play one scenario once against an agent, and score it.

    The conversation ends when the thread waits for a human, when the
    customer has nothing more to say, or after `scenario.max_turns` customer
    messages. An exception from the agent ends it too and is recorded.

    Args:
        scenario: What to play.
        scenario_file: The file it came from (its fixture path is relative).
        agent: The agent under test (see `evals.agents.open_session`).
        simulator: 'offline' or 'openai:<model>'.
        trial: Which trial this is; it varies the customer's phrasings.
    """
    from evals.metrics import score_dialogue

    started = time.perf_counter()
    fixture_path = scenario.fixture_path(scenario_file)
    fixture = _fixture(fixture_path)
    persona = scenario.persona
    other = (
        other_customer(fixture, persona).email
        if persona.adversarial == "other_email"
        else None
    )
    db_path = _fresh_database(fixture_path)
    try:
        systems = connect(db_path)
        before = systems.snapshot()
        context = Context(
            model=agent_model(agent),
            db_path=str(db_path),
            today=scenario.today.isoformat(),
        )
        session = open_session(agent, context)
        customer = make_simulator(
            simulator, persona, seed=trial, other_email=other
        )
        transcript: list[Utterance] = []
        heard: list[str] = []
        simulator_error = agent_error = None
        reply: str | None = None
        for _ in range(scenario.max_turns):
            try:
                message = customer.next_message(reply)
            except Exception as exc:  # a simulator failure is not the agent's
                simulator_error = f"the simulator failed: {type(exc).__name__}: {exc}"
                break
            if message is None:
                break
            transcript.append(Utterance(role="customer", text=message))
            problem = check_customer_message(
                message, persona, fixture, heard=" ".join(heard), other_email=other
            )
            if problem and simulator_error is None:
                simulator_error = f"turn {len(transcript)}: {problem}"
            try:
                reply = session.send(message)
            except Exception as exc:
                logger.warning("agent %s failed on %s: %s", agent, scenario.id, exc)
                agent_error = f"{type(exc).__name__}: {exc}"
                break
            if reply is not None:
                transcript.append(Utterance(role="agent", text=reply))
                heard.append(reply)
            if session.interrupted:
                break
        final_state = session.final_state()
        db_changes = _added(before, systems.snapshot())
        interrupted = session.interrupted
        close = getattr(session, "close", None)
        if callable(close):
            close()
    finally:
        _discard_database(db_path)

    dialogue = Dialogue(
        scenario=scenario,
        trial=trial,
        agent=agent,
        simulator=simulator,
        transcript=transcript,
        final_state=final_state,
        db_changes=db_changes,
        interrupted=interrupted,
        simulator_error=simulator_error,
        agent_error=agent_error,
    )
    dialogue.metrics = score_dialogue(dialogue, fixture=fixture_path)
    dialogue.seconds = round(time.perf_counter() - started, 6)
    return dialogue


def load_results(out_dir: Path) -> list[Dialogue]:
    """The dialogues already recorded in `out_dir`, skipping a torn last line."""
    path = out_dir / RESULTS_FILE
    if not path.is_file():
        return []
    dialogues = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            dialogues.append(Dialogue.model_validate_json(line))
        except ValidationError:
            logger.warning("%s line %d is incomplete; it will be rerun", path, number)
    return dialogues


class _ResultsFile:
    """Appends dialogues one line at a time, flushed at once."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        torn = path.is_file() and path.stat().st_size > 0 and not _ends_in_newline(path)
        self._handle = path.open("a", encoding="utf-8")
        if torn:
            self._handle.write("\n")
        self._lock = threading.Lock()

    def append(self, record: str) -> None:
        with self._lock:
            self._handle.write(record + "\n")
            self._handle.flush()

    def close(self) -> None:
        self._handle.close()


def _ends_in_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(-1, 2)
        return handle.read(1) == b"\n"


def run_suite(
    scenarios: Sequence[tuple[Scenario, Path]],
    *,
    agent: str = "sop",
    simulator: str = "offline",
    trials: int = 1,
    concurrency: int = 2,
    judge: str | None = None,
    progress: Callable[[Dialogue], None] | None = None,
    out_dir: Path | None = None,
    resume: bool = True,
    processes: bool = False,
) -> list[Dialogue]:
    """Play every scenario `trials` times and return the scored dialogues.

    Args:
        scenarios: (scenario, file) pairs from `load_scenarios`.
        agent: The agent under test (see `evals.agents.open_session`).
        simulator: 'offline' or 'openai:<model>'.
        trials: Plays per scenario (K of pass^k).
        concurrency: Dialogues played at once, on threads.
        judge: 'openai:<model>' to also judge the agent's tone; its verdicts
            go to `judge.jsonl` and never into the compliance.
        progress: Called with each dialogue as it finishes (resumed ones too).
        out_dir: Where `results.jsonl` is appended; None writes nothing.
        resume: Skip dialogues already in `out_dir`'s results.
        processes: Play on `concurrency` worker processes instead of threads;
            the graph's per-turn overhead is pure Python, so processes scale
            with cores where threads share one.

    Returns:
        The dialogues in scenario order, then trial order.

    Raises:
        EvalUsageError: The agent or an option is not usable.
    """
    if trials < 1 or concurrency < 1:
        raise EvalUsageError(
            f"trials ({trials}) and concurrency ({concurrency}) must be at least 1."
        )
    try:
        check_agent(agent)
    except ValueError as exc:
        raise EvalUsageError(str(exc)) from None

    wanted = [(s, f, t) for s, f in scenarios for t in range(trials)]
    order = {(s.id, t): n for n, (s, _, t) in enumerate(wanted)}
    done: dict[ResultKey, Dialogue] = {}
    if out_dir is not None and resume:
        for dialogue in load_results(out_dir):
            key = result_key(dialogue)
            if (key[0], key[1]) in order and key[2] == agent:
                done[key] = dialogue
    for dialogue in done.values():
        if progress:
            progress(dialogue)

    todo = [(s, f, t) for s, f, t in wanted if (s.id, t, agent) not in done]
    results = _ResultsFile(out_dir / RESULTS_FILE) if out_dir is not None else None
    judged = _ResultsFile(out_dir / JUDGE_FILE) if out_dir and judge else None
    finished = list(done.values())
    try:
        with _executor(concurrency, processes) as pool:
            futures = [
                pool.submit(
                    run_dialogue, s, f, agent=agent, simulator=simulator, trial=t
                )
                for s, f, t in todo
            ]
            for future in as_completed(futures):
                dialogue = future.result()
                if results is not None:
                    results.append(dialogue.model_dump_json())
                if judge:
                    _judge(dialogue, judge, judged)
                finished.append(dialogue)
                if progress:
                    progress(dialogue)
    finally:
        for handle in (results, judged):
            if handle is not None:
                handle.close()
    return sorted(finished, key=lambda d: order[(d.scenario.id, d.trial)])


def _executor(workers: int, processes: bool) -> Executor:
    if not processes:
        return ThreadPoolExecutor(max_workers=workers)
    # Forked workers inherit the compiled graphs, fixtures and templates
    # already loaded here; they use neither the console nor shared locks.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def _judge(dialogue: Dialogue, model: str, judged: _ResultsFile | None) -> None:
    from evals.judge import judge_tone

    verdict = judge_tone(dialogue, model.removeprefix("openai:"))
    if judged is not None:
        scenario, trial, agent = result_key(dialogue)
        record = {"scenario": scenario, "trial": trial, "agent": agent}
        judged.append(json.dumps({**record, "result": verdict.model_dump()}))
