"""A person downloads their contacts and backs up the store from the Export page."""

import csv
import io
import json

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def add_contact(page, base, name, category_label):
    page.goto(base + "/contacts/new")
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label(category_label).check()
    page.get_by_role("button", name="Add contact").click()
    expect(page.get_by_text(f"{name} is added.")).to_be_visible()


def test_download_everything_and_a_category_then_back_up_from_the_keyboard(
    page, live_server, screenshot, tmp_path
):
    add_contact(page, live_server, "Priya Raman", "Recruiter or headhunter")
    add_contact(page, live_server, "=HYPERLINK(evil)", "Customer")
    page.get_by_role("link", name="Export").click()
    expect(page.get_by_role("heading", name="Export and back up")).to_be_visible()
    screenshot("exports")

    with page.expect_download() as everything:
        page.get_by_role("link", name="Download everything (JSON)").click()
    assert everything.value.suggested_filename.startswith("outreach-helper-")
    document = json.loads(everything.value.path().read_text(encoding="utf-8"))
    assert len(document["tables"]["contact"]) == 2

    with page.expect_download() as recruiters:
        page.get_by_role("link", name="Download Recruiter or headhunter as CSV").click()
    text = recruiters.value.path().read_text(encoding="utf-8-sig")
    assert [row["Name"] for row in csv.DictReader(io.StringIO(text))] == ["Priya Raman"]

    with page.expect_download() as customers:
        page.get_by_role("link", name="Download Customer as CSV").click()
    text = customers.value.path().read_text(encoding="utf-8-sig")
    assert [row["Name"] for row in csv.DictReader(io.StringIO(text))] == ["'=HYPERLINK(evil)"]

    # vCard 3.0 unless 4.0 is chosen; the 4.0 link is reached and followed from the keyboard.
    with page.expect_download() as default_cards:
        page.get_by_role("link", name="Download all as vCard 3.0").click()
    assert default_cards.value.path().read_bytes().startswith(b"BEGIN:VCARD\r\nVERSION:3.0\r\n")
    page.get_by_role("link", name="Download Recruiter or headhunter as vCard 4.0").focus()
    with page.expect_download() as newer_cards:
        page.keyboard.press("Enter")
    cards = newer_cards.value.path().read_bytes()
    assert cards.startswith(b"BEGIN:VCARD\r\nVERSION:4.0\r\n") and b"FN:Priya Raman" in cards

    button = page.get_by_role("button", name="Back up now")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Backup saved to")).to_be_visible()
    expect(page.locator("ul.backups li")).to_have_count(1)
    screenshot("exports-backed-up")


def test_a_download_shows_how_much_has_arrived_then_saves_the_file(page, live_server):
    add_contact(page, live_server, "Priya Raman", "Recruiter or headhunter")
    page.goto(live_server + "/export")
    with page.expect_download() as everything:
        page.get_by_role("link", name="Download everything (JSON)").click()
    expect(page.get_by_role("status")).to_contain_text("MB")
    assert everything.value.suggested_filename.startswith("outreach-helper-")
    document = json.loads(everything.value.path().read_text(encoding="utf-8"))
    assert [row["name"] for row in document["tables"]["contact"]] == ["Priya Raman"]
    expect(page.get_by_role("status")).to_contain_text("Downloaded outreach-helper-")
