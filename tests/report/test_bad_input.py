"""``make report`` on stores with nothing to show, and on stores it cannot read."""

from __future__ import annotations

import csv
import datetime as dt
import time
from pathlib import Path

from clinic_report.synthetic import events_for, save, turn
from scripts.servers import free_port
from tests.report.conftest import run_report

EMERGENCY = "I think I'm having a heart attack, my chest hurts"
CRISIS = "I want to end my life tonight"


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as file:
        return list(csv.reader(file))


def _outcomes(folder: Path) -> dict[str, str]:
    return dict(_rows(folder / "outcomes.csv")[1:])


def _empty_store(path: Path) -> str:
    url = f"sqlite:///{path}"
    save(url, [])  # builds the store: the table, no rows
    return url


def test_an_empty_store_gives_a_report_of_zeros(tmp_path):
    url, out = _empty_store(tmp_path / "empty.db"), tmp_path / "report"
    result = run_report("--db-url", url, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "0 conversations" in result.stdout
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "No conversations in this period." in page
    assert _outcomes(out)["conversations"] == "0"
    assert _outcomes(out)["share of conversations that ended after a fallback"] == "0.0%"
    assert len(_rows(out / "daily.csv")) == 1 + 30  # the header and the last 30 days
    for name in ("unanswered", "topics_answered", "topics_not_covered"):
        assert len(_rows(out / f"{name}.csv")) == 1, name


def test_only_emergencies_are_counted_and_never_shown(tmp_path):
    url, out = f"sqlite:///{tmp_path / 'safety.db'}", tmp_path / "report"
    now = time.time() - 60
    save(
        url,
        [
            ("a", events_for([turn(EMERGENCY, "report_emergency")], now)),
            ("b", events_for([turn(EMERGENCY, "report_emergency")], now)),
            ("c", events_for([turn(CRISIS, "report_self_harm")], now)),
        ],
    )
    result = run_report("--db-url", url, "--out", str(out))
    assert result.returncode == 0, result.stderr
    outcomes = _outcomes(out)
    assert outcomes["emergency replies given"] == "2"
    assert outcomes["crisis replies given"] == "1"
    assert outcomes["conversations with an emergency or crisis reply"] == "3"
    assert outcomes["messages the assistant could not answer"] == "0"
    written = "\n".join(path.read_text(encoding="utf-8") for path in out.iterdir())
    for words in ("heart attack", "chest", "end my life", "tonight"):
        assert words not in written


def test_a_period_without_data_reports_each_of_its_days(tmp_path):
    url, out = f"sqlite:///{tmp_path / 'store.db'}", tmp_path / "report"
    save(url, [("a", events_for([turn("what is a rhizotomy?", "ask_what_is")], time.time()))])
    result = run_report(
        "--db-url", url, "--out", str(out), "--since", "2020-02-01", "--until", "2020-02-29"
    )
    assert result.returncode == 0, result.stderr
    assert _outcomes(out)["conversations"] == "0"
    days = [row[0] for row in _rows(out / "daily.csv")[1:]]
    assert days[0] == "2020-02-01" and days[-1] == "2020-02-29" and len(days) == 29
    assert "Feb 01, 2020 to Feb 29, 2020" in (out / "index.html").read_text(encoding="utf-8")


def _fails_with_one_line(result, *expected: str) -> None:
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("report: ")
    for words in expected:
        assert words in lines[0]


def test_an_unreachable_database_is_one_clear_line(tmp_path):
    url = f"postgresql://clinic:secret@127.0.0.1:{free_port()}/clinic"
    started = time.monotonic()
    result = run_report("--db-url", url, "--out", str(tmp_path / "report"))
    _fails_with_one_line(result, "cannot read the conversation store", "127.0.0.1")
    assert "secret" not in result.stderr
    assert time.monotonic() - started < 60
    assert not (tmp_path / "report").exists()


def test_a_missing_sqlite_file_and_bad_days_are_refused(tmp_path):
    missing = run_report("--db-url", f"sqlite:///{tmp_path / 'nowhere.db'}")
    _fails_with_one_line(missing, "no conversation store at")
    assert not (tmp_path / "nowhere.db").exists()
    url = _empty_store(tmp_path / "empty.db")
    _fails_with_one_line(run_report("--db-url", url, "--since", "November"), "YYYY-MM-DD")
    today = dt.date.today()
    backwards = run_report("--db-url", url, "--since", str(today), "--until", "2020-01-01")
    _fails_with_one_line(backwards, "starts")
