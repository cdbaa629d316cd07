"""The daily minute: log a touch from the contact page (press t) and from the Due list, chase a
message marked sent until a reply arrives in a mail import, and see an overdue follow-up at
the top of "This week"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from helper.db import transaction
from helper.db.models import Draft, FollowUp, GoalContact, Interaction
from helper.store.contacts import ContactInput, create_contact
from helper.store.goals import GoalInput, create_goal
from helper.store.me import update_me
from helper.store.opening import open_store

pytestmark = pytest.mark.browser
LONG_AGO = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=40)


@pytest.fixture
def book(tmp_path, start_server):
    """Priya (strengthen, last heard from 40 days ago, shortlisted on a goal) and Tom (maintain,
    a thank-you follow-up six days late)."""
    store = open_store(tmp_path / "data")
    with transaction(store.sessions) as session:
        update_me(session, {"name": "Sam Taylor", "emails": ["sam@northwind.example"]})
        priya = create_contact(
            session,
            ContactInput(name="Priya Raman", emails=["priya@monzo.example"], tier="strengthen"),
        )
        tom = create_contact(session, ContactInput(name="Tom Nowak", tier="maintain"))
        session.flush()
        session.add(Interaction(contact_id=priya.id, kind="met", occurred_at=LONG_AGO))
        goal = create_goal(session, GoalInput(title="Find a mentor", purpose="career"))
        session.flush()
        session.add(GoalContact(goal_id=goal.id, contact_id=priya.id, stage="shortlisted"))
        late = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=6)
        session.add(FollowUp(contact_id=tom.id, kind="thank_you", title="Thank Tom", due_at=late))
        ids = {"priya": priya.id, "tom": tom.id, "goal": goal.id}
    store.close()
    return start_server(), ids, tmp_path / "data"


def test_press_t_log_a_coffee_and_see_the_cadence_reset_and_the_goal_move(page, book, screenshot):
    base, ids, _ = book
    page.goto(f"{base}/contacts/{ids['priya']}")
    expect(page.locator(".due-pill")).to_have_text("Overdue")

    page.keyboard.press("t")
    expect(page.get_by_label("How you were in touch")).to_be_focused()
    page.get_by_label("How you were in touch").select_option("coffee")
    page.get_by_label("What you talked about (optional)").fill("Her move to Wise")
    screenshot("log-touch")
    page.get_by_role("button", name="Log the touch").click()

    expect(page.locator(".flash")).to_contain_text(
        "Logged: coffee or a meal with Priya Raman. Priya Raman is now “Met” on the goal."
    )
    expect(page.locator(".due-pill")).to_have_text("On track")
    expect(page.locator(".timeline")).to_contain_text("Met: Her move to Wise")
    page.goto(f"{base}/goals/{ids['goal']}")
    expect(page.locator("span.stage-met")).to_have_text("Met")


def test_log_a_call_from_the_due_list_and_return_to_it(page, book):
    base, _, _ = book
    page.goto(f"{base}/due")
    page.get_by_role("link", name="Log a touch with Priya Raman").click()
    page.get_by_label("How you were in touch").select_option("call")
    page.get_by_role("button", name="Log the touch").click()

    expect(page).to_have_url(f"{base}/due")
    expect(page.locator("table.due-list")).not_to_contain_text("Priya Raman")


def test_an_overdue_follow_up_heads_this_week_in_red(page, book, screenshot):
    base, _, _ = book
    page.goto(base + "/")
    first = page.locator(".actions-list li").first
    expect(first).to_contain_text("Thank Tom")
    expect(first.locator(".due-pill")).to_have_text("Overdue")
    screenshot("this-week")
    page.goto(base + "/followups")
    expect(page.locator(".plan-item.row-overdue")).to_contain_text("Thank Tom")


def test_mark_sent_with_a_chase_then_an_imported_reply_closes_it(page, book, tmp_path):
    base, ids, data_dir = book
    store = open_store(data_dir)
    with transaction(store.sessions) as session:
        draft = Draft(contact_id=ids["priya"], channel="email", subject="Coffee?", body="Hi Priya")
        session.add(draft)
        session.flush()
        draft_id = draft.id
    page.goto(f"{base}/drafts/{draft_id}")
    expect(page.get_by_label("Remind me to chase if there is no reply")).to_be_checked()
    page.get_by_label("Days to wait for a reply").fill("3")
    page.get_by_role("button", name="Mark as sent").click()
    expect(page.locator("body")).to_contain_text("You will be reminded to chase on")
    page.goto(base + "/followups")
    expect(page.locator(".plan-list, ol.plan")).to_contain_text("Chase Priya Raman")

    reply_day = datetime.now(UTC) + timedelta(minutes=5)
    mailbox = tmp_path / "reply.mbox"
    mailbox.write_text(
        f"From priya@monzo.example {reply_day:%a %b %d %H:%M:%S %Y}\n"
        "From: Priya Raman <priya@monzo.example>\n"
        "To: Sam <sam@northwind.example>\n"
        "Subject: Re: Coffee?\n"
        f"Date: {reply_day:%a, %d %b %Y %H:%M:%S} +0000\n"
        "Message-ID: <reply-7@monzo.example>\n\nThursday works.\n"
    )
    page.goto(base + "/imports")
    page.set_input_files("input[type=file]", str(mailbox))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("body")).to_contain_text("Imported.", timeout=30_000)
    page.goto(base + "/followups")
    expect(page.locator("body")).not_to_contain_text("Chase Priya Raman")
    with store.sessions() as session:
        chase = session.scalar(select(FollowUp).where(FollowUp.kind == "chase"))
        assert chase.status == "done"
    store.close()
