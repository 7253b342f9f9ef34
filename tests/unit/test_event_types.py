import pytest
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered

from clinic_server import event_types


@pytest.mark.parametrize("event_class", [UserUttered, ActionExecuted, SlotSet])
def test_known_names_resolve_to_their_class_every_time(event_class):
    for _ in range(2):
        assert event_types.resolve_by_type(event_class.type_name) is event_class


def test_unknown_names_behave_as_in_rasa():
    assert event_types.resolve_by_type("no such event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError):
        event_types.resolve_by_type("no such event")


def test_install_makes_rasa_use_it(monkeypatch):
    monkeypatch.setattr(Event, "resolve_by_type", Event.resolve_by_type)
    event_types.install()
    assert Event.resolve_by_type("user") is UserUttered
    assert Event.resolve_by_type is event_types.resolve_by_type
