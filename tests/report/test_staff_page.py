"""``/staff/report`` on the web port: who may open it, and the page in Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests

from scripts.servers import ROOT
from tests.report.conftest import STAFF_TOKEN
from tests.report.patients import EMERGENCY_WORDS, EXPECTED
from web.staff import has_token, is_local

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOT = ROOT / "docs" / "staff-report.png"


def _get(servers, **kwargs) -> requests.Response:
    return requests.get(f"{servers.web_url}/staff/report", timeout=120, **kwargs)


def test_open_from_this_machine(sqlite_servers):
    servers, _url, _replies = sqlite_servers
    response = _get(servers)
    assert response.status_code == 200
    assert "can you recommend a good pizza place near me" in response.text
    assert response.headers["Cache-Control"] == "no-store"


def test_forwarded_requests_need_the_token(sqlite_servers):
    servers, _url, _replies = sqlite_servers
    forwarded = {"X-Forwarded-For": "203.0.113.7"}
    assert _get(servers, headers=forwarded).status_code == 403
    assert _get(servers, headers={"Forwarded": "for=203.0.113.7"}).status_code == 403
    wrong = {**forwarded, "Authorization": "Bearer not-the-token"}
    assert _get(servers, headers=wrong).status_code == 403
    bearer = {**forwarded, "Authorization": f"Bearer {STAFF_TOKEN}"}
    assert _get(servers, headers=bearer).status_code == 200
    assert _get(servers, headers=forwarded, params={"token": STAFF_TOKEN}).status_code == 200


def test_bad_days_are_a_400(sqlite_servers):
    servers, _url, _replies = sqlite_servers
    assert _get(servers, params={"since": "last week"}).status_code == 400


def test_only_loopback_peers_are_local():
    def request(ip: str, headers: dict | None = None, args: dict | None = None):
        return SimpleNamespace(ip=ip, headers=headers or {}, args=args or {})

    assert is_local(request("127.0.0.1")) and is_local(request("::1"))
    assert not is_local(request("192.0.2.10"))
    assert not is_local(request("127.0.0.1", {"x-real-ip": "192.0.2.10"}))
    assert not has_token(request("192.0.2.10", {"authorization": "Bearer "}), None)
    assert not has_token(request("192.0.2.10", {"authorization": "Bearer "}), "")
    assert has_token(request("192.0.2.10", args={"token": "t0k"}), "t0k")


def test_the_page_in_chromium(sqlite_servers):
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed: apt-get install chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    from tests.web.conftest import CHROMIUM_ARGS

    servers, _url, replies = sqlite_servers
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.on(
            "request",
            lambda r: outside.append(r.url) if not r.url.startswith(servers.web_url) else None,
        )
        page.goto(f"{servers.web_url}/staff/report", wait_until="load")

        assert page.locator("svg.chart g.day").count() == 30
        today = page.locator("svg.chart g.day").last
        assert today.get_attribute("data-messages") == str(EXPECTED["messages"])
        assert today.get_attribute("data-conversations") == str(EXPECTED["conversations"])
        assert page.locator("svg.chart rect[data-language=es]").count() == 1
        assert page.locator("svg.chart").bounding_box()["height"] > 150

        answered = page.locator("#topics_answered tbody tr")
        assert answered.count() == len(EXPECTED["answers"])
        assert answered.first.locator("td").all_inner_texts() == [
            "how long the relief lasts",
            "nerve block",
            "2",
        ]
        not_covered = page.locator("#topics_not_covered tbody").inner_text()
        assert "the cost" in not_covered and "insurance coverage" in not_covered
        groups = page.locator("#unanswered tbody tr")
        assert groups.count() == 2
        assert "where can I get the best pizza nearby?" in groups.first.inner_text()
        figures = page.locator("#figures").inner_text()
        assert "33%" in figures and "reached the scheduling link" in figures

        text = page.locator("body").inner_text()
        assert not any(sender in text for sender in replies)
        assert not any(words in text.lower() for words in EMERGENCY_WORDS)
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=True)
        browser.close()
    assert outside == []
