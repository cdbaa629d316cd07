"""The "Export and back up" page: downloads with the right headers, and "Back up now"."""

import csv
import io
import json
from datetime import datetime

import pytest
from icalendar import Calendar

from helper.db.models import FollowUp
from helper.importers.vcard import read
from helper.store.contacts import ContactInput, create_contact
from helper.store.events import EventInput, add_person_met, create_event
from helper.store.followups import accept_plan
from tests.conftest import names_in_backup


@pytest.fixture
def people(store):
    with store.sessions() as session:
        create_contact(session, ContactInput(name="Ada Lovelace", categories=["mentor"]))
        create_contact(session, ContactInput(name="Alan Turing", categories=["recruiter"]))
        create_contact(session, ContactInput(name="<script>alert(1)</script>"))
        session.commit()


def test_the_page_offers_everything_and_each_category_as_links(client, people):
    page = client.get("/export").get_data(as_text=True)
    assert "<h1>Export and back up</h1>" in page
    assert 'href="/export/download/json"' in page
    assert 'href="/export/download/vcard"' in page
    assert 'href="/export/download/csv?category=mentor"' in page
    assert 'aria-label="Download Recruiter or headhunter as vCard 3.0"' in page
    assert "Backups are also made automatically before every schema upgrade" in page


def test_the_nav_has_an_export_item_marked_current_on_the_page(client):
    page = client.get("/export").get_data(as_text=True)
    assert '<a href="/export" aria-current="page">Export</a>' in page


@pytest.mark.parametrize(
    ("url", "content_type", "file_name"),
    [
        ("/export/download/json", "application/json", "outreach-helper-"),
        ("/export/download/vcard", "text/vcard; charset=utf-8", "contacts-"),
        ("/export/download/csv?category=mentor", "text/csv; charset=utf-8", "contacts-mentor-"),
    ],
)
def test_a_download_is_an_attachment_with_its_content_type(
    client, people, url, content_type, file_name
):
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(content_type)
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="{file_name}')
    assert response.headers["Cache-Control"] == "no-store"


def test_the_json_download_holds_every_contact(client, people):
    document = json.loads(client.get("/export/download/json").data)
    assert len(document["tables"]["contact"]) == 3


def test_the_vcard_download_of_a_category_reads_back(client, people):
    records = list(read(io.BytesIO(client.get("/export/download/vcard?category=mentor").data)))
    assert [record.name for record in records] == ["Ada Lovelace"]


def test_the_page_offers_vcard_3_0_first_and_4_0_with_a_line_on_which_to_pick(client, people):
    page = client.get("/export").get_data(as_text=True)
    assert '<th scope="col">vCard 3.0 (recommended)</th><th scope="col">vCard 4.0</th>' in page
    assert "Google Contacts, iCloud/Apple Contacts and Outlook import vCard 3.0 cleanly" in page
    assert 'href="/export/download/vcard?version=4.0"' in page
    assert 'href="/export/download/vcard?category=mentor&amp;version=4.0"' in page
    assert 'aria-label="Download Manager, coach, mentor or sponsor as vCard 4.0"' in page


@pytest.mark.parametrize(("query", "version"), [("", "3.0"), ("?version=4.0", "4.0")])
def test_the_vcard_download_is_3_0_unless_4_0_is_asked_for(client, people, query, version):
    data = client.get(f"/export/download/vcard{query}").data
    assert data.startswith(f"BEGIN:VCARD\r\nVERSION:{version}\r\n".encode())
    assert data.count(b"\r\nUID:") == 3


@pytest.mark.parametrize(
    "url", ["/export/download/vcard?version=2.1", "/export/download/csv?version=4.0"]
)
def test_a_wrong_vcard_version_gets_a_clear_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert b"vCard version" in response.data or b"--vcard-version" in response.data


def test_the_csv_download_reads_back_with_a_header(client, people):
    text = client.get("/export/download/csv").data.decode("utf-8-sig")
    names = [row["Name"] for row in csv.DictReader(io.StringIO(text))]
    assert names == ["<script>alert(1)</script>", "Ada Lovelace", "Alan Turing"]


def test_an_unknown_category_gets_a_clear_400(client):
    response = client.get("/export/download/csv?category=boss")
    assert response.status_code == 400
    assert "&#39;boss&#39; is not a category" in response.get_data(as_text=True)


def test_an_unknown_format_is_404(client):
    response = client.get("/export/download/pdf")
    assert response.status_code == 404
    assert "There is no export called &#39;pdf&#39;." in response.get_data(as_text=True)


def test_back_up_now_writes_a_backup_in_the_data_folder_and_says_where(post_form, store, people):
    page = post_form("/export/backup", {}, page="/export").get_data(as_text=True)
    (backup,) = (store.data_dir / "backups").glob("*-on-request.*")
    assert f"Backup saved to {backup}." in page
    assert f"<code>{backup.name}</code>" in page
    assert "Ada Lovelace" in names_in_backup(backup)


def test_back_up_now_without_the_csrf_token_is_refused_and_writes_nothing(client, store):
    response = client.post("/export/backup")
    assert response.status_code == 400
    assert not (store.data_dir / "backups").exists()


def test_the_page_links_the_open_follow_ups_as_ics(client):
    page = client.get("/export").get_data(as_text=True)
    assert 'href="/export/download/ics"' in page


def test_the_ics_download_keeps_its_sequence_stamps_between_downloads(client, store):
    with store.sessions() as session:
        contact = create_contact(session, ContactInput(name="Priya Raman"))
        event = create_event(
            session,
            EventInput(
                name="Fintech Expo", kind="exhibition", starts_at=datetime(2026, 11, 20, 18, 0)
            ),
        )
        add_person_met(session, event, contact.id)
        followup_id = accept_plan(session, event)[0].id
        session.commit()

    def sequence() -> int:
        response = client.get("/export/download/ics")
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
        return int(Calendar.from_ical(response.data).walk("VEVENT")[0]["SEQUENCE"])

    def edit(title: str) -> None:
        with store.sessions() as session:  # not through a page: only the download stamps
            session.get(FollowUp, followup_id).title = title
            session.commit()

    assert sequence() == 0
    edit("Thank Priya")
    assert sequence() == 1
    edit("Thank Priya for the demo")
    assert sequence() == 2
    assert sequence() == 2
