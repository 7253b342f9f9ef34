"""Real conversations, sent over REST and socket.io, counted right on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess

from clinic_report.build import build, write
from clinic_report.page import render
from clinic_report.period import make_period
from scripts.servers import ROOT, running_servers
from tests.report.patients import EMERGENCY_WORDS, EXPECTED, hold_conversations


def check_report(url: str, replies: dict[str, list[str]], out) -> None:
    summary = build(url, make_period())
    assert summary.conversations == EXPECTED["conversations"]
    assert summary.messages == EXPECTED["messages"]
    assert summary.booked == EXPECTED["booked"]
    assert summary.asked_for_person == EXPECTED["asked_for_person"]
    assert summary.safety_replies["emergency"] == EXPECTED["emergency"]
    assert summary.safety_replies["crisis"] == EXPECTED["crisis"]
    assert summary.ended_after_fallback == EXPECTED["ended_after_fallback"]
    assert summary.unanswered == EXPECTED["unanswered"]
    assert dict(summary.answers) == EXPECTED["answers"]
    assert dict(summary.deferrals) == EXPECTED["deferrals"]
    spanish = sum(day.conversations["es"] for day in summary.days.values())
    assert spanish == EXPECTED["spanish_conversations"]
    groups = [set(group.examples) for group in summary.groups]
    assert groups == EXPECTED["groups"]
    assert [group.count for group in summary.groups] == [2, 2]

    written = write(summary, out)
    everything = render(summary) + "".join(path.read_text(encoding="utf-8") for path in written)
    assert "where can I get the best pizza nearby?" in (out / "unanswered.csv").read_text()
    for sender in replies:
        assert sender not in everything
    for words in EMERGENCY_WORDS:
        assert words not in everything.lower()


def test_the_report_of_conversations_stored_in_sqlite(sqlite_servers, tmp_path):
    _servers, url, replies = sqlite_servers
    check_report(url, replies, tmp_path / "report")


def test_the_report_of_conversations_stored_in_postgresql(postgres_url, tmp_path):
    with running_servers(tmp_path, TRACKER_DB_URL=postgres_url) as servers:
        replies = hold_conversations(servers)
    check_report(postgres_url, replies, tmp_path / "report")


def test_make_report_reads_the_configured_store(sqlite_servers, tmp_path):
    """``make report`` reads TRACKER_DB_URL's store, the one make run's servers use."""
    _servers, url, _replies = sqlite_servers
    out = tmp_path / "report"
    result = subprocess.run(
        ["make", "--no-print-directory", "report", f"OUT={out}"],
        cwd=ROOT,
        env={**os.environ, "TRACKER_DB_URL": url},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert f"{EXPECTED['conversations']} conversations" in result.stdout
    assert (out / "index.html").is_file() and (out / "unanswered.csv").is_file()
