"""The staff report at ``/staff/report`` on the web port (``make run``).

Built on each request from the configured store (TRACKER_DB_URL), for the last 30
days or ``?since=YYYY-MM-DD&until=YYYY-MM-DD``. Open to requests from this machine
that no proxy forwarded; from elsewhere only with the staff token (STAFF_TOKEN) as
``Authorization: Bearer <token>`` or ``?token=<token>``; anyone else gets 403.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import os

from sanic import Blueprint, response
from sanic.request import Request

FORWARDING_HEADERS = ("forwarded", "x-forwarded-for", "x-real-ip")


def is_local(request: Request) -> bool:
    """Whether the request came straight from this machine (no proxy in between)."""
    if any(header in request.headers for header in FORWARDING_HEADERS):
        return False
    try:
        return ipaddress.ip_address(request.ip).is_loopback
    except ValueError:
        return False


def has_token(request: Request, token: str | None) -> bool:
    """Whether the request carries the staff token (never, when none is set)."""
    if not token:
        return False
    authorization = request.headers.get("authorization", "")
    given = authorization[len("Bearer ") :] if authorization.startswith("Bearer ") else ""
    given = given or request.args.get("token", "")
    return hmac.compare_digest(given.encode(), token.encode())


def allowed(request: Request) -> bool:
    """Local requests, and any with the staff token."""
    return is_local(request) or has_token(request, os.environ.get("STAFF_TOKEN"))


def _report_page(since: str | None, until: str | None) -> str:
    # Imported here: the widget's pages do not need Rasa or scikit-learn loaded.
    from clinic_report.build import build
    from clinic_report.page import render
    from clinic_report.period import make_period
    from clinic_report.store import configured_url

    return render(build(configured_url(), make_period(since, until)))


def staff_report_blueprint() -> Blueprint:
    """The blueprint to register on the web server's app."""
    blueprint = Blueprint("staff_report")

    @blueprint.get("/staff/report")
    async def staff_report(request: Request) -> response.HTTPResponse:
        if not allowed(request):
            return response.text("Forbidden: staff only.\n", status=403)
        from clinic_report.store import StoreError

        since, until = request.args.get("since"), request.args.get("until")
        try:
            page = await asyncio.to_thread(_report_page, since, until)
        except ValueError as error:
            return response.text(f"{error}\n", status=400)
        except StoreError as error:
            return response.text(f"{error}\n", status=503)
        return response.html(page, headers={"Cache-Control": "no-store"})

    return blueprint
