"""One `make cluster` (scripts/cluster.sh) on free ports for every cluster test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.failover import Cluster, running_cluster

NEEDS = {"initdb": "postgresql", "redis-server": "redis-server", "nginx": "nginx"}


def missing_packages() -> list[str]:
    has_postgres = any(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    found = {"initdb": has_postgres} | {
        cmd: bool(shutil.which(cmd)) for cmd in NEEDS if cmd != "initdb"
    }
    return [NEEDS[cmd] for cmd, ok in found.items() if not ok]


@pytest.fixture(scope="session")
def clinic_cluster() -> Iterator[Cluster]:
    missing = missing_packages()
    if missing:
        pytest.skip(f"install {' '.join(missing)} (apt-get; .ci/run does) to test the scale-out")
    with running_cluster() as cluster:
        yield cluster
