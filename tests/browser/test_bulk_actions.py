"""A person acts on many contacts at once from the list, and puts one contact onto a goal
from the contact's page, all from the keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from helper.db.models import Contact, ContactCategory
from helper.store.goals import GoalInput, create_goal
from helper.store.opening import open_store
from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

RECRUITERS = 60  # more than one page of the list


@pytest.fixture
def server_with_a_book(tmp_path, start_server):
    store = open_store(tmp_path / "data")
    with store.sessions() as session:
        for n in range(RECRUITERS):
            session.add(
                Contact(
                    name=f"Rita Recruiter {n:02}",
                    current_title="Talent partner",
                    current_company="Hays",
                    categories=[ContactCategory(key="recruiter")],
                )
            )
        session.add(Contact(name="Tom Hughes", current_company="Starling", tier="strengthen"))
        session.add(Contact(name="Bob Plumber", headline="Boiler repairs and heating"))
        create_goal(session, GoalInput(title="Find a mentor", purpose="career"))
        session.commit()
    store.engine.dispose()
    return start_server()


def test_select_every_recruiter_across_pages_and_add_them_to_a_goal(
    page, server_with_a_book, screenshot
):
    page.goto(server_with_a_book + "/contacts")
    page.get_by_label("Category", exact=True).select_option("recruiter")
    page.get_by_label("Sort by").select_option("company")
    page.get_by_role("button", name="Search").press("Enter")
    expect(page.get_by_text("60 contacts · page 1 of 2")).to_be_visible()

    page.get_by_label("Select everyone on this page").press("Space")
    expect(page.locator("#bulk-count")).to_have_text("50 people selected on this page.")
    page.get_by_label("Select all 60 contacts matching this filter, on every page").press("Space")
    expect(page.locator("#bulk-count")).to_have_text(
        "All 60 people matching this filter are selected."
    )
    page.get_by_label("Goal", exact=True).select_option(label="Find a mentor")
    screenshot("contacts-bulk")
    page.get_by_role("button", name="Add to goal").press("Enter")

    expect(page.get_by_text("Added 60 people to 'Find a mentor'.")).to_be_visible()
    expect(page.get_by_label("Sort by")).to_have_value("company")
    expect(page.get_by_label("Category", exact=True)).to_have_value("recruiter")
    page.goto(server_with_a_book + "/goals")
    page.get_by_role("link", name="Find a mentor").click()
    pipeline = page.locator("table.pipeline")
    expect(pipeline).to_contain_text("Rita Recruiter 00")
    expect(pipeline).to_contain_text("Rita Recruiter 59")
    expect(pipeline).not_to_contain_text("Tom Hughes")
    expect(page.locator(".stage-counts .stage-shortlisted")).to_have_text("60 Shortlisted")


def test_the_list_stacks_as_cards_on_a_phone_with_the_selection_still_at_hand(
    browser, server_with_a_book
):
    context = browser.new_context(viewport={"width": 360, "height": 780})
    phone = context.new_page()
    phone.goto(server_with_a_book + "/contacts?q=tom")
    row = phone.get_by_role("row", name="Tom Hughes")
    expect(row.get_by_label("Select Tom Hughes")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways: {width} px wide"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "contacts-bulk-phone.png"), full_page=True)
    context.close()


def test_deleted_people_come_back_with_the_undo_button(page, server_with_a_book):
    page.goto(server_with_a_book + "/contacts?q=tom")
    page.get_by_label("Select Tom Hughes").check()
    page.get_by_role("button", name="Delete the selected people").click()
    expect(page.get_by_text("Deleted 1 person; “Undo” below brings them back.")).to_be_visible()
    expect(page.get_by_text("No contact matches.")).to_be_visible()

    page.get_by_role("button", name="Undo the deletion of 1 person").press("Enter")
    expect(page.get_by_text("Restored 1 person.")).to_be_visible()
    page.get_by_role("link", name="Tom Hughes").click()
    expect(page.get_by_role("heading", name="Tom Hughes")).to_be_visible()


def test_add_a_contact_to_a_goal_from_their_page(page, server_with_a_book, screenshot):
    page.goto(server_with_a_book + "/contacts?q=bob")
    page.get_by_role("link", name="Bob Plumber").click()
    goals = page.locator("#goals")
    expect(goals).to_contain_text("Not on any goal yet.")
    goals.get_by_label("Goal", exact=True).select_option(label="Find a mentor")
    goals.get_by_label("Stage").select_option("contacted")
    goals.get_by_role("button", name="Add to goal").press("Enter")

    expect(
        page.get_by_text("Bob Plumber is now on 'Find a mentor' at “Contacted”.")
    ).to_be_visible()
    expect(page.locator("#goals")).to_contain_text("Find a mentor Contacted")
    screenshot("contact-add-to-goal")
    page.locator("#goals").get_by_role("link", name="Find a mentor").click()
    expect(page.locator("table.pipeline")).to_contain_text("Bob Plumber")
