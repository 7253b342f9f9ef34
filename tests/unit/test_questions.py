from clinic_nlu.questions import MAX_QUESTIONS, find_questions, question_parts, sentences

# What the classifier would say of each part, by a word in it.
PART_INTENTS = {
    "take": ("ask_procedure_length", 0.9),
    "awake": ("ask_comfort", 0.8),
    "cost": ("ask_cost", 0.95),
    "last": ("ask_relief_duration", 0.9),
    "help": ("ask_capabilities", 0.9),
    "works": ("ask_how_it_works", 0.9),
}


def ranking(intent: str, confidence: float) -> list[dict]:
    return [{"name": intent, "confidence": confidence}, {"name": "greet", "confidence": 0.01}]


def predict(parts: list[str]) -> list[list[dict]]:
    return [
        ranking(*next((p for word, p in PART_INTENTS.items() if word in part), ("greet", 0.3)))
        for part in parts
    ]


def test_two_questions_are_found_in_the_order_asked_with_their_offsets():
    text = "how long does it take and will I be awake?"
    found = find_questions(text, ranking("ask_procedure_length", 0.7), predict)
    assert [q["intent"] for q in found.questions] == ["ask_procedure_length", "ask_comfort"]
    assert found.ranking == ranking("ask_procedure_length", 0.9)
    first, second = found.questions
    assert text[first["start"] : first["end"]] == "how long does it take"
    assert text[second["start"] : second["end"]] == "will I be awake"


def test_one_question_asked_twice_is_one_question():
    found = find_questions(
        "how long does it take? how long will it take", ranking("x", 0.5), predict
    )
    assert found.questions == []


def test_no_more_than_three_questions():
    text = "what does it cost. how long does it take. will I be awake. how long will it last"
    found = find_questions(text, ranking("ask_cost", 0.5), predict)
    assert len(found.questions) == MAX_QUESTIONS


def test_the_question_at_the_end_of_a_story_wins_when_the_part_is_surer():
    text = (
        "My back has hurt for ten years. The shots stopped working. How long will a rhizotomy last?"
    )
    found = find_questions(text, ranking("ask_what_is", 0.6), predict)
    assert found.ranking == ranking("ask_relief_duration", 0.9)
    assert [q["intent"] for q in found.questions] == ["ask_relief_duration"]


def test_a_greeting_before_the_question_is_no_story():
    found = find_questions(
        "Good morning! How long will it last?", ranking("ask_what_is", 0.6), predict
    )
    assert found.ranking == ranking("ask_relief_duration", 0.9)
    assert found.questions == []


def test_the_sentences_of_a_story_are_not_questions_even_when_they_sound_like_one():
    text = "My doctor says it works for most people. How long will it last?"
    found = find_questions(text, ranking("ask_how_it_works", 0.6), predict)
    assert found.ranking == ranking("ask_relief_duration", 0.9)


def test_a_whole_message_surer_than_its_one_question_keeps_its_intent():
    text = "My doctor says it works for most people. How long will it last?"
    assert find_questions(text, ranking("ask_onset", 0.95), predict).ranking is None


def test_a_statement_clause_is_scored_with_the_question_after_it():
    text = "my visit is to take place soon and I worry, will I be awake? and what does it cost"
    scored: list[str] = []

    def recording(parts: list[str]) -> list[list[dict]]:
        scored.extend(parts)
        return predict(parts)

    find_questions(text, ranking("ask_comfort", 0.7), recording)
    assert scored == [
        "my visit is to take place soon and I worry, will I be awake",
        "and what does it cost",
    ]


def test_a_story_sentence_after_the_last_question_is_not_scored():
    text = "will I be awake? My friend had one last year."
    assert [text[p.start : p.end] for p in question_parts(text)[0]] == ["will I be awake"]


def test_questions_are_found_after_lead_ins_inversions_and_requests():
    text = (
        "how fast does it kick in? oh and does it hurt? if the pain comes back can it be"
        " done again. I want to book a visit"
    )
    assert [text[p.start : p.end] for p in question_parts(text)[0]] == [
        "how fast does it kick in",
        "oh and does it hurt",
        "if the pain comes back can it be done again",
        "I want to book a visit",
    ]


def test_a_spanish_question_word_alone_can_be_the_last_question():
    text = "¿cuánto dura el bloqueo y duele?"
    assert [text[p.start : p.end] for p in question_parts(text)[0]] == [
        "¿cuánto dura el bloqueo",
        "duele",
    ]


def test_also_inside_a_question_does_not_split_it():
    text = "will it take long also for the nerve block"
    assert find_questions(text, ranking("ask_procedure_length", 0.9), predict).questions == []


def test_a_clause_of_a_question_sentence_asks_too_without_a_question_word():
    text = "how long does it take and I guess I'm awake?"
    found = find_questions(text, ranking("ask_procedure_length", 0.9), predict)
    assert [q["intent"] for q in found.questions] == ["ask_procedure_length", "ask_comfort"]


def test_parts_that_are_not_questions_for_the_answering_actions_are_left_out():
    text = "how long does it take and what can you help with"
    assert find_questions(text, ranking("ask_procedure_length", 0.9), predict).questions == []


def test_a_short_joined_word_does_not_split_a_sentence():
    # "a nerve block and rhizotomy": the single word after "and" is no question.
    text = "how it works for a nerve block and rhizotomy"
    assert find_questions(text, ranking("ask_how_it_works", 0.9), predict).questions == []


def test_follow_ups_are_never_split():
    text = "and the other one? how long does it take"
    assert find_questions(text, ranking("switch_procedure", 0.9), predict).ranking is None


def test_sentences_end_at_punctuation_and_line_breaks():
    text = "Hi!\nhow long. ok?"
    assert [text[s.start : s.end] for s in sentences(text)] == ["Hi", "how long", "ok"]


def test_a_request_asks_at_the_start_of_a_part_not_inside_a_story():
    text = "he won't tell me anything and I worry. please tell me what happens during it"
    assert [text[p.start : p.end] for p in question_parts(text)[0]] == [
        "please tell me what happens during it"
    ]


def test_a_title_with_a_full_stop_ends_no_sentence():
    text = "What is Dr. Okezie's specialty? Is Sra. Ruiz his nurse."
    assert [text[s.start : s.end] for s in sentences(text)] == [
        "What is Dr. Okezie's specialty",
        "Is Sra. Ruiz his nurse",
    ]


def test_words_after_the_question_refine_it_when_the_whole_message_is_sure():
    text = "how long will it last? the procedure I mean"
    assert find_questions(text, ranking("ask_procedure_length", 0.8), predict).ranking is None
    # Unsure of the whole message, the question's own wording decides.
    found = find_questions(text, ranking("ask_procedure_length", 0.4), predict)
    assert found.ranking == ranking("ask_relief_duration", 0.9)
