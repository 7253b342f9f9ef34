"""Conversations built from events and saved through the tracker store's own API.

For the benchmark and the tests: each turn becomes the events Rasa stores for it
(the patient's message with its intent and language, the reply action, its slots),
and ``save`` writes them with ``ClinicSQLTrackerStore.save``, redaction included.
Texts come from the training examples in ``data/nlu``.
"""

from __future__ import annotations

import asyncio
import random
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from actions.knowledge import load_knowledge
from clinic_nlu.language_codes import ENGLISH, LANGUAGE_ENTITY, SPANISH

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "nlu"
TURN_GAP_S = 20.0
ANNOTATION = re.compile(r"\[([^\]]*)\](?:\{[^}]*\}|\([^)]*\))")
FIXED_REPLIES = {
    "book_appointment": "action_book_visit",
    "ask_human": "action_contact_staff",
    "report_emergency": "utter_emergency",
    "report_self_harm": "utter_self_harm",
    "out_of_scope": "utter_out_of_scope",
    "nlu_fallback": "action_default_fallback",
    "greet": "utter_greet",
    "thank": "utter_youre_welcome",
}
OFF_TOPIC = [
    "what is the weather like today",
    "can you recommend a good pizza place near me",
    "who won the game last night",
    "asdkjh qwe",
    "my cat is sick what should i do",
    "how do i reset my password",
]


@dataclass(frozen=True)
class TurnSpec:
    """One patient message and what the assistant did."""

    text: str
    intent: str
    reply: str
    language: str | None = ENGLISH
    procedure: str | None = None
    slots: dict[str, object] = field(default_factory=dict)


def turn(
    text: str, intent: str, language: str | None = ENGLISH, procedure: str | None = None
) -> TurnSpec:
    """The turn the assistant's rules give ``intent`` (see ``data/rules``)."""
    aspect = intent.removeprefix("ask_")
    if aspect in load_knowledge().aspects:
        slots: dict[str, object] = {"aspect": aspect}
        if procedure:
            slots["procedure"] = procedure
        return TurnSpec(text, intent, "action_answer_question", language, procedure, slots)
    if intent in load_knowledge().deferred_topics:
        return TurnSpec(
            text, intent, "action_defer_topic", language, procedure, {"booking_offered": True}
        )
    return TurnSpec(text, intent, FIXED_REPLIES[intent], language, procedure)


def events_for(turns: Iterable[TurnSpec], start: float) -> list[Event]:
    """The events of one session starting at ``start`` (Unix time)."""
    events: list[Event] = [
        ActionExecuted("action_session_start", timestamp=start),
        SessionStarted(timestamp=start),
        ActionExecuted("action_listen", timestamp=start),
    ]
    for number, spec in enumerate(turns, start=1):
        at = start + number * TURN_GAP_S
        entities = [{"entity": LANGUAGE_ENTITY, "value": spec.language}] if spec.language else []
        if spec.procedure:
            entities.append({"entity": "procedure", "value": spec.procedure})
        intent = {"name": spec.intent, "confidence": 0.9}
        parse_data = {"text": spec.text, "intent": intent, "entities": entities}
        events += [
            UserUttered(
                spec.text, intent, entities, parse_data, timestamp=at, input_channel="rest"
            ),
            ActionExecuted(spec.reply, timestamp=at + 0.1),
            BotUttered("(reply)", timestamp=at + 0.2),
            *(SlotSet(name, value, timestamp=at + 0.3) for name, value in spec.slots.items()),
            ActionExecuted("action_listen", timestamp=at + 0.4),
        ]
    return events


async def _save_all(url: str, conversations: Iterable[tuple[str, list[Event]]]) -> int:
    from clinic_server.tracker_store import ClinicSQLTrackerStore

    store = ClinicSQLTrackerStore(host=url)
    saved = 0
    for sender, events in conversations:
        await store.save(DialogueStateTracker.from_events(sender, events))
        saved += 1
    store.engine.dispose()
    return saved


def save(url: str, conversations: Iterable[tuple[str, list[Event]]]) -> int:
    """Save each (sender, events) with the clinic's tracker store; return how many.

    In a thread of its own, so that it also works where an event loop is running
    (a test session that drives a browser with Playwright's sync API).
    """
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, _save_all(url, conversations)).result()


@lru_cache(maxsize=2)
def examples(language: str) -> dict[str, tuple[str, ...]]:
    """The training examples of each intent, annotations removed."""
    folder = DATA_DIR / "es" if language == SPANISH else DATA_DIR
    found: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            if "intent" not in item:
                continue
            lines = [line.strip()[2:] for line in item["examples"].splitlines() if line.strip()]
            found.setdefault(item["intent"], []).extend(ANNOTATION.sub(r"\1", x) for x in lines)
    return {intent: tuple(texts) for intent, texts in found.items()}


def random_turns(rng: random.Random) -> list[TurnSpec]:
    """A plausible conversation: questions answered, some not covered, hand-offs, misses."""
    language = SPANISH if rng.random() < 0.2 else ENGLISH
    texts = examples(language)
    aspects = [f"ask_{name}" for name in load_knowledge().aspects if f"ask_{name}" in texts]
    deferred = [intent for intent in load_knowledge().deferred_topics if intent in texts]
    turns = []
    for _ in range(rng.randint(1, 6)):
        roll = rng.random()
        if roll < 0.55:
            intent = rng.choice(aspects)
        elif roll < 0.72:
            intent = rng.choice(deferred)
        elif roll < 0.8:
            intent = rng.choice(["book_appointment", "ask_human"])
        elif roll < 0.82:
            intent = rng.choice(["report_emergency", "report_self_harm"])
        elif roll < 0.9:
            turns.append(turn(rng.choice(OFF_TOPIC), "nlu_fallback", language))
            continue
        else:
            intent = rng.choice(["out_of_scope", "greet", "thank"])
        procedure = rng.choice(["nerve block", "rhizotomy", None])
        turns.append(turn(rng.choice(texts[intent]), intent, language, procedure))
    return turns
