"""A patient on the clinic's page: open the chat, ask, follow up, reload, book."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from scripts.servers import Servers
from tests.web.chat import INPUT_LABEL, LAUNCHER_LABEL, answers, ask, open_chat, quick_replies

SCHEDULING_URL = "https://www.sportsandpainmanagement.com/"


def test_greeting_question_follow_up_and_quick_reply(page: Page, servers: Servers, screenshots):
    open_chat(page, servers.web_url)
    replies = quick_replies(page).get_by_role("button")
    expect(replies).to_have_count(4)
    replies.filter(has_text="How long does a nerve block last?").click()
    expect(answers(page, "up to weeks").first).to_be_visible(timeout=20_000)
    expect(page.locator(".cc-user").last).to_have_text("You: How long does a nerve block last?")

    seconds = ask(page, "what is a rhizotomy?", "semi-permanent")
    print(f"\nEnter to visible answer: {seconds * 1000:.0f} ms")
    ask(page, "how long does the relief last?", "several years")
    page.screenshot(path=str(screenshots / "widget-desktop.png"))


def test_an_answer_is_one_bubble_with_its_source_inside(page: Page, servers: Servers):
    open_chat(page, servers.web_url)
    ask(page, "what is a rhizotomy?", "semi-permanent")
    answer = answers(page, "semi-permanent")
    expect(answer).to_have_count(1)
    expect(answer.locator(".cc-source")).to_have_text(
        "Source: the clinic's article \"Rhizotomy vs. Nerve Blocks: What's the Difference?\""
    )
    assert answers(page).filter(has_text="Source:").count() == 1  # no bubble of its own
    font = answer.locator(".cc-source").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert font < answer.locator("p").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    # the quick replies come below the answer
    group = quick_replies(page).bounding_box()
    assert group and group["y"] >= answer.bounding_box()["y"] + answer.bounding_box()["height"]


def test_reload_keeps_history_and_context(page: Page, servers: Servers):
    open_chat(page, servers.web_url)
    ask(page, "how long does a rhizotomy take?", "about an hour")
    page.reload()  # the widget reopens as it was, with the history from session storage
    expect(answers(page, "about an hour")).to_have_count(1, timeout=20_000)
    ask(page, "and how long does the relief last?", "several years")


def test_booking_button_opens_the_scheduling_page_in_a_new_tab(page: Page, servers: Servers):
    open_chat(page, servers.web_url)
    ask(page, "I'd like to book an appointment", SCHEDULING_URL)
    button = quick_replies(page).get_by_role("link", name="Open the scheduling page")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("href", SCHEDULING_URL)
    expect(button).to_have_attribute("target", "_blank")
    expect(button).to_have_attribute("rel", "noopener noreferrer")
    link = answers(page).locator(f'a[href="{SCHEDULING_URL}"]').first
    expect(link).to_have_attribute("target", "_blank")
    with page.context.expect_page() as new_tab:
        button.click()
    assert new_tab.value.evaluate("window.opener") is None


def test_html_and_script_are_shown_as_text_never_run(page: Page, servers: Servers):
    open_chat(page, servers.web_url)
    attacks = [
        '<img src=x onerror="window.__xss = 1">',
        "<script>window.__xss = 2</script>",
        "[click me](javascript:window.__xss=3)",
    ]
    for attack in attacks:
        box = page.get_by_label(INPUT_LABEL["en"])
        box.fill(attack)
        box.press("Enter")
        expect(page.locator(".cc-user").last).to_contain_text(attack, timeout=10_000)
    page.wait_for_timeout(1500)
    assert page.evaluate("window.__xss") is None
    assert (
        page.locator(".cc img[src='x'], .cc-log script, .cc-log a[href^='javascript']").count() == 0
    )


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
    assert answers(page).count() == 0


def test_phone_viewport_fits_and_works(browser, servers: Servers, screenshots):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        open_chat(page, servers.web_url)
        ask(page, "where are your offices?", "Baytown")
        page.wait_for_timeout(500)
        box = page.locator(".cc-panel").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1
        assert box["y"] >= 0 and box["y"] + box["height"] <= 844 + 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(screenshots / "widget-phone.png"))
    finally:
        context.close()


def test_a_spanish_browser_gets_the_widget_and_the_greeting_in_spanish(browser, servers: Servers):
    context = browser.new_context(locale="es-MX", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(servers.web_url)
        page.get_by_role("button", name=LAUNCHER_LABEL["es"]).click()
        expect(answers(page).first).to_contain_text("asistente virtual", timeout=20_000)
        # the widget speaks Spanish; the page around it is still the clinic's English article
        assert page.locator("#clinic-chat").get_attribute("lang") == "es"
        assert page.evaluate("document.documentElement.lang") == "en"
        ask(page, "cuanto dura el alivio de una rizotomia?", "varios años", language="es")
        expect(answers(page, "varios años").locator(".cc-source")).to_contain_text("Fuente:")
        quick_replies(page, "es").get_by_role("button", name="Hacer una cita").click()
        expect(answers(page, "sportsandpainmanagement.com").first).to_be_visible(timeout=20_000)
    finally:
        context.close()
