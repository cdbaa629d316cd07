"""Small hostile inputs, each on its own path: links that would run code in another app, cells a
spreadsheet in another locale would run, a CSV field over the reader's limit, ids and dates
beyond what the store can hold, and `next` targets a browser reads as another site."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from sqlalchemy import func, select

from helper.cli import main
from helper.db import transaction
from helper.db.models import Contact
from helper.exporters.csv import contacts_csv
from helper.exporters.vcard import card
from helper.importers import contacts_csv as contacts_csv_reader
from helper.importers import linkedin_csv, text, vcard
from helper.normalize import normalize_link
from helper.profiles import parse_profile
from helper.records import ContactSnapshot, Problem, ProfileRecord
from helper.store.contacts import ContactInput, create_contact
from helper.store.events import EventInput, add_person_met, create_event
from helper.store.followups import accept_plan
from tests.conftest import csrf_token_from, submitted

SCRIPT_LINK = "javascript:alert(document.cookie)"
DATA_LINK = "data:text/html,<script>alert(1)</script>"
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
OVER_THE_LIMIT = "x" * (csv.field_size_limit() + 10)
BEYOND_64_BITS = "99999999999999999999"


def records_of(items: list) -> list[ProfileRecord]:
    return [item for item in items if isinstance(item, ProfileRecord)]


def problems_of(items: list) -> list[Problem]:
    return [item for item in items if isinstance(item, Problem)]


def snapshot(**fields) -> ContactSnapshot:
    return ContactSnapshot(1, ProfileRecord(**fields))


def exported_row(**fields) -> dict[str, str]:
    text = contacts_csv([snapshot(**fields)]).removeprefix("\ufeff")
    header, row = csv.reader(io.StringIO(text, newline=""))
    return dict(zip(header, row, strict=True))


# Links: only http(s), and mailto: with an address, are kept.


@pytest.mark.parametrize(
    "link",
    [
        SCRIPT_LINK,
        DATA_LINK,
        "  JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "\x00javascript:alert(1)",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "mailto:ada@example.com?body=hello",
    ],
)
def test_a_link_that_is_not_a_web_link_is_refused_as_a_browser_would_read_it(link):
    assert normalize_link(link) is None


@pytest.mark.parametrize(
    ("link", "kept"),
    [
        ("https://ada.example/notes?a=1,2", "https://ada.example/notes?a=1,2"),
        (" HTTP://ada.example\n", "HTTP://ada.example"),
        ("www.ada.example", "www.ada.example"),
        ("mailto:Ada@Example.com", "mailto:ada@example.com"),
    ],
)
def test_web_links_and_mailto_with_an_address_are_kept(link, kept):
    assert normalize_link(link) == kept


def test_a_javascript_link_in_a_vcard_is_dropped_and_reported():
    data = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\n"
        f"URL:{SCRIPT_LINK}\r\nURL:{DATA_LINK}\r\nURL:https://ada.example\r\nEND:VCARD\r\n"
    )
    items = list(vcard.read(io.BytesIO(data.encode()), name="ada.vcf"))
    [ada] = records_of(items)
    assert ada.other_urls == ["https://ada.example"]
    reported = problems_of(items)
    assert [problem.raw for problem in reported] == [SCRIPT_LINK, DATA_LINK]
    assert reported[0].location == "card 1"
    assert reported[0].message.startswith("not a web link (http or https), left out:")


@pytest.mark.parametrize(
    "data",
    [
        "Name,Given Name,Family Name,E-mail 1 - Value,Website 1 - Value\n"
        f"Ada Lovelace,Ada,Lovelace,ada@example.com,{SCRIPT_LINK}\n",
        "First Name,Last Name,E-mail Address,Job Title,Web Page\n"
        f"Ada,Lovelace,ada@example.com,Analyst,{SCRIPT_LINK}\n",
    ],
    ids=["google", "outlook"],
)
def test_a_javascript_link_in_a_contacts_csv_is_dropped_and_reported(data):
    items = list(contacts_csv_reader.read(io.BytesIO(data.encode()), name="contacts.csv"))
    [ada] = records_of(items)
    assert ada.other_urls == []
    [problem] = problems_of(items)
    assert (problem.location, problem.raw) == ("line 2", SCRIPT_LINK)


def test_a_data_link_in_linkedin_connections_is_dropped_and_reported():
    data = CONNECTIONS_HEADER + f'Ada,Lovelace,"{DATA_LINK}",,Engines,Analyst,01 Feb 2026\n'
    items = list(linkedin_csv.read(io.BytesIO(data.encode()), name="Connections.csv"))
    [ada] = records_of(items)
    assert (ada.linkedin_url, ada.other_urls) == ("", [])
    [problem] = problems_of(items)
    assert (problem.location, problem.raw) == ("line 2", DATA_LINK)


def test_a_pasted_profile_keeps_only_its_web_links():
    text = (
        "Ada Lovelace\nada@example.com\n"
        "www.ada.example:javascript://alert%281%29\nhttps://ada.example/notes\n"
    )
    assert parse_profile(text).other_urls == ["https://ada.example/notes"]


def test_the_profile_preview_refuses_a_javascript_link_and_stores_nothing(client, store, data_path):
    text = (data_path / "profiles" / "text" / "chromium_single_role.txt").read_text("utf-8")
    token = csrf_token_from(client.get("/profiles/new").get_data(as_text=True))
    preview = client.post(
        "/profiles/new", data={"text": text, "csrf_token": token}, follow_redirects=True
    )
    response = client.post(
        "/profiles/confirm",
        data=submitted(
            preview.get_data(as_text=True), other_urls=f"https://ok.example\n{SCRIPT_LINK}"
        ),
    )
    page = response.get_data(as_text=True)
    assert "is not a web link; use an address that starts with https:// or http://." in page
    with store.sessions() as session:
        assert session.scalar(select(func.count(Contact.id))) == 0


def test_the_contact_edit_form_refuses_a_javascript_linkedin_link_with_a_clear_message(
    post_form, store
):
    with store.sessions() as session:
        contact_id = create_contact(session, ContactInput(name="Ada Lovelace")).id
        session.commit()
    link = "javascript://www.linkedin.com/in/ada/%0Aalert(1)"
    page = post_form(
        f"/contacts/{contact_id}/edit",
        {"name": "Ada Lovelace", "tier": "unset", "linkedin_url": link},
    ).get_data(as_text=True)
    assert (
        "&#39;javascript://www.linkedin.com/in/ada/%0Aalert(1)&#39; is not a web link; "
        "use an address that starts with https:// or http://."
    ) in page
    with store.sessions() as session:
        assert session.get(Contact, contact_id).linkedin_url in (None, "")


def test_a_script_link_already_stored_is_left_out_of_vcard_and_csv_exports():
    profile = {"name": "Ada", "other_urls": [SCRIPT_LINK, "https://ada.example"]}
    assert "javascript" not in card(ProfileRecord(**profile)).lower()
    assert exported_row(**profile)["Other URLs"] == "https://ada.example"


# CSV exports: every cell-start a spreadsheet may see, in any locale, is neutralised.


@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|", "\n", "\r\n"])
def test_a_formula_after_a_delimiter_excel_may_split_on_gets_a_quote(delimiter):
    cell = f'x{delimiter}=HYPERLINK("http://evil.example","open")'
    assert exported_row(name="Ada", notes=cell)["Notes"] == (
        f'x{delimiter}\'=HYPERLINK("http://evil.example","open")'
    )


def test_a_formula_behind_a_quote_after_a_semicolon_gets_a_quote_too():
    assert exported_row(name="Ada", notes='x;"=1+1"')["Notes"] == 'x;\'"=1+1"'


def test_text_after_a_semicolon_that_is_no_formula_is_left_alone():
    assert exported_row(name="Ada", notes="met at the expo; nice chat")["Notes"] == (
        "met at the expo; nice chat"
    )


# CSV imports: a field over the csv module's limit costs its own row only.


def test_an_over_long_field_in_a_contacts_csv_is_reported_and_the_rows_after_it_are_read():
    data = (
        "First Name,Last Name,E-mail Address,Job Title,Notes\n"
        f'Ada,Lovelace,ada@example.com,Analyst,"{OVER_THE_LIMIT}\n'
        '"\n'
        "Grace,Hopper,grace@example.com,Admiral,compilers\n"
        "Alan,Turing,alan@example.com,Fellow,\n"
    )
    items = list(contacts_csv_reader.read(io.BytesIO(data.encode()), name="contacts.csv"))
    assert [(person.name, person.location_in_source) for person in records_of(items)] == [
        ("Grace Hopper", "line 4"),
        ("Alan Turing", "line 5"),
    ]
    [problem] = problems_of(items)
    assert problem.location == "line 2"
    assert problem.message == (
        f"a field is longer than {csv.field_size_limit():,} characters, the most a CSV field "
        "may hold; the row was left out"
    )


def test_an_over_long_field_in_linkedin_connections_is_reported_and_the_rows_after_it_are_read():
    data = (
        CONNECTIONS_HEADER
        + f'Ada,Lovelace,,,Engines,"{OVER_THE_LIMIT}\n'
        + '",01 Feb 2026\n'
        + "Grace,Hopper,,,Navy,Admiral,02 Feb 2026\n"
    )
    items = list(linkedin_csv.read(io.BytesIO(data.encode()), name="Connections.csv"))
    [grace] = records_of(items)
    assert (grace.name, grace.current_company, grace.location_in_source) == (
        "Grace Hopper",
        "Navy",
        "line 4",
    )
    [problem] = problems_of(items)
    assert problem.location == "line 2"


def test_doubled_quotes_and_separators_inside_an_over_long_field_do_not_end_it():
    header = text.HeaderRow(",", ["a", "b"], 1)
    lines = iter([f'"{OVER_THE_LIMIT}\n', '"",""\n', '"" tail",z\n', "next,row\n"])
    rows = list(text.csv_rows(lines, header))
    assert [type(rows[0]), rows[0].location] == [Problem, "line 2"]
    assert rows[1:] == [(5, ["next", "row"])]


# Ids and dates beyond what the store holds.


@pytest.mark.parametrize(
    "path",
    [
        f"/contacts/{BEYOND_64_BITS}",
        f"/contacts/{2**63}/edit",
        f"/goals/{BEYOND_64_BITS}",
        f"/drafts/{BEYOND_64_BITS}",
        f"/events/{BEYOND_64_BITS}",
        f"/followups/{BEYOND_64_BITS}.ics",
        f"/imports/{BEYOND_64_BITS}",
    ],
)
def test_an_id_beyond_the_largest_stored_integer_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_a_merge_with_an_id_beyond_the_largest_stored_integer_says_there_is_no_such_contact(
    post_form, store
):
    with transaction(store.sessions) as session:
        kept = create_contact(session, ContactInput(name="Ada Lovelace")).id
        create_contact(session, ContactInput(name="Ada Byron"))
    response = post_form(
        f"/contacts/{kept}/merge", {"other_id": str(2**64)}, page=f"/contacts/{kept}/merge?q=Ada"
    )
    assert response.status_code == 200
    assert "There is no contact with that id." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "command",
    [
        ["draft", str(2**64), "--channel", "email", "--json"],
        ["match", str(2**64), "--json"],
        ["goals", "show", str(2**64), "--json"],
    ],
)
def test_the_command_line_refuses_an_id_beyond_the_largest_stored_integer(runner, command):
    result = runner.invoke(main, command)
    assert result.exit_code == 2
    assert "is not in the range 1<=x<=9223372036854775807" in result.output


@pytest.mark.parametrize(
    "query",
    ["from=0001-01-01", "to=9999-12-31", "from=1899-12-31&to=1900-01-01"],
)
@pytest.mark.parametrize("path", ["/followups/calendar.ics", "/followups"])
def test_a_date_outside_the_storable_years_is_refused_with_a_clear_message(client, path, query):
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    assert "is outside the years 1900 to 2999; pick a date between them." in response.get_data(
        as_text=True
    )


def test_the_last_storable_day_can_end_a_follow_up_range(client):
    response = client.get("/followups/calendar.ics?from=1900-01-01&to=2999-12-31")
    assert response.status_code == 200


# `next`: only a path on this site.


def a_follow_up(store) -> int:
    with store.sessions() as session:
        event = create_event(
            session,
            EventInput(name="Expo", kind="exhibition", starts_at=datetime(2026, 11, 20, 18, 0)),
        )
        contact = create_contact(session, ContactInput(name="Priya Raman"))
        add_person_met(session, event, contact.id)
        followup_id = accept_plan(session, event)[0].id
        session.commit()
        return followup_id


@pytest.mark.parametrize(
    "target",
    [
        "/\t/evil.example",
        "/\n/evil.example",
        " //evil.example",
        "/\\evil.example",
        "\x00//evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
    ],
)
def test_a_next_target_a_browser_would_read_as_another_site_goes_to_the_list(
    post_form, store, target
):
    followup_id = a_follow_up(store)
    response = post_form(
        f"/followups/{followup_id}/drop", {"next": target}, page="/followups", follow=False
    )
    assert response.headers["Location"] == "/followups"


def test_a_next_target_on_this_site_is_followed(post_form, store):
    followup_id = a_follow_up(store)
    response = post_form(
        f"/followups/{followup_id}/drop",
        {"next": "/events/1#plan-heading"},
        page="/followups",
        follow=False,
    )
    assert response.headers["Location"] == "/events/1#plan-heading"
