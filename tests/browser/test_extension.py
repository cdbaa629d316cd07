"""The browser extension in Debian's Chromium: pair it with a code from Me, send a LinkedIn
profile with one click, and see the known person's draft on the next visit."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect, sync_playwright

from helper.db.models import Contact
from helper.store.goals import GoalInput, create_goal, shortlist
from helper.store.opening import open_store
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS
from tests.conftest import REPO_ROOT, TEST_DATA

pytestmark = pytest.mark.browser

EXTENSION = REPO_ROOT / "extension_bridge"
PROFILE_PAGE = TEST_DATA / "profiles" / "html" / "logged_in_2024.html"
PROFILE_URL = "https://www.linkedin.com/in/amara-nwosu-7a1b2c/"


@pytest.fixture
def extension_browser(tmp_path):
    """Chromium with the unpacked extension loaded; LinkedIn answered by a local fixture."""
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                *CHROMIUM_ARGS,
                f"--disable-extensions-except={EXTENSION}",
                f"--load-extension={EXTENSION}",
            ],
            viewport={"width": 1100, "height": 800},
        )
        context.set_default_timeout(15_000)
        context.route(
            "https://www.linkedin.com/in/**",
            lambda route: route.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=PROFILE_PAGE.read_text()
            ),
        )
        yield context
        context.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def shortlist_for_a_goal(data_dir, contact_id: int) -> None:
    store = open_store(data_dir)
    with store.sessions() as session:
        goal = create_goal(
            session, GoalInput(title="Move into platform leadership", purpose="career")
        )
        shortlist(session, goal, session.get(Contact, contact_id), None)
        session.commit()
    store.engine.dispose()


def extension_worker(context):
    workers = context.service_workers
    return workers[0] if workers else context.wait_for_event("serviceworker")


def pairing_code(context, base: str) -> str:
    me = context.new_page()
    me.goto(base + "/me")
    me.get_by_role("link", name="Browser extension").click()
    me.get_by_role("button", name="Make a pairing code").click()
    expect(me.get_by_text("A new pairing code is ready")).to_be_visible()
    code = me.locator("#pairing-code").inner_text()
    screenshot(me, "extension-pairing-code")
    me.close()
    return code


def pair_in_options(context, extension_id: str, port: str, code: str) -> None:
    options = context.new_page()
    options.goto(f"chrome-extension://{extension_id}/options.html")
    # The page fills the port in from its settings once they load: typed sooner, a busy
    # machine's late load writes over it.
    expect(options.get_by_role("status")).to_contain_text("port")
    options.get_by_label("Port Outreach Helper listens on").fill(port)
    options.get_by_label("Pairing code").fill(code)
    options.get_by_role("button", name="Pair", exact=True).click()
    expect(options.get_by_role("alert")).to_have_text(
        "Paired: the toolbar button can now send profiles to Outreach Helper."
    )
    expect(options.get_by_role("status")).to_contain_text("This browser is paired.")
    screenshot(options, "extension-options")
    options.close()


def open_popup(context, extension_id: str, tab_id: int):
    popup = context.new_page()
    popup.set_viewport_size({"width": 400, "height": 560})
    popup.goto(f"chrome-extension://{extension_id}/popup.html?tab={tab_id}")
    return popup


def test_pair_send_a_profile_and_see_the_draft_next_time(extension_browser, live_server, tmp_path):
    context = extension_browser
    worker = extension_worker(context)
    extension_id = worker.url.split("/")[2]
    linkedin = context.pages[0]
    linkedin.goto(PROFILE_URL)
    # The only tab open is the profile, so it is the popup's target.
    (tab_id,) = worker.evaluate("chrome.tabs.query({}).then(tabs => tabs.map(t => t.id))")

    pair_in_options(
        context, extension_id, live_server.rsplit(":", 1)[1], pairing_code(context, live_server)
    )

    me = context.new_page()
    me.goto(live_server + "/me/extension")
    origin = f"chrome-extension://{extension_id}"
    expect(me.get_by_role("cell", name=origin, exact=True)).to_be_visible()
    expect(me.get_by_role("button", name="Revoke")).to_be_visible()
    me.close()

    popup = open_popup(context, extension_id, tab_id)
    expect(popup.get_by_text("· paired")).to_be_visible()
    expect(popup.get_by_role("alert")).to_have_text("This person is not in Outreach Helper yet.")
    popup.get_by_role("button", name="Send to Outreach Helper").click()
    expect(popup.get_by_role("alert")).to_have_text("Added Amara Nwosu in Outreach Helper.")
    expect(popup.get_by_role("heading", name="Amara Nwosu")).to_be_visible()
    popup.close()

    store = open_store(tmp_path / "data")
    with store.sessions() as session:
        contact = session.query(Contact).one()
        assert contact.name == "Amara Nwosu"
        assert contact.linkedin_url == PROFILE_URL
        assert contact.current_title == "Engineering Manager, Platform"
        assert contact.current_company == "Contoso Ltd"
        assert contact.category_keys == ["mentor"]
        assert "profile" in contact.sources
    store.engine.dispose()
    shortlist_for_a_goal(tmp_path / "data", contact.id)

    again = open_popup(context, extension_id, tab_id)
    expect(again.get_by_role("heading", name="Amara Nwosu")).to_be_visible()
    expect(again.get_by_text("Engineering Manager, Platform at Contoso Ltd")).to_be_visible()
    expect(again.get_by_role("alert")).to_have_text(
        "Amara Nwosu is in Outreach Helper: sending the page again updates the record."
    )
    expect(again.locator("#categories li")).to_have_text(["Mentor"])
    expect(again.locator("#goals li")).to_have_text(["Move into platform leadership — Shortlisted"])
    expect(again.get_by_text("LinkedIn invitation note")).to_be_visible()
    draft = (
        "Hi Amara,\n\nYour About section caught my eye: “I lead a platform team of twelve "
        "engineers and mentor new managers.” Right now I'm focused on moving into platform "
        "leadership. Could I ask your advice on how to approach it? Twenty minutes would be "
        "plenty."
    )
    expect(again.get_by_label("Draft message")).to_have_value(draft)
    expect(again.get_by_text(f"{len(draft)} of 300 characters")).to_be_visible()
    expect(again.get_by_role("button", name="Copy")).to_be_visible()
    screenshot(again, "extension-popup")
