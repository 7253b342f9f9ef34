"""When the action server is down the assistant still answers, and recovers by itself."""

from channels.guard import SORRY
from tests.e2e.conftest import Patient
from tests.servers import running_action_server, running_servers


def test_action_server_down_then_back(tmp_path):
    with running_servers(tmp_path, START_ACTION_SERVER="no") as servers:
        patient = Patient(servers.rasa_url)
        assert "virtual assistant" in patient.ask("hello")  # a fixed response still works
        assert patient.ask("how long does a rhizotomy take?") == SORRY  # needs the action server

        with running_action_server(servers):
            assert "about an hour" in patient.ask("how long does a rhizotomy take?")
