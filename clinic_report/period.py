"""The days a report covers, in the machine's local time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DEFAULT_DAYS = 30


@dataclass(frozen=True)
class Period:
    """From ``since`` to ``until``, both days included."""

    since: dt.date
    until: dt.date

    @property
    def days(self) -> list[dt.date]:
        """Every day of the period, in order."""
        count = (self.until - self.since).days + 1
        return [self.since + dt.timedelta(days=offset) for offset in range(count)]

    @property
    def start_timestamp(self) -> float:
        """The first second of ``since`` (Unix time)."""
        return _midnight(self.since)

    @property
    def end_timestamp(self) -> float:
        """The first second after ``until`` (Unix time)."""
        return _midnight(self.until + dt.timedelta(days=1))


def _midnight(day: dt.date) -> float:
    return dt.datetime.combine(day, dt.time()).timestamp()


def day_of(timestamp: float) -> dt.date:
    """The local day of a Unix time."""
    return dt.datetime.fromtimestamp(timestamp).date()


def parse_day(text: str) -> dt.date:
    """``2026-11-01`` as a date; ``ValueError`` with a readable message otherwise."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a day written as YYYY-MM-DD") from None


def make_period(
    since: str | None = None, until: str | None = None, today: dt.date | None = None
) -> Period:
    """The period from the optional days given; by default the last 30 days up to today."""
    end = parse_day(until) if until else (today or dt.date.today())
    start = parse_day(since) if since else end - dt.timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise ValueError(f"the period starts ({start}) after it ends ({end})")
    return Period(start, end)
