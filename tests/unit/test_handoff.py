from actions.handoff import ActionBookVisit, ActionContactStaff
from tests.unit.trackers import make_tracker

URL = "https://www.sportsandpainmanagement.com/"


def test_booking_gives_the_link_offices_and_a_button(dispatcher):
    events = ActionBookVisit().run(dispatcher, make_tracker("book_appointment", channel="rest"), {})
    assert events == []  # no booking question: a "yes" after it books nothing
    message = dispatcher.messages[0]
    assert URL in message["text"]
    assert "Humble, Texas" in message["text"] and "Baytown, Texas" in message["text"]
    assert message["buttons"] == [
        {"title": "Open the scheduling page", "type": "web_url", "url": URL, "payload": URL}
    ]


def test_in_a_terminal_the_link_is_plain_text_only(dispatcher):
    ActionBookVisit().run(dispatcher, make_tracker("book_appointment", channel="cmdline"), {})
    assert URL in dispatcher.messages[0]["text"]
    assert dispatcher.messages[0]["buttons"] == []


def test_phone_is_shown_only_when_configured(dispatcher, monkeypatch):
    ActionContactStaff().run(dispatcher, make_tracker("ask_human"), {})
    assert "call" not in dispatcher.messages[0]["text"]
    monkeypatch.setenv("CLINIC_PHONE", "(281) 555-0100")
    from actions.clinic_settings import load_settings

    load_settings.cache_clear()
    ActionContactStaff().run(dispatcher, make_tracker("ask_human"), {})
    assert "call the clinic at (281) 555-0100" in dispatcher.messages[1]["text"]


def test_scheduling_url_comes_from_the_environment(dispatcher, monkeypatch):
    monkeypatch.setenv("CLINIC_SCHEDULING_URL", "https://example.org/schedule")
    ActionBookVisit().run(dispatcher, make_tracker("book_appointment"), {})
    assert "https://example.org/schedule" in dispatcher.messages[0]["text"]
