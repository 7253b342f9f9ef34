"""Personal data never reaches disk, through the real servers and both channels.

Every probe (``probes*.yml``, written apart from the redaction code) is sent as a
new conversation, alternately over REST and socket.io; then every file the
servers wrote (the SQLite store with its write-ahead log, the servers' log and
anything else new in the project folder) is searched for each personal token.
The probes' questions must still get their answers.
"""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
import time
import uuid
from pathlib import Path

import yaml

from clinic_privacy.vocabulary import fold, load_vocabulary
from scripts.servers import ROOT, Servers, running_servers
from tests.e2e.conftest import Patient
from tests.socket_patient import socket_conversation

PROBE_FILES = sorted(Path(__file__).parent.glob("probes*.yml"))
PROBES = [probe for path in PROBE_FILES for probe in yaml.safe_load(path.read_text())["probes"]]
RIGHT_ANSWER_TARGET = 0.95
NOT_WRITTEN_BY_SERVERS = {".git", ".venv", "build", "node_modules", "results", ".pytest_cache"}
CONCURRENT_SOCKETS = 8


async def _ask_all_over_socketio(servers: Servers, probes: list[dict]) -> list[str]:
    limit = asyncio.Semaphore(CONCURRENT_SOCKETS)

    async def ask(probe: dict) -> str:
        async with limit:
            return (await socket_conversation(servers, probe["sender"], [probe["say"]]))[0]

    return await asyncio.gather(*(ask(probe) for probe in probes))


def _files_written_since(started: float, folders: list[Path]) -> list[Path]:
    written = []
    for folder in folders:
        for path in folder.rglob("*"):
            skipped = set(path.relative_to(folder).parts) & NOT_WRITTEN_BY_SERVERS
            if path.is_file() and not skipped and path.stat().st_mtime >= started:
                written.append(path)
    return written


def _readable_text(path: Path) -> str:
    """The file's text, and for a SQLite database its rows with JSON escapes decoded."""
    text = path.read_bytes().decode("utf-8", errors="ignore")
    if path.suffix == ".db":
        rows = sqlite3.connect(path).execute("SELECT data FROM events").fetchall()
        text += "\n".join(json.dumps(json.loads(row[0]), ensure_ascii=False) for row in rows)
    return text


def _appears(token: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(token.lower())}(?!\w)", text.lower()) is not None


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return [value] if isinstance(value, str) else []


def _stored_conversation(database: Path, sender: str) -> str:
    """Every text stored for ``sender`` (numbers such as offsets and times left out)."""
    rows = sqlite3.connect(database).execute(
        "SELECT data FROM events WHERE sender_id = ?", (sender,)
    )
    return "\n".join(text for row in rows for text in _strings(json.loads(row[0])))


def _checkable_in_any_file(token: str, own_words: frozenset[str]) -> bool:
    """Short numbers ("281") turn up in times, ports and offsets; our own words in replies."""
    short_number = token.replace(" ", "").isdigit() and len(token) < 5
    return not short_number and fold(token) not in own_words


def test_no_personal_token_reaches_disk_and_the_questions_are_answered(tmp_path):
    database = tmp_path / "conversations.db"
    probes = [{**probe, "sender": f"privacy-{uuid.uuid4().hex}"} for probe in PROBES]
    started = time.time() - 1
    with running_servers(tmp_path, TRACKER_DB_URL=f"sqlite:///{database}") as servers:
        over_rest, over_socket = probes[0::2], probes[1::2]
        replies = {}
        for probe in over_rest:
            patient = Patient(servers.rasa_url)
            patient.sender = probe["sender"]
            replies[probe["sender"]] = patient.ask(probe["say"])
        socket_replies = asyncio.run(_ask_all_over_socketio(servers, over_socket))
        replies |= {
            probe["sender"]: reply for probe, reply in zip(over_socket, socket_replies, strict=True)
        }

    written = _files_written_since(started, [tmp_path, ROOT])
    assert database in written and servers.log in written
    disk = "\n".join(_readable_text(path) for path in written)
    # Each conversation as stored holds none of its personal tokens...
    leaks = []
    for probe in probes:
        stored = _stored_conversation(database, probe["sender"])
        assert "user" in stored, f"conversation of {probe['say']!r} not stored"
        leaks += [token for token in probe["pii"] if _appears(token, stored)]
    # ... and no file holds any that could only have come from a patient.
    own_words = load_vocabulary().everyday
    leaks += [
        token
        for probe in probes
        for token in probe["pii"]
        if _checkable_in_any_file(token, own_words) and _appears(token, disk)
    ]
    assert not leaks, f"personal data on disk: {leaks}"

    wrong = [
        (probe["say"], replies[probe["sender"]])
        for probe in probes
        if not all(fact.lower() in replies[probe["sender"]].lower() for fact in probe["expect"])
    ]
    right = 1 - len(wrong) / len(probes)
    print(f"privacy probes: {len(probes)}, right answers {right:.1%}")
    for said, reply in wrong:
        print(f"WRONG: {said}\n   -> {reply[:160]!r}")
    assert right >= RIGHT_ANSWER_TARGET, wrong
