"""The chat backend in a child process, as browser tests and load runs need it.

The child is uvicorn serving `dpa.server:create_app` on a free loopback port,
configured only through `DPA_*` variables, so it is exactly what `dpa serve`
runs. Its output goes to a log file, which also tells the port it bound.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

import httpx

__all__ = ["BackendProcess", "BackendStartError"]

_LISTENING = re.compile(rb"Uvicorn running on (http://[\w.\[\]:]+)")


class BackendStartError(RuntimeError):
    """The backend exited or never answered while starting."""


class BackendProcess:
    """Start the backend in its own process group; stop it on exit.

    Args:
        env: `DPA_*` settings for the child, on top of this process's variables.
        log_path: Where the child's output goes.
        startup_timeout: Seconds to wait for the backend to answer.
    """

    def __init__(
        self,
        env: Mapping[str, str],
        log_path: Path,
        *,
        startup_timeout: float = 60.0,
    ) -> None:
        self._env = {**os.environ, **env}
        self._log_path = log_path
        self._startup_timeout = startup_timeout
        self._process: subprocess.Popen[bytes] | None = None
        self.url = ""

    @property
    def pid(self) -> int:
        """The child's process id."""
        if self._process is None:
            raise BackendStartError("The backend is not running; call start().")
        return self._process.pid

    def start(self) -> str:
        """Start the child and wait until it answers; return its base URL."""
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "dpa.server:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--no-access-log",
        ]
        with self._log_path.open("wb") as log:
            self._process = subprocess.Popen(
                command,
                env=self._env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.url = self._wait_until_ready()
        return self.url

    def peak_memory_kib(self) -> int | None:
        """The child's peak resident memory (VmHWM) in KiB, where /proc has it."""
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            return None
        match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        return int(match.group(1)) if match else None

    def stop(self, timeout: float = 30.0) -> int | None:
        """Ask the child to shut down (SIGTERM to its group); kill it if it hangs."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return None if process is None else process.returncode
        os.killpg(process.pid, signal.SIGTERM)
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            return process.wait()

    def log_tail(self, lines: int = 30) -> str:
        """The end of the child's output, for error messages."""
        try:
            text = self._log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def _wait_until_ready(self) -> str:
        assert self._process is not None
        deadline = time.monotonic() + self._startup_timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise BackendStartError(
                    f"The backend exited with code {self._process.returncode} "
                    f"while starting; its output ends with:\n{self.log_tail()}"
                )
            found = _LISTENING.search(self._log_path.read_bytes())
            if found and _answers(found.group(1).decode()):
                return found.group(1).decode()
            time.sleep(0.1)
        self.stop()
        raise BackendStartError(
            f"The backend did not answer within {self._startup_timeout:.0f} s; "
            f"its output ends with:\n{self.log_tail()}"
        )

    def __enter__(self) -> BackendProcess:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def _answers(url: str) -> bool:
    try:
        return httpx.get(f"{url}/healthz", timeout=2.0).status_code == 200
    except httpx.HTTPError:
        return False
