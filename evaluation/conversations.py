"""Answer-level accuracy: multi-turn conversations replayed against the running assistant."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

import requests
import yaml


@dataclass
class ConversationResults:
    turns: int = 0
    turns_right: int = 0
    conversations: int = 0
    conversations_right: int = 0
    failures: list[str] = field(default_factory=list)


def load_conversations(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]


def reply_text(rasa_url: str, sender: str, text: str) -> str:
    response = requests.post(
        f"{rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=30
    )
    response.raise_for_status()
    messages = response.json()
    buttons = [b.get("title", "") for m in messages for b in m.get("buttons") or []]
    return "\n".join([m.get("text", "") for m in messages] + buttons)


def turn_is_right(reply: str, turn: dict) -> bool:
    lowered = reply.lower()
    return all(fact.lower() in lowered for fact in turn["expect"]) and not any(
        fact.lower() in lowered for fact in turn.get("reject", [])
    )


def replay(rasa_url: str, conversations: list[dict]) -> ConversationResults:
    """Send each conversation (a fresh sender) and check every turn's reply."""
    results = ConversationResults()
    for conversation in conversations:
        sender = f"eval-{uuid.uuid4().hex}"
        all_right = True
        for turn in conversation["turns"]:
            reply = reply_text(rasa_url, sender, turn["say"])
            right = turn_is_right(reply, turn)
            results.turns += 1
            results.turns_right += right
            if not right:
                all_right = False
                first_line = reply.splitlines()[0] if reply else "(no reply)"
                results.failures.append(
                    f"{conversation['name']}: {turn['say']!r} -> {first_line[:100]!r}"
                )
        results.conversations += 1
        results.conversations_right += all_right
    return results
