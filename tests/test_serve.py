"""`outreach-helper serve` as a real process: a real WSGI server that stops cleanly."""

import signal
import urllib.parse
import urllib.request

from tests.conftest import csrf_token_from, wait_for


def test_serve_answers_over_http_and_stops_cleanly_on_sigterm(serve_process):
    process, port = serve_process()
    page = wait_for(f"http://127.0.0.1:{port}/")
    assert b"Outreach Helper" in page
    process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=20)
    assert process.returncode == 0, stderr
    assert f"running at http://127.0.0.1:{port}/".encode() in stdout
    assert b"Stopped." in stderr


def test_serve_stops_cleanly_on_ctrl_c(serve_process):
    process, port = serve_process()
    wait_for(f"http://127.0.0.1:{port}/contacts")
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=20)
    assert process.returncode == 0


def test_the_demo_store_is_separate_and_shows_every_category(serve_process, tmp_path):
    process, port = serve_process("--demo")
    page = wait_for(f"http://127.0.0.1:{port}/contacts?category=introducer").decode()
    assert "Demo store" in page and "William Clarke" in page
    assert (tmp_path / "data" / "demo.sqlite3").exists()
    process.terminate()
    process.communicate(timeout=20)


def test_a_non_loopback_host_asks_every_browser_for_the_token_it_printed_once(serve_process):
    process, port = serve_process("--host", "0.0.0.0")
    printed = b""
    for line in process.stderr:
        printed += line
        if line.startswith(b"Access token:"):
            break
    token = printed.rsplit(b":", 1)[1].strip().decode()
    assert b"Warning: listening on 0.0.0.0" in printed and b"plain HTTP" in printed
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/access")
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())

    # Naming localhost as Host no longer opens the book: the token page answers instead.
    stranger = browser.open(
        urllib.request.Request(base + "/contacts", headers={"Host": "localhost"})
    )
    assert stranger.url == base + "/access" and b"Access token" in stranger.read()
    page = browser.open(base + "/access").read().decode()
    form = {"csrf_token": csrf_token_from(page), "token": token}
    entered = browser.open(base + "/access", urllib.parse.urlencode(form).encode())

    assert entered.url == base + "/"
    assert b"Access token" not in browser.open(base + "/contacts").read()
    process.terminate()
    process.communicate(timeout=20)
