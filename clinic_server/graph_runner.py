"""Run Rasa's model graph in plain Python instead of through dask's scheduler.

Rasa executes its model graph (the NLU pipeline for each message, the policies for
each predicted action) with ``dask.get``, dask's single-threaded scheduler. Its
bookkeeping took about a tenth of the server's time per turn in the profile,
more than the components themselves. ``get`` below computes the same graph
(dask's task format: a tuple whose first item is callable is a task, other
values are data) depth-first with each result kept once.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from types import SimpleNamespace
from typing import Any

import rasa.engine.runner.dask as rasa_graph_runner

from clinic_server import compat


def get(graph: dict[Hashable, Any], targets: Sequence[Hashable]) -> tuple[Any, ...]:
    """The values of ``targets`` in ``graph``, like ``dask.get``."""
    results: dict[Hashable, Any] = {}

    def compute(key: Hashable) -> Any:
        if key not in results:
            task = graph[key]
            if isinstance(task, tuple) and task and callable(task[0]):
                results[key] = task[0](*(compute(need) for need in task[1:]))
            else:
                results[key] = task
        return results[key]

    return tuple(compute(target) for target in targets)


def check() -> None:
    """Refuse (``compat.PatchMismatch``) unless Rasa still runs its graph with ``dask.get``."""
    compat.require(
        __name__,
        "rasa",
        "3.6.21",
        {
            "rasa.engine.runner.dask has a module attribute dask with get": lambda: callable(
                rasa_graph_runner.dask.get
            ),
            "DaskGraphRunner.run calls that dask.get": lambda: compat.looks_up(
                rasa_graph_runner.DaskGraphRunner.run, "dask", "get"
            ),
        },
    )


def install() -> None:
    """Make Rasa's graph runner use ``get`` (only that module; dask itself is untouched)."""
    check()
    rasa_graph_runner.dask = SimpleNamespace(get=get)
