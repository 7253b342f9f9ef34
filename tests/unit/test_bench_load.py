import pytest

from benchmarks.load import LoadResult


def test_percentiles_are_nearest_rank():
    result = LoadResult(concurrency=1, latencies_ms=[float(n) for n in range(1, 101)])
    assert result.percentile(0.5) == 50
    assert result.percentile(0.95) == 95
    assert result.percentile(0.99) == 99


def test_throughput_counts_answered_turns_only():
    result = LoadResult(concurrency=2, latencies_ms=[10.0] * 30, errors=5, seconds=3.0)
    assert result.turns == 35
    assert result.turns_per_second == pytest.approx(10.0)
