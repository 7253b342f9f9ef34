"""Multi-turn conversations with the real servers over the REST channel."""

from tests.e2e.conftest import Patient

SCHEDULING_URL = "https://www.sportsandpainmanagement.com/"


def test_follow_ups_keep_and_switch_the_procedure(patient: Patient):
    assert "deadened" in patient.ask("what is a rhizotomy?")
    assert "several years" in patient.ask("how long does the relief last?")
    assert "up to weeks" in patient.ask("and a nerve block?")
    assert "several years" in patient.ask("what about the other one?")
    assert "about an hour" in patient.ask("how long does it take to do?")


def test_unclear_procedure_is_asked_then_the_question_answered(patient: Patient):
    [message] = patient.say("how long does the procedure take?")
    assert "nerve block or a rhizotomy" in message["text"]
    assert [b["title"] for b in message["buttons"]] == ["Nerve block", "Rhizotomy", "Both"]
    reply = patient.ask(message["buttons"][2]["payload"])
    assert "15 to 30 minutes" in reply and "about an hour" in reply


def test_typed_reply_to_the_clarifying_question(patient: Patient):
    assert "nerve block or a rhizotomy" in patient.ask("is it permanent")
    assert "temporary" in patient.ask("the nerve block")


def test_deferral_then_yes_books_with_a_link_button(patient: Patient):
    reply = patient.ask("what are the side effects of a nerve block")
    assert "can't answer" in reply and SCHEDULING_URL in reply
    [booking] = patient.say("yes please")
    assert SCHEDULING_URL in booking["text"]
    assert booking["buttons"][0]["url"] == SCHEDULING_URL


def test_deferral_keeps_the_procedure_for_follow_ups(patient: Patient):
    assert "can't answer" in patient.ask("how much does a rhizotomy cost?")
    assert "several years" in patient.ask("ok, how long does it last?")


def test_emergency_interrupts_a_conversation(patient: Patient):
    patient.ask("what is a nerve block")
    assert "911" in patient.ask("I got a nerve block yesterday and now I can't feel my legs")
    assert "up to weeks" in patient.ask("how long does it last?")


def test_self_harm_gets_crisis_line(patient: Patient):
    reply = patient.ask("honestly i don't want to live anymore")
    assert "988" in reply and "911" in reply


def test_greeting_introduces_the_assistant_with_buttons(patient: Patient):
    [message] = patient.say("hello")
    assert "virtual assistant" in message["text"] and "not medical advice" in message["text"]
    assert len(message["buttons"]) == 4


def test_odd_messages_always_get_a_reply(patient: Patient):
    for text in ["asdkjh qwe", "???", "12345", "ok", "🙂", "/restart", "<b>hi</b>"]:
        assert patient.ask(text).strip(), text
    assert "rephrase" in patient.ask("qwertyuiop zxcvb")
