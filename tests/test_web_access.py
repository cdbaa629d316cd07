"""Served to other machines, every page asks for the access token once per browser; the calendar
feed and the extension bridge keep their own secrets."""

from __future__ import annotations

import shutil

import pytest

from helper import create_app
from tests.conftest import csrf_token_from

TOKEN = "s3cret-token-for-tests"


@pytest.fixture
def exposed(tmp_path, blank_store_file):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copyfile(blank_store_file, data_dir / blank_store_file.name)
    app = create_app({"DATA_DIR": data_dir, "TESTING": True, "ACCESS_TOKEN": TOKEN})
    return app.test_client()


def enter(client, token: str):
    page = client.get("/access", headers={"Host": "192.168.1.20:8765"}).get_data(as_text=True)
    form = {"csrf_token": csrf_token_from(page), "token": token}
    return client.post("/access", data=form, headers={"Host": "192.168.1.20:8765"})


def test_a_browser_without_the_token_is_sent_to_the_token_page_whatever_host_it_names(exposed):
    for host in ("localhost", "192.168.1.20:8765"):
        response = exposed.get("/contacts", headers={"Host": host})
        assert response.status_code == 302 and response.location.endswith("/access")


def test_a_form_posted_without_the_token_changes_nothing(exposed):
    response = exposed.post("/contacts/new", data={"name": "Eve"}, headers={"Host": "localhost"})
    assert response.status_code == 401


def test_a_wrong_token_is_refused_with_where_to_find_the_right_one(exposed):
    response = enter(exposed, "guess")
    assert response.status_code == 403
    assert "Copy it from the terminal" in response.get_data(as_text=True)
    assert "outreach_access" not in response.headers.get("Set-Cookie", "")


def test_the_right_token_sets_an_httponly_strict_cookie_and_opens_every_page(exposed):
    response = enter(exposed, TOKEN)

    cookie = response.headers["Set-Cookie"]
    assert response.status_code == 302
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and TOKEN not in cookie
    assert exposed.get("/contacts", headers={"Host": "192.168.1.20:8765"}).status_code == 200


def test_the_calendar_feed_and_the_bridge_answer_with_their_own_secrets_only(exposed):
    feed = exposed.get("/calendar/not-the-secret.ics", headers={"Host": "192.168.1.20"})
    bridge = exposed.get("/api/bridge/ping", headers={"Host": "192.168.1.20"})
    assert feed.status_code == 404
    assert bridge.status_code == 200 and bridge.is_json
