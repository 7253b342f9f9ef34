"""Rasa's own check of an action server reply validates through ``schema_cache``."""

import asyncio
import copy

import jsonschema
import pytest
from jsonschema import validate as validate_imported_once
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from clinic_server import compat, schema_cache

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
slots:
  procedure:
    type: text
    mappings: [{type: custom}]
"""
)
REPLY = {
    "events": [{"event": "slot", "name": "procedure", "value": "rhizotomy"}],
    "responses": [{"text": "A rhizotomy is a procedure that calms a painful nerve."}],
}


class ActionServer(EndpointConfig):
    """Answers every action call with ``reply``, as the clinic's action server would."""

    def __init__(self, reply: dict) -> None:
        super().__init__("http://actions.invalid/webhook")
        self.reply = reply

    async def request(self, **_kwargs: object) -> dict:
        return copy.deepcopy(self.reply)


def run_remote_action(reply: dict) -> list:
    """Rasa's ``RemoteAction.run`` for one turn, its action server answering ``reply``."""
    action = RemoteAction("action_answer_question", ActionServer(reply))
    tracker = DialogueStateTracker("patient", DOMAIN.slots)
    nlg = TemplatedNaturalLanguageGenerator(DOMAIN.responses)
    return asyncio.run(action.run(CollectingOutputChannel(), nlg, tracker, DOMAIN))


@pytest.fixture
def restored(monkeypatch):
    """Whatever a test installs is undone after it."""
    monkeypatch.setattr(jsonschema, "validate", jsonschema.validate)


def test_rasas_remote_action_validates_replies_with_the_cached_validator(restored):
    schema_cache.install()
    schema_cache._checked_validator.cache_clear()
    for _ in range(3):
        events = run_remote_action(REPLY)
        assert [type(event) for event in events] == [BotUttered, SlotSet]
    info = schema_cache._checked_validator.cache_info()
    assert (info.misses, info.hits) == (1, 2)


def test_rasa_still_refuses_an_invalid_reply_through_the_cache(restored):
    schema_cache.install()
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server"):
        run_remote_action({"events": [{"event": "slot", "name": 3}], "responses": []})


def test_another_rasa_version_is_refused(restored, monkeypatch):
    versions = {"rasa": "3.7.0", "jsonschema": "4.17.3"}
    monkeypatch.setattr(compat, "installed_version", versions.get)
    with pytest.raises(compat.PatchMismatch, match="written for rasa 3.6.21; found rasa 3.7.0"):
        schema_cache.install()
    assert jsonschema.validate is not schema_cache.validate


def test_another_jsonschema_version_is_refused(restored, monkeypatch):
    versions = {"rasa": "3.6.21", "jsonschema": "4.18.0"}
    monkeypatch.setattr(compat, "installed_version", versions.get)
    with pytest.raises(compat.PatchMismatch, match="found jsonschema 4.18.0"):
        schema_cache.install()


def test_rasa_importing_validate_once_is_refused(restored, monkeypatch):
    """Were Rasa to import ``validate`` at module level, the cache would never be used."""

    def validate_action_result(self, result):
        validate_imported_once(result, self.action_response_format_spec())
        return True

    monkeypatch.setattr(RemoteAction, "_validate_action_result", validate_action_result)
    with pytest.raises(compat.PatchMismatch, match="imports jsonschema.validate at each call"):
        schema_cache.install()
    assert jsonschema.validate is not schema_cache.validate
