"""Which websites may use the chat: one home for the list and its default.

In order: ``CLINIC_ALLOWED_ORIGINS`` (comma-separated), the ``allowed_origins`` of
the socket.io channel in credentials.yml, else the demo page that ``make run``
serves on ``WEB_PORT``. ``*`` is refused. ``python -m channels.origins`` prints the
list, one per line, for ``rasa run --cors`` (scripts/run.sh).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import yaml

ORIGINS_VARIABLE = "CLINIC_ALLOWED_ORIGINS"
CREDENTIALS = Path(__file__).resolve().parents[1] / "credentials.yml"
CHANNEL = "channels.socketio.OriginCheckedSocketIOInput"


def default_origins() -> list[str]:
    """The demo clinic page (web/server.py) on this machine."""
    port = os.environ.get("WEB_PORT", "8000")
    return [f"http://localhost:{port}", f"http://127.0.0.1:{port}"]


def configured_origins(credentials: Path = CREDENTIALS) -> list[str] | None:
    """The list in credentials.yml, if any."""
    channels = yaml.safe_load(credentials.read_text(encoding="utf-8")) or {}
    return (channels.get(CHANNEL) or {}).get("allowed_origins")


def allowed_origins(configured: list[str] | None) -> list[str]:
    """The origins to accept: the environment, then ``configured``, then the demo page."""
    from_env = os.environ.get(ORIGINS_VARIABLE, "")
    origins = [o.strip() for o in from_env.split(",") if o.strip()] or configured or []
    origins = origins or default_origins()
    if "*" in origins:
        raise ValueError(f"'*' is not allowed in {ORIGINS_VARIABLE}: list the sites instead")
    return [origin.rstrip("/") for origin in origins]


if __name__ == "__main__":
    sys.stdout.write("\n".join(allowed_origins(configured_origins())) + "\n")
