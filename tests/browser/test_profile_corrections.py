"""A person pastes a German page with little on it, sees which fields were guessed, saves it,
corrects a role on the contact's Edit form and unticks a suggested category, and the next
similar profile is suggested accordingly. Real Chromium, desktop and phone width."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_profile_capture import paste_profile, unlabelled_fields
from tests.conftest import TEST_DATA

pytestmark = pytest.mark.browser

MINIMAL = TEST_DATA / "profiles" / "i18n" / "de_minimal_paste.txt"
FULL_PAGE = TEST_DATA / "profiles" / "i18n" / "de_full_page.txt"


def test_guessed_fields_are_flagged_and_a_role_is_corrected_on_the_edit_form(
    page, live_server, screenshot
):
    paste_profile(page, live_server, MINIMAL.read_text(encoding="utf-8"))
    expect(page.get_by_text("Check these first: location.")).to_be_visible()
    location = page.get_by_label("Location", exact=True).first
    expect(location).to_have_accessible_description(
        "Guessed: nothing on the page labelled this. Check it."
    )
    assert unlabelled_fields(page) == []
    screenshot("profile-preview-guessed")
    page.get_by_role("button", name="Save contact").click()
    expect(page.get_by_text("is added.")).to_be_visible()

    page.get_by_role("link", name="Edit", exact=True).click()
    role = page.get_by_role("group", name="Role 1")
    role.get_by_label("Title").fill("Leiterin Vertrieb DACH")
    role.get_by_label("Current role").uncheck()
    role.get_by_label("To", exact=True).fill("2024-01")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()
    expect(page.get_by_text("Leiterin Vertrieb DACH").first).to_be_visible()


def test_the_edit_form_names_a_role_that_does_not_add_up_on_a_phone(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    paste_profile(page, live_server, FULL_PAGE.read_text(encoding="utf-8"))
    expect(page.get_by_label("Honorific")).to_have_value("Dr")
    expect(page.get_by_label("Name", exact=True)).to_have_value("Anna Weber")
    page.get_by_role("button", name="Save contact").click()
    page.get_by_role("link", name="Edit", exact=True).click()
    role = page.get_by_role("group", name="Role 1")
    role.get_by_label("From").fill("März 2021")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Nothing was saved.")).to_be_visible()
    expect(role.get_by_text("Write a date as 2021 or 2021-03.")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the edit form scrolls sideways on a phone: {width}px"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "contact-edit-roles-phone.png"), full_page=True)
    context.close()
