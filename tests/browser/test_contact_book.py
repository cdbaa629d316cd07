"""A person adds, finds, opens and edits a contact in real Chromium."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def unlabelled_fields(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
              .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
              .map(el => el.name || el.id)"""
    )


def test_add_find_open_and_edit_a_contact(page, live_server, screenshot):
    page.goto(live_server + "/contacts")
    expect(page.get_by_text("Your contact book is empty.")).to_be_visible()
    page.get_by_role("link", name="Add a contact").first.click()

    assert unlabelled_fields(page) == []
    page.get_by_label("Name", exact=True).fill("Priya Raman")
    page.get_by_label("Current title").fill("Engineering Manager")
    page.get_by_label("Current company").fill("Monzo")
    page.get_by_label("Email addresses (one per line)").fill("priya@example.com")
    page.get_by_label("Recruiter or headhunter").check()
    page.get_by_label("Strengthen").check()
    screenshot("contact-form")
    page.get_by_role("button", name="Add contact").click()

    expect(page.get_by_text("Priya Raman is added.")).to_be_visible()
    expect(page.get_by_role("heading", name="Priya Raman")).to_be_visible()

    page.get_by_role("link", name="Contacts").click()
    page.get_by_label("Search name, company or headline").fill("monzo")
    page.get_by_label("Search name, company or headline").press("Enter")
    expect(page.get_by_text("1 contact matching “monzo”")).to_be_visible()
    page.get_by_role("link", name="Priya Raman").click()

    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Current title").fill("Director of Engineering")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()
    expect(page.get_by_text("Director of Engineering at Monzo")).to_be_visible()
    screenshot("contact-detail")


def test_a_bad_email_shows_a_message_next_to_the_field(page, live_server):
    page.goto(live_server + "/contacts/new")
    page.get_by_label("Name", exact=True).fill("Bob")
    page.get_by_label("Email addresses (one per line)").fill("bob-at-example")
    page.get_by_role("button", name="Add contact").click()
    expect(page.get_by_text("'bob-at-example' is not a valid email address.")).to_be_visible()
    expect(page.get_by_text("Nothing was saved.")).to_be_visible()


def test_the_contact_form_works_from_the_keyboard(page, live_server):
    page.goto(live_server + "/contacts/new")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.get_by_label("Name", exact=True).focus()
    page.keyboard.type("Keyboard Kate")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Keyboard Kate is added.")).to_be_visible()
