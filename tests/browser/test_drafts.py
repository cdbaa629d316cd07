"""A person drafts a LinkedIn note to someone on a goal's shortlist, copies it, marks it sent,
and sees the goal move on."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from helper.db.models import EducationEntry, Position
from helper.store.contacts import ContactInput, create_contact
from helper.store.goals import GoalInput, create_goal, shortlist
from helper.store.me import update_me
from helper.store.opening import open_store

pytestmark = pytest.mark.browser


@pytest.fixture
def server(tmp_path, start_server):
    store = open_store(tmp_path / "data")
    with store.sessions() as session:
        update_me(
            session,
            {
                "name": "Sam Carter",
                "headline": "Growth lead at Acme",
                "pitch": "I help fintech teams turn product data into decisions",
                "offer": "an intro to our analytics guild",
            },
        )
        priya = create_contact(
            session,
            ContactInput(
                name="Priya Raman",
                current_title="Head of Data",
                current_company="Globex",
                linkedin_url="https://www.linkedin.com/in/priya-raman/",
            ),
        )
        priya.positions.append(Position(title="Consultant", company="McKinsey", end="2021"))
        priya.education.append(EducationEntry(school="University of Leeds"))
        goal = create_goal(
            session,
            GoalInput(
                title="Move into data leadership",
                purpose="career",
                keywords=["data"],
                targets={"short": 2},
            ),
        )
        shortlist(session, goal, priya, None)
        create_contact(
            session,
            ContactInput(
                name="Alex Morgan", current_company="Globex Ltd", emails=["alex@example.com"]
            ),
        )
        session.commit()
    store.engine.dispose()
    return start_server()


@pytest.fixture
def page(browser, server):
    """A tab allowed to write and read the clipboard of the service's origin."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def count_shown(page) -> int:
    text = page.locator("#draft-count").inner_text()
    match = re.fullmatch(r"(\d+) / 300 characters", text)
    assert match, text
    return int(match.group(1))


def test_draft_copy_and_send_a_linkedin_note(page, server, screenshot):
    page.goto(server + "/goals/1")
    expect(page.get_by_role("img", name="Short term progress: 0 of 2")).to_be_visible()
    page.get_by_role("link", name="Priya Raman").first.click()
    page.get_by_role("link", name="Draft a message").click()

    expect(page.get_by_role("heading", name="Draft a message to Priya Raman")).to_be_visible()
    note = page.get_by_label("LinkedIn invitation note (up to 300 characters)")
    expect(note).to_be_checked()
    page.get_by_label("LinkedIn message").check()
    note.check()
    page.get_by_label("Goal", exact=True).select_option(label="Move into data leadership")
    screenshot("draft-choose")
    page.get_by_role("button", name="Write the draft").click()

    expect(
        page.get_by_role("heading", name="LinkedIn invitation note to Priya Raman")
    ).to_be_visible()
    message = page.get_by_label("Message")
    expect(message).to_contain_text("Hi Priya,")
    length = count_shown(page)
    assert 0 < length < 300
    expect(page.get_by_role("heading", name="Questions worth asking Priya Raman")).to_be_visible()
    expect(page.get_by_role("link", name="Open Priya Raman’s LinkedIn profile")).to_have_attribute(
        "href", "https://www.linkedin.com/in/priya-raman/"
    )

    message.press("Control+End")
    message.press_sequentially(" Thanks!")
    assert count_shown(page) == length + len(" Thanks!")
    page.get_by_role("button", name="Copy message").click()
    expect(page.get_by_role("status").filter(has_text="copied")).to_have_text(
        "Message copied to the clipboard."
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == message.input_value()
    assert copied.startswith("Hi Priya,") and copied.endswith("Thanks!")
    screenshot("draft")

    page.get_by_role("button", name="Mark as sent").click()
    expect(
        page.get_by_text("Marked sent: Priya Raman is now contacted for this goal.")
    ).to_be_visible()
    expect(page.get_by_role("img", name="Short term progress: 1 of 2")).to_be_visible()
    expect(page.locator("table.pipeline")).to_contain_text("Contacted")


def test_ask_a_shared_colleague_for_an_introduction(page, server, screenshot):
    page.goto(server + "/contacts/1/draft")
    intro = page.locator(
        "section", has=page.get_by_role("heading", name="Ask for a warm introduction")
    )
    expect(intro.get_by_label("Who could introduce you")).to_have_value("2")
    expect(intro.get_by_label("Who could introduce you")).to_contain_text(
        "Alex Morgan (also at Globex Ltd)"
    )
    intro.get_by_label("Ask them to check with the contact first (double opt-in)").check()
    intro.get_by_role("button", name="Draft the introduction request").click()

    expect(page.get_by_role("heading", name="Email to Alex Morgan")).to_be_visible()
    subject = page.get_by_label("Subject")
    expect(subject).to_have_value("Could you introduce me to Priya Raman?")
    expect(page.get_by_label("Message")).to_contain_text("Hi Alex,")
    mail = page.get_by_role("link", name="Open in your email app")
    expect(mail).to_have_attribute("href", re.compile(r"^mailto:alex@example\.com\?subject=Could"))
    subject.fill("An introduction to Priya?")
    expect(mail).to_have_attribute(
        "href", re.compile(r"subject=An%20introduction%20to%20Priya%3F&body=Hi%20Alex%2C%0D%0A")
    )
    screenshot("draft-intro")
