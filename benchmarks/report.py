"""Tables and the latency plot of `make bench`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.load import LoadResult

TARGET_P95_AT_10_MS = 100
TARGET_THROUGHPUT_RATIO = 3.0
TARGET_STARTUP_RATIO = 0.5


@dataclass
class BotResults:
    name: str
    training_seconds: float | None = None
    startup_seconds: float = 0.0
    loads: list[LoadResult] = field(default_factory=list)
    peak_memory_mb: dict[str, float] = field(default_factory=dict)  # command line -> MB

    def load_at(self, concurrency: int) -> LoadResult | None:
        return next((load for load in self.loads if load.concurrency == concurrency), None)

    def best_throughput(self) -> float:
        return max((load.turns_per_second for load in self.loads), default=0.0)


def process_label(command: str) -> str:
    if "run actions" in command:
        return "action server"
    if "web.server" in command:
        return "web page server"
    return "Rasa server"


def _memory(result: BotResults) -> str:
    parts = [
        f"{process_label(command)} {mb:.0f} MB"
        for command, mb in sorted(result.peak_memory_mb.items(), key=lambda item: -item[1])
    ]
    return ", ".join(parts) or "-"


def _ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:.2f}x" if theirs else "-"


def summary(ours: BotResults, starter: BotResults, smoke: bool = False, rounds: int = 1) -> str:
    lines = [
        "# Speed: `make bench`" + (" (smoke run: a few conversations only)" if smoke else ""),
        "",
        "Closed loop over the REST channel: each simulated patient sends a turn, waits for "
        "the answer and sends the next, six turns a conversation, no think time. "
        f"Each level: the median-throughput round of {rounds}, alternating between the bots.",
        "",
        "| assistant | concurrent | turns | errors | turns/s | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for result in (ours, starter):
        for load in result.loads:
            lines.append(
                f"| {result.name} | {load.concurrency} | {load.turns} | {load.errors} | "
                f"{load.turns_per_second:.1f} | {load.percentile(0.5):.0f} | "
                f"{load.percentile(0.95):.0f} | {load.percentile(0.99):.0f} |"
            )
    lines += ["", "| assistant | start-up to first answer | training from scratch | peak memory |"]
    lines += ["|---|---|---|---|"]
    for result in (ours, starter):
        training = f"{result.training_seconds:.0f} s" if result.training_seconds else "not measured"
        lines.append(
            f"| {result.name} | {result.startup_seconds:.1f} s | {training} | {_memory(result)} |"
        )
    at_10 = ours.load_at(10)
    throughput_ratio = ours.best_throughput() / starter.best_throughput() if starter.loads else 0
    startup_ratio = ours.startup_seconds / starter.startup_seconds if starter.startup_seconds else 0
    lines += [
        "",
        f"Throughput (best level): {_ratio(ours.best_throughput(), starter.best_throughput())} "
        f"the starter bot's (target ≥ {TARGET_THROUGHPUT_RATIO:.0f}x: "
        + ("met" if throughput_ratio >= TARGET_THROUGHPUT_RATIO else "**not met**")
        + ").",
        f"Start-up: {_ratio(ours.startup_seconds, starter.startup_seconds)} the starter bot's "
        f"(target ≤ {TARGET_STARTUP_RATIO}x: "
        + ("met" if startup_ratio <= TARGET_STARTUP_RATIO else "**not met**")
        + ").",
    ]
    if at_10:
        p95 = at_10.percentile(0.95)
        lines.append(
            f"p95 at 10 concurrent conversations: {p95:.0f} ms (target ≤ {TARGET_P95_AT_10_MS} ms: "
            + ("met" if p95 <= TARGET_P95_AT_10_MS else "**not met**")
            + ")."
        )
    lines += ["", "Plot: results/bench_latency.png"]
    return "\n".join(lines) + "\n"


def plot_latency(results: list[BotResults], path: Path) -> None:
    """p50 and p95 latency per concurrency level for each assistant."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(7, 4.5))
    for result, colour in zip(results, ("#0f766e", "#9ca3af"), strict=True):
        levels = [load.concurrency for load in result.loads]
        for share, style in ((0.5, "-"), (0.95, "--")):
            axes.plot(
                levels,
                [load.percentile(share) for load in result.loads],
                style,
                marker="o",
                color=colour,
                label=f"{result.name} p{int(share * 100)}",
            )
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("concurrent conversations")
    axes.set_ylabel("latency per turn (ms)")
    axes.set_title("Latency per turn, REST channel, 2-core machine")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
