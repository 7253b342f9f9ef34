"""web/static/chat/text.js, run in Node: answers grouped into bubbles, safe links."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from scripts.servers import ROOT
from web.source_line import source_prefixes

TEXT_JS = ROOT / "web" / "static" / "chat" / "text.js"
NODE = shutil.which("node")
PREFIXES = source_prefixes()


def call(function: str, *args) -> object:
    """``function(*args)`` from text.js, evaluated by Node; its JSON result."""
    if NODE is None:
        pytest.skip("Node.js is not installed")
    script = (
        f"import {{ {function} }} from {json.dumps(TEXT_JS.as_uri())};\n"
        f"process.stdout.write(JSON.stringify({function}(...{json.dumps(args)})));\n"
    )
    result = subprocess.run(
        [NODE, "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return json.loads(result.stdout)


def test_an_answer_and_its_source_line_make_one_bubble():
    parts = [{"text": "First paragraph."}, {"text": "Second."}, {"text": "Source: Rhizotomy"}]
    assert call("groupIntoBubbles", parts, PREFIXES) == [
        {
            "paragraphs": ["First paragraph.", "Second."],
            "source": "Source: Rhizotomy",
            "replies": [],
        }
    ]


def test_two_answers_in_one_reply_make_two_bubbles_and_buttons_go_below_the_last():
    replies = [{"content_type": "text", "title": "Book a visit", "payload": "/book"}]
    parts = [
        {"text": "Nerve block: weeks."},
        {"text": "Fuente: Bloqueo"},
        {"text": "Rizotomía: años."},
        {"text": "Fuente: Rizotomía"},
        {"text": "¿Le gustaría hacer una cita?", "quick_replies": replies},
    ]
    bubbles = call("groupIntoBubbles", parts, PREFIXES)
    assert [b["paragraphs"] for b in bubbles] == [
        ["Nerve block: weeks."],
        ["Rizotomía: años."],
        ["¿Le gustaría hacer una cita?"],
    ]
    assert [b["source"] for b in bubbles] == ["Fuente: Bloqueo", "Fuente: Rizotomía", None]
    assert bubbles[-1]["replies"] == replies


def test_a_paragraph_that_only_mentions_the_word_source_is_not_a_source_line():
    assert call("sourceTitle", "Source of the pain:\nthe nerve", PREFIXES) is None
    assert call("sourceTitle", "Sources say so", PREFIXES) is None
    assert call("sourceTitle", "Source: Rhizotomy guide", PREFIXES) == "Rhizotomy guide"


def test_only_http_and_https_links_are_clickable():
    text = (
        "Book at https://clinic.example/book. "
        "[click](javascript:alert(1)) [ok](https://clinic.example/x) "
        "javascript:alert(2) data:text/html,hi [mail](mailto:a@b.c)"
    )
    pieces = call("linkPieces", text)
    links = [piece for piece in pieces if "href" in piece]
    assert links == [
        {"text": "https://clinic.example/book", "href": "https://clinic.example/book"},
        {"text": "ok", "href": "https://clinic.example/x"},
    ]
    assert (
        "".join(piece["text"] for piece in pieces if "href" not in piece).count("javascript:") == 2
    )


def test_safe_href_refuses_other_schemes():
    assert call("safeHref", "https://www.sportsandpainmanagement.com/") == (
        "https://www.sportsandpainmanagement.com/"
    )
    for href in ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "/relative"]:
        assert call("safeHref", href) is None
