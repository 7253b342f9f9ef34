"""The shared check behind every patch of a Rasa or python-engineio internal."""

import inspect

import jsonschema
import pytest
import rasa.engine.runner.dask as rasa_graph_runner
from rasa.core.agent import Agent
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import Event

from clinic_server import compat
from clinic_server.__main__ import install_all

README = r"remove the patch or update it \(README: Rasa internals we replace\)$"


def uses_validate_imported_at_call(instance: object) -> None:
    from jsonschema import validate

    validate(instance, {})


def uses_validate_through_the_module(instance: object) -> None:
    jsonschema.validate(instance, {})


def uses_validate_imported_once(instance: object) -> None:
    jsonschema_validate(instance, {})


jsonschema_validate = jsonschema.validate


@pytest.mark.parametrize(
    ("function", "looked_up"),
    [
        (uses_validate_imported_at_call, True),
        (uses_validate_through_the_module, True),
        (uses_validate_imported_once, False),
    ],
)
def test_looks_up_sees_how_a_function_reaches_an_attribute(function, looked_up):
    assert compat.looks_up(function, "jsonschema", "validate") is looked_up
    assert compat.looks_up(function, "jsonschema", "ValidationError") is False


def test_the_right_version_and_shape_pass():
    compat.require("p", "rasa", "3.6.21", {"it holds": lambda: True})


def test_another_version_is_refused_in_one_line():
    with pytest.raises(compat.PatchMismatch) as refused:
        compat.require("clinic_server.p", "rasa", "3.5.0", {"it holds": lambda: True})
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith("clinic_server.p was written for rasa 3.5.0; found rasa 3.6.21: ")
    assert refused.match(README)


@pytest.mark.parametrize("check", [lambda: False, lambda: Event.no_such_attribute])
def test_a_shape_that_no_longer_holds_is_refused_in_one_line(check):
    with pytest.raises(compat.PatchMismatch, match=r"where Event has it; no longer so: " + README):
        compat.require("clinic_server.p", "rasa", "3.6.21", {"Event has it": check})


@pytest.fixture
def restored(monkeypatch):
    """Whatever a test installs is undone after it."""
    monkeypatch.setattr(jsonschema, "validate", jsonschema.validate)
    monkeypatch.setattr(rasa_graph_runner, "dask", rasa_graph_runner.dask)
    monkeypatch.setattr(Event, "resolve_by_type", inspect.getattr_static(Event, "resolve_by_type"))
    monkeypatch.setattr(MessageProcessor, "handle_message", MessageProcessor.handle_message)
    monkeypatch.setattr(
        Agent, "_create_tracker_store", inspect.getattr_static(Agent, "_create_tracker_store")
    )


def test_the_server_starts_with_the_versions_it_was_written_for(restored):
    install_all()


def test_the_server_refuses_another_rasa_before_patching_anything(restored, monkeypatch):
    monkeypatch.setattr(compat, "installed_version", lambda distribution: "3.7.0")
    validate, dask = jsonschema.validate, rasa_graph_runner.dask
    with pytest.raises(compat.PatchMismatch, match=README):
        install_all()
    assert (jsonschema.validate, rasa_graph_runner.dask) == (validate, dask)
