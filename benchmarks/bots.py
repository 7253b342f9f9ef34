"""The assistants the benchmark serves: ours (scripts/run.sh) and the `rasa init` starter bot."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import rasa.cli
import requests

from scripts.servers import free_port, running_process

ROOT = Path(__file__).resolve().parents[1]
RASA = ROOT / ".venv" / "bin" / "rasa"
STARTER_DIR = ROOT / "build" / "starter-bot"
STARTER_TEMPLATE = Path(rasa.cli.__file__).parent / "initial_project"
START_TIMEOUT_S = 300


# (port, a scratch folder) -> the command that serves a bot and its extra environment
Launcher = Callable[[int, Path], tuple[list[str], dict[str, str]]]


def _run_script(port: int, folder: Path) -> tuple[list[str], dict[str, str]]:
    """Our assistant as `make run` starts it, on free ports and its own database."""
    env = {
        "RASA_PORT": str(port),
        "ACTION_PORT": str(free_port()),
        "WEB_PORT": str(free_port()),
        "TRACKER_DB_URL": f"sqlite:///{folder / 'bench-conversations.db'}",
    }
    return [str(ROOT / "scripts" / "run.sh")], env


def _rasa_run(port: int, folder: Path) -> tuple[list[str], dict[str, str]]:
    """The starter bot as `rasa run` serves it from its own project."""
    command = [
        str(RASA), "run", "--port", str(port), "--model", str(STARTER_DIR / "models"),
        "--credentials", str(STARTER_DIR / "credentials.yml"),
        "--endpoints", str(STARTER_DIR / "endpoints.yml"),
    ]  # fmt: skip
    return command, {}


@dataclass(frozen=True)
class Bot:
    """How to train and serve one assistant, and what its patients say."""

    name: str
    conversations: list[list[str]]
    project: Path
    train_args: list[str]
    launch: Launcher

    def train(self) -> float:
        """Train from scratch (no cache) into the project's models; the seconds it took."""
        started = time.perf_counter()
        output = self.project / "models"
        subprocess.run(
            [str(RASA), "train", "--force", "--out", str(output), *self.train_args],
            cwd=self.project,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return time.perf_counter() - started


@dataclass(frozen=True)
class Served:
    webhook_url: str
    root_pid: int
    startup_seconds: float


CLINIC = Bot(
    name="clinic assistant",
    project=ROOT,
    train_args=["--augmentation", "0", "--fixed-model-name", "clinic-assistant"],
    launch=_run_script,
    conversations=[
        [
            "hi",
            "what is a rhizotomy?",
            "how long does the relief last?",
            "and for a nerve block?",
            "does it hurt?",
            "thanks, bye",
        ],
        [
            "hello, my doctor mentioned nerve blocks",
            "how does it work",
            "how soon will i feel better",
            "how much does it cost",
            "ok can i book an appointment",
            "thank you",
        ],
        [
            "whats the difference between a nerve block and RFA",
            "which one lasts longer",
            "is the rhizotomy permanent",
            "do they use x-ray for it",
            "where are your offices",
            "bye",
        ],
    ],
)

STARTER = Bot(
    name="rasa init starter bot",
    project=STARTER_DIR,
    train_args=["--fixed-model-name", "starter"],
    launch=_rasa_run,
    conversations=[
        ["hello", "I feel sad today", "yes it did", "are you a bot?", "I am great now", "goodbye"],
        ["hi there", "very unhappy", "no", "am I talking to a human?", "perfect", "bye"],
    ],
)


def ensure_starter_project() -> None:
    """Create the starter bot's project from the template `rasa init` copies."""
    if not (STARTER_DIR / "domain.yml").exists():
        shutil.copytree(STARTER_TEMPLATE, STARTER_DIR, dirs_exist_ok=True)


def has_model(bot: Bot) -> bool:
    return any((bot.project / "models").glob("*.tar.gz"))


def _answers(webhook_url: str, text: str) -> bool:
    try:
        response = requests.post(
            webhook_url, json={"sender": "bench-start", "message": text}, timeout=5
        )
        return response.ok and bool(response.json())
    except (requests.RequestException, ValueError):
        return False


def _wait_for_first_answer(
    webhook_url: str, text: str, process: subprocess.Popen, log: Path
) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while not _answers(webhook_url, text):
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the server did not start:\n" + log.read_text()[-3000:])
        time.sleep(0.1)


@contextmanager
def serving(bot: Bot, log: Path) -> Iterator[Served]:
    """Start ``bot`` the way it is run for real; measure process start to first answer."""
    port = free_port()
    command, extra_env = bot.launch(port, log.parent)
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
    env.update(extra_env)
    webhook_url = f"http://localhost:{port}/webhooks/rest/webhook"
    started = time.perf_counter()
    with running_process(command, log, env) as process:
        _wait_for_first_answer(webhook_url, bot.conversations[0][1], process, log)
        yield Served(webhook_url, process.pid, time.perf_counter() - started)
