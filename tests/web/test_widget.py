"""A patient on the clinic's page: open the chat, ask, follow up, reload, book."""

from __future__ import annotations

import time

from playwright.sync_api import Page, expect

from scripts.servers import Servers

SCHEDULING_URL = "https://www.sportsandpainmanagement.com/"
BOT = ".rw-response"


def open_chat(page: Page, url: str) -> None:
    page.goto(url)
    page.locator(".rw-launcher").click()
    expect(page.locator(BOT).first).to_contain_text("virtual assistant", timeout=20_000)


def bubbles_with(page: Page, text: str):
    """The assistant's chat bubbles containing ``text`` (answers arrive one paragraph each)."""
    return page.locator(BOT).filter(has_text=text)


def ask(page: Page, text: str, expected: str) -> float:
    """Type ``text``, press Enter, wait for ``expected``; return seconds to the answer."""
    before = bubbles_with(page, expected).count()
    box = page.get_by_label("Your message to the clinic's assistant")
    box.fill(text)
    started = time.perf_counter()
    box.press("Enter")
    expect(bubbles_with(page, expected).nth(before)).to_be_visible(timeout=20_000)
    return time.perf_counter() - started


def test_greeting_question_follow_up_and_quick_reply(page: Page, servers: Servers, screenshots):
    open_chat(page, servers.web_url)
    replies = page.locator(".rw-replies .rw-reply")
    expect(replies).to_have_count(4)
    replies.filter(has_text="How long does a nerve block last?").click()
    expect(bubbles_with(page, "up to weeks").first).to_be_visible(timeout=20_000)

    seconds = ask(page, "what is a rhizotomy?", "semi-permanent")
    print(f"\nEnter to visible answer: {seconds * 1000:.0f} ms")
    ask(page, "how long does the relief last?", "several years")
    page.screenshot(path=str(screenshots / "desktop.png"))


def test_reload_keeps_history_and_context(page: Page, servers: Servers):
    open_chat(page, servers.web_url)
    ask(page, "how long does a rhizotomy take?", "about an hour")
    page.reload()  # the widget reopens as it was, with the history from local storage
    expect(bubbles_with(page, "about an hour")).to_have_count(1, timeout=20_000)
    ask(page, "and how long does the relief last?", "several years")


def test_booking_button_opens_the_scheduling_page_in_a_new_tab(page: Page, servers: Servers):
    open_chat(page, servers.web_url)
    ask(page, "I'd like to book an appointment", SCHEDULING_URL)
    button = page.locator(".rw-replies .rw-reply", has_text="Open the scheduling page")
    expect(button).to_be_visible()
    link = page.locator(f'.rw-response a[href="{SCHEDULING_URL}"]').first
    expect(link).to_have_attribute("target", "_blank")


def test_html_and_script_are_shown_as_text_never_run(page: Page, servers: Servers):
    open_chat(page, servers.web_url)
    attacks = ['<img src=x onerror="window.__xss = 1">', "<script>window.__xss = 2</script>"]
    for attack in attacks:
        box = page.get_by_label("Your message to the clinic's assistant")
        box.fill(attack)
        box.press("Enter")
        expect(page.locator(".rw-client").last).to_contain_text(attack[:12], timeout=10_000)
    page.wait_for_timeout(1500)
    assert page.evaluate("window.__xss") is None
    assert page.locator(".rw-conversation-container img[src='x']").count() == 0


def test_a_page_on_another_origin_gets_no_answer(page: Page, servers: Servers):
    """The same page served from 127.0.0.1, which these servers do not allow."""
    seen = {"accepted": 0, "refused": 0}

    def on_response(response) -> None:
        if "/socket.io/" in response.url:
            seen["accepted" if response.status == 200 else "refused"] += 1

    def on_failure(request) -> None:  # a CORS refusal surfaces as a failed request
        if "/socket.io/" in request.url:
            seen["refused"] += 1

    page.on("response", on_response)
    page.on("requestfailed", on_failure)
    page.goto(servers.web_url.replace("localhost", "127.0.0.1"))
    page.wait_for_timeout(5000)
    assert seen["refused"] > 0 and seen["accepted"] == 0
    assert page.locator(BOT).count() == 0


def test_phone_viewport_fits_and_works(browser, servers: Servers, screenshots):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        open_chat(page, servers.web_url)
        ask(page, "where are your offices?", "Baytown")
        page.wait_for_timeout(1000)  # let the scroll to the new answer settle
        box = page.locator(".rw-conversation-container").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1
        assert box["y"] >= 0 and box["y"] + box["height"] <= 844 + 1
        page.screenshot(path=str(screenshots / "phone.png"))
    finally:
        context.close()


def test_a_spanish_browser_gets_the_widget_and_the_greeting_in_spanish(browser, servers: Servers):
    context = browser.new_context(locale="es-MX", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(servers.web_url)
        page.locator(".rw-launcher").click()
        expect(page.locator(BOT).first).to_contain_text("asistente virtual", timeout=20_000)
        assert page.evaluate("document.documentElement.lang") == "es"
        box = page.get_by_label("Su mensaje para el asistente de la clínica")
        box.fill("cuanto dura el alivio de una rizotomia?")
        box.press("Enter")
        expect(bubbles_with(page, "varios años").first).to_be_visible(timeout=20_000)
        page.locator(".rw-replies .rw-reply").filter(has_text="Hacer una cita").first.click()
        expect(bubbles_with(page, "sportsandpainmanagement.com").first).to_be_visible(
            timeout=20_000
        )
    finally:
        context.close()
