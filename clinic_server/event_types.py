"""Find an event class by its type name without walking every Event subclass each time.

Rasa rebuilds a tracker from its stored events at every message, and for each
event ``Event.resolve_by_type`` walks the whole tree of Event subclasses: 7% of
the server's time per turn in the profile. ``resolve_by_type`` below remembers
each class once found and otherwise asks Rasa's own function, so unknown names
and defaults behave exactly as before.
"""

from __future__ import annotations

from rasa.shared.core.events import Event

from clinic_server import compat

_rasa_resolve_by_type = Event.resolve_by_type
_found: dict[str, type[Event]] = {}


def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """``Event.resolve_by_type`` with the classes it found remembered."""
    known = _found.get(type_name)
    if known is not None:
        return known
    found = _rasa_resolve_by_type(type_name, default)
    if found is not None and found.type_name == type_name:
        _found[type_name] = found
    return found


def check() -> None:
    """Refuse (``compat.PatchMismatch``) unless Rasa still resolves events as we replace it."""
    compat.require(
        __name__,
        "rasa",
        "3.6.21",
        {
            "Event.resolve_by_type takes (type_name, default)": lambda: (
                compat.parameters(Event.resolve_by_type) == ["type_name", "default"]
            ),
            "Event.from_parameters calls Event.resolve_by_type": lambda: compat.looks_up(
                Event.from_parameters, "Event", "resolve_by_type"
            ),
        },
    )


def install() -> None:
    """Make ``Event.resolve_by_type`` (what Rasa calls for each stored event) ours."""
    check()
    Event.resolve_by_type = staticmethod(resolve_by_type)
