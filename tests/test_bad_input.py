"""One row per hostile input: what it is, what must come back, and whether the store must stay
exactly as it was. Web rows go through the Flask test client, the others through the store.

Each row's action asserts its own expected outcome (an error's wording or a safe result); the
test then compares the store's content before and after for the rows that must not change it.
Import runs are left out of that content: a refused file is recorded as a failed run, by design.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import select

from helper import create_app
from helper.db.models import Base, Contact, FollowUp, ImportRun, Interaction
from helper.errors import ImportRefused, RestoreRefused
from helper.profiles.reader import parse_profile
from helper.store.bridge import new_pairing_code, pair
from helper.store.contacts import ContactInput, create_contact
from helper.store.drafts import DraftRequest, compose_for, save_draft
from helper.store.exports.calendar import calendar_bytes
from helper.store.exports.contact_files import ExportOptions
from helper.store.exports.render import render_export
from helper.store.imports.pipeline import import_file
from helper.web.session import solo_workspace
from tests.conftest import csrf_token_from

EXTENSION = "chrome-extension://" + "a" * 32
LOCALHOST_REFUSAL = "only answers requests addressed to localhost"
CSRF_REFUSAL = "security token was missing or expired"
SCRIPT = "<script>alert(1)</script>"
GOAL_FORM = {
    "title": "Meet data leaders",
    "purpose": "career",
    "priority": "1",
    "short_target": "2",
    "strategy": "both",
    "scope": "both",
    "keywords": "data\nanalytical",
    "organisations": "Analytical Engines",
    "status": "active",
}
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


@dataclass
class Ctx:
    """What a row may use: the app on a fresh store, its client, and a scratch folder."""

    app: object
    client: object
    post_form: Callable
    store: object
    tmp: Path

    def file(self, name: str, content: bytes) -> Path:
        path = self.tmp / "files" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        return path

    def imported(self, name: str, content: bytes):
        return import_file(self.store, self.file(name, content), display_name=name)

    def refused(self, name: str, content: bytes) -> str:
        with pytest.raises(ImportRefused) as refusal:
            self.imported(name, content)
        return str(refusal.value)

    def contact(self, name: str, **fields) -> int:
        with self.store.sessions() as session:
            contact = create_contact(session, ContactInput(name=name, **fields))
            session.commit()
            return contact.id

    def paired_token(self) -> str:
        with self.store.sessions() as session:
            code = new_pairing_code(session).code
            token = pair(session, code, EXTENSION)
            session.commit()
            return token


@dataclass(frozen=True)
class Row:
    hostile: str
    act: Callable[[Ctx], None]
    store_unchanged: bool


def store_content(store) -> dict[str, list[str]]:
    """Every row of every table except the import history, as text, in a stable order."""
    with store.sessions() as session:
        return {
            table.name: sorted(repr(tuple(row)) for row in session.execute(table.select()))
            for table in Base.metadata.sorted_tables
            if table.name not in ("import_run", "alembic_version")
        }


def page(response) -> str:
    return response.get_data(as_text=True)


# -- nobody else gets in ---------------------------------------------------------------------


def dns_rebinding_host(ctx: Ctx) -> None:
    response = ctx.client.get("/contacts", headers={"Host": "attacker.example:8765"})
    assert response.status_code == 400 and LOCALHOST_REFUSAL in page(response)


def loopback_lookalike_host(ctx: Ctx) -> None:
    response = ctx.client.post(
        "/contacts/new", data={"name": "Mallory"}, headers={"Host": "127.0.0.1.evil.example"}
    )
    assert response.status_code == 400 and LOCALHOST_REFUSAL in page(response)


def cross_site_form_post(ctx: Ctx) -> None:
    response = ctx.client.post(
        "/contacts/new",
        data={"name": "Mallory"},
        headers={"Origin": "https://evil.example", "Referer": "https://evil.example/x"},
    )
    assert response.status_code == 400 and CSRF_REFUSAL in page(response)


def another_sessions_token(ctx: Ctx) -> None:
    stranger = ctx.app.test_client()
    token = csrf_token_from(page(stranger.get("/contacts/new")))
    ctx.client.get("/contacts/new")
    response = ctx.client.post("/contacts/new", data={"name": "Mallory", "csrf_token": token})
    assert response.status_code == 400 and CSRF_REFUSAL in page(response)


def page_origin_bridge_call(ctx: Ctx) -> None:
    token = ctx.paired_token()
    before = store_content(ctx.store)
    response = ctx.client.post(
        "/api/bridge/capture",
        json={"url": "https://www.linkedin.com/in/mallory/", "text": "Mallory Evil\nSpy"},
        headers={"Origin": "https://evil.example", "Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 403
    assert "https://evil.example are not accepted" in response.get_json()["error"]
    assert "Access-Control-Allow-Origin" not in response.headers
    assert store_content(ctx.store) == before


def bridge_call_without_token(ctx: Ctx) -> None:
    response = ctx.client.post(
        "/api/bridge/capture",
        json={"url": "https://www.linkedin.com/in/mallory/", "text": "Mallory Evil\nSpy"},
        headers={"Origin": EXTENSION},
    )
    assert response.status_code == 401 and "not paired" in response.get_json()["error"]


# -- too big, wrong kind, hostile names ------------------------------------------------------


def oversized_upload(ctx: Ctx) -> None:
    small = create_app({"DATA_DIR": ctx.app.config["DATA_DIR"], "MAX_UPLOAD_MB": 1})
    client = small.test_client()
    token = csrf_token_from(page(client.get("/imports")))
    content = CONNECTIONS_HEADER.encode() + b"Ada,Lovelace,,,,,\n" * 120_000
    response = client.post(
        "/imports",
        data={"csrf_token": token, "file": (io.BytesIO(content), "Connections.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert "at most 1 MB for a file" in page(response) and "Nothing was stored" in page(response)


def huge_pasted_profile(ctx: Ctx) -> None:
    response = ctx.post_form("/profiles/new", {"text": "Ada Lovelace\n" + "x" * 21_000_000})
    assert response.status_code == 413
    assert "over 20 MB" in page(response) and "it was not read" in page(response)


def zip_bomb_named_vcf(ctx: Ctx) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("contacts.vcf", b"\0" * 50_000_000)
    message = ctx.refused("contacts.vcf", buffer.getvalue())
    assert "ZIP" in message or "zip" in message


def binary_named_vcf(ctx: Ctx) -> None:
    noise = bytes((i * 7919 + 13) % 256 for i in range(50_000))
    assert "binary" in ctx.refused("contacts.vcf", noise).lower()


def path_traversal_upload_name(ctx: Ctx) -> None:
    token = csrf_token_from(page(ctx.client.get("/imports")))
    vcard = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n"
    response = ctx.client.post(
        "/imports",
        data={"csrf_token": token, "file": (io.BytesIO(vcard), "../../etc/passwd.vcf")},
        content_type="multipart/form-data",
    )
    job_id = response.headers["Location"].rsplit("/", 1)[1]
    solo_workspace(ctx.app).import_jobs.wait(job_id, timeout_s=60)
    with ctx.store.sessions() as session:
        run = session.scalar(select(ImportRun).order_by(ImportRun.id.desc()))
        assert run.status == "done" and run.file_name == "etc_passwd.vcf"
    data_dir = Path(ctx.app.config["DATA_DIR"])
    assert not (data_dir.parent / "etc").exists() and not (data_dir / "etc").exists()


# -- text that is not what it claims ---------------------------------------------------------


def invalid_utf8_csv(ctx: Ctx) -> None:
    content = CONNECTIONS_HEADER.encode() + b"J\xe9r\xf4me,M\xfcller\xff,,,Acme,CTO,01 Feb 2026\n"
    summary = ctx.imported("Connections.csv", content)
    assert summary.created == 1
    with ctx.store.sessions() as session:
        assert session.scalar(select(Contact.name)).startswith("J")


def invalid_utf8_vcard(ctx: Ctx) -> None:
    content = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ren\xe9e \xff\xfeDupont\r\nEND:VCARD\r\n"
    assert ctx.imported("people.vcf", content).created == 1


def invalid_utf8_pasted_profile(ctx: Ctx) -> None:
    record = parse_profile(b"Ren\xe9e Dupont\nHead of Data at Acme\n\xff\xfe\xfd broken bytes")
    assert record.name.startswith("Ren")


def invalid_utf8_mbox_header(ctx: Ctx) -> None:
    ctx.contact("Jerome Example", emails=["jerome@example.com"])
    content = (
        b"From jerome@example.com Mon Feb  2 10:00:00 2026\n"
        b"From: J\xe9r\xf4me \xff <jerome@example.com>\n"
        b"To: me@example.org\nSubject: Caf\xe9 \xff\xfe\n"
        b"Date: Mon, 02 Feb 2026 10:00:00 +0000\nMessage-ID: <a1@example.com>\n\nHello\n"
    )
    assert ctx.imported("mail.mbox", content).interactions == 1
    with ctx.store.sessions() as session:
        assert session.scalar(select(Interaction.summary)).startswith("Caf")


def one_megabyte_mbox_header(ctx: Ctx) -> None:
    content = (
        b"From a@example.com Mon Feb  2 10:00:00 2026\n"
        b"From: a@example.com\nTo: me@example.org\n"
        b"Subject: " + b"A" * 1_048_576 + b"\n"
        b"Date: Mon, 02 Feb 2026 10:00:00 +0000\n\nbody\n"
    )
    summary = ctx.imported("big-header.mbox", content)
    assert summary.interactions == 1
    assert any("longer than 256 KB" in problem["message"] for problem in summary.problems)


def vcard_with_100000_properties(ctx: Ctx) -> None:
    lines = [b"BEGIN:VCARD", b"VERSION:3.0", b"FN:Many Props"]
    lines += [b"NOTE:line %d" % n for n in range(100_000)]
    content = b"\r\n".join([*lines, b"END:VCARD", b""])
    summary = ctx.imported("many.vcf", content)
    assert summary.created == 0
    assert "over the limit of 10,000; it was not imported" in summary.problems[0]["message"]


def fifty_thousand_recipients(ctx: Ctx) -> None:
    recipients = ", ".join(f"p{n}@example.com" for n in range(50_000)).encode()
    content = (
        b"From: me@example.org\nTo: " + recipients + b"\nSubject: hello all\n"
        b"Date: Mon, 02 Feb 2026 10:00:00 +0000\nMessage-ID: <many@example.org>\n\nhi\n"
    )
    summary = ctx.imported("many.eml", content)
    assert summary.interactions <= 1_000
    assert any("more than 1,000 addresses" in problem["message"] for problem in summary.problems)


def empty_file(suffix: str) -> Callable[[Ctx], None]:
    def act(ctx: Ctx) -> None:
        assert "empty" in ctx.refused(f"empty{suffix}", b"").lower()

    act.__name__ = f"empty_{suffix.strip('.').replace('.', '_')}"
    return act


# -- what the store hands back out -----------------------------------------------------------

CRLF_NAME = "Eve\r\nBEGIN:VEVENT\r\nSUMMARY:injected\r\nEND:VEVENT\r\nX-EVIL:1"


def crlf_name_in_ics(ctx: Ctx) -> None:
    contact_id = ctx.contact(CRLF_NAME)
    with ctx.store.sessions() as session:
        due = datetime(2026, 3, 1, 9, 0)
        followup = FollowUp(contact_id=contact_id, title=f"Check in with {CRLF_NAME}", due_at=due)
        session.add(followup)
        session.commit()
        data = calendar_bytes(session, [followup])
    calendar = Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    assert "X-EVIL" not in events[0]
    lines = data.decode().split("\r\n")
    assert lines.count("BEGIN:VEVENT") == 1
    assert not [line for line in lines if line.startswith(("X-EVIL", "SUMMARY:injected"))]


def crlf_name_in_vcard_export(ctx: Ctx) -> None:
    ctx.contact("Eve\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Injected", current_company="Acme\nX-EVIL:1")
    with ctx.store.sessions() as session:
        lines = render_export(session, "vcard", ExportOptions()).content.decode().splitlines()
    assert lines.count("BEGIN:VCARD") == 1 and lines.count("END:VCARD") == 1
    assert not [line for line in lines if line.startswith(("X-EVIL", "FN:Injected"))]


def crlf_name_in_email_subject(ctx: Ctx) -> None:
    contact_id = ctx.contact(CRLF_NAME, emails=["eve@example.com"])
    with ctx.store.sessions() as session:
        composed = compose_for(session, DraftRequest(contact_id, "email", None))
        draft = save_draft(session, contact_id, None, composed)
        session.commit()
        assert "\r" not in draft.subject and "\n" not in draft.subject
        draft_id = draft.id
    shown = page(ctx.client.get(f"/drafts/{draft_id}"))
    mailto = shown[shown.index("mailto:") :].split('"', 1)[0]
    subject = mailto.split("subject=", 1)[1].split("&", 1)[0]
    assert "%0D" not in subject.upper() and "%0A" not in subject.upper()


def script_in_pasted_profile(ctx: Ctx) -> None:
    pasted = f"{SCRIPT}Ada Lovelace\nHead of Data at Analytical Engines\nLondon"
    preview = ctx.post_form("/profiles/new", {"text": pasted})
    shown = [page(preview)]
    token = csrf_token_from(shown[0])
    response = ctx.client.post(
        "/profiles/confirm",
        data={"csrf_token": token, "name": f"{SCRIPT}Ada Lovelace", "headline": "Head of Data"},
        follow_redirects=True,
    )
    shown.append(page(response))
    with ctx.store.sessions() as session:
        contact_id = session.scalar(select(Contact.id))
    goal = ctx.post_form("/goals/new", GOAL_FORM)
    goal_url = goal.request.path
    draft = ctx.post_form(f"/contacts/{contact_id}/draft", {"channel": "linkedin_message"})
    shown += [
        page(ctx.client.get("/contacts")),
        page(ctx.client.get(f"/contacts/{contact_id}")),
        page(ctx.client.get(goal_url)),
        page(draft),
    ]
    for html in shown:
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, html[:2000]


def formula_cells_in_an_import(ctx: Ctx) -> None:
    content = CONNECTIONS_HEADER + (
        'Ada,Lovelace,,,"=HYPERLINK(""http://evil.example"",""x"")",@SUM(A1),'
        "01 Feb 2026\nGrace,-2+3,,,+cmd|' /C calc'!A0,Admiral,02 Feb 2026\n"
    )
    summary = ctx.imported("Connections.csv", content.encode())
    assert summary.created == 2 and summary.problem_count >= 2
    with ctx.store.sessions() as session:
        fields = session.execute(
            select(Contact.name, Contact.current_company, Contact.current_title)
        ).all()
    assert not [value for row in fields for value in row if value[:1] in ("=", "+", "-", "@")]


def formula_cells_in_our_csv_export(ctx: Ctx) -> None:
    ctx.contact(
        '=HYPERLINK("http://evil.example","x")',
        current_company="@SUM(A1)",
        current_title="+cmd|' /C calc'!A0",
        headline="-2+3",
        notes="\t=1+1",
    )
    with ctx.store.sessions() as session:
        text = render_export(session, "csv", ExportOptions()).content.decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert any("HYPERLINK" in cell for cell in cells) and any("SUM(A1)" in cell for cell in cells)
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


# -- dates at the edges ----------------------------------------------------------------------


def event_form(starts_at: str) -> dict[str, str]:
    return {
        "name": "Edge meetup",
        "kind": "conference",
        "starts_at": starts_at,
        "timezone": "Pacific/Kiritimati",
    }


def year_zero_event_start(ctx: Ctx) -> None:
    shown = page(ctx.post_form("/events/new", event_form("0000-01-01T10:00")))
    assert "Nothing was saved." in shown and "Give the date and time the event starts." in shown


def year_9999_event_start(ctx: Ctx) -> None:
    response = ctx.post_form("/events/new", event_form("9999-12-31T23:00"))
    assert "Pick a date between the years 1900 and 2999." in page(response)


def connected_on_edges(ctx: Ctx) -> None:
    content = CONNECTIONS_HEADER + ("Zero,Year,,,,,01 Jan 0000\nLast,Year,,,,,31 Dec 9999\n")
    summary = ctx.imported("Connections.csv", content.encode())
    assert summary.created == 2
    assert [problem["raw"] for problem in summary.problems] == ["Zero,Year,,,,,01 Jan 0000"]
    assert "unreadable Connected On date" in summary.problems[0]["message"]


def mail_date_edges(ctx: Ctx) -> None:
    ctx.contact("Old Timer", emails=["old@example.com"])
    content = b"".join(
        b"From old@example.com Mon Feb  2 10:00:00 2026\nFrom: old@example.com\n"
        b"To: me@example.org\nSubject: edge\nDate: " + date + b"\n"
        b"Message-ID: <" + ident + b"@example.com>\n\nhi\n\n"
        for ident, date in (
            (b"zero", b"Sat, 01 Jan 0000 00:00:00 +0000"),
            (b"last", b"Fri, 31 Dec 9999 23:59:59 -1200"),
        )
    )
    summary = ctx.imported("edges.mbox", content)
    assert summary.interactions == 2
    problems = {problem["raw"]: problem["message"] for problem in summary.problems}
    assert "cannot be read" in problems["Fri, 31 Dec 9999 23:59:59 -1200"]
    for path in ("/contacts", "/followups", "/due"):
        assert ctx.client.get(path).status_code == 200


def followup_due_9999(ctx: Ctx) -> None:
    contact_id = ctx.contact("Far Future")
    with ctx.store.sessions() as session:
        followup = FollowUp(contact_id=contact_id, title="Later", due_at=datetime(2026, 3, 1))
        session.add(followup)
        session.commit()
        followup_id = followup.id
    ctx.client.get("/followups")  # the first visit fills in "Me" and the calendar token
    before = store_content(ctx.store)
    response = ctx.post_form(
        f"/followups/{followup_id}/reschedule", {"due": "9999-12-31T23:59"}, page="/followups"
    )
    assert "Nothing was changed" in page(response)
    assert store_content(ctx.store) == before
    for path in ("/followups", "/due", f"/followups/{followup_id}.ics", "/followups/calendar.ics"):
        assert ctx.client.get(path).status_code == 200, path


# -- the contact form ------------------------------------------------------------------------


def javascript_linkedin_url(ctx: Ctx) -> None:
    response = ctx.post_form(
        "/contacts/new", {"name": "Mallory", "linkedin_url": "javascript:alert(document.cookie)"}
    )
    assert "Nothing was saved" in page(response)
    assert 'href="javascript:' not in page(response)


def ten_thousand_character_name(ctx: Ctx) -> None:
    response = ctx.post_form("/contacts/new", {"name": "A" * 10_000})
    assert "Nothing was saved" in page(response)
    assert "300" in page(response)


def email_with_newline(ctx: Ctx) -> None:
    response = ctx.post_form(
        "/contacts/new", {"name": "Mallory", "emails": "mallory@example.com\nBcc: x@evil.example"}
    )
    assert "Nothing was saved" in page(response)
    assert "not a valid email address" in page(response)


def sql_looking_search(ctx: Ctx) -> None:
    ctx.contact("Ada Lovelace")
    ctx.contact("O' OR 1=1 -- Brien")
    shown = page(ctx.client.get("/contacts", query_string={"q": "' OR 1=1 --"}))
    assert "Brien" in shown and "Ada Lovelace" not in shown


# -- files that are not ours -----------------------------------------------------------------


def restore_of_non_backup(ctx: Ctx) -> None:
    from helper.store.backup import restore_from

    impostor = ctx.file("backup.sqlite3", b"this is a text file, not a database\n")
    refusal = "is not a SQLite database|is not a backup this store can restore"
    with pytest.raises(RestoreRefused, match=refusal):
        restore_from(ctx.store.engine, Path(ctx.app.config["DATA_DIR"]), impostor)


def json_from_newer_schema(ctx: Ctx) -> None:
    document = {"format": "outreach-helper", "schema_version": "ffff_from_the_future", "tables": {}}
    message = ctx.refused("export.json", json.dumps(document).encode())
    assert "newer or unknown version" in message


ROWS = [
    Row("a DNS-rebinding Host name", dns_rebinding_host, True),
    Row('a Host "127.0.0.1.evil.example"', loopback_lookalike_host, True),
    Row("a cross-site form post without a CSRF token", cross_site_form_post, True),
    Row("a form post with another session's CSRF token", another_sessions_token, True),
    Row("a bridge call from a web page's origin", page_origin_bridge_call, False),
    Row("a bridge call without a token", bridge_call_without_token, True),
    Row("an upload over MAX_UPLOAD_MB", oversized_upload, True),
    Row("a 21 MB pasted profile", huge_pasted_profile, True),
    Row("a zip bomb renamed .vcf", zip_bomb_named_vcf, True),
    Row("a binary file renamed .vcf", binary_named_vcf, True),
    Row("path traversal in an uploaded file name", path_traversal_upload_name, False),
    Row("invalid UTF-8 in a CSV", invalid_utf8_csv, False),
    Row("invalid UTF-8 in a vCard", invalid_utf8_vcard, False),
    Row("invalid UTF-8 in a pasted profile", invalid_utf8_pasted_profile, True),
    Row("invalid UTF-8 in an mbox header", invalid_utf8_mbox_header, False),
    Row("a 1 MB single header line in an mbox", one_megabyte_mbox_header, False),
    Row("a vCard with 100,000 properties", vcard_with_100000_properties, True),
    Row("a 50,000-address To header", fifty_thousand_recipients, False),
    *(
        Row(f"an empty {suffix} file", empty_file(suffix), True)
        for suffix in (".csv", ".vcf", ".mbox", ".eml", ".zip", ".tgz", ".json")
    ),
    Row("CRLF in a name that ends up in an .ics export", crlf_name_in_ics, False),
    Row("CRLF in a name that ends up in a vCard export", crlf_name_in_vcard_export, False),
    Row("CRLF in a name that ends up in an email subject", crlf_name_in_email_subject, False),
    Row(
        "a <script> in a pasted profile, on every page showing it", script_in_pasted_profile, False
    ),
    Row("CSV formula cells in an import", formula_cells_in_an_import, False),
    Row("formula-looking text in our CSV export", formula_cells_in_our_csv_export, False),
    Row("an event starting in the year 0", year_zero_event_start, True),
    Row("an event starting in the year 9999", year_9999_event_start, True),
    Row("Connected On in the years 0 and 9999", connected_on_edges, False),
    Row("mail dated in the years 0 and 9999", mail_date_edges, False),
    Row("a follow-up due in the year 9999", followup_due_9999, False),
    Row("a javascript: LinkedIn URL in the contact form", javascript_linkedin_url, True),
    Row("a contact name of 10,000 characters", ten_thousand_character_name, True),
    Row("an email address with a newline", email_with_newline, True),
    Row("SQL-looking search text", sql_looking_search, False),
    Row("a restore of a file that is not a backup", restore_of_non_backup, True),
    Row("a JSON export from a newer schema", json_from_newer_schema, True),
]


def test_the_table_has_at_least_thirty_hostile_inputs():
    assert len(ROWS) >= 30


@pytest.mark.parametrize("row", ROWS, ids=[row.act.__name__ for row in ROWS])
def test_a_hostile_input_gets_a_clear_error_or_a_safe_result(
    app, client, post_form, store, tmp_path, row
):
    ctx = Ctx(app=app, client=client, post_form=post_form, store=store, tmp=tmp_path)
    before = store_content(store)
    row.act(ctx)
    if row.store_unchanged:
        assert store_content(store) == before, f"{row.hostile} changed the store"
