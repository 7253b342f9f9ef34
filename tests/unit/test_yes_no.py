from pathlib import Path

import pytest
import yaml
from rasa_sdk.events import SlotSet

from actions.replies import BOOKING_OFFERED_SLOT
from actions.texts import text
from actions.yes_no import ActionHandleYesNo
from tests.unit.trackers import ROOT, make_tracker, slots_after_message

BOOKING_QUESTION = text("booking_question", "en")
ANYTHING_ELSE = text("anything_else", "en")
ANYTHING_ELSE_AFTER_NO = text("anything_else_after_no", "en")
NO_BOOKING = text("no_booking", "en")
ACTION = ActionHandleYesNo()
RESET = SlotSet(BOOKING_OFFERED_SLOT, False)


def reply(dispatcher, intent, offered):
    events = ACTION.run(dispatcher, make_tracker(intent, slots={BOOKING_OFFERED_SLOT: offered}), {})
    assert events == [RESET]  # answered, or never offered: a second "yes" books nothing
    return dispatcher.messages[-1]["text"]


def test_yes_to_a_booking_offer_books(dispatcher):
    assert "https://" in reply(dispatcher, "affirm", True)


def test_no_to_a_booking_offer_is_respected(dispatcher):
    assert reply(dispatcher, "deny", True) == NO_BOOKING


@pytest.mark.parametrize("offered", [False, None])
def test_yes_or_no_without_an_offer_steers_back(dispatcher, offered):
    assert reply(dispatcher, "affirm", offered) == ANYTHING_ELSE
    assert reply(dispatcher, "deny", offered) == ANYTHING_ELSE_AFTER_NO


# ---------------------------------------------------------------------------
# The booking_offered slot between the replies (domain.yml's mappings)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("intent", ["affirm", "deny"])
def test_a_yes_or_no_keeps_the_offer_for_action_handle_yes_no(intent):
    assert slots_after_message(intent, slots={BOOKING_OFFERED_SLOT: True})[BOOKING_OFFERED_SLOT]


@pytest.mark.parametrize("intent", ["greet", "thank", "ask_onset", "ask_cost", "nlu_fallback"])
def test_any_other_message_withdraws_the_offer(intent):
    # a reply that asks again (action_defer_topic for ask_cost) sets it again
    slots = slots_after_message(intent, slots={BOOKING_OFFERED_SLOT: True})
    assert slots[BOOKING_OFFERED_SLOT] is False


def test_personal_advice_offers_booking():
    assert slots_after_message("ask_personal_advice")[BOOKING_OFFERED_SLOT] is True


def _rules() -> list[dict]:
    return [
        rule
        for path in sorted((ROOT / "data" / "rules").glob("*.yml"))
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]
    ]


def test_every_response_that_asks_the_booking_question_offers_booking():
    """The responses of domain.yml asking it and the intents mapped to ``true`` agree."""
    domain = yaml.safe_load(Path(ROOT / "domain.yml").read_text(encoding="utf-8"))
    asking = {
        name
        for name, variants in domain["responses"].items()
        if any(BOOKING_QUESTION in " ".join(v.get("text", "").split()) for v in variants)
    }
    assert asking == {"utter_personal_advice"}
    answered_by_asking = {
        step["intent"]
        for rule in _rules()
        if any(step.get("action") in asking for step in rule["steps"])
        for step in rule["steps"]
        if "intent" in step
    }
    mappings = domain["slots"][BOOKING_OFFERED_SLOT]["mappings"]
    offering = {m["intent"] for m in mappings if m["type"] == "from_intent" and m["value"] is True}
    assert offering == answered_by_asking == {"ask_personal_advice"}
