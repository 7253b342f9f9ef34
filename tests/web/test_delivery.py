"""No message is silently lost: resent once on reconnect, else "Not sent -- try again".

The browser's websocket to the assistant is routed through Playwright, which can
drop frames or cut the connection like a flaky network would.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from playwright.sync_api import BrowserContext, Page, Route, WebSocketRoute, expect

from scripts.servers import Servers
from tests.web.chat import answers, ask, open_chat

SOCKET = re.compile(r"/socket\.io/")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
QUESTION = "how long does a rhizotomy take?"


def user_messages(frames: list[str]) -> list[dict]:
    """The user_uttered payloads in socket.io frames ('42["user_uttered",{...}]')."""
    found = []
    for frame in frames:
        for packet in frame.split("\x1e"):  # polling joins packets with a record separator
            if packet.startswith('42["user_uttered"'):
                found.append(json.loads(packet[2:])[1])
    return found


def route_socket(page: Page, on_frame: Callable[[WebSocketRoute, WebSocketRoute, str], bool]):
    """Pass the page's websocket frames to the server unless ``on_frame`` returns False."""
    sockets: list[WebSocketRoute] = []

    def handler(ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()
        sockets.append(ws)
        ws.on_message(lambda frame: on_frame(ws, server, frame) and server.send(frame))

    page.route_web_socket(SOCKET, handler)
    return sockets


def record_polling(page: Page, frames: list[str]) -> None:
    def on_request(request) -> None:
        if SOCKET.search(request.url) and request.method == "POST" and request.post_data:
            frames.append(request.post_data)

    page.on("request", on_request)


def wait_for_websocket(page: Page, sockets: list) -> None:
    page.wait_for_timeout(300)
    assert sockets, "the widget did not upgrade to a websocket"
    page.wait_for_timeout(500)  # the upgrade is done once the probe is answered


def test_every_message_carries_its_language_and_a_message_id(page: Page, servers: Servers):
    frames: list[str] = []
    record_polling(page, frames)
    sockets = route_socket(page, lambda ws, server, frame: frames.append(frame) or True)
    open_chat(page, servers.web_url)
    wait_for_websocket(page, sockets)
    ask(page, QUESTION, "about an hour")
    sent = user_messages(frames)
    assert [m["message"] for m in sent] == ['/greet{"language":"en"}', QUESTION]
    for message in sent:
        assert message["customData"]["language"] == "en"
        assert UUID.match(message["customData"]["message_id"])
        assert message["session_id"]
    assert len({m["customData"]["message_id"] for m in sent}) == 2


def test_a_message_lost_with_the_connection_is_sent_again_once(page: Page, servers: Servers):
    frames: list[str] = []
    cut = {"done": False}
    record_polling(page, frames)

    def lose_first_question(ws: WebSocketRoute, server: WebSocketRoute, frame: str) -> bool:
        frames.append(frame)
        if QUESTION in frame and not cut["done"]:
            cut["done"] = True
            ws.close(code=1006, reason="network lost")
            server.close()
            return False
        return True

    sockets = route_socket(page, lose_first_question)
    open_chat(page, servers.web_url)
    wait_for_websocket(page, sockets)
    ask(page, QUESTION, "about an hour")
    assert cut["done"]
    expect(answers(page, "about an hour")).to_have_count(1)
    expect(page.get_by_text("Not sent")).to_have_count(0)
    asked = [m for m in user_messages(frames) if m["message"] == QUESTION]
    assert len(asked) == 2, asked  # the lost one and its single resend
    assert asked[0]["customData"]["message_id"] == asked[1]["customData"]["message_id"]


def short_timeout(context: BrowserContext) -> None:
    def fulfil(route: Route) -> None:
        body = (
            route.fetch()
            .text()
            .replace('"answer_timeout_seconds": 15', '"answer_timeout_seconds": 3')
        )
        route.fulfill(body=body, content_type="application/javascript")

    context.route("**/widget-settings.js", fulfil)


def test_a_message_without_an_answer_says_not_sent_and_can_be_sent_again(
    page: Page, servers: Servers
):
    short_timeout(page.context)  # widget.yml's answer_timeout_seconds, 3 s instead of 15
    network = {"down": True}

    def swallow_question(ws: WebSocketRoute, server: WebSocketRoute, frame: str) -> bool:
        return not (QUESTION in frame and network["down"])

    sockets = route_socket(page, swallow_question)
    open_chat(page, servers.web_url)
    wait_for_websocket(page, sockets)
    box = page.get_by_label("Your message to the clinic's assistant")
    box.fill(QUESTION)
    box.press("Enter")
    notice = page.locator(".cc-failed")
    expect(notice).to_contain_text("Not sent — try again.", timeout=10_000)
    expect(page.locator(".cc-user").last).to_contain_text(QUESTION)  # still shown, not dropped
    network["down"] = False
    notice.get_by_role("button", name="Send again").click()
    expect(answers(page, "about an hour")).to_have_count(1, timeout=20_000)
    expect(notice).to_have_count(0)


def test_links_in_bot_messages_are_only_http_or_https(page: Page, servers: Servers):
    sockets = route_socket(page, lambda ws, server, frame: True)
    open_chat(page, servers.web_url)
    wait_for_websocket(page, sockets)
    text = (
        "See [this](javascript:window.__xss=4) or https://clinic.example/ok and javascript:alert(5)"
    )
    sockets[-1].send("42" + json.dumps(["bot_uttered", {"text": text}]))
    bubble = answers(page, "clinic.example/ok")
    expect(bubble).to_have_count(1)
    expect(bubble).to_contain_text("[this](javascript:window.__xss=4)")
    assert page.locator(".cc a[href^='javascript' i]").count() == 0
    link = bubble.get_by_role("link")
    expect(link).to_have_count(1)
    expect(link).to_have_attribute("href", "https://clinic.example/ok")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
