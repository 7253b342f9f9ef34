"""What a patient does with the widget, for the browser tests."""

from __future__ import annotations

import time

from playwright.sync_api import Locator, Page, expect

INPUT_LABEL = {
    "en": "Your message to the clinic's assistant",
    "es": "Su mensaje para el asistente de la clínica",
}
LAUNCHER_LABEL = {
    "en": "Chat with the clinic's assistant",
    "es": "Chatear con el asistente de la clínica",
}
LOG_LABEL = {
    "en": "Conversation with the clinic's assistant",
    "es": "Conversación con el asistente de la clínica",
}
GREETING = {"en": "virtual assistant", "es": "asistente virtual"}
STORAGE_KEY = "clinic-chat"


def answers(page: Page, text: str | None = None) -> Locator:
    """The assistant's bubbles (one per answer), optionally those containing ``text``."""
    bubbles = page.locator(".cc-bot")
    return bubbles.filter(has_text=text) if text else bubbles


def conversation(page: Page, language: str = "en") -> Locator:
    return page.get_by_role("log", name=LOG_LABEL[language])


def open_chat(page: Page, url: str, language: str = "en") -> None:
    page.goto(url)
    page.get_by_role("button", name=LAUNCHER_LABEL[language]).click()
    expect(answers(page).first).to_contain_text(GREETING[language], timeout=20_000)


def ask(page: Page, text: str, expected: str, language: str = "en") -> float:
    """Type ``text``, press Enter, wait for an answer with ``expected``; seconds taken."""
    before = answers(page, expected).count()
    box = page.get_by_label(INPUT_LABEL[language])
    box.fill(text)
    started = time.perf_counter()
    box.press("Enter")
    expect(answers(page, expected).nth(before)).to_be_visible(timeout=20_000)
    return time.perf_counter() - started


def quick_replies(page: Page, language: str = "en") -> Locator:
    name = {"en": "Suggested replies", "es": "Respuestas sugeridas"}[language]
    return page.get_by_role("group", name=name).last


def stored(page: Page, area: str = "sessionStorage") -> dict | None:
    return page.evaluate(f"JSON.parse(window.{area}.getItem('{STORAGE_KEY}'))")
