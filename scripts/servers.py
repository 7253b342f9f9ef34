"""Start the real servers (scripts/run.sh) for tests, eval and bench; stop them by PID."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 240


@dataclass(frozen=True)
class Servers:
    rasa_url: str
    action_url: str
    web_url: str
    log: Path
    env: dict[str, str]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).ok
    except requests.RequestException:
        return False


@contextmanager
def running_process(
    command: list[str], log: Path, env: dict[str, str]
) -> Iterator[subprocess.Popen]:
    """Run ``command`` from the project folder; stop it (and its children) by PID."""
    with log.open("ab") as output:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_until_answering(urls: list[str], process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while not all(answers(url) for url in urls):
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("servers did not start:\n" + log.read_text()[-3000:])
        time.sleep(0.5)


@contextmanager
def running_servers(log_dir: Path, **env_overrides: str) -> Iterator[Servers]:
    """Run the action server, the Rasa server and the web page on free ports.

    ``env_overrides`` may use ``{RASA_PORT}``, ``{ACTION_PORT}`` and ``{WEB_PORT}``;
    ``START_ACTION_SERVER="no"`` leaves the action server to the test.
    """
    ports = {name: free_port() for name in ("RASA_PORT", "ACTION_PORT", "WEB_PORT")}
    env = {**os.environ, **{k: str(v) for k, v in ports.items()}}
    env.update({k: v.format(**ports) for k, v in env_overrides.items()})
    servers = Servers(
        rasa_url=f"http://localhost:{ports['RASA_PORT']}",
        action_url=f"http://localhost:{ports['ACTION_PORT']}",
        web_url=f"http://localhost:{ports['WEB_PORT']}",
        log=log_dir / "servers.log",
        env=env,
    )
    urls = [f"{servers.rasa_url}/", f"{servers.web_url}/"]
    if env.get("START_ACTION_SERVER", "yes") == "yes":
        urls.append(f"{servers.action_url}/health")
    with running_process([str(ROOT / "scripts" / "run.sh")], servers.log, env) as process:
        wait_until_answering(urls, process, servers.log)
        yield servers


@contextmanager
def running_action_server(servers: Servers) -> Iterator[None]:
    """An action server on the port the Rasa server of ``servers`` calls."""
    port = servers.action_url.rsplit(":", 1)[1]
    command = [str(ROOT / ".venv" / "bin" / "rasa"), "run", "actions", "--port", port]
    with running_process(command, servers.log, servers.env) as process:
        wait_until_answering([f"{servers.action_url}/health"], process, servers.log)
        yield
