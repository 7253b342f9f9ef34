"""What patients notice when one part of `make cluster` fails under load.

50 conversations of 4 context-dependent turns run at once over REST through
nginx; once a quarter of the turns are answered, one part fails:

  rasa      one Rasa server is killed (SIGKILL); it is started again by cluster.sh
  actions   one action server is killed (SIGKILL)
  postgres  PostgreSQL stops at once (immediate shutdown) and starts 3 s later
  redis     Redis (the conversation locks) is killed; cluster.sh starts it again
  none      nothing fails

A patient who gets the apology sends the same message again a second later (for
up to 20 s). Half the conversations name each message (``metadata.message_id``),
half rely on nginx's request id. Printed per fault: turns answered with an HTTP
error, answered wrongly, apologies, the median and slowest turn (until its right answer),
the time from the fault until the last turn that got the apology (or an error)
ended, and how many user messages PostgreSQL holds other than exactly once.

Usage: python -m benchmarks.failover [--fault rasa ...] (needs postgresql,
redis-server and nginx; runs its own cluster on free ports under var/).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import redis
import requests
import sqlalchemy as sa

from channels.guard import SORRY
from scripts.servers import ROOT, answers, free_port, running_process, wait_until_answering

CONVERSATIONS = 50
TURNS = [
    ("what is a rhizotomy?", "semi-permanent"),
    ("how long does the relief last?", "several years"),
    ("and a nerve block?", "up to weeks"),
    ("how long does it take?", "15 to 30 minutes"),
]
FAULTS = ("rasa", "actions", "postgres", "redis", "none")
RESEND_FOR_S = 20.0
PORT_NAMES = (
    "CLUSTER_PORT",
    "PG_PORT",
    "REDIS_PORT",
    "RASA_PORT_A",
    "RASA_PORT_B",
    "ACTION_PORT",
    "ACTION_PORT_B",
    "ACTION_LB_PORT",
)


@dataclass
class Cluster:
    """A running `make cluster` (scripts/cluster.sh) on free ports."""

    state: Path
    ports: dict[str, str]

    @property
    def url(self) -> str:
        return f"http://localhost:{self.ports['CLUSTER_PORT']}/webhooks/rest/webhook"

    @property
    def db(self) -> str:
        return f"postgresql://clinic@127.0.0.1:{self.ports['PG_PORT']}/clinic"

    def pid(self, name: str) -> int:
        """The PID of a supervised process: rasa-PORT, actions-PORT or redis."""
        return int((self.state / f"{name}.pid").read_text())

    def rasa(self, which: str = "A") -> str:
        return f"rasa-{self.ports['RASA_PORT_' + which]}"

    def actions(self) -> str:
        return f"actions-{self.ports['ACTION_PORT']}"

    def health_urls(self) -> list[str]:
        rasa = [f"http://localhost:{self.ports[n]}/" for n in ("RASA_PORT_A", "RASA_PORT_B")]
        actions = [
            f"http://localhost:{self.ports[n]}/health" for n in ("ACTION_PORT", "ACTION_PORT_B")
        ]
        return [*rasa, *actions, f"http://localhost:{self.ports['CLUSTER_PORT']}/"]

    def whole(self) -> bool:
        """Every server answers, Redis and PostgreSQL too."""
        try:
            redis.Redis(port=int(self.ports["REDIS_PORT"]), socket_timeout=2).ping()
            engine = sa.create_engine(self.db, connect_args={"connect_timeout": 2})
            with engine.connect():
                pass
            engine.dispose()
        except Exception:  # not up (again) yet
            return False
        return all(answers(url) for url in self.health_urls())

    def wait_until_whole(self, timeout_s: float = 300) -> None:
        deadline = time.monotonic() + timeout_s
        while not self.whole():
            if time.monotonic() > deadline:
                raise RuntimeError("the cluster did not come back whole")
            time.sleep(1)

    def kill(self, name: str) -> None:
        os.kill(self.pid(name), signal.SIGKILL)

    def _pg_ctl(self, *args: str) -> None:
        pg_bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        command = [str(pg_bin / "pg_ctl"), "-D", str(self.state / "pg"), *args]
        if os.getuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def restart_postgres(self, down_s: float = 3.0) -> None:
        """Stop PostgreSQL at once (as a crash would), start it again ``down_s`` later."""
        self._pg_ctl("-m", "immediate", "stop")
        time.sleep(down_s)
        run = self.state / "run"
        options = f"-p {self.ports['PG_PORT']} -k {run} -c listen_addresses=127.0.0.1"
        self._pg_ctl("-l", str(run / "postgres.log"), "-w", "-o", options, "start")


@contextmanager
def running_cluster() -> Iterator[Cluster]:
    """scripts/cluster.sh on free ports with its state under var/ (PostgreSQL runs as
    its own user, so not in a private temp folder); removed afterwards."""
    state = ROOT / "var" / f"cluster-test-{uuid.uuid4().hex[:8]}"
    state.mkdir(parents=True)
    ports = {name: str(free_port()) for name in PORT_NAMES}
    env = {**os.environ, **ports, "CLUSTER_DIR": str(state)}
    log = state / "cluster.log"
    cluster = Cluster(state, ports)
    try:
        with running_process([str(ROOT / "scripts" / "cluster.sh")], log, env) as process:
            wait_until_answering(cluster.health_urls(), process, log)
            yield cluster
    finally:
        shutil.rmtree(state, ignore_errors=True)


@dataclass
class Turn:
    """One patient message and what became of it."""

    sender: str
    text: str
    expected: str
    started: float
    ended: float = 0.0
    status: int = 0  # of the last attempt; 0: no HTTP answer
    replies: list[str] = field(default_factory=list)  # every attempt's reply text
    right: bool = False

    @property
    def seconds(self) -> float:
        return self.ended - self.started

    @property
    def apologies(self) -> int:
        return sum(SORRY in reply for reply in self.replies)


def ask(session: requests.Session, url: str, body: dict) -> tuple[int, str]:
    try:
        response = session.post(url, json=body, timeout=60)
    except requests.RequestException:
        return 0, ""
    try:
        text = " ".join(m.get("text") or "" for m in response.json())
    except ValueError:
        text = ""
    return response.status_code, text


def converse(url: str, named: bool, answered: Callable[[], None]) -> list[Turn]:
    """One conversation; a message that gets the apology is sent again (same id)."""
    sender = f"failover-{uuid.uuid4().hex}"
    turns = []
    with requests.Session() as session:
        for text, expected in TURNS:
            body: dict = {"sender": sender, "message": text}
            if named:
                body["metadata"] = {"message_id": uuid.uuid4().hex}
            turn = Turn(sender, text, expected, time.monotonic())
            while True:
                turn.status, reply = ask(session, url, body)
                turn.replies.append(reply)
                turn.right = turn.status == 200 and expected in reply
                apology = turn.status == 200 and SORRY in reply
                if not apology or time.monotonic() - turn.started > RESEND_FOR_S:
                    break
                time.sleep(1)
            turn.ended = time.monotonic()
            turns.append(turn)
            answered()
    return turns


@dataclass
class Run:
    turns: list[Turn]
    started: float
    elapsed: float
    fault_at: float | None  # seconds after the start


def run_load(cluster: Cluster, fault: Callable[[], None] | None) -> Run:
    """50 conversations at once; ``fault`` runs once a quarter of the turns are answered."""
    done = threading.Semaphore(0)
    started = time.monotonic()
    fault_at: list[float] = []

    def strike() -> None:
        for _ in range(CONVERSATIONS * len(TURNS) // 4):
            done.acquire()
        fault_at.append(time.monotonic() - started)
        if fault is not None:
            fault()

    striker = threading.Thread(target=strike, daemon=True)
    striker.start()
    with ThreadPoolExecutor(max_workers=CONVERSATIONS) as pool:
        conversations = list(
            pool.map(
                lambda i: converse(cluster.url, i % 2 == 0, done.release), range(CONVERSATIONS)
            )
        )
    striker.join(timeout=60)
    elapsed = time.monotonic() - started
    turns = [turn for conversation in conversations for turn in conversation]
    return Run(turns, started, elapsed, fault_at[0] if fault_at and fault else None)


def stored_user_messages(db: str, senders: set[str]) -> dict[str, list[str]]:
    """Each conversation's user messages as PostgreSQL holds them, in order."""
    engine = sa.create_engine(db)
    stored: dict[str, list[str]] = {sender: [] for sender in senders}
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT sender_id, data FROM events WHERE type_name = 'user' "
                "AND sender_id LIKE 'failover-%' ORDER BY id"
            )
        )
        for sender, data in rows:
            if sender in stored:
                stored[sender].append(json.loads(data)["text"])
    engine.dispose()
    return stored


