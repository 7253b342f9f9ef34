import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from clinic_server import schema_cache

SCHEMA = RemoteAction.action_response_format_spec()
VALID = {"events": [{"event": "slot", "name": "procedure", "value": "rhizotomy"}], "responses": []}
INVALID = {"events": [{"event": "slot", "name": 3}], "responses": "not a list"}


def test_a_valid_action_reply_passes():
    schema_cache.validate(VALID, SCHEMA)


def test_an_invalid_reply_raises_the_same_error_as_jsonschema():
    with pytest.raises(jsonschema.ValidationError) as ours:
        schema_cache.validate(INVALID, SCHEMA)
    with pytest.raises(jsonschema.ValidationError) as theirs:
        jsonschema.validate(INVALID, SCHEMA)
    assert ours.value.message == theirs.value.message


def test_an_invalid_schema_is_still_refused():
    with pytest.raises(jsonschema.SchemaError):
        schema_cache.validate({}, {"type": "no such type"})


def test_install_replaces_the_function_rasa_looks_up(monkeypatch):
    monkeypatch.setattr(jsonschema, "validate", jsonschema.validate)
    schema_cache.install()
    assert jsonschema.validate is schema_cache.validate
