"""`make bench`: how fast the assistant answers, side by side with the `rasa init` starter bot.

Both bots are trained from scratch (timed), started as they run for real (start-up
timed to the first answer), and loaded with 1, 10 and 50 concurrent six-turn
conversations over REST. Writes results/bench.md, results/bench.json and
results/bench_latency.png, and prints the table.

Usage: python -m benchmarks [--smoke] [--skip-training] [--out results]
  --smoke          a quick run for `make test`: 1 and 2 concurrent conversations, no training
  --skip-training  serve the existing models without timing a training from scratch
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from benchmarks import bots, processes
from benchmarks.load import run_load
from benchmarks.report import BotResults, plot_latency, summary

# (concurrent conversations, conversations each simulated patient holds)
LEVELS = [(1, 10), (10, 4), (50, 2)]
SMOKE_LEVELS = [(1, 1), (2, 1)]


def measure(
    bot: bots.Bot, levels: list[tuple[int, int]], time_training: bool, work: Path
) -> BotResults:
    results = BotResults(bot.name)
    if time_training:
        print(f"{bot.name}: training from scratch", flush=True)
        results.training_seconds = bot.train(work / f"{bot.name}-models".replace(" ", "-"))
    if not bots.has_model(bot):
        bot.train(bot.project / "models")
    print(f"{bot.name}: starting", flush=True)
    with bots.serving(bot, work / f"{bot.name}.log".replace(" ", "-")) as served:
        results.startup_seconds = served.startup_seconds
        asyncio.run(run_load(served.webhook_url, bot.conversations, 1, 1))  # warm-up
        for concurrency, each in levels:
            load = asyncio.run(run_load(served.webhook_url, bot.conversations, concurrency, each))
            results.loads.append(load)
            print(
                f"  {concurrency:>3} concurrent: {load.turns} turns, {load.errors} errors, "
                f"{load.turns_per_second:.1f} turns/s, p95 {load.percentile(0.95):.0f} ms",
                flush=True,
            )
        for pid in processes.descendants(served.root_pid):
            command = processes.command_line(pid)
            if "python" in command or "/rasa" in command:
                results.peak_memory_mb[command] = processes.peak_rss_mb(pid)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--skip-training", action="store_true")
    parser.add_argument("--out", type=Path, default=bots.ROOT / "results")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    bots.ensure_starter_project()
    with tempfile.TemporaryDirectory() as folder:
        levels = SMOKE_LEVELS if args.smoke else LEVELS
        time_training = not (args.smoke or args.skip_training)
        measured = [
            measure(bot, levels, time_training, Path(folder)) for bot in (bots.CLINIC, bots.STARTER)
        ]
    report = summary(measured[0], measured[1], smoke=args.smoke)
    (args.out / "bench.md").write_text(report, encoding="utf-8")
    (args.out / "bench.json").write_text(
        json.dumps([asdict(result) for result in measured], indent=2), encoding="utf-8"
    )
    plot_latency(measured, args.out / "bench_latency.png")
    print(report)
    failed = any(load.errors for result in measured for load in result.loads)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
