"""Rasa's own graph runner computes through ``clinic_server.graph_runner.get``."""

from typing import Any

import dask
import pytest
import rasa.engine.runner.dask as rasa_graph_runner
from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema, SchemaNode
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage

from clinic_server import compat, graph_runner


class Add(GraphComponent):
    """A graph component summing its inputs."""

    @classmethod
    def create(cls, *_args: Any, **_kwargs: Any) -> "Add":
        return cls()

    def add(self, **numbers: int) -> int:
        return sum(numbers.values())


def node(**needs: str) -> SchemaNode:
    return SchemaNode(needs=needs, uses=Add, constructor_name="create", fn="add", config={})


SCHEMA = GraphSchema(
    {
        "double": node(a="number", b="number"),
        "triple": node(a="double", b="number"),
        "unused": node(a="number"),
    }
)


@pytest.fixture
def runner(tmp_path) -> DaskGraphRunner:
    context = ExecutionContext(SCHEMA, "model")
    return DaskGraphRunner(SCHEMA, LocalModelStorage(tmp_path), context)


@pytest.fixture
def restored(monkeypatch):
    """Whatever a test installs is undone after it."""
    monkeypatch.setattr(rasa_graph_runner, "dask", rasa_graph_runner.dask)


def test_rasas_runner_uses_our_get_and_not_dask(runner, restored, monkeypatch):
    calls, ours = [], graph_runner.get

    def counted_get(graph, targets):
        calls.append(targets)
        return ours(graph, targets)

    def no_dask(*_args):
        raise AssertionError("dask.get was used")

    monkeypatch.setattr(graph_runner, "get", counted_get)
    monkeypatch.setattr(dask, "get", no_dask)
    graph_runner.install()
    assert runner.run(inputs={"number": 2}, targets=["triple"]) == {"triple": 6}
    assert runner.run(inputs={"number": 1}, targets=["double", "triple"]) == {
        "double": 2,
        "triple": 3,
    }
    assert calls == [["triple"], ["double", "triple"]]


def test_another_rasa_version_is_refused(restored, monkeypatch):
    monkeypatch.setattr(compat, "installed_version", lambda distribution: "3.7.0")
    with pytest.raises(compat.PatchMismatch, match="written for rasa 3.6.21; found rasa 3.7.0"):
        graph_runner.install()
    assert rasa_graph_runner.dask is dask


def test_a_runner_module_without_dask_is_refused(restored, monkeypatch):
    monkeypatch.delattr(rasa_graph_runner, "dask")
    with pytest.raises(compat.PatchMismatch, match="has a module attribute dask with get"):
        graph_runner.install()


def test_a_runner_no_longer_calling_dask_get_is_refused(restored, monkeypatch):
    def run(self, inputs=None, targets=None):
        return dict(dask.threaded.get(self._build_dask_graph(self._graph_schema), targets))

    monkeypatch.setattr(DaskGraphRunner, "run", run)
    with pytest.raises(compat.PatchMismatch, match="DaskGraphRunner.run calls that dask.get"):
        graph_runner.install()
    assert rasa_graph_runner.dask is dask
