"""The sites allowed to use the chat have one default, in channels/origins.py."""

import subprocess
import sys

import pytest

from channels.origins import ORIGINS_VARIABLE, allowed_origins, configured_origins


def test_the_demo_page_on_web_port_is_the_default(monkeypatch):
    monkeypatch.delenv(ORIGINS_VARIABLE, raising=False)
    monkeypatch.setenv("WEB_PORT", "8123")
    assert configured_origins() is None  # credentials.yml sets no list of its own
    assert allowed_origins(configured_origins()) == [
        "http://localhost:8123",
        "http://127.0.0.1:8123",
    ]


def test_the_environment_wins_and_a_star_is_refused(monkeypatch):
    monkeypatch.setenv(ORIGINS_VARIABLE, "https://clinic.example/ , https://www.clinic.example")
    assert allowed_origins(["http://other"]) == [
        "https://clinic.example",
        "https://www.clinic.example",
    ]
    monkeypatch.setenv(ORIGINS_VARIABLE, "*")
    with pytest.raises(ValueError, match="not allowed"):
        allowed_origins(None)


def test_the_launcher_gets_the_same_list(monkeypatch):
    env = {"WEB_PORT": "8124", "PATH": ""}
    printed = subprocess.run(
        [sys.executable, "-m", "channels.origins"], env=env, capture_output=True, text=True
    )
    assert printed.stdout.split() == ["http://localhost:8124", "http://127.0.0.1:8124"]