def not_exactly_once(run: Run, db: str) -> int:
    """User messages PostgreSQL holds other than once, in order (0 when all is right)."""
    expected: dict[str, list[str]] = {}
    for turn in run.turns:
        if turn.right:
            expected.setdefault(turn.sender, []).append(turn.text)
    stored = stored_user_messages(db, set(expected))
    for sender, texts in expected.items():
        if stored[sender] != texts:
            print(f"{sender}: sent {texts}, stored {stored[sender]}", file=sys.stderr)
    return sum(
        abs(len(stored[sender]) - len(texts)) + (stored[sender] != texts)
        for sender, texts in expected.items()
    )


def figures(run: Run, db: str) -> dict[str, float | int]:
    """The numbers the README quotes for one run."""
    failed = [t for t in run.turns if not t.right or t.apologies]
    recovered_s = 0.0
    if run.fault_at is not None and failed:
        last_bad_end = max(t.ended for t in failed) - run.started
        recovered_s = max(0.0, last_bad_end - run.fault_at)
    return {
        "turns": len(run.turns),
        "http_errors": sum(t.status != 200 for t in run.turns),
        "wrong_answers": sum(t.status == 200 and not t.right for t in run.turns),
        "apologies": sum(t.apologies for t in run.turns),
        "median_turn_s": round(statistics.median(t.seconds for t in run.turns), 2),
        "slowest_turn_s": round(max(t.seconds for t in run.turns), 2),
        "run_s": round(run.elapsed, 1),
        "fault_at_s": round(run.fault_at, 1) if run.fault_at is not None else 0,
        "recovered_after_s": round(recovered_s, 1),
        "not_exactly_once": not_exactly_once(run, db),
    }


def fault_action(cluster: Cluster, fault: str) -> Callable[[], None] | None:
    return {
        "rasa": lambda: cluster.kill(cluster.rasa("A")),
        "actions": lambda: cluster.kill(cluster.actions()),
        "postgres": cluster.restart_postgres,
        "redis": lambda: cluster.kill("redis"),
        "none": None,
    }[fault]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fault", choices=FAULTS, action="append")
    faults = parser.parse_args().fault or list(FAULTS)
    with running_cluster() as cluster:
        for fault in faults:
            cluster.wait_until_whole()
            run = run_load(cluster, fault_action(cluster, fault))
            print(json.dumps({"fault": fault, **figures(run, cluster.db)}), flush=True)


if __name__ == "__main__":
    main()
