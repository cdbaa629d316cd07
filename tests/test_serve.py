"""`outreach-helper serve` as a real process: a real WSGI server that stops cleanly."""

import signal

from tests.conftest import wait_for


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


def test_a_non_loopback_host_prints_a_warning(serve_process):
    process, port = serve_process("--host", "0.0.0.0")
    wait_for(f"http://127.0.0.1:{port}/")
    process.terminate()
    _, stderr = process.communicate(timeout=20)
    assert b"Warning: listening on 0.0.0.0" in stderr
