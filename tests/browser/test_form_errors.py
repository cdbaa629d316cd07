"""Forms in real Chromium: a refused form keeps what the person typed and says what is wrong
beside the field, on the screen the form is on; after a save, Back sends nothing again."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import TEST_DATA

pytestmark = pytest.mark.browser


def test_an_invalid_email_for_someone_new_keeps_the_name_and_note_and_is_explained_beside_it(
    browser, start_server, screenshot_dir
):
    base = start_server(demo=True)
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(base + "/events")
    page.locator("main table a").first.click()
    form = page.locator("form", has=page.get_by_role("button", name="Add as a new contact"))
    form.get_by_label("Name", exact=True).fill("Tom Baker")
    form.get_by_label("Email address (optional)").fill("tom-at-example.com")
    form.get_by_label("What you discussed").fill("Hiring two data engineers in spring")
    form.get_by_role("button", name="Add as a new contact").click()

    email = form.get_by_label("Email address (optional)")
    expect(form.get_by_label("Name", exact=True)).to_have_value("Tom Baker")
    expect(form.get_by_label("What you discussed")).to_have_value(
        "Hiring two data engineers in spring"
    )
    expect(email).to_have_value("tom-at-example.com")
    expect(email).to_have_attribute("aria-invalid", "true")
    field = form.locator(".field.has-error", has=page.get_by_label("Email address (optional)"))
    beside = field.locator(".error")
    expect(beside).to_contain_text("tom-at-example.com")
    expect(email).to_have_attribute("aria-describedby", re.compile(r"\bnew-email-error\b"))
    expect(page.get_by_role("heading", name="Add someone new")).to_be_in_viewport()
    expect(page.locator(".flash-error")).to_have_count(0)
    page.screenshot(path=str(screenshot_dir / "phone-event-add-someone-refused.png"))
    context.close()


def test_back_after_saving_a_pasted_profile_shows_a_page_without_sending_the_paste_again(
    page, live_server
):
    page.goto(live_server + "/profiles/new")
    profile = TEST_DATA / "profiles" / "text" / "chromium_single_role.txt"
    page.get_by_label("Profile text or page source").fill(profile.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Read the profile").click()
    expect(page).to_have_url(re.compile(r"/profiles/preview/[\w-]+$"))
    page.get_by_role("button", name="Save contact").click()
    expect(page).to_have_url(re.compile(r"/contacts/\d+$"))
    page.go_back()
    expect(page).to_have_url(live_server + "/profiles/new")
    expect(page.get_by_text("That preview is gone: it was saved")).to_be_visible()


@pytest.fixture
def screenshot_dir():
    from tests.browser.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
