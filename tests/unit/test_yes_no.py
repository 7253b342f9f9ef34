from actions.replies import BOOKING_QUESTION
from actions.yes_no import ANYTHING_ELSE, ANYTHING_ELSE_AFTER_NO, NO_BOOKING, ActionHandleYesNo

ACTION = ActionHandleYesNo()
OFFER = f"I can't answer that here. {BOOKING_QUESTION}"


def reply(dispatcher, intent, bot_text):
    from tests.unit.trackers import make_tracker

    ACTION.run(dispatcher, make_tracker(intent, bot_text=bot_text), {})
    return dispatcher.messages[-1]["text"]


def test_yes_to_a_booking_offer_books(dispatcher):
    assert "https://" in reply(dispatcher, "affirm", OFFER)


def test_no_to_a_booking_offer_is_respected(dispatcher):
    assert reply(dispatcher, "deny", OFFER) == NO_BOOKING


def test_yes_or_no_without_an_offer_steers_back(dispatcher):
    assert reply(dispatcher, "affirm", "A rhizotomy takes about an hour.") == ANYTHING_ELSE
    assert reply(dispatcher, "deny", None) == ANYTHING_ELSE_AFTER_NO
