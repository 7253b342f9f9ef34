"""Stores for the report tests: SQLite files, and a throwaway PostgreSQL like tests/cluster."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.servers import ROOT, free_port

PG_BINS = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))


def run_report(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``python -m clinic_report`` as ``make report`` runs it."""
    return subprocess.run(
        [sys.executable, "-m", "clinic_report", *args],
        cwd=ROOT,
        env={**os.environ, "SQLALCHEMY_SILENCE_UBER_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.getuid() == 0 else command


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """An empty PostgreSQL database on a free port, stopped at the end."""
    if not PG_BINS:
        pytest.skip("PostgreSQL is not installed: apt-get install postgresql (.ci/run does)")
    bin_dir = PG_BINS[-1].parent
    # under the project, not pytest's private temp folder: PostgreSQL runs as its own user
    state = ROOT / "var" / f"report-test-{uuid.uuid4().hex[:8]}"
    data, run = state / "pg", state / "run"
    data.mkdir(parents=True)
    run.mkdir()
    if os.getuid() == 0:
        shutil.chown(data, "postgres")
        shutil.chown(run, "postgres")
    port = free_port()
    quiet = {"stdout": subprocess.DEVNULL, "check": True}
    subprocess.run(
        _as_postgres([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "clinic"]),
        **quiet,
    )
    options = f"-p {port} -k {run} -c listen_addresses=127.0.0.1"
    pg_ctl = str(bin_dir / "pg_ctl")
    subprocess.run(
        _as_postgres(
            [pg_ctl, "-D", str(data), "-l", str(run / "postgres.log"), "-w", "-o", options, "start"]
        ),
        **quiet,
    )
    try:
        subprocess.run(
            [
                str(bin_dir / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "clinic",
                "clinic",
            ],
            **quiet,
        )
        yield f"postgresql://clinic@127.0.0.1:{port}/clinic"
    finally:
        subprocess.run(
            _as_postgres([pg_ctl, "-D", str(data), "-m", "fast", "stop"]), stdout=subprocess.DEVNULL
        )
        shutil.rmtree(state, ignore_errors=True)


STAFF_TOKEN = f"staff-{uuid.uuid4().hex}"


@pytest.fixture(scope="session")
def sqlite_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    """Servers on a fresh SQLite store that the patients of ``patients.py`` talked to."""
    from scripts.servers import running_servers
    from tests.report.patients import hold_conversations

    folder = tmp_path_factory.mktemp("sqlite-servers")
    url = f"sqlite:///{folder / 'conversations.db'}"
    with running_servers(folder, TRACKER_DB_URL=url, STAFF_TOKEN=STAFF_TOKEN) as servers:
        replies = hold_conversations(servers)
        yield servers, url, replies
