"""Build a report from a store and write it to a folder."""

from __future__ import annotations

from pathlib import Path

from clinic_report.conversations import conversations
from clinic_report.page import render
from clinic_report.period import Period
from clinic_report.store import read_rows
from clinic_report.summary import Summary, summarize
from clinic_report.tables import all_tables, write_csv

PAGE = "index.html"


def build(url: str, period: Period) -> Summary:
    """The report of ``period`` from the store at ``url`` (``store.StoreError`` if unreadable)."""
    return summarize(period, conversations(read_rows(url, period)))


def write(summary: Summary, folder: Path) -> list[Path]:
    """Write the page and one CSV file per table into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / PAGE
    page.write_text(render(summary), encoding="utf-8")
    return [page, *(write_csv(table, folder) for table in all_tables(summary))]
