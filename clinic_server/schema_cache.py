"""Validate JSON against a schema without re-checking the schema on every call.

``jsonschema.validate`` checks the schema itself against its meta-schema before
every validation. Rasa validates each action server reply that way, with a large
events schema, and the profile of a turn showed half of the Rasa server's time
spent there. ``validate`` below is a drop-in replacement that checks each distinct
schema once and reuses its validator; the instance checks and the errors raised
are the same.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from rasa.core.actions.action import RemoteAction

from clinic_server import compat

_original_validate = jsonschema.validate


@lru_cache(maxsize=64)
def _checked_validator(schema_json: str) -> Validator:
    schema = json.loads(schema_json)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate(instance: Any, schema: Any, cls: Any = None, *args: Any, **kwargs: Any) -> None:
    """``jsonschema.validate`` with the schema check and the validator cached."""
    if cls is not None or args or kwargs:
        _original_validate(instance, schema, cls, *args, **kwargs)
        return
    error = best_match(_checked_validator(json.dumps(schema, sort_keys=True)).iter_errors(instance))
    if error is not None:
        raise error


def check() -> None:
    """Refuse (``compat.PatchMismatch``) unless Rasa still looks ``jsonschema.validate`` up."""
    compat.require(__name__, "jsonschema", "4.17.3", {})  # ``validate`` mirrors its validate
    compat.require(
        __name__,
        "rasa",
        "3.6.21",
        {
            "RemoteAction._validate_action_result imports jsonschema.validate at each call": (
                lambda: compat.looks_up(
                    RemoteAction._validate_action_result, "jsonschema", "validate"
                )
            ),
        },
    )


def install() -> None:
    """Make ``jsonschema.validate`` (looked up by Rasa at each call) the cached one."""
    check()
    jsonschema.validate = validate
