from rasa_sdk.events import FollowupAction, SlotSet

from actions.answer_question import ActionAnswerQuestion
from tests.unit.trackers import generic_injection, make_tracker, procedure_entity

ACTION = ActionAnswerQuestion()


def run(dispatcher, intent, entities=None, slots=None):
    events = ACTION.run(dispatcher, make_tracker(intent, entities, slots), {})
    return events, dispatcher.messages[-1]


def test_answers_for_the_named_procedure_and_remembers_it(dispatcher):
    events, message = run(dispatcher, "ask_relief_duration", [procedure_entity("rhizotomy")])
    assert "several years" in message["text"]
    assert "Source: the clinic's article" in message["text"]
    assert SlotSet("procedure", "rhizotomy") in events
    assert SlotSet("aspect", "relief_duration") in events


def test_follow_up_uses_the_remembered_procedure(dispatcher):
    _, message = run(dispatcher, "ask_procedure_length", slots={"procedure": "nerve block"})
    assert "15 to 30 minutes" in message["text"]


def test_a_named_procedure_wins_over_the_remembered_one(dispatcher):
    _, message = run(
        dispatcher,
        "ask_procedure_length",
        [procedure_entity("rhizotomy")],
        slots={"procedure": "nerve block"},
    )
    assert "about an hour" in message["text"]


def test_unknown_procedure_gets_a_clarifying_question_with_buttons(dispatcher):
    events, message = run(dispatcher, "ask_relief_duration")
    assert "nerve block or a rhizotomy" in message["text"]
    assert [b["title"] for b in message["buttons"]] == ["Nerve block", "Rhizotomy", "Both"]
    assert message["buttons"][1]["payload"] == '/ask_relief_duration{"procedure":"rhizotomy"}'
    assert events == [SlotSet("aspect", "relief_duration"), SlotSet("condition", None)]


def test_naming_a_procedure_answers_the_pending_question(dispatcher):
    _, message = run(
        dispatcher,
        "inform_procedure",
        [procedure_entity("nerve block")],
        slots={"aspect": "relief_duration"},
    )
    assert "up to weeks" in message["text"]


def test_and_the_other_one_switches_procedure(dispatcher):
    events, message = run(
        dispatcher,
        "switch_procedure",
        slots={"aspect": "procedure_length", "procedure": "nerve block"},
    )
    assert "about an hour" in message["text"]
    assert SlotSet("procedure", "rhizotomy") in events


def test_and_for_a_named_procedure_answers_for_that_one(dispatcher):
    events, message = run(
        dispatcher,
        "switch_procedure",
        [procedure_entity("rhizotomy")],
        slots={"aspect": "procedure_length", "procedure": "rhizotomy"},
    )
    assert "about an hour" in message["text"]
    assert SlotSet("procedure", "rhizotomy") in events


def test_both_answers_for_each_procedure(dispatcher):
    _, message = run(
        dispatcher, "inform_procedure", [procedure_entity("both")], {"aspect": "onset"}
    )
    assert "Nerve block:" in message["text"] and "Rhizotomy:" in message["text"]


def test_a_bare_procedure_with_no_question_yet_explains_it(dispatcher):
    _, message = run(dispatcher, "inform_procedure", [procedure_entity("rhizotomy")])
    assert "semi-permanent" in message["text"]


def test_after_a_general_aspect_a_procedure_name_explains_that_procedure(dispatcher):
    _, message = run(
        dispatcher, "inform_procedure", [procedure_entity("nerve block")], {"aspect": "difference"}
    )
    assert "neural blockade" in message["text"]


def test_general_aspects_need_no_procedure(dispatcher):
    _, message = run(dispatcher, "ask_difference")
    assert "front-line" in message["text"] and "last-resort" in message["text"]


def test_answers_offer_follow_ups_and_booking(dispatcher):
    _, message = run(dispatcher, "ask_what_is", [procedure_entity("nerve block")])
    payloads = [b["payload"] for b in message["buttons"]]
    assert payloads == ["/ask_how_it_works", "/ask_relief_duration", "/book_appointment"]


def test_an_intent_without_an_aspect_gets_the_fallback(dispatcher):
    events = ACTION.run(dispatcher, make_tracker("ask_nonsense"), {})
    assert events == [FollowupAction("action_default_fallback")]
    assert dispatcher.messages == []


def test_the_injection_means_the_procedure_being_discussed(dispatcher):
    events, message = run(
        dispatcher, "ask_procedure_length", [generic_injection()], {"procedure": "rhizotomy"}
    )
    assert "about an hour" in message["text"]
    assert SlotSet("procedure", "rhizotomy") in events


def test_the_shot_alone_means_the_nerve_block(dispatcher):
    events, message = run(dispatcher, "ask_procedure_length", [generic_injection()])
    assert "15 to 30 minutes" in message["text"]
    assert SlotSet("procedure", "nerve block") in events


