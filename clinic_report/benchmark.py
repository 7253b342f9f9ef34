"""Time ``make report`` on a store of 10,000 conversations (the README's number).

Usage: python -m clinic_report.benchmark [--conversations N] [--limit-s 60]
Fills a fresh SQLite store (or --db-url, which must be empty) through the clinic's
tracker store, spread over the last 30 days, then runs ``make report`` on it and
prints the time; exits 1 when it takes longer than the limit.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from clinic_report.synthetic import events_for, random_turns, save

ROOT = Path(__file__).resolve().parent.parent
DAY_S = 86_400
PERIOD_DAYS = 29  # inside make report's default 30 days


def fill(url: str, count: int, seed: int = 14) -> float:
    """Save ``count`` random conversations; return the seconds it took."""
    rng = random.Random(seed)
    now = time.time()
    conversations = (
        (
            f"bench-{uuid.UUID(int=rng.getrandbits(128)).hex}",
            events_for(random_turns(rng), now - rng.uniform(600, PERIOD_DAYS * DAY_S)),
        )
        for _ in range(count)
    )
    started = time.perf_counter()
    save(url, conversations)
    return time.perf_counter() - started


def time_make_report(url: str, out: Path) -> float:
    """Seconds ``make report`` takes on the store at ``url``."""
    env = {**os.environ, "TRACKER_DB_URL": url}
    started = time.perf_counter()
    subprocess.run(
        ["make", "--no-print-directory", "report", f"OUT={out}"], cwd=ROOT, env=env, check=True
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--limit-s", type=float, default=60.0)
    parser.add_argument(
        "--db-url", help="an empty database to fill (default: a temporary SQLite file)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.db_url or f"sqlite:///{Path(folder) / 'conversations.db'}"
        filled = fill(url, args.conversations)
        print(f"stored {args.conversations} conversations in {filled:.0f} s")
        took = time_make_report(url, Path(folder) / "report")
    limit = f"limit {args.limit_s:.0f} s"
    print(f"make report on {args.conversations:,} conversations: {took:.1f} s ({limit})")
    return 0 if took <= args.limit_s else 1


if __name__ == "__main__":
    sys.exit(main())
