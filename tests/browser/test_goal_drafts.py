"""A person writes a goal in their own words, then drafts to a recruiter and an introducer: each
draft says the aim, and each asks what that kind of person can give."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from helper.store.contacts import ContactInput, create_contact
from helper.store.me import update_me
from helper.store.opening import open_store
from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser


@pytest.fixture
def server(tmp_path, start_server):
    store = open_store(tmp_path / "data")
    with store.sessions() as session:
        update_me(session, {"name": "Sam Carter", "headline": "Senior Data Engineer at Contoso"})
        create_contact(
            session,
            ContactInput(
                name="Priya Raman",
                headline="Senior Recruiter | Hiring Heads of Data across fintech",
                current_title="Senior Recruiter",
                current_company="Hays Technology",
                categories=["recruiter"],
            ),
        )
        create_contact(
            session,
            ContactInput(
                name="William Clarke",
                headline="Non-Executive Director | Chartered Accountant",
                current_title="Partner",
                current_company="Clarke & Co",
                categories=["introducer"],
            ),
        )
        session.commit()
    store.close()
    return start_server()


def draft_for(page, server: str, name: str) -> str:
    page.goto(server + "/contacts")
    page.get_by_role("link", name=name).click()
    page.get_by_role("link", name="Draft a message").click()
    page.get_by_label("LinkedIn invitation note (up to 300 characters)").check()
    page.get_by_label("Goal", exact=True).select_option(label="Move into data leadership")
    page.get_by_role("button", name="Write the draft").click()
    return page.get_by_label("Message").input_value()


def test_a_goal_in_your_words_then_a_recruiter_and_an_introducer_are_asked_differently(
    page, server, screenshot
):
    page.goto(server + "/goals/new")
    page.get_by_label("Title").fill("Move into data leadership")
    aim = page.get_by_label("Your aim, in your words")
    expect(aim).to_have_attribute("placeholder", "moving into data leadership")
    aim.fill("a move into data platform leadership")
    page.get_by_label("Target organisations (one per line)").fill("Monzo")
    page.get_by_label("Introducer").check()
    messages = page.locator("fieldset", has=page.get_by_text("What your messages say"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    messages.screenshot(path=str(SCREENSHOTS / "goal-messages.png"))
    page.get_by_role("button", name="Save goal").click()
    expect(
        page.get_by_text("Drafts say: “Right now I’m focused on a move into data platform")
    ).to_be_visible()

    to_recruiter = draft_for(page, server, "Priya Raman")
    screenshot("draft-recruiter")
    to_introducer = draft_for(page, server, "William Clarke")

    for body in (to_recruiter, to_introducer):
        assert "a move into data platform leadership." in body
    assert "hiring" in to_recruiter and "introduc" not in to_recruiter
    assert "introducing me to someone at Monzo" in to_introducer
    assert "hiring for" not in to_introducer
