"""The staff report: what patients ask, read from the tracker store (``make report``).

``python -m clinic_report`` writes ``results/report/index.html`` (one self-contained
page) and a CSV file per table; ``web.staff`` serves the same page at
``/staff/report``. Only redacted text is shown: the store holds nothing else
(``clinic_server.tracker_store``), no sender IDs, no times finer than the day, and
never the words of a message that got an emergency or crisis reply.
"""
