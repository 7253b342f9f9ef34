"""The questions inside a message: one in a story, or several asked at once.

"My back has hurt for years and the shots stopped working. How long does a
rhizotomy last?" asks one question after a story; "how long does it take and will
I be awake?" asks two. The whole message's intent serves neither well, so the
classifier also scores the message's parts: its sentences, and the clauses joined
by "and", "also", "plus" (or "y", "también") inside a sentence.

Only parts worded as questions count: a sentence that ends with "?" or starts
with a question word, the clauses of such a sentence, and requests such as "I'd
like to know". The sentences of a story around the question are left out.

- Parts that are confidently questions with different intents (at most three, in
  the order asked) become the message's ``questions``; the first is its intent.
- A single confident question among several sentences becomes the intent; after
  a story (several words around it, not only "Hi!") it is also the message's one
  question, so that the answer can say it is general information.

Only intents and character offsets are kept, never text, so the parse data the
tracker stores holds nothing the redaction has not seen.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

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

_SENTENCE_END = re.compile(r"[.?!;]+(?:\s+|$)|\n+")
_QUESTION_WORDS = (
    r"how|what|whats|when|where|who|why|which|will|would|does|do|did|is|are|am|can|could|"
    r"should|shall|may|must|has|have|any|"
    r"c[oó]mo|qu[eé]|cu[aá]nto|cu[aá]nta|cu[aá]ntos|cu[aá]ntas|cu[aá]ndo|d[oó]nde|qui[eé]n|"
    r"cu[aá]l|por qu[eé]|puedo|puede|pueden|podr[ií]a|es|est[aá]|hay|tiene|tienen|duele|se"
)
_QUESTION_START = re.compile(
    rf"^\W*(?:(?:so|and|but|also|ok|okay|well|oh|y|pero|entonces|bueno)\W+)?(?:{_QUESTION_WORDS})\b",
    re.IGNORECASE,
)
_REQUEST = re.compile(
    r"\b(?:wonder|wondering|want to know|like to know|need to know|tell me|explain|curious|"
    r"quiero saber|quisiera saber|me gustar[ií]a saber|d[ií]game|expl[ií]queme|pregunta)\b",
    re.IGNORECASE,
)
_CLAUSE_JOINER = re.compile(
    rf",?\s+(?:and also|and|also|plus|oh and|y también|y|también|además)\s+"
    rf"|,\s*(?=(?:{_QUESTION_WORDS})\b)",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")

Prediction = tuple[str, float]
Predict = Callable[[list[str]], list[Prediction]]


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
    """The sentence's clauses, when every one is long enough to be a question."""
    parts = _spans(text, _CLAUSE_JOINER, sentence.start, sentence.end)
    if len(parts) > 1 and all(_words(text, part) >= MIN_PART_WORDS for part in parts):
        return parts
    return [sentence]


def is_worded_as_question(text: str, part: Part) -> bool:
    """Whether the part asks: ends with "?", starts with a question word, or requests."""
    words = text[part.start : part.end]
    asks = text[part.end : part.end + 1] == "?" or "¿" in words
    return asks or bool(_QUESTION_START.search(words) or _REQUEST.search(words))


def question_parts(text: str) -> tuple[list[Part], int]:
    """The parts of ``text`` worded as questions, and how many sentences it has."""
    parts = []
    all_sentences = sentences(text)
    for sentence in all_sentences:
        asking = is_worded_as_question(text, sentence)
        sentence_end = text[sentence.end : sentence.end + 1]
        for clause in clauses(text, sentence):
            # A clause of a question sentence asks too: "... and will I be awake?"
            if asking or is_worded_as_question(text, clause) or sentence_end == "?":
                parts.append(clause)
    return parts, len(all_sentences)


def is_question_intent(intent: str) -> bool:
    return intent == BOOKING or (
        intent.startswith("ask_") and intent not in NOT_ANSWERABLE_TOGETHER
    )


@dataclass(frozen=True)
class FoundQuestions:
    """The intent to give the message (or None to keep its own) and its questions."""

    intent: Prediction | None
    questions: list[dict]


def find_questions(text: str, whole: Prediction, predict: Predict) -> FoundQuestions:
    """Score the parts of ``text`` and decide which questions it asks."""
    parts, sentence_count = question_parts(text)
    if whole[0] in FOLLOW_UP_INTENTS or not parts or (len(parts) == 1 and sentence_count == 1):
        return FoundQuestions(None, [])
    predictions = predict([text[part.start : part.end] for part in parts])
    found: list[tuple[Part, Prediction]] = []
    for part, (intent, confidence) in zip(parts, predictions, strict=True):
        confident = confidence >= MIN_PART_CONFIDENCE and is_question_intent(intent)
        if confident and intent not in {seen[0] for _, seen in found}:
            found.append((part, (intent, confidence)))
    found = found[:MAX_QUESTIONS]
    questions = [
        {"intent": intent, "confidence": confidence, "start": part.start, "end": part.end}
        for part, (intent, confidence) in found
    ]
    if len(found) >= 2:
        return FoundQuestions(found[0][1], questions)
    if len(found) == 1 and sentence_count > 1:
        # The one question among other sentences: its own wording says more than theirs.
        part = found[0][0]
        around = len(_WORD.findall(text)) - _words(text, part)
        return FoundQuestions(found[0][1], questions if around >= STORY_WORDS else [])
    return FoundQuestions(None, [])
