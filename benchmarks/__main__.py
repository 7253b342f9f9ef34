"""`make bench`: how fast the assistant answers, side by side with the `rasa init` starter bot.

Both bots are trained from scratch (timed), started as they run for real (start-up
timed to the first answer), and loaded with 1, 10 and 50 concurrent six-turn
conversations over REST, in three rounds that alternate between the bots. Writes
results/bench.md, results/bench.json and results/bench_latency.png, and prints the table.

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
from contextlib import ExitStack
from dataclasses import asdict
from pathlib import Path

from benchmarks import bots, processes
from benchmarks.load import LoadResult, run_load
from benchmarks.report import BotResults, plot_latency, summary

# (concurrent conversations, conversations each simulated patient holds)
LEVELS = [(1, 10), (10, 4), (50, 2)]
SMOKE_LEVELS = [(1, 1), (2, 1)]
ROUNDS = 3


def prepare(bot: bots.Bot, time_training: bool) -> BotResults:
    """Train from scratch when timing (or when no model is there yet)."""
    results = BotResults(bot.name)
    if time_training:
        print(f"{bot.name}: training from scratch", flush=True)
        results.training_seconds = bot.train()
    elif not bots.has_model(bot):
        bot.train()
    return results


def record_memory(served: bots.Served, results: BotResults) -> None:
    for pid in processes.descendants(served.root_pid):
        command = processes.command_line(pid)
        if "python" in command or "/rasa" in command:
            results.peak_memory_mb[command] = processes.peak_rss_mb(pid)


def median_round(rounds: list[LoadResult]) -> LoadResult:
    return sorted(rounds, key=lambda load: load.turns_per_second)[len(rounds) // 2]


def measure(
    pairs: list[tuple[bots.Bot, BotResults]], levels: list[tuple[int, int]], rounds: int, work: Path
) -> None:
    """Start every bot (one after the other), then load them in alternating rounds.

    Alternating keeps a slow spell of the machine from landing on one bot only; each
    level reports the round with the median throughput.
    """
    with ExitStack() as stack:
        served = []
        for bot, results in pairs:
            print(f"{bot.name}: starting", flush=True)
            log = work / f"{bot.name}.log".replace(" ", "-")
            running = stack.enter_context(bots.serving(bot, log))
            results.startup_seconds = running.startup_seconds
            asyncio.run(run_load(running.webhook_url, bot.conversations, 1, 1))  # warm-up
            served.append(running)
        for concurrency, each in levels:
            measured: list[list[LoadResult]] = [[] for _ in pairs]
            for _ in range(rounds):
                for (bot, _), running, loads in zip(pairs, served, measured, strict=True):
                    load = asyncio.run(
                        run_load(running.webhook_url, bot.conversations, concurrency, each)
                    )
                    loads.append(load)
            for (bot, results), loads in zip(pairs, measured, strict=True):
                load = median_round(loads)
                results.loads.append(load)
                each_round = "/".join(f"{one.turns_per_second:.0f}" for one in loads)
                print(
                    f"  {bot.name}, {concurrency} concurrent: {load.turns} turns, "
                    f"{load.errors} errors, {load.turns_per_second:.1f} turns/s "
                    f"(rounds {each_round}), p95 {load.percentile(0.95):.0f} ms",
                    flush=True,
                )
        for (_, results), running in zip(pairs, served, strict=True):
            record_memory(running, results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--skip-training", action="store_true")
    parser.add_argument("--out", type=Path, default=bots.ROOT / "results")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    bots.ensure_starter_project()
    time_training = not (args.smoke or args.skip_training)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        pairs = [(bot, prepare(bot, time_training)) for bot in (bots.CLINIC, bots.STARTER)]
        if args.smoke:
            measure(pairs, SMOKE_LEVELS, 1, work)
        else:
            measure(pairs, LEVELS, ROUNDS, work)
    measured = [results for _, results in pairs]
    report = summary(measured[0], measured[1], smoke=args.smoke, rounds=1 if args.smoke else ROUNDS)
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
