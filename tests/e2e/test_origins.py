"""Only the configured sites may use the chat channels from a browser."""

import requests

from scripts.servers import Servers

EVIL = "http://evil.example"


def socketio_handshake(servers: Servers, origin: str) -> requests.Response:
    url = f"{servers.rasa_url}/socket.io/?EIO=4&transport=polling"
    return requests.get(url, headers={"Origin": origin}, timeout=10)


def test_socketio_accepts_the_demo_page(servers: Servers):
    response = socketio_handshake(servers, servers.web_url)
    assert response.status_code == 200
    assert '"sid"' in response.text


def test_socketio_refuses_other_sites(servers: Servers):
    assert socketio_handshake(servers, EVIL).status_code == 400


def test_rest_cors_allows_only_the_demo_page(servers: Servers):
    url = f"{servers.rasa_url}/webhooks/rest/webhook"
    preflight = {"Access-Control-Request-Method": "POST"}
    allowed = requests.options(url, headers={"Origin": servers.web_url, **preflight}, timeout=10)
    refused = requests.options(url, headers={"Origin": EVIL, **preflight}, timeout=10)
    assert allowed.headers.get("Access-Control-Allow-Origin") == servers.web_url
    assert "Access-Control-Allow-Origin" not in refused.headers


def test_the_page_loads_only_our_own_files(servers: Servers):
    page = requests.get(f"{servers.web_url}/", timeout=10)
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and servers.rasa_url in policy
    bundle = requests.get(f"{servers.web_url}/vendor/socket.io.min.js", timeout=10)
    assert bundle.ok and "fonts.googleapis.com" not in bundle.text
