"""Remove patients' personal data from messages before Rasa sees, stores or logs them.

Names introduced as "I'm ..." / "my name is ...", phone numbers, e-mail addresses,
dates (such as a date of birth) and social security numbers are replaced by ``***``.
The question around them is kept, so the assistant still answers it; the tracker
store only ever holds the redacted text. The mask carries no words on purpose:
placeholders such as "[phone]" pulled the intent classifier towards other topics.
"""

from __future__ import annotations

import re

from rasa.core.channels.channel import UserMessage

from channels.guard import Handler

_MONTHS = (
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|"
    r"sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?"
)
MASK = "***"
_PATTERNS = [
    re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),  # e-mail
    re.compile(r"\b\d{3}-\d{2}-\d{4}\b"),  # social security number
    re.compile(r"(\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b"),  # phone
    re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-](\d{4}|\d{2})\b"),  # 4/12/1961
    re.compile(rf"\b({_MONTHS})\.?\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}}\b", re.I),
    re.compile(rf"\b\d{{1,2}}\s+({_MONTHS})\.?,?\s+\d{{4}}\b", re.I),
]
# "I'm Maria Lopez", "my name is maria", "this is Mr. John Smith": the words after
# the introduction that start with a capital letter (or one word after "name is").
_NAME = re.compile(
    r"\b(?P<intro>my name is|name's|i'm|i am|this is|call me)\s+"
    r"(?P<name>(?:(?:mr|mrs|ms|dr)\.?\s+)?[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){0,2})",
    re.I,
)
_NOT_NAMES = re.compile(r"^(a|an|the|having|in|not|so|very|just|really|on|still)\b", re.I)


def _redact_name(match: re.Match[str]) -> str:
    name = match.group("name")
    is_capitalised = name[0].isupper() or match.group("intro").lower() == "my name is"
    if _NOT_NAMES.match(name) or not is_capitalised:
        return match.group(0)
    return f"{match.group('intro')} {MASK}"


def redact(text: str) -> str:
    """``text`` with personal data replaced by ``MASK``."""
    for pattern in _PATTERNS:
        text = pattern.sub(MASK, text)
    return _NAME.sub(_redact_name, text)


def redacting(on_new_message: Handler) -> Handler:
    """Wrap Rasa's message handler so it only ever receives redacted text."""

    async def handle(message: UserMessage) -> None:
        if message.text and not message.text.startswith("/"):
            message.text = redact(message.text)
        await on_new_message(message)

    return handle
