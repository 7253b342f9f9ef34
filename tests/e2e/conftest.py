"""Start the real action server and Rasa server (scripts/run.sh) once for the e2e tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 240


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).ok
    except requests.RequestException:
        return False


@pytest.fixture(scope="session")
def assistant_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a running assistant; both servers are stopped by PID afterwards."""
    rasa_port, action_port = free_port(), free_port()
    log_path = tmp_path_factory.mktemp("servers") / "servers.log"
    env = {**os.environ, "RASA_PORT": str(rasa_port), "ACTION_PORT": str(action_port)}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(ROOT / "scripts" / "run.sh")],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://localhost:{rasa_port}"
    deadline = time.monotonic() + START_TIMEOUT_S
    while not (answers(f"{base}/") and answers(f"http://localhost:{action_port}/health")):
        if process.poll() is not None or time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail("servers did not start:\n" + log_path.read_text()[-3000:])
        time.sleep(0.5)
    try:
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


class Patient:
    """One conversation over the REST channel."""

    def __init__(self, base_url: str) -> None:
        self.url = f"{base_url}/webhooks/rest/webhook"
        self.sender = f"e2e-{uuid.uuid4().hex}"

    def say(self, text: str) -> list[dict]:
        response = requests.post(
            self.url, json={"sender": self.sender, "message": text}, timeout=30
        )
        response.raise_for_status()
        messages = response.json()
        assert messages, f"no reply to {text!r}"
        return messages

    def ask(self, text: str) -> str:
        """Send ``text`` and return all reply texts joined."""
        return "\n".join(m.get("text", "") for m in self.say(text))


@pytest.fixture
def patient(assistant_url: str) -> Patient:
    return Patient(assistant_url)
