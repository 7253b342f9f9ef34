from rasa_sdk.events import SlotSet

from actions.answer_question import ActionAnswerQuestion
from actions.deferral import ActionDeferTopic
from tests.unit.trackers import make_tracker

TEXT = "how long does a rhizotomy take and will I be awake? and what does a nerve block cost"


def question(intent: str, part: str, text: str = TEXT) -> dict:
    start = text.index(part)
    return {"intent": intent, "confidence": 0.9, "start": start, "end": start + len(part)}


def entity(value: str, word: str, text: str = TEXT) -> dict:
    start = text.index(word)
    return {"entity": "procedure", "value": value, "start": start, "end": start + len(word)}


def test_each_question_is_answered_in_order_in_one_reply(dispatcher):
    questions = [
        question("ask_procedure_length", "how long does a rhizotomy take"),
        question("ask_comfort", "will I be awake"),
    ]
    tracker = make_tracker(
        "ask_procedure_length", [entity("rhizotomy", "rhizotomy")], text=TEXT, questions=questions
    )
    events = ActionAnswerQuestion().run(dispatcher, tracker, {})
    assert len(dispatcher.messages) == 1
    reply = dispatcher.messages[0]["text"]
    assert reply.index("an hour") < reply.index("sedative")
    assert "15 to 30" not in reply  # the nerve block's length: not asked
    assert reply.count("Source:") == 1 and reply.endswith('Difference?"')
    assert SlotSet("aspect", "comfort") in events and SlotSet("procedure", "rhizotomy") in events
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert titles[-1] == "Book a visit"


def test_a_topic_the_article_does_not_cover_is_said_plainly_beside_the_answer(dispatcher):
    questions = [
        question("ask_procedure_length", "how long does a rhizotomy take"),
        question("ask_cost", "what does a nerve block cost"),
    ]
    entities = [entity("rhizotomy", "rhizotomy"), entity("nerve block", "nerve block")]
    tracker = make_tracker("ask_procedure_length", entities, text=TEXT, questions=questions)
    events = ActionAnswerQuestion().run(dispatcher, tracker, {})
    reply = dispatcher.messages[0]["text"]
    assert "an hour" in reply and "15 to 30" not in reply
    assert "doesn't cover the cost for a nerve block" in reply
    assert "Would you like to book a visit?" in reply
    assert SlotSet("booking_offered", True) in events


def test_with_no_procedure_known_both_are_answered(dispatcher):
    text = "how long does it take and will I be awake"
    questions = [
        question("ask_procedure_length", "how long does it take", text),
        question("ask_comfort", "will I be awake", text),
    ]
    tracker = make_tracker("ask_procedure_length", text=text, questions=questions)
    ActionAnswerQuestion().run(dispatcher, tracker, {})
    reply = dispatcher.messages[0]["text"]
    assert "15 to 30" in reply and "an hour" in reply
    assert "Which" not in reply and "Do you mean" not in reply


def test_the_deferral_action_answers_several_questions_the_same_way(dispatcher):
    text = "what does it cost and how long does a rhizotomy take"
    questions = [
        question("ask_cost", "what does it cost", text),
        question("ask_procedure_length", "how long does a rhizotomy take", text),
    ]
    tracker = make_tracker(
        "ask_cost", [entity("rhizotomy", "rhizotomy", text)], text=text, questions=questions
    )
    ActionDeferTopic().run(dispatcher, tracker, {})
    reply = dispatcher.messages[0]["text"]
    assert reply.index("doesn't cover the cost") < reply.index("an hour")


def test_spanish_questions_get_spanish_answers(dispatcher):
    text = "cuanto dura la rizotomia y estare despierto"
    questions = [
        question("ask_procedure_length", "cuanto dura la rizotomia", text),
        question("ask_comfort", "estare despierto", text),
    ]
    tracker = make_tracker(
        "ask_procedure_length",
        [entity("rhizotomy", "rizotomia", text), {"entity": "language", "value": "es"}],
        text=text,
        questions=questions,
        slots={"language": "es"},
    )
    ActionAnswerQuestion().run(dispatcher, tracker, {})
    reply = dispatcher.messages[0]["text"]
    assert "Fuente:" in reply and "Source:" not in reply


def test_a_request_to_book_beside_a_question_gets_the_answer_then_the_link(dispatcher):
    text = "where are your offices and can I book a visit"
    questions = [
        question("ask_locations", "where are your offices", text),
        question("book_appointment", "can I book a visit", text),
    ]
    tracker = make_tracker("ask_locations", text=text, questions=questions)
    events = ActionAnswerQuestion().run(dispatcher, tracker, {})
    reply = dispatcher.messages[0]["text"]
    assert reply.index("Baytown") < reply.index("sportsandpainmanagement.com")
    assert "Would you like to book a visit?" not in reply
    assert dispatcher.messages[0]["buttons"][0]["type"] == "web_url"
    assert SlotSet("booking_offered", True) not in events
