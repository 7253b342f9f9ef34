"""Start the real servers (scripts/run.sh) for tests, and stop them by PID."""

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
def running_servers(log_dir: Path, **env_overrides: str) -> Iterator[Servers]:
    """Run the action server, the Rasa server and the web page on free ports."""
    ports = {name: free_port() for name in ("RASA_PORT", "ACTION_PORT", "WEB_PORT")}
    servers = Servers(
        rasa_url=f"http://localhost:{ports['RASA_PORT']}",
        action_url=f"http://localhost:{ports['ACTION_PORT']}",
        web_url=f"http://localhost:{ports['WEB_PORT']}",
        log=log_dir / "servers.log",
    )
    env = {**os.environ, **{k: str(v) for k, v in ports.items()}}
    env.update({k: v.format(**ports) for k, v in env_overrides.items()})
    with servers.log.open("wb") as log:
        process = subprocess.Popen(
            [str(ROOT / "scripts" / "run.sh")],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        urls = [f"{servers.rasa_url}/", f"{servers.action_url}/health", f"{servers.web_url}/"]
        while not all(answers(url) for url in urls):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("servers did not start:\n" + servers.log.read_text()[-3000:])
            time.sleep(0.5)
        yield servers
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
