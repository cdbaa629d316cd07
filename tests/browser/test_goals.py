"""A person sets a goal, sees who can help and why, shortlists and contacts someone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from helper.db.models import Interaction
from helper.store.contacts import ContactInput, create_contact
from helper.store.opening import open_store

pytestmark = pytest.mark.browser

PEOPLE = [
    ContactInput(
        name="Priya Raman",
        headline="Fintech recruiter for engineering leaders",
        current_company="Monzo",
        categories=["recruiter"],
    ),
    ContactInput(
        name="Tom Hughes",
        headline="Head of Engineering, payments",
        current_company="Starling",
        categories=["mentor"],
        tier="strengthen",
    ),
    ContactInput(name="Bob Plumber", headline="Boiler repairs and heating"),
]


@pytest.fixture
def server_with_contacts(tmp_path, start_server):
    store = open_store(tmp_path / "data")
    with store.sessions() as session:
        for person in PEOPLE:
            create_contact(session, person)
        session.commit()
    store.engine.dispose()
    return start_server()


def test_set_a_goal_shortlist_someone_and_see_progress(page, server_with_contacts, screenshot):
    page.goto(server_with_contacts + "/")
    page.get_by_role("link", name="Goals", exact=True).click()
    page.get_by_role("link", name="Set your first goal").click()

    expect(page.get_by_label("Recruiter or headhunter")).to_be_checked()
    page.get_by_label("Title").fill("Move into engineering leadership")
    page.get_by_label("Priority").select_option("1")
    page.get_by_label("Short-term target (people)").fill("2")
    page.get_by_label("Short term ends").fill("2027-03-31")
    page.get_by_label("Keywords (one per line)").fill("fintech\npayments")
    page.get_by_label("Target organisations (one per line)").fill("Monzo")
    screenshot("goal-form")
    page.get_by_role("button", name="Save goal").click()

    expect(
        page.get_by_text("The goal 'Move into engineering leadership' is saved.")
    ).to_be_visible()
    bar = page.get_by_role("img", name="Short term progress: 0 of 2")
    expect(bar).to_be_visible()
    suggestions = page.locator("ol.suggestions")
    expect(suggestions.locator("li").first).to_contain_text("Priya Raman")
    expect(suggestions).to_contain_text("recruiter — goal wants recruiters")
    expect(suggestions).to_contain_text("Monzo")
    expect(suggestions).to_contain_text("Tom Hughes")
    expect(suggestions).not_to_contain_text("Bob Plumber")

    page.get_by_role("button", name="Shortlist Priya Raman").click()
    expect(page.get_by_text("Priya Raman is on the shortlist.")).to_be_visible()
    pipeline = page.locator("table.pipeline")
    expect(pipeline).to_contain_text("Shortlisted")

    page.get_by_role("button", name="Mark contacted for Priya Raman").click()
    expect(page.get_by_text("Priya Raman moved to “Contacted”.")).to_be_visible()
    expect(page.get_by_role("img", name="Short term progress: 1 of 2")).to_be_visible()
    expect(page.get_by_text("1 of 2 reached, 1 to go")).to_be_visible()
    screenshot("goal")

    page.get_by_role("link", name="Home").click()
    goals_panel = page.locator("section", has=page.get_by_role("heading", name="Goals"))
    expect(goals_panel).to_contain_text("Move into engineering leadership")
    expect(goals_panel.get_by_role("img", name="Short term progress: 1 of 2")).to_be_visible()
    week = page.locator("section", has=page.get_by_role("heading", name="This week"))
    expect(week.get_by_role("link", name="Make a first contact with Tom Hughes")).to_be_visible()
    screenshot("dashboard-goals")


def test_a_stage_can_be_chosen_from_the_keyboard(page, server_with_contacts):
    page.goto(server_with_contacts + "/goals/new")
    page.get_by_label("Title").fill("Keyboard goal")
    page.get_by_label("Keywords (one per line)").fill("fintech")
    page.get_by_role("button", name="Save goal").click()
    page.get_by_role("button", name="Shortlist Priya Raman").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Priya Raman is on the shortlist.")).to_be_visible()
    page.get_by_label("Stage for Priya Raman").select_option("met")
    page.get_by_role("button", name="Move Priya Raman").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Priya Raman moved to “Met”.")).to_be_visible()


def test_changing_the_purpose_ticks_its_usual_categories(page, server_with_contacts):
    page.goto(server_with_contacts + "/goals/new")
    page.get_by_label("Purpose").select_option("business")
    expect(page.get_by_label("Customer")).to_be_checked()
    expect(page.get_by_label("Recruiter or headhunter")).not_to_be_checked()


@pytest.fixture
def server_with_cadences(tmp_path, start_server):
    store = open_store(tmp_path / "data")
    now = datetime.now(UTC).replace(tzinfo=None)
    with store.sessions() as session:
        for name, tier, days_ago in [
            ("Olly Overdue", "strengthen", 40),
            ("Dana Due", "maintain", 100),
            ("Fiona Fine", "strengthen", 2),
        ]:
            contact = create_contact(session, ContactInput(name=name, tier=tier))
            session.add(
                Interaction(
                    contact_id=contact.id,
                    kind="met",
                    occurred_at=now - timedelta(days=days_ago),
                    source_ref=f"seed:{name}",
                )
            )
        session.commit()
    store.engine.dispose()
    return start_server()


def background_of(locator) -> str:
    return locator.evaluate("element => getComputedStyle(element).backgroundColor")


def test_the_due_list_shows_due_and_overdue_in_two_colours(page, server_with_cadences, screenshot):
    page.goto(server_with_cadences + "/")
    page.get_by_role("link", name="Due", exact=True).click()
    overdue = page.get_by_role("row", name="Olly Overdue").get_by_text("Overdue", exact=True)
    due = page.get_by_role("row", name="Dana Due").get_by_text("Due", exact=True)
    expect(overdue).to_be_visible()
    expect(due).to_be_visible()
    expect(page.get_by_role("row", name="Fiona Fine")).to_have_count(0)
    assert background_of(overdue) != background_of(due)
    screenshot("due")

    page.get_by_role("link", name="Olly Overdue", exact=True).click()
    expect(page.get_by_text("(strengthen: every 14 days)")).to_be_visible()
    expect(page.locator(".due-status").get_by_text("Overdue", exact=True)).to_be_visible()
