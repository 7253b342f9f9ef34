"""Fixtures for testing the custom actions without any server."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.clinic_settings import load_settings


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture(autouse=True)
def fresh_settings(monkeypatch: pytest.MonkeyPatch):
    """Settings are read per test, so environment overrides apply."""
    monkeypatch.delenv("CLINIC_SCHEDULING_URL", raising=False)
    monkeypatch.delenv("CLINIC_PHONE", raising=False)
    load_settings.cache_clear()
    yield
    load_settings.cache_clear()
