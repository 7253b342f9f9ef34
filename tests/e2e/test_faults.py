"""Faults: the action server down, PostgreSQL or Redis missing at start."""

import os
import socket
import subprocess
import time

from channels.guard import SORRY
from scripts.servers import ROOT, free_port, running_action_server, running_servers
from tests.e2e.conftest import Patient


def test_action_server_down_then_back(tmp_path):
    with running_servers(tmp_path, START_ACTION_SERVER="no") as servers:
        patient = Patient(servers.rasa_url)
        assert "virtual assistant" in patient.ask("hello")  # a fixed response still works
        assert patient.ask("how long does a rhizotomy take?") == SORRY  # needs the action server

        with running_action_server(servers):
            assert "about an hour" in patient.ask("how long does a rhizotomy take?")


def test_a_hung_action_server_gets_an_apology_then_recovers(tmp_path):
    settings = {"START_ACTION_SERVER": "no", "REPLY_TIMEOUT_S": "3"}
    with running_servers(tmp_path, **settings) as servers:
        patient = Patient(servers.rasa_url)
        port = int(servers.action_url.rsplit(":", 1)[1])
        with socket.create_server(("127.0.0.1", port)):  # accepts, never answers
            started = time.monotonic()
            assert patient.ask("how long does a nerve block take?") == SORRY
            assert time.monotonic() - started < 10
        with running_action_server(servers):
            assert "15 to 30 minutes" in patient.ask("how long does a nerve block take?")


def test_an_unreachable_database_or_redis_is_named_in_one_line(tmp_path):
    env = {
        **os.environ,
        "RASA_PORT": str(free_port()),
        "TRACKER_DB_URL": f"postgresql://clinic@127.0.0.1:{free_port()}/clinic",
        "LOCK_STORE_TYPE": "redis",
        "REDIS_PORT": str(free_port()),
    }
    result = subprocess.run(
        [str(ROOT / "scripts" / "run.sh")], env=env, capture_output=True, text=True, timeout=120
    )
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1
    assert lines[0].startswith("PostgreSQL at 127.0.0.1:") and "start it" in lines[0]
    assert lines[1].startswith("Redis at localhost:") and "start it" in lines[1]
