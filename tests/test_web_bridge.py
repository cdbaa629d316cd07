"""The extension's JSON API: only the paired extension, from its exact origin, gets in."""

from __future__ import annotations

import re

import pytest

from helper.web.bridge import MAX_BODY_MB

EXTENSION = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
OTHER_EXTENSION = "chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba"
WEB_PAGE = "https://evil.example"
AMARA_URL = "https://www.linkedin.com/in/amara-nwosu-7a1b2c/"
ENDPOINTS = [
    ("GET", "/api/bridge/ping"),
    ("POST", "/api/bridge/pair"),
    ("POST", "/api/bridge/capture"),
    ("GET", f"/api/bridge/contact?url={AMARA_URL}"),
]
PROTECTED = [e for e in ENDPOINTS if "ping" not in e[1] and "pair" not in e[1]]


def pairing_code(post_form) -> str:
    page = post_form("/me/extension/code", {}, page="/me/extension").get_data(as_text=True)
    return re.search(r'id="pairing-code">([A-Z0-9-]+)<', page).group(1)


class Bridge:
    """The extension as the service sees it: an origin and, once paired, a token."""

    def __init__(self, client, origin: str = EXTENSION) -> None:
        self.client = client
        self.origin = origin
        self.token = ""

    def headers(self, origin: str | None = None, token: str | None = None) -> dict:
        headers = {"Origin": self.origin if origin is None else origin}
        chosen = self.token if token is None else token
        if chosen:
            headers["Authorization"] = f"Bearer {chosen}"
        return {name: value for name, value in headers.items() if value}

    def pair(self, code: str):
        response = self.client.post(
            "/api/bridge/pair", json={"code": code}, headers={"Origin": self.origin}
        )
        self.token = response.get_json().get("token", "")
        return response

    def capture(self, html: str, url: str = AMARA_URL, **headers):
        return self.client.post(
            "/api/bridge/capture", json={"url": url, "html": html}, headers=self.headers(**headers)
        )

    def contact(self, url: str = AMARA_URL, **headers):
        return self.client.get(
            "/api/bridge/contact", query_string={"url": url}, headers=self.headers(**headers)
        )


@pytest.fixture
def profile_html(data_path) -> str:
    return (data_path / "profiles" / "html" / "logged_in_2024.html").read_text()


@pytest.fixture
def bridge(client, post_form) -> Bridge:
    paired = Bridge(client)
    assert paired.pair(pairing_code(post_form)).status_code == 200
    return paired


def assert_json_error(response, status: int) -> str:
    assert response.status_code == status
    assert response.is_json
    body = response.get_json()
    assert list(body) == ["error"] and isinstance(body["error"], str) and body["error"]
    return body["error"]


def test_ping_answers_the_name_and_version_only_without_a_token(client):
    response = client.get("/api/bridge/ping", headers={"Origin": EXTENSION})
    assert response.get_json() == {"name": "Outreach Helper", "version": "0.1.0"}
    assert response.headers["Access-Control-Allow-Origin"] == EXTENSION


def test_pairing_with_the_code_from_the_me_page_returns_a_token(client, post_form):
    code = pairing_code(post_form)
    response = Bridge(client).pair(code)
    assert response.status_code == 200
    assert len(response.get_json()["token"]) >= 40
    page = client.get("/me/extension").get_data(as_text=True)
    assert EXTENSION in page and "Chromium extension" in page and "Revoke" in page


def test_a_pairing_code_works_once(client, post_form):
    code = pairing_code(post_form)
    assert Bridge(client).pair(code).status_code == 200
    message = assert_json_error(Bridge(client, OTHER_EXTENSION).pair(code), 400)
    assert "wrong or has expired" in message


def test_a_web_page_cannot_pair_even_with_the_right_code(client, post_form):
    code = pairing_code(post_form)
    assert_json_error(Bridge(client, WEB_PAGE).pair(code), 403)
    assert Bridge(client).pair(code).status_code == 200


def test_capture_stores_the_profile_and_a_second_capture_merges(bridge, profile_html, store):
    first = bridge.capture(profile_html)
    assert first.status_code == 200
    body = first.get_json()
    assert body["created"] is True
    assert body["contact"]["name"] == "Amara Nwosu"
    assert body["contact"]["linkedin_url"] == AMARA_URL
    assert body["contact"]["categories"] == [{"key": "mentor", "reason": "headline says 'Mentor'"}]
    again = bridge.capture(profile_html).get_json()
    assert again["created"] is False and again["contact"]["id"] == body["contact"]["id"]


def test_a_known_person_comes_back_with_categories_goals_and_draft(bridge, profile_html):
    bridge.capture(profile_html)
    body = bridge.contact("https://linkedin.com/in/amara-nwosu-7a1b2c?trk=feed").get_json()
    assert body["contact"]["name"] == "Amara Nwosu"
    assert [c["label"] for c in body["categories"]] == ["Mentor"]
    assert body["goals"] == []
    assert body["draft"]["channel"] == "linkedin_connect"
    assert body["draft"]["limit"] == 300 and body["draft"]["length"] == len(body["draft"]["body"])


def test_an_unknown_person_is_a_json_404(bridge):
    message = assert_json_error(bridge.contact("https://www.linkedin.com/in/nobody/"), 404)
    assert "not in Outreach Helper yet" in message


@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_the_api_needs_a_token(client, method, path):
    response = client.open(path, method=method, json={}, headers={"Origin": EXTENSION})
    assert "not paired" in assert_json_error(response, 401)


