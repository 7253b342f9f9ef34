"""What the hand-offs say: how to book a visit and how to reach a person."""

from __future__ import annotations

from actions.clinic_settings import ClinicSettings
from actions.texts import text


def booking_text(settings: ClinicSettings, language: str) -> str:
    """How to book a visit: the link, the offices and, when configured, the phone."""
    call = text("booking_call", language, phone=settings.phone) if settings.phone else ""
    return text("booking_text", language, call=call, **settings.reply_fields(language))


def contact_text(settings: ClinicSettings, language: str) -> str:
    """How to reach a person at the clinic."""
    phone = text("contact_phone_clause", language, phone=settings.phone) if settings.phone else ""
    return text("contact_text", language, phone=phone, **settings.reply_fields(language))
