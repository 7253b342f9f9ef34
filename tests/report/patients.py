"""Patients talking to the running servers over REST and socket.io, and what they should count."""

from __future__ import annotations

import asyncio
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests

from scripts.servers import Servers
from tests.socket_patient import socket_conversation

# (channel, messages): each a new conversation.
CONVERSATIONS = [
    (
        "rest",
        [
            "how long does a nerve block last?",
            "how much does it cost?",
            "I'd like to book an appointment",
        ],
    ),
    ("rest", ["what is a rhizotomy?", "does insurance cover it?", "yes"]),
    ("rest", ["can you recommend a good pizza place near me"]),
    ("rest", ["I want to talk to a real person"]),
    ("socket", ["¿cuánto dura un bloqueo nervioso?"]),
    ("socket", ["I have crushing chest pain and can't breathe"]),
    ("socket", ["where can I get the best pizza nearby?"]),
    ("socket", ["what is the weather today?", "how long does a rhizotomy take?"]),
    ("rest", ["what will the weather be like tomorrow?"]),
]
EMERGENCY_WORDS = ("crushing", "chest pain", "breathe")
EXPECTED = {
    "conversations": 9,
    "messages": 14,
    "booked": 2,
    "asked_for_person": 1,
    "emergency": 1,
    "crisis": 0,
    "ended_after_fallback": 3,
    "unanswered": 4,
    "answers": {
        ("relief_duration", "nerve block"): 2,
        ("what_is", "rhizotomy"): 1,
        ("procedure_length", "rhizotomy"): 1,
    },
    "deferrals": {"ask_cost": 1, "ask_insurance": 1},
    "spanish_conversations": 1,
    # each group's examples, most frequent first
    "groups": [
        {"can you recommend a good pizza place near me", "where can I get the best pizza nearby?"},
        {"what is the weather today?", "what will the weather be like tomorrow?"},
    ],
}


def ask_rest(servers: Servers, sender: str, text: str) -> str:
    response = requests.post(
        f"{servers.rasa_url}/webhooks/rest/webhook",
        json={"sender": sender, "message": text},
        timeout=60,
    )
    response.raise_for_status()
    return "\n".join(message.get("text", "") for message in response.json())


def hold_conversations(servers: Servers) -> dict[str, list[str]]:
    """Every conversation of ``CONVERSATIONS``; the replies by sender ID."""
    replies = {}
    for channel, texts in CONVERSATIONS:
        sender = f"report-{uuid.uuid4().hex}"
        if channel == "rest":
            replies[sender] = [ask_rest(servers, sender, text) for text in texts]
        else:
            # A thread of its own: Playwright's sync API may be running an event loop.
            with ThreadPoolExecutor(max_workers=1) as worker:
                replies[sender] = worker.submit(
                    asyncio.run, socket_conversation(servers, sender, texts)
                ).result()
    return replies
