"""Refuse to start when a Rasa (or python-engineio) internal we replace has changed.

``clinic_server`` and ``channels.socketio`` replace private parts of Rasa and
python-engineio, each written against one exact version. After an upgrade such a
patch could stop applying without any error (Rasa importing a function
differently, a method renamed), so each one calls ``require`` first: it checks
the installed version and the shape of what is replaced, and raises
``PatchMismatch`` with one line naming the patch and what changed.
"""

from __future__ import annotations

import dis
import inspect
from collections.abc import Callable, Sequence
from importlib.metadata import version
from itertools import pairwise
from typing import Any

README_SECTION = "README: Rasa internals we replace"
_NAME_OPS = {"IMPORT_NAME", "LOAD_DEREF", "LOAD_FAST", "LOAD_GLOBAL", "LOAD_NAME"}
_ATTRIBUTE_OPS = {"IMPORT_FROM", "LOAD_ATTR", "LOAD_METHOD"}


class PatchMismatch(RuntimeError):
    """A patch no longer fits the installed Rasa or python-engineio."""


def installed_version(distribution: str) -> str:
    """The installed version of ``distribution`` (e.g. ``rasa``)."""
    return version(distribution)


def require(
    patch: str,
    distribution: str,
    written_for: str,
    shape: dict[str, Callable[[], bool]],
) -> None:
    """Raise ``PatchMismatch`` unless ``distribution`` is ``written_for`` and ``shape`` holds.

    ``shape`` maps a description of what the patch relies on (``"X calls Y"``) to a
    check of it; a check that raises counts as failed.
    """
    wrote = f"{patch} was written for {distribution} {written_for}"
    remedy = f"remove the patch or update it ({README_SECTION})"
    found = installed_version(distribution)
    if found != written_for:
        raise PatchMismatch(f"{wrote}; found {distribution} {found}: {remedy}")
    for expectation, check in shape.items():
        if not _holds(check):
            raise PatchMismatch(f"{wrote}, where {expectation}; no longer so: {remedy}")


def _holds(check: Callable[[], bool]) -> bool:
    try:
        return bool(check())
    except (AttributeError, TypeError, ValueError):
        return False


def looks_up(function: Any, owner: str, attribute: str) -> bool:
    """Whether ``function`` reads ``owner.attribute`` (or imports it from ``owner``) when called.

    ``owner`` is a global, local or module name as written in the source:
    ``looks_up(f, "dask", "get")`` holds for ``dask.get(...)`` and
    ``looks_up(f, "jsonschema", "validate")`` for ``from jsonschema import validate``
    inside ``f``.
    """
    instructions = dis.get_instructions(inspect.unwrap(function))
    return any(
        first.opname in _NAME_OPS
        and first.argval == owner
        and second.opname in _ATTRIBUTE_OPS
        and second.argval == attribute
        for first, second in pairwise(instructions)
    )


def parameters(function: Any) -> Sequence[str]:
    """The names of ``function``'s parameters, in order."""
    return list(inspect.signature(function).parameters)