def test_naming_the_shot_after_a_rhizotomy_answers_for_the_nerve_block(dispatcher):
    slots = {"aspect": "procedure_length", "procedure": "rhizotomy"}
    for intent in ("inform_procedure", "switch_procedure"):  # "the shot" / "and the injection?"
        events, message = run(dispatcher, intent, [generic_injection()], slots)
        assert "15 to 30 minutes" in message["text"]
        assert SlotSet("procedure", "nerve block") in events


def test_a_named_procedure_outranks_the_shot_in_the_same_message(dispatcher):
    entities = [generic_injection(), procedure_entity("rhizotomy")]
    _, message = run(dispatcher, "ask_procedure_length", entities)
    assert "about an hour" in message["text"]


def test_two_procedures_named_answer_for_both_and_are_remembered(dispatcher):
    entities = [procedure_entity("nerve block"), procedure_entity("rhizotomy")]
    events, message = run(dispatcher, "ask_relief_duration", entities, {"procedure": "rhizotomy"})
    assert "up to weeks" in message["text"] and "several years" in message["text"]
    assert SlotSet("procedure", "both") in events


def test_a_remembered_both_answers_a_follow_up_for_both(dispatcher):
    _, message = run(dispatcher, "ask_onset", slots={"procedure": "both"})
    assert "Nerve block:" in message["text"] and "Rhizotomy:" in message["text"]


def test_a_slot_value_that_names_no_procedure_is_not_trusted(dispatcher):
    # A payload typed by hand, /ask_onset{"procedure":"<script>"}, fills the slot too.
    events, message = run(
        dispatcher, "ask_onset", [procedure_entity("<script>")], {"procedure": "<script>"}
    )
    assert "nerve block or a rhizotomy" in message["text"]
    assert events == [SlotSet("aspect", "onset"), SlotSet("condition", None)]


def test_a_condition_the_article_does_not_name_is_said_plainly(dispatcher):
    tracker = make_tracker(
        "ask_candidates",
        [procedure_entity("nerve block")],
        text="can a nerve block fix my sciatica?",
    )
    events = ACTION.run(dispatcher, tracker, {})
    text = dispatcher.messages[-1]["text"]
    assert "pain after surgery" in text  # the general facts
    assert "doesn't say whether a nerve block is used for sciatica" in text
    assert SlotSet("condition", None) in events


def test_a_condition_survives_the_which_procedure_question(dispatcher):
    tracker = make_tracker("ask_candidates", text="is it good for arthritis in my knees")
    events = ACTION.run(dispatcher, tracker, {})
    assert "nerve block or a rhizotomy?" in dispatcher.messages[-1]["text"]
    assert SlotSet("condition", "arthritis") in events

    tracker = make_tracker(
        "ask_candidates",
        [procedure_entity("rhizotomy")],
        slots={"condition": "arthritis"},
        text='/ask_candidates{"procedure":"rhizotomy"}',
    )
    ACTION.run(dispatcher, tracker, {})
    assert (
        "doesn't say whether a rhizotomy is used for arthritis" in dispatcher.messages[-1]["text"]
    )


def test_a_question_without_a_condition_gets_no_note(dispatcher):
    tracker = make_tracker("ask_candidates", [procedure_entity("rhizotomy")], text="who is it for")
    ACTION.run(dispatcher, tracker, {})
    assert "doesn't say whether" not in dispatcher.messages[-1]["text"]


def test_a_spanish_speaking_patient_gets_the_answer_and_buttons_in_spanish(dispatcher):
    _, message = run(
        dispatcher,
        "ask_relief_duration",
        [procedure_entity("rhizotomy")],
        slots={"language": "es"},
    )
    assert "varios años" in message["text"]
    assert "Fuente:" in message["text"]
    titles = [button["title"] for button in message["buttons"]]
    assert "Hacer una cita" in titles
    assert all(b["payload"].startswith("/") for b in message["buttons"])  # language-neutral


def test_the_clarifying_question_comes_in_spanish_with_neutral_payloads(dispatcher):
    _, message = run(dispatcher, "ask_procedure_length", slots={"language": "es"})
    assert "¿Se refiere a un bloqueo nervioso o a una rizotomía?" in message["text"]
    assert [b["title"] for b in message["buttons"]] == ["Bloqueo nervioso", "Rizotomía", "Los dos"]
    assert message["buttons"][0]["payload"] == '/ask_procedure_length{"procedure":"nerve block"}'


def test_a_question_after_the_patients_story_is_answered_as_general_information(dispatcher):
    text = "My back hurt for years and pills did nothing. How long does a rhizotomy last?"
    start = text.index("How")
    question = {
        "intent": "ask_relief_duration",
        "confidence": 0.9,
        "start": start,
        "end": len(text),
    }
    tracker = make_tracker(
        "ask_relief_duration",
        [procedure_entity("rhizotomy")],
        text=text,
        questions=[question],
    )
    ACTION.run(dispatcher, tracker, {})
    reply = dispatcher.messages[-1]["text"]
    assert reply.startswith("Here is the general information")
    assert "several years" in reply
