"""Safe defaults on every page: loopback Host only, CSRF on forms, security headers."""

import pytest

PAGES = ["/", "/me", "/contacts", "/contacts/new"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_answers_200_on_a_fresh_store(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", PAGES)
def test_every_page_carries_the_security_headers(client, url):
    headers = client.get(url).headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "127.0.0.1.evil.example",
        "localhost.evil.example:8765",
        "192.168.1.10:8765",
        "",
    ],
)
def test_a_request_whose_host_is_not_loopback_gets_400(client, host):
    response = client.get("/contacts", headers={"Host": host})
    assert response.status_code == 400
    assert b"localhost" in response.data


@pytest.mark.parametrize(
    "host",
    ["localhost", "localhost:8765", "127.0.0.1:8765", "[::1]:8765", "LOCALHOST:8765", "127.0.0.2"],
)
def test_loopback_hosts_with_any_port_are_served(client, host):
    assert client.get("/contacts", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("url", ["/me", "/contacts/new"])
def test_a_post_without_csrf_token_gets_400_and_stores_nothing(client, url):
    response = client.post(url, data={"name": "Mallory"})
    assert response.status_code == 400
    assert b"security token" in response.data
    assert b"Mallory" not in client.get("/contacts").data


def test_a_body_over_the_limit_gets_a_friendly_413(tmp_path):
    from helper import create_app

    app = create_app({"DATA_DIR": tmp_path, "MAX_UPLOAD_MB": 1})
    response = app.test_client().post("/contacts/new", data={"about": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert b"Nothing was stored" in response.data


def test_the_secret_key_is_generated_once_and_readable_by_the_owner_only(tmp_path):
    from helper import create_app

    first = create_app({"DATA_DIR": tmp_path}).config["SECRET_KEY"]
    second = create_app({"DATA_DIR": tmp_path}).config["SECRET_KEY"]
    assert first == second and len(first) >= 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_a_urlencoded_form_over_the_paste_limit_gets_413_before_it_is_read(tmp_path):
    from helper import create_app

    app = create_app({"DATA_DIR": tmp_path, "MAX_PASTE_MB": 1})
    response = app.test_client().post("/contacts/new", data={"notes": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert b"Nothing was stored" in response.data
