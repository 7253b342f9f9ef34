"""Closed-loop load generator: simulated patients holding six-turn conversations over REST.

Each simulated patient sends a turn, waits for the answer, sends the next one, and
starts a new conversation (a new sender id) when one ends, so ``concurrency``
conversations are in flight at all times. No think time: the numbers show what the
server can do, not how fast people type.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import time
import uuid
from dataclasses import dataclass, field

import aiohttp

TURN_TIMEOUT_S = 60


@dataclass
class LoadResult:
    """Latencies (ms) of every answered turn, the failures, and the wall time."""

    concurrency: int
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    @property
    def turns(self) -> int:
        return len(self.latencies_ms) + self.errors

    @property
    def turns_per_second(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        """Nearest-rank percentile of the answered turns' latency, in ms."""
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        rank = max(1, math.ceil(share * len(ordered)))
        return ordered[min(rank, len(ordered)) - 1]


async def _send(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> bool:
    """Send one turn; True when the assistant answered with at least one message."""
    try:
        async with session.post(url, json={"sender": sender, "message": text}) as response:
            replies = await response.json(content_type=None)
            return response.status == 200 and bool(replies)
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        return False


async def _patient(
    session: aiohttp.ClientSession,
    url: str,
    conversations: itertools.cycle,
    count: int,
    result: LoadResult,
) -> None:
    for _ in range(count):
        sender = f"bench-{uuid.uuid4().hex}"
        for text in next(conversations):
            started = time.perf_counter()
            if await _send(session, url, sender, text):
                result.latencies_ms.append((time.perf_counter() - started) * 1000)
            else:
                result.errors += 1


async def run_load(
    webhook_url: str,
    conversations: list[list[str]],
    concurrency: int,
    conversations_per_patient: int,
) -> LoadResult:
    """Run ``concurrency`` patients, each holding ``conversations_per_patient`` conversations."""
    result = LoadResult(concurrency=concurrency)
    scripts = itertools.cycle(conversations)
    timeout = aiohttp.ClientTimeout(total=TURN_TIMEOUT_S)
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        started = time.perf_counter()
        await asyncio.gather(
            *(
                _patient(session, webhook_url, scripts, conversations_per_patient, result)
                for _ in range(concurrency)
            )
        )
        result.seconds = time.perf_counter() - started
    return result
