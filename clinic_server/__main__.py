"""Run Rasa's command line with the clinic's speed fixes installed.

Usage: python -m clinic_server run --model models ... (any ``rasa`` arguments).
"""

from rasa.__main__ import main

from clinic_server import event_types, graph_runner, schema_cache

if __name__ == "__main__":
    schema_cache.install()
    event_types.install()
    graph_runner.install()
    main()
