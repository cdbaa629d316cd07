"""A person pastes a profile, checks the preview and saves it; pastes it again and is offered
an update; settles possible duplicates and undoes a merge. Real Chromium."""

import pytest
from playwright.sync_api import expect

from tests.conftest import TEST_DATA

pytestmark = pytest.mark.browser

DANIEL = TEST_DATA / "profiles" / "text" / "chromium_grouped_roles_duplicated.txt"


def unlabelled_fields(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
              .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
              .map(el => el.name || el.id)"""
    )


def paste_profile(page, base: str, text: str) -> None:
    page.goto(base + "/contacts")
    page.get_by_role("link", name="Add from profile").first.click()
    page.get_by_label("Profile text or page source").fill(text)
    page.get_by_role("button", name="Read the profile").click()


def test_paste_check_and_save_a_profile_then_paste_it_again(page, live_server, screenshot):
    text = DANIEL.read_text(encoding="utf-8")
    paste_profile(page, live_server, text)

    expect(page.get_by_role("heading", name="Check before saving: Daniel Okafor")).to_be_visible()
    assert unlabelled_fields(page) == []
    expect(page.get_by_label("Current title")).to_have_value("Head of Talent Acquisition")
    expect(page.get_by_label("Recruiter or headhunter")).to_be_checked()
    expect(page.get_by_text("Suggested: headline says 'Talent Acquisition'")).to_be_visible()
    page.get_by_label("Friend or family").check()
    screenshot("profile-preview")
    page.get_by_role("button", name="Save contact").click()

    expect(page.get_by_text("Daniel Okafor is added.")).to_be_visible()
    expect(page.get_by_role("heading", name="Daniel Okafor")).to_be_visible()
    expect(page.get_by_text("Head of Talent Acquisition at Contoso Ltd").first).to_be_visible()
    badges = page.locator(".details .badge")
    expect(badges).to_have_text(["Friend/family", "Recruiter"])
    screenshot("profile-saved-contact")

    paste_profile(page, live_server, text.replace("12,408 followers", "12,409 followers"))
    expect(
        page.get_by_role(
            "heading",
            name="Daniel Okafor is already in your contacts — this will update his record",
        )
    ).to_be_visible()
    expect(page.get_by_label("Friend or family")).to_be_checked()
    screenshot("profile-merge-offer")
    page.get_by_role("button", name="Update Daniel Okafor").click()
    expect(page.get_by_text("Daniel Okafor's record is updated.")).to_be_visible()

    page.get_by_role("link", name="Contacts", exact=True).click()
    expect(page.get_by_text("1 contact", exact=True)).to_be_visible()


def test_unreadable_input_is_explained_and_the_text_is_kept(page, live_server, screenshot):
    page.goto(live_server + "/profiles/new")
    nonsense = "<html><body><script>alert('hi')</script><p>Weather: rain</p></body></html>"
    page.get_by_label("Profile text or page source").fill(nonsense)
    page.get_by_role("button", name="Read the profile").click()
    expect(
        page.get_by_text("This page is not a LinkedIn profile and names no person")
    ).to_be_visible()
    expect(page.get_by_label("Profile text or page source")).to_have_value(nonsense)
    screenshot("profile-unreadable")


def add_contact(page, base: str, name: str, company: str, headline: str) -> None:
    page.goto(base + "/contacts/new")
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Current company").fill(company)
    page.get_by_label("Headline").fill(headline)
    page.get_by_role("button", name="Add contact").click()
    expect(page.get_by_text(f"{name} is added.")).to_be_visible()


def test_merge_a_possible_duplicate_picking_values_then_undo(page, live_server, screenshot):
    add_contact(page, live_server, "Alan Turing", "Bletchley Park", "Mathematician")
    add_contact(page, live_server, "Alan Turring", "Bletchley Park", "Codebreaker")

    page.get_by_role("link", name="Duplicates").click()
    expect(page.get_by_text("Why: similar name at the same company.")).to_be_visible()
    assert unlabelled_fields(page) == []
    page.get_by_label("Keep “Codebreaker”").check()
    screenshot("duplicates-pair")
    page.get_by_role("button", name="Merge Alan Turing and Alan Turring").click()

    expect(page.get_by_text("Merged into Alan Turing; nothing was lost.")).to_be_visible()
    expect(page.get_by_text("No possible duplicates")).to_be_visible()
    screenshot("duplicates-merged")

    page.get_by_role("button", name="Undo the last merge").click()
    expect(page.get_by_text("are two contacts again.")).to_be_visible()
    page.get_by_role("button", name="Not the same person").click()
    expect(page.get_by_text("will not be proposed again")).to_be_visible()
    page.get_by_role("link", name="Contacts", exact=True).click()
    expect(page.get_by_text("2 contacts", exact=True)).to_be_visible()
