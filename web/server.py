"""Serve the demo clinic page with the chat widget (``make run`` starts it on WEB_PORT).

Everything the page loads comes from this server: the page, the widget bundle and
its font (vendored by ``web.vendor``), and the widget settings from ``widget.yml``.
A Content-Security-Policy lets the page talk to the assistant's URL and nowhere else.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from sanic import Sanic, response
from sanic.request import Request

from web.source_line import source_prefixes
from web.staff import staff_report_blueprint

WEB_DIR = Path(__file__).resolve().parent
VENDOR_DIR = WEB_DIR.parent / "build" / "web-vendor"


def load_widget_settings() -> dict[str, Any]:
    """``widget.yml`` with ``ASSISTANT_URL`` applied."""
    settings = yaml.safe_load((WEB_DIR / "widget.yml").read_text(encoding="utf-8"))
    settings["assistant_url"] = os.environ.get("ASSISTANT_URL") or settings["assistant_url"]
    settings["source_prefixes"] = source_prefixes()
    return settings


def content_security_policy(assistant_url: str) -> str:
    """Only our own files, plus HTTP and websocket connections to the assistant."""
    parts = urlsplit(assistant_url)
    websocket = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}"
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "font-src 'self' data:",
            "img-src 'self' data:",
            f"connect-src 'self' {parts.scheme}://{parts.netloc} {websocket}",
            "frame-ancestors 'self'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def create_app(name: str = "clinic_web") -> Sanic:
    settings = load_widget_settings()
    app = Sanic(name)
    app.static("/static", str(WEB_DIR / "static"))
    app.static("/vendor", str(VENDOR_DIR))
    csp = content_security_policy(settings["assistant_url"])
    app.blueprint(staff_report_blueprint())

    @app.get("/")
    async def index(_: Request) -> response.HTTPResponse:
        return await response.file(WEB_DIR / "index.html")

    @app.get("/widget-settings.js")
    async def widget_settings(_: Request) -> response.HTTPResponse:
        body = f"window.CLINIC_CHAT_SETTINGS = {json.dumps(settings)};\n"
        return response.text(body, content_type="application/javascript")

    @app.on_response
    async def security_headers(_: Request, resp: response.HTTPResponse) -> None:
        resp.headers["Content-Security-Policy"] = csp
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "no-referrer"

    return app


if __name__ == "__main__":
    create_app().run(
        host=os.environ.get("WEB_HOST", "0.0.0.0"),
        port=int(os.environ.get("WEB_PORT", "8000")),
        access_log=False,
    )
