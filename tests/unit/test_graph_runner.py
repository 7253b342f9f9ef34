import dask
import pytest
import rasa.engine.runner.dask as rasa_graph_runner

from clinic_server import graph_runner


def add(*inputs):
    return sum(inputs)


GRAPH = {
    "message": ("message", 1),  # data, as Rasa adds its inputs
    "tokens": (add, "seven"),
    "seven": 7,
    "features": (add, "tokens", "seven"),
    "intent": (add, "features", "tokens"),
}


@pytest.mark.parametrize("targets", [["intent"], ["features", "tokens"], ["message", "intent"]])
def test_results_match_dask(targets):
    assert graph_runner.get(GRAPH, targets) == dask.get(GRAPH, targets)


def test_each_node_runs_once():
    calls = []

    def node(*inputs):
        calls.append(inputs)
        return len(calls)

    graph = {"a": (node,), "b": (node, "a"), "c": (node, "a", "b")}
    graph_runner.get(graph, ["b", "c"])
    assert len(calls) == 3


def test_a_failing_component_raises_its_own_error():
    def broken():
        raise ValueError("component failed")

    with pytest.raises(ValueError, match="component failed"):
        graph_runner.get({"a": (broken,)}, ["a"])


def test_install_replaces_only_rasas_use_of_dask(monkeypatch):
    monkeypatch.setattr(rasa_graph_runner, "dask", rasa_graph_runner.dask)
    graph_runner.install()
    assert rasa_graph_runner.dask.get is graph_runner.get
    assert dask.get is not graph_runner.get
