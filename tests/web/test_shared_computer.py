"""On a shared computer the conversation goes with the tab, and "Start over" forgets it."""

from __future__ import annotations

import json

from playwright.sync_api import Browser, Page, Route, expect

from scripts.servers import Servers
from tests.web.chat import GREETING, answers, ask, open_chat, stored


def test_the_conversation_is_kept_in_session_storage_only(page: Page, servers: Servers):
    open_chat(page, servers.web_url)
    ask(page, "how long does a rhizotomy take?", "about an hour")
    kept = stored(page)
    assert kept and kept["sessionId"]
    assert any("about an hour" in " ".join(m.get("paragraphs", [])) for m in kept["messages"])
    assert stored(page, "localStorage") is None
    assert page.evaluate("window.localStorage.length") == 0

    page.reload()  # survives a reload, with the same session on the server
    expect(answers(page, "about an hour")).to_have_count(1, timeout=20_000)
    assert stored(page)["sessionId"] == kept["sessionId"]

    # another tab (as after closing the browser) starts with nothing
    other = page.context.new_page()
    other.goto(servers.web_url)
    assert stored(other) is None or stored(other)["messages"] == []
    expect(other.locator(".cc-message")).to_have_count(0)


def test_start_over_forgets_the_conversation_and_starts_a_new_one(page: Page, servers: Servers):
    open_chat(page, servers.web_url)
    ask(page, "how long does a rhizotomy take?", "about an hour")
    before = stored(page)["sessionId"]
    start_over = page.get_by_role("button", name="Start over")
    expect(start_over).to_be_visible()
    start_over.click()
    expect(answers(page, "about an hour")).to_have_count(0)
    expect(page.locator(".cc-user")).to_have_count(0)
    expect(answers(page).first).to_contain_text(GREETING["en"], timeout=20_000)
    expect(answers(page)).to_have_count(1)
    after = stored(page)
    assert after["sessionId"] and after["sessionId"] != before
    assert "about an hour" not in json.dumps(after)
    expect(page.get_by_label("Your message to the clinic's assistant")).to_be_focused()
    # the server has a new conversation too: a follow-up has no procedure to refer to
    ask(page, "what is a rhizotomy?", "semi-permanent")
    page.reload()
    expect(answers(page, "about an hour")).to_have_count(0)
    expect(answers(page, "semi-permanent")).to_have_count(1, timeout=20_000)


def test_widget_yml_can_keep_it_in_local_storage(browser: Browser, servers: Servers):
    """`storage: local` in widget.yml (here: in the served settings) keeps it across tabs."""

    def local_storage(route: Route) -> None:
        body = route.fetch().text().replace('"storage": "session"', '"storage": "local"')
        assert '"storage": "local"' in body
        route.fulfill(body=body, content_type="application/javascript")

    context = browser.new_context()
    try:
        context.route("**/widget-settings.js", local_storage)
        page = context.new_page()
        open_chat(page, servers.web_url)
        ask(page, "how long does a rhizotomy take?", "about an hour")
        assert stored(page, "localStorage")["sessionId"]
        assert stored(page) is None
        other = context.new_page()
        other.goto(servers.web_url)
        expect(answers(other, "about an hour")).to_have_count(1, timeout=20_000)
        other.get_by_role("button", name="Start over").click()
        expect(answers(other, "about an hour")).to_have_count(0)
        assert "about an hour" not in json.dumps(stored(other, "localStorage"))
    finally:
        context.close()
