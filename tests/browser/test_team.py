"""A team server in a real browser: an admin sets a password from the one-time link, signs in
from the keyboard, a teammate shares their book, and the admin finds who knows someone at an
organisation, on a wide screen and a phone."""

from __future__ import annotations

import threading

import pytest
from playwright.sync_api import expect

from helper.db import transaction
from helper.store.contacts import ContactInput, create_contact
from helper.store.goals import GoalInput, create_goal
from helper.store.me import update_me
from helper.store.team.directory import start_book
from helper.store.team.members import add_member, set_index_sharing
from helper.store.team.publishing import publish_member
from tests.browser.conftest import SCREENSHOTS
from tests.conftest import PASSWORD, wait_for

pytestmark = pytest.mark.browser


@pytest.fixture
def team_server(tmp_path, team_database_url):
    """A team server on waitress: an admin with a link, a teammate whose book is shared."""
    from waitress import create_server

    from helper import create_app

    app = create_app({"DATA_DIR": tmp_path / "data", "TEAM": True})
    workspaces = app.extensions["outreach_workspaces"]
    team = workspaces.team
    with transaction(team.sessions) as session:
        admin = add_member(session, "maya@example.com", "Maya Chen", admin=True)
        mate = add_member(session, "omar@example.com", "Omar Haddad")
        set_index_sharing(session, mate.member, "strength")
        mate_id = mate.member.id
    book = workspaces.of_member(mate_id).store
    with book.sessions() as session:
        for name, title, company, tier in (
            ("Priya Raman", "Head of Data", "Monzo Bank", "strengthen"),
            ("Tom Okafor", "Engineering Manager", "Monzo", "maintain"),
            ("Lena Vogel", "Analyst", "Contoso Analytics", "unset"),
        ):
            create_contact(
                session,
                ContactInput(name=name, current_title=title, current_company=company, tier=tier),
            )
        session.commit()
    publish_member(team, book, mate_id)
    start_book(team, admin.member.id, "Maya Chen", "maya@example.com")
    admin_book = workspaces.of_member(admin.member.id).store
    with admin_book.sessions() as session:
        update_me(
            session,
            {"headline": "Partnerships lead at Acme Analytics", "employers": ["Acme Analytics"]},
        )
        create_goal(
            session,
            GoalInput(title="Partnership with Monzo", purpose="business", organisations=["Monzo"]),
        )
        session.commit()
    server = create_server(app, host="127.0.0.1", port=0, threads=8)
    threading.Thread(target=server.run, name="waitress", daemon=True).start()
    base = f"http://127.0.0.1:{server.effective_port}"
    wait_for(base + "/sign-in")
    yield base, admin.token
    server.close()
    workspaces.close()


def test_an_admin_sets_a_password_signs_in_and_finds_who_knows_someone(
    page, team_server, screenshot
):
    base, token = team_server
    page.goto(f"{base}/set-password/{token}")
    page.get_by_label("New password").fill(PASSWORD)
    page.get_by_label("The same password again").fill(PASSWORD)
    screenshot("team-set-password")
    page.get_by_role("button", name="Set password").click()
    expect(page.get_by_text("Your password is set")).to_be_visible()

    page.get_by_label("Email address").fill("maya@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")  # signing in works from the keyboard
    expect(page.get_by_text("Signed in as Maya Chen")).to_be_visible()

    page.get_by_role("link", name="Team", exact=True).click()
    page.get_by_label("Who knows someone at… / who knows…").fill("who knows someone at Monzo")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="2 people for")).to_be_visible()
    expect(page.get_by_text("Priya Raman", exact=True)).to_be_visible()
    expect(page.get_by_text("Lena Vogel")).to_have_count(0)
    screenshot("team-search")

    page.goto(f"{base}/goals/1")
    section = page.locator("section", has=page.get_by_role("heading", name="Through your team"))
    expect(section.get_by_text("Omar Haddad").first).to_be_visible()
    section.scroll_into_view_if_needed()
    section.screenshot(path=str(SCREENSHOTS / "team-goal-section.png"))
    section.get_by_role("link", name="Ask Omar Haddad for an introduction to Priya Raman").click()
    expect(page.get_by_label("Message")).to_contain_text("Hi Omar")
    screenshot("team-intro")

    page.goto(f"{base}/team/people")
    expect(page.get_by_role("heading", name="2 people")).to_be_visible()
    screenshot("team-people")


def test_the_sign_in_page_fits_a_phone_and_labels_its_fields(browser, team_server):
    base, _token = team_server
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.goto(base + "/contacts")
    expect(phone).to_have_url(base + "/sign-in?next=/contacts")
    expect(phone.get_by_label("Email address")).to_be_visible()
    expect(phone.get_by_label("Password")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "team-sign-in-phone.png"), full_page=True)
    context.close()
