"""Conversations live in the SQL tracker store: they survive restarts and hold no personal data."""

import sqlite3

from scripts.servers import running_servers
from tests.e2e.conftest import Patient


def test_a_restart_loses_nothing_and_personal_data_is_never_stored(tmp_path):
    database = tmp_path / "conversations.db"
    settings = {"TRACKER_DB_URL": f"sqlite:///{database}"}
    with running_servers(tmp_path, **settings) as servers:
        patient = Patient(servers.rasa_url)
        reply = patient.ask(
            "Hi I'm Maria Lopez, 713-555-0182, maria@example.com, born 4/12/1961, "
            "what is a rhizotomy?"
        )
        assert "semi-permanent" in reply

    with running_servers(tmp_path, **settings) as servers:
        patient.url = f"{servers.rasa_url}/webhooks/rest/webhook"
        assert "several years" in patient.ask("how long does the relief last?")

    stored = " ".join(
        row[0] for row in sqlite3.connect(database).execute("SELECT data FROM events")
    )
    assert "rhizotomy" in stored and "***" in stored
    for personal in ("Maria", "Lopez", "713-555-0182", "maria@example.com", "4/12/1961"):
        assert personal not in stored
