"""Browser tests: Playwright drives Debian's Chromium (never a downloaded browser)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from helper.web.session import solo_workspace
from tests.conftest import REPO_ROOT, wait_for

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO_ROOT / "build" / "screenshots"
# Without these, Chromium keeps trying to reach Google's hosts, which this machine refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(f"CI=true but {CHROMIUM} is missing: install Debian's chromium")
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module, stopped before other modules run."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def start_server(tmp_path):
    """`start(demo=False)` serves the app on the data folder tmp_path/data through waitress, the
    server `serve` runs, on a thread of this process (a new process per test cost two seconds);
    returns its base URL. Every server is stopped at the end of the test."""
    from waitress import create_server

    from helper import create_app

    started = []

    def start(*, demo: bool = False) -> str:
        app = create_app({"DATA_DIR": tmp_path / "data", "DEMO": demo})
        server = create_server(app, host="127.0.0.1", port=0, threads=8)
        threading.Thread(target=server.run, name="waitress", daemon=True).start()
        started.append((server, app))
        base = f"http://127.0.0.1:{server.effective_port}"
        wait_for(base + "/")
        return base

    yield start
    for server, app in started:
        server.close()
        solo_workspace(app).store.close()


@pytest.fixture
def live_server(start_server):
    """A running service on a fresh store; its base URL."""
    return start_server()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture
def screenshot(page):
    """Save what the user sees, for review and for the README (build/screenshots/NAME.png)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
