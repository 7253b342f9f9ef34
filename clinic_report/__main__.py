"""``make report``: write the staff report of a period (default: the last 30 days).

Usage: python -m clinic_report [--since YYYY-MM-DD] [--until YYYY-MM-DD]
                               [--db-url URL] [--out results/report]
The store is TRACKER_DB_URL's (``make report`` sources scripts/env.sh for the SQLite
default). Any error is one line on stderr and exit code 1.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from clinic_report.build import build, write
from clinic_report.period import make_period
from clinic_report.store import StoreError, configured_url

DEFAULT_OUT = Path("results") / "report"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="clinic_report", description=__doc__.splitlines()[0])
    parser.add_argument("--since", help="first day (YYYY-MM-DD); default: 29 days before --until")
    parser.add_argument("--until", help="last day (YYYY-MM-DD); default: today")
    parser.add_argument("--db-url", help="the tracker store's database; default: TRACKER_DB_URL")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    try:
        period = make_period(args.since or None, args.until or None)
        summary = build(args.db_url or configured_url(), period)
    except (StoreError, ValueError) as error:
        print(f"report: {error}", file=sys.stderr)
        return 1
    paths = write(summary, args.out)
    print(
        f"{paths[0]}: {summary.conversations} conversations, {summary.messages} patient "
        f"messages, {period.since} to {period.until} ({time.perf_counter() - started:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
