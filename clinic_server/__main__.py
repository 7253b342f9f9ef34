"""Run Rasa's command line with the clinic's speed fixes installed.

Usage: python -m clinic_server run --model models ... (any ``rasa`` arguments).

Each fix replaces a Rasa internal; if the installed Rasa (or python-engineio) is not
the one they were written for, this refuses to start with one line saying which.
"""

import sys

from clinic_server.quiet import hide_third_party_deprecations

hide_third_party_deprecations()  # before Rasa's imports, which raise most of them

from rasa.__main__ import main  # noqa: E402

from channels import socketio  # noqa: E402
from clinic_server import (  # noqa: E402
    compat,
    event_types,
    graph_runner,
    idempotency,
    lock_store,
    schema_cache,
    tracker_store,
)


def install_all() -> None:
    """Install the speed fixes and the once-per-message handling; check the patched
    stores and socket.io channel, so a mismatch is one line at start."""
    schema_cache.install()
    event_types.install()
    graph_runner.install()
    idempotency.install()
    tracker_store.install()
    lock_store.check()
    socketio.check()


if __name__ == "__main__":
    try:
        install_all()
    except compat.PatchMismatch as mismatch:
        sys.exit(str(mismatch))
    main()
