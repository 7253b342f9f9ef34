"""Scale-out: two Rasa servers behind nginx sharing PostgreSQL and Redis (make cluster).

50 conversations of 6 turns run at once, each turn sent to the other Rasa server than
the turn before (so every conversation is spread across both); every turn must get the
right answer from the shared context, and PostgreSQL must hold each conversation's user
turns exactly once, in order. nginx's balancing and failover are tested separately.
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

CONVERSATIONS = 50
TURNS = [
    ("what is a rhizotomy?", "semi-permanent"),
    ("how long does the relief last?", "several years"),
    ("and a nerve block?", "up to weeks"),
    ("how long does it take?", "15 to 30 minutes"),
    ("what about the other one?", "about an hour"),
    ("where are your offices?", "Baytown"),
]


@pytest.fixture(scope="module")
def cluster(clinic_cluster):
    """The session's cluster (conftest.py), whole again after any earlier fault test."""
    clinic_cluster.wait_until_whole()
    ports = clinic_cluster.ports
    return {
        "url": clinic_cluster.url,
        "db": clinic_cluster.db,
        "instances": {f"127.0.0.1:{ports['RASA_PORT_A']}", f"127.0.0.1:{ports['RASA_PORT_B']}"},
        "instance_urls": [
            f"http://localhost:{ports[name]}/webhooks/rest/webhook"
            for name in ("RASA_PORT_A", "RASA_PORT_B")
        ],
        "pid_file_a": clinic_cluster.state / f"{clinic_cluster.rasa('A')}.pid",
    }


def converse(urls: list[str], first: int) -> dict:
    """One conversation, its turns alternating between the servers at ``urls``."""
    sender = f"scale-{uuid.uuid4().hex}"
    served_by, latencies, wrong = set(), [], []
    with requests.Session() as session:
        for turn, (text, expected) in enumerate(TURNS):
            url = urls[(first + turn) % len(urls)]
            started = time.perf_counter()
            response = session.post(url, json={"sender": sender, "message": text}, timeout=60)
            latencies.append(time.perf_counter() - started)
            served_by.add(url)
            reply = " ".join(m.get("text", "") for m in response.json())
            if response.status_code != 200 or expected not in reply:
                wrong.append((text, response.status_code, reply[:120]))
    return {"sender": sender, "served_by": served_by, "latencies": latencies, "wrong": wrong}


def test_fifty_concurrent_conversations_across_two_instances(cluster):
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CONVERSATIONS) as pool:
        results = list(
            pool.map(lambda i: converse(cluster["instance_urls"], i), range(CONVERSATIONS))
        )
    elapsed = time.perf_counter() - started

    latencies = sorted(s for r in results for s in r["latencies"])
    p50_ms = statistics.median(latencies) * 1000
    p95_ms = latencies[int(0.95 * (len(latencies) - 1))] * 1000
    errors = sum(len(r["wrong"]) for r in results)
    print(
        f"\n{len(latencies)} turns in {elapsed:.1f} s, errors {errors}, "
        f"p50 {p50_ms:.0f} ms, p95 {p95_ms:.0f} ms"
    )
    assert all(not r["wrong"] for r in results), [r["wrong"] for r in results if r["wrong"]][:3]
    assert all(r["served_by"] == set(cluster["instance_urls"]) for r in results)

    engine = sa.create_engine(cluster["db"])
    with engine.connect() as connection:
        for result in results:
            rows = connection.execute(
                sa.text(
                    "SELECT data FROM events WHERE sender_id = :sender AND type_name = 'user' "
                    "ORDER BY id"
                ),
                {"sender": result["sender"]},
            )
            texts = [json.loads(row[0])["text"] for row in rows]
            assert texts == [text for text, _ in TURNS]
    engine.dispose()


def test_stopping_one_instance_loses_no_conversation(cluster):
    sender = f"failover-{uuid.uuid4().hex}"

    def ask(text: str) -> str:
        response = requests.post(
            cluster["url"], json={"sender": sender, "message": text}, timeout=60
        )
        assert response.status_code == 200
        return " ".join(m.get("text", "") for m in response.json())

    served_by = set()
    for _ in range(4):  # nginx balances round-robin over both servers
        response = requests.get(cluster["url"].rsplit("/webhooks", 1)[0] + "/", timeout=30)
        served_by.add(response.headers["X-Served-By"])
    assert served_by == cluster["instances"]

    assert "semi-permanent" in ask(TURNS[0][0])
    pid = int(cluster["pid_file_a"].read_text())
    os.kill(pid, signal.SIGTERM)
    for _ in range(60):
        if not Path(f"/proc/{pid}").exists():
            break
        time.sleep(0.5)
    for text, expected in TURNS[1:]:
        assert expected in ask(text), text
