"""A person records an event, notes whom they met, accepts the follow-up plan and takes
the follow-ups into their calendar as an .ics file, in real Chromium."""

import re

import pytest
import vobject
from icalendar import Calendar
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def unlabelled_fields(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
              .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
              .map(el => el.name || el.id)"""
    )


def add_contact(page, base: str, name: str) -> None:
    page.goto(base + "/contacts/new")
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Maintain").check()
    page.get_by_role("button", name="Add contact").click()
    expect(page.get_by_text(f"{name} is added.")).to_be_visible()


def test_record_an_event_meet_two_people_accept_the_plan_and_download_it(
    page, live_server, screenshot, tmp_path
):
    add_contact(page, live_server, "Priya Raman")
    page.goto(live_server + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Events").click()
    page.get_by_role("link", name="Record an event").click()
    assert unlabelled_fields(page) == []
    page.get_by_label("Event name").fill("Fintech Expo")
    page.get_by_label("Kind of event").select_option("exhibition")
    page.get_by_label("Starts").fill("2026-11-20T18:00")
    page.get_by_label("Ends").fill("2026-11-20T21:30")
    page.get_by_label("Time zone of these times").fill("Europe/London")
    page.get_by_label("Place").fill("ExCeL, London")
    page.get_by_role("button", name="Record the event").click()
    expect(page.get_by_text("Fintech Expo is recorded.")).to_be_visible()

    page.get_by_label("Find by name, company or headline").fill("priya")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("button", name="Add Priya Raman").click()
    expect(page.get_by_text("Priya Raman is added to the people you met.")).to_be_visible()
    page.get_by_label("What you discussed with Priya Raman").fill("Payments at scale")
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_text("The note on Priya Raman is saved.")).to_be_visible()

    page.get_by_label("Name", exact=True).fill("Tom Baker")
    page.get_by_label("Email address (optional)").fill("tom@example.com")
    page.get_by_role("button", name="Add as a new contact").click()
    expect(page.get_by_text("Tom Baker is a new contact, met at Fintech Expo.")).to_be_visible()
    expect(page.get_by_role("heading", name="People met (2)")).to_be_visible()
    assert unlabelled_fields(page) == []

    expect(page.get_by_text("Thank Tom Baker", exact=True)).to_be_visible()
    page.get_by_role("button", name="Accept all suggestions").click()
    expect(page.get_by_text("5 follow-ups accepted.")).to_be_visible()
    expect(page.locator(".plan-item .badge", has_text="Accepted")).to_have_count(5)
    screenshot("event")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download this event's follow-ups (.ics)").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    data = saved.read_bytes()
    summaries = sorted(str(e["SUMMARY"]) for e in Calendar.from_ical(data).walk("VEVENT"))
    assert summaries == [
        "Follow up: Priya Raman (LinkedIn)",
        "Follow up: Priya Raman (LinkedIn)",
        "Follow up: Priya Raman (LinkedIn)",
        "Follow up: Tom Baker (Email)",
        "Follow up: Tom Baker (Email)",
    ]
    assert len(vobject.readOne(data.decode("utf-8")).vevent_list) == 5

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Follow-ups").click()
    expect(page.get_by_text("5 open follow-ups.")).to_be_visible()
    page.get_by_role("button", name="Mark done").first.click()
    expect(page.get_by_text("4 open follow-ups.")).to_be_visible()
    feed_url = page.get_by_label("Subscription address", exact=False).input_value()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/calendar/[\w-]{43}\.ics", feed_url)
    feed = page.request.get(feed_url)
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    assert len(Calendar.from_ical(feed.body()).walk("VEVENT")) == 4
    screenshot("followups")