def test_a_revoked_token_is_refused(bridge, post_form, profile_html, session):
    from helper.db.models import BridgeToken

    token_id = session.query(BridgeToken).one().id
    page = post_form(f"/me/extension/{token_id}/revoke", {}, page="/me/extension")
    assert "can no longer reach Outreach Helper" in page.get_data(as_text=True)
    assert_json_error(bridge.capture(profile_html), 401)
    assert_json_error(bridge.contact(), 401)


@pytest.mark.parametrize("call", ["capture", "contact"])
def test_a_web_page_origin_is_refused_even_with_a_valid_token(bridge, profile_html, call):
    response = (
        bridge.capture(profile_html, origin=WEB_PAGE)
        if call == "capture"
        else bridge.contact(origin=WEB_PAGE)
    )
    assert "not accepted" in assert_json_error(response, 403)
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize("call", ["capture", "contact"])
def test_another_extension_is_refused_with_the_token(bridge, profile_html, call):
    response = (
        bridge.capture(profile_html, origin=OTHER_EXTENSION)
        if call == "capture"
        else bridge.contact(origin=OTHER_EXTENSION)
    )
    assert_json_error(response, 401)
    assert "Access-Control-Allow-Origin" not in response.headers


def test_cors_answers_only_the_paired_origin(bridge, profile_html):
    response = bridge.capture(profile_html)
    assert response.headers["Access-Control-Allow-Origin"] == EXTENSION
    assert "Origin" in response.headers["Vary"]
    assert "Access-Control-Allow-Credentials" not in response.headers


def test_a_get_without_origin_needs_the_token_and_a_post_needs_the_origin(bridge, profile_html):
    # Browsers leave Origin off an extension's GET to a permitted host (w3c/webextensions#777).
    assert bridge.capture(profile_html).status_code == 200
    assert bridge.contact(origin="").status_code == 200
    assert_json_error(bridge.contact(origin="", token="wrong"), 401)
    assert_json_error(bridge.capture(profile_html, origin=""), 403)


def preflight(client, path: str, origin: str):
    return client.open(
        path,
        method="OPTIONS",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
            "Access-Control-Request-Private-Network": "true",
        },
    )


def test_a_preflight_from_an_extension_about_to_pair_is_answered(client):
    response = preflight(client, "/api/bridge/pair", EXTENSION)
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == EXTENSION
    assert response.headers["Access-Control-Allow-Private-Network"] == "true"
    assert "Authorization" in response.headers["Access-Control-Allow-Headers"]


def test_a_preflight_for_the_data_is_answered_only_for_the_paired_extension(bridge, client):
    assert preflight(client, "/api/bridge/capture", EXTENSION).status_code == 204
    refused = preflight(client, "/api/bridge/capture", OTHER_EXTENSION)
    assert_json_error(refused, 403)
    assert "Access-Control-Allow-Origin" not in refused.headers


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_a_preflight_from_a_web_page_is_refused(client, bridge, method, path):
    response = preflight(client, path.split("?")[0], WEB_PAGE)
    assert_json_error(response, 403)
    assert "Access-Control-Allow-Origin" not in response.headers
    assert "Access-Control-Allow-Private-Network" not in response.headers


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_a_foreign_host_is_refused_with_json(bridge, method, path):
    response = bridge.client.open(
        path, method=method, json={}, headers={**bridge.headers(), "Host": "evil.example:8765"}
    )
    assert "localhost" in assert_json_error(response, 400)


def test_an_oversized_body_is_refused_with_json_413(bridge, store):
    from helper.db.models import Contact

    huge = "x" * (MAX_BODY_MB * 1024 * 1024 + 1)
    message = assert_json_error(bridge.capture(huge), 413)
    assert f"{MAX_BODY_MB} MB" in message
    with store.sessions() as check:
        assert check.query(Contact).count() == 0


def test_cookies_never_authenticate(bridge, client, profile_html):
    client.get("/me/extension")  # the browser's session cookie is now set
    client.set_cookie("token", bridge.token)
    client.set_cookie("Authorization", f"Bearer {bridge.token}")
    response = client.post(
        "/api/bridge/capture",
        json={"url": AMARA_URL, "html": profile_html},
        headers={"Origin": EXTENSION},
    )
    assert_json_error(response, 401)
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("POST", "/api/bridge/pair", {"code": ""}, 400),
        ("POST", "/api/bridge/pair", ["not", "an", "object"], 400),
        ("POST", "/api/bridge/capture", {"url": AMARA_URL}, 400),
        ("POST", "/api/bridge/capture", {"url": AMARA_URL, "html": 42}, 400),
        (
            "POST",
            "/api/bridge/capture",
            {"url": AMARA_URL, "html": "<html><body></body></html>"},
            400,
        ),
        ("GET", "/api/bridge/contact", None, 400),
        ("GET", "/api/bridge/contact?url=https://example.com/someone", None, 400),
        ("GET", "/api/bridge/nowhere", None, 404),
        ("DELETE", "/api/bridge/ping", None, 405),
        ("GET", "/api/bridge/capture", None, 405),
    ],
)
def test_every_refusal_has_the_one_json_error_shape(bridge, method, path, body, status):
    response = bridge.client.open(path, method=method, json=body, headers=bridge.headers())
    assert_json_error(response, status)


def test_a_page_that_holds_no_person_stores_nothing(bridge, store):
    from helper.db.models import Contact

    message = assert_json_error(bridge.capture("<html><body><p>Sign in</p></body></html>"), 400)
    assert "names no person" in message
    with store.sessions() as check:
        assert check.query(Contact).count() == 0
