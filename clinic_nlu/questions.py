"""The questions inside a message: one in a story, or several asked at once.

"My back has hurt for years and the shots stopped working. How long does a
rhizotomy last?" asks one question after a story; "how long does it take and will
I be awake?" asks two. The whole message's intent serves neither well, so the
classifier also scores the message's parts: its sentences, and the clauses joined
by "and", "also", "plus" (or "y", "también") inside a sentence.

Only parts worded as questions count: a sentence that ends with "?", starts with a
question word (after "oh and", "y", ...) or puts a verb before its subject ("can it
be done again"), the clauses of such a sentence, and requests such as "tell me" or
"I want to book". A statement clause goes with the question after it as its
context; the sentences of a story around the question are left out.

- Parts that are confidently questions with different intents (at most three, in
  the order asked) become the message's ``questions``; the first is its intent.
- A single confident question among other words ("besides the rhizotomy, what
  else can be done?") becomes the intent when its part is surer of it than the
  whole message is of its own; after a story (other sentences, more than a
  "Hi!") it is also the message's one question, so that the answer can say it is
  general information.

Only intents and character offsets are kept, never text, so the parse data the
tracker stores holds nothing the redaction has not seen.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

QUESTIONS = "questions"
MAX_QUESTIONS = 3
# A part counts as a question when the classifier is at least this sure of it.
MIN_PART_CONFIDENCE = 0.5
MIN_PART_WORDS = 2
# Words around the one question that make a story ("Hi!" or "Good morning." do not).
STORY_WORDS = 8
# Intents the answering actions can answer together: article aspects, topics the
# article does not cover, and a request to book; the rest go through their own flows.
NOT_ANSWERABLE_TOGETHER = frozenset({"ask_human", "ask_capabilities"})
BOOKING = "book_appointment"
FOLLOW_UP_INTENTS = frozenset({"inform_procedure", "switch_procedure"})

# A full stop after a title ("Dr. Okezie", "Sra. López") ends no sentence.
_TITLES = ("dr", "dra", "mr", "mrs", "ms", "sr", "sra", "srta", "st", "vs")
_AFTER_NO_TITLE = "".join(rf"(?<!\b{title})" for title in _TITLES)
_SENTENCE_END = re.compile(rf"(?:[?!;]|{_AFTER_NO_TITLE}\.)[.?!;]*(?:\s+|$)|\n+", re.IGNORECASE)
_QUESTION_WORDS = (
    r"how|what|whats|when|where|who|why|which|will|would|does|do|did|is|are|am|can|could|"
    r"should|shall|may|must|has|have|any|"
    r"c[oó]mo|qu[eé]|cu[aá]nto|cu[aá]nta|cu[aá]ntos|cu[aá]ntas|cu[aá]ndo|d[oó]nde|qui[eé]n|"
    r"cu[aá]l|por qu[eé]|puedo|puede|pueden|podr[ií]a|es|est[aá]|hay|tiene|tienen|se|"
    r"duele|dura|cuesta|sirve|funciona"
)
# Words a question may start with before its question word: "oh and does it hurt",
# "if so, can I book", "oiga y cuánto cuesta".
_LEAD_IN = (
    r"so|and|but|also|plus|then|ok|okay|well|oh|if so|y|pero|entonces|bueno|oiga|oye|"
    r"además|también|si es así"
)
_QUESTION_START = re.compile(
    rf"^\W*(?:(?:{_LEAD_IN})\W+)*(?:{_QUESTION_WORDS})\b",
    re.IGNORECASE,
)
# A verb before its subject asks anywhere in a part: "if the pain comes back can it
# be done again", "I'm on blood thinners, is that a problem".
_INVERTED = re.compile(
    r"\b(?:can|could|will|would|does|do|is|are|should)\s+(?:it|i|you|they|that|this|we)\b",
    re.IGNORECASE,
)
# Requests ask too: an imperative at the start of the part ("please tell me ..."; in
# a story "he won't tell me anything" asks nothing), or a wish anywhere in it.
_REQUEST = re.compile(
    rf"^\W*(?:(?:{_LEAD_IN}|please|por favor)\W+)*"
    r"(?:tell me|explain|walk me through|describe|d[ií]game|dime|expl[ií]queme|expl[ií]came|"
    r"cu[eé]nteme|cu[eé]ntame)\b",
    re.IGNORECASE,
)
_WISH = re.compile(
    r"\b(?:wonder|wondering|want to know|like to know|need to know|curious|"
    r"i'?d like to|i would like to|i want to (?:book|schedule|make|set up|come in|see)|"
    r"i wanna (?:book|schedule|come in)|let'?s (?:book|schedule)|"
    r"quisiera|me gustar[ií]a|quiero (?:saber|agendar|hacer|sacar|programar|una cita)|"
    r"pregunta)\b",
    re.IGNORECASE,
)
# "and" / "y" join clauses; "also", "plus", "además" only after a comma ("does it
# also diagnose" is one question); a comma before a question word too.
_CLAUSE_JOINER = re.compile(
    rf",?\s+(?:and|y)\s+(?:also\s+|también\s+|además\s+)?"
    rf"|,\s*(?:also|plus|oh and|además|también)\s+"
    rf"|,\s*(?=(?:{_QUESTION_WORDS})\b)",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")

# An intent ranking, most likely first: [{"name": ..., "confidence": ...}, ...]
Ranking = list[dict[str, Any]]
Predict = Callable[[list[str]], list[Ranking]]


@dataclass(frozen=True)
class Part:
    """A stretch of the message: ``text[start:end]``."""

    start: int
    end: int


def _spans(text: str, pattern: re.Pattern[str], start: int, end: int) -> list[Part]:
    parts, position = [], start
    for match in pattern.finditer(text, start, end):
        parts.append(Part(position, match.start()))
        position = match.end()
    parts.append(Part(position, end))
    return [part for part in parts if text[part.start : part.end].strip()]


def _words(text: str, part: Part) -> int:
    return len(_WORD.findall(text[part.start : part.end]))


def sentences(text: str) -> list[Part]:
    return _spans(text, _SENTENCE_END, 0, len(text))


def clauses(text: str, sentence: Part) -> list[Part]:
    """The sentence's clauses, when every one is long enough to be a question.

    The last may be a single question word: "¿cuánto dura y duele?".
    """
    parts = _spans(text, _CLAUSE_JOINER, sentence.start, sentence.end)
    *others, last = parts
    last_asks = _words(text, last) >= MIN_PART_WORDS or bool(
        _QUESTION_START.fullmatch(text[last.start : last.end].strip())
    )
    if others and last_asks and all(_words(text, part) >= MIN_PART_WORDS for part in others):
        return parts
    return [sentence]


def is_worded_as_question(text: str, part: Part) -> bool:
    """Whether the part asks: "?", a question word or an inverted verb, or a request."""
    words = text[part.start : part.end]
    asks = text[part.end : part.end + 1] == "?" or "¿" in words
    worded = _QUESTION_START, _INVERTED, _REQUEST, _WISH
    return asks or any(pattern.search(words) for pattern in worded)


def question_parts(text: str) -> tuple[list[Part], int]:
    """The parts of ``text`` worded as questions, and how many sentences it has.

    A statement clause stays with the question after it in its sentence, which it
    is the context of: "I'm on blood thinners, is that a problem?".
    """
    parts = []
    all_sentences = sentences(text)
    for sentence in all_sentences:
        asking = is_worded_as_question(text, sentence)
        sentence_clauses = clauses(text, sentence)
        context_start = None
        for clause in sentence_clauses:
            # The last clause of a question sentence asks too: "... and I'm awake?"
            last = clause == sentence_clauses[-1]
            if is_worded_as_question(text, clause) or (asking and last):
                start = clause.start if context_start is None else context_start
                parts.append(Part(start, clause.end))
                context_start = None
            elif context_start is None:
                context_start = clause.start
    return parts, len(all_sentences)


def is_question_intent(intent: str) -> bool:
    return intent == BOOKING or (
        intent.startswith("ask_") and intent not in NOT_ANSWERABLE_TOGETHER
    )


@dataclass(frozen=True)
class FoundQuestions:
    """The ranking to give the message (None: keep its own) and the questions it asks."""

    ranking: Ranking | None
    questions: list[dict]


def _top(ranking: Ranking) -> tuple[str, float]:
    return ranking[0]["name"], ranking[0]["confidence"]


def find_questions(text: str, whole: Ranking, predict: Predict) -> FoundQuestions:
    """Score the parts of ``text`` and decide which questions it asks.

    The message takes the ranking of the part that asks its (first) question, so
    the fallback judges how sure the classifier is of that question.
    """
    parts, sentence_count = question_parts(text)
    whole_intent, whole_confidence = _top(whole)
    if whole_intent in FOLLOW_UP_INTENTS or not parts:
        return FoundQuestions(None, [])
    if len(parts) == 1 and text[parts[0].start : parts[0].end].strip() == text.strip():
        return FoundQuestions(None, [])  # the question is the whole message
    found: list[tuple[Part, Ranking]] = []
    for part, ranking in zip(parts, predict([text[p.start : p.end] for p in parts]), strict=True):
        intent, confidence = _top(ranking)
        confident = confidence >= MIN_PART_CONFIDENCE and is_question_intent(intent)
        if confident and intent not in {_top(seen)[0] for _, seen in found}:
            found.append((part, ranking))
    found = found[:MAX_QUESTIONS]
    questions = [
        {"intent": intent, "confidence": confidence, "start": part.start, "end": part.end}
        for part, ranking in found
        for intent, confidence in [_top(ranking)]
    ]
    if len(found) >= 2:
        return FoundQuestions(found[0][1], questions)
    if len(found) == 1:
        # The one question among other words, when its own wording is surer than the
        # whole message's; after a story it is also the message's one question.
        part, ranking = found[0]
        intent, confidence = _top(ranking)
        # Words only after the question refine it ("¿cuánto dura el bloqueo? el
        # procedimiento digo"): a whole message sure of a question keeps its intent.
        refined = not _WORD.search(text[: part.start]) and whole_confidence >= MIN_PART_CONFIDENCE
        if intent != whole_intent and (
            confidence < whole_confidence or (refined and is_question_intent(whole_intent))
        ):
            return FoundQuestions(None, [])
        around = len(_WORD.findall(text)) - _words(text, part)
        story = sentence_count > 1 and around >= STORY_WORDS
        return FoundQuestions(ranking, questions if story else [])
    return FoundQuestions(None, [])
