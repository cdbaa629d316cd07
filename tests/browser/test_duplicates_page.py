"""The Possible duplicates page in real Chromium: nicknames, initials and one employer written
two ways are each proposed with the reason in words."""

import pytest
from playwright.sync_api import expect

from helper.store.contacts import ContactInput, create_contact
from helper.store.opening import open_store

pytestmark = pytest.mark.browser

PEOPLE = [
    ("Priya Raman", "Monzo", "Product Manager"),
    ("Priya Raman", "Monzo Bank", "Senior Product Manager"),
    ("Tom Nowak", "Whitfield & Grey", "Associate"),
    ("Thomas Nowak", "Whitfield and Grey LLP", "Senior Associate"),
    ("A. Smith", "Contoso", ""),
    ("Anna Smith", "Contoso Ltd", "Data Engineer"),
    ("Kate Moss", "Fabrikam", "Designer"),
    ("Catherine Moss", "Fabrikam GmbH", "Lead Designer"),
    ("Sasha Petrova", "Northwind", ""),
    ("Alexander Petrova", "Contoso", "Analyst"),  # a nickname, but at another company
]
EXPECTED = {
    "Priya Raman and Priya Raman": "same name, same company (Monzo)",
    "Tom Nowak and Thomas Nowak": (
        "same name, Tom is short for Thomas, same company (Whitfield & Grey)"
    ),
    "A. Smith and Anna Smith": "same surname, A. may stand for Anna, same company (Contoso)",
    "Kate Moss and Catherine Moss": (
        "same name, Kate is short for Catherine, same company (Fabrikam)"
    ),
}


def test_each_expected_pair_is_proposed_with_its_reason(page, start_server, tmp_path, screenshot):
    store = open_store(tmp_path / "data")
    with store.sessions() as session:
        for name, company, title in PEOPLE:
            create_contact(
                session, ContactInput(name=name, current_company=company, current_title=title)
            )
        session.commit()
    store.close()
    page.goto(start_server() + "/duplicates")

    expect(page.get_by_text("4 possible duplicates")).to_be_visible()
    for heading, reason in EXPECTED.items():
        pair = page.get_by_role("region", name=heading)
        expect(pair.get_by_text(f"Why: {reason}.")).to_be_visible()
    expect(page.get_by_text("Sasha Petrova and")).to_have_count(0)
    monzo = page.get_by_role("region", name="Priya Raman and Priya Raman")
    expect(monzo.get_by_label("Keep “Senior Product Manager”")).to_be_checked()
    initial = page.get_by_role("region", name="A. Smith and Anna Smith")
    expect(initial.get_by_label("Keep “Anna Smith”")).to_be_checked()
    screenshot("duplicates")


def test_adding_someone_already_stored_warns_then_adds_anyway(page, live_server, screenshot):
    for name, company in (
        ("Thomas Nowak", "Whitfield & Grey"),
        ("Tom Nowak", "Whitfield and Grey"),
    ):
        page.goto(live_server + "/contacts/new")
        page.get_by_label("Name", exact=True).fill(name)
        page.get_by_label("Current company").fill(company)
        page.get_by_label("Notes").fill("Met at the Leeds meetup")
        page.get_by_role("button", name="Add contact").click()

    warning = page.get_by_role("alert")
    expect(warning.get_by_text("Tom Nowak may already be in your contacts")).to_be_visible()
    expect(warning.get_by_role("link", name="Thomas Nowak")).to_be_visible()
    expect(page.get_by_label("Notes")).to_have_value("Met at the Leeds meetup")
    screenshot("contact-namesake-warning")
    page.get_by_role("button", name="Add anyway").click()
    expect(page.get_by_text("Tom Nowak is added.")).to_be_visible()
