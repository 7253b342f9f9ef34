"""The real servers, started once for the e2e tests, and a patient talking over REST."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import requests

from scripts.servers import Servers, running_servers


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    with running_servers(tmp_path_factory.mktemp("servers")) as running:
        yield running


@pytest.fixture(scope="session")
def assistant_url(servers: Servers) -> str:
    return servers.rasa_url


class Patient:
    """One conversation over the REST channel."""

    def __init__(self, base_url: str) -> None:
        self.url = f"{base_url}/webhooks/rest/webhook"
        self.sender = f"e2e-{uuid.uuid4().hex}"

    def say(self, text: str) -> list[dict]:
        response = requests.post(
            self.url, json={"sender": self.sender, "message": text}, timeout=30
        )
        response.raise_for_status()
        messages = response.json()
        assert messages, f"no reply to {text!r}"
        return messages

    def ask(self, text: str) -> str:
        """Send ``text`` and return all reply texts joined."""
        return "\n".join(m.get("text", "") for m in self.say(text))


@pytest.fixture
def patient(assistant_url: str) -> Patient:
    return Patient(assistant_url)
