"""Saved profile pages: structure, markup cues and the page's visible text."""

from __future__ import annotations

import contextlib
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helper.errors import ProfileUnreadable
from helper.profiles.html import parse_document, parse_profile_html, visible_text

HTML = Path(__file__).parent / "data" / "profiles" / "html"


def _page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def test_visible_text_keeps_one_line_per_block_and_drops_scripts_buttons_and_twins() -> None:
    root = lxml.html.document_fromstring(
        _page(
            "<div>Ada <b>Lovelace</b></div><script>var secret = 1;</script>"
            "<style>.x{}</style><button>Connect</button>"
            '<span><span aria-hidden="true">Analyst</span>'
            '<span class="visually-hidden">Analyst</span></span>'
            "<p>First\n   line\tjoined</p><!-- a comment -->tail"
        )
    )
    assert visible_text(root).split() == [
        "Ada",
        "Lovelace",
        "Analyst",
        "First",
        "line",
        "joined",
        "tail",
    ]
    assert [line for line in visible_text(root).splitlines() if line.strip()] == [
        "Ada Lovelace",
        "Analyst",
        "First line joined",
        "tail",
    ]


def test_the_logged_in_page_reads_its_own_member_not_the_people_beside_it() -> None:
    record = parse_profile_html((HTML / "logged_in_2024.html").read_text(encoding="utf-8"))
    assert record.name == "Amara Nwosu"
    assert record.linkedin_url == "https://www.linkedin.com/in/amara-nwosu-7a1b2c/"
    shown = str(record)
    assert "Tobias" not in shown and "Mei Chen" not in shown
    assert "document.cookie" not in shown and "evil.example" not in shown


def test_embedded_json_names_the_member_whose_public_id_the_page_has() -> None:
    page = _page(
        "<main><h1></h1></main>"
        '<code style="display:none">{"included":['
        '{"firstName":"Tobias","lastName":"Grant","headline":"Recruiter","publicIdentifier":"tg"},'
        '{"firstName":"Amara","lastName":"Nwosu","headline":"Engineer","publicIdentifier":"an"}'
        "]}</code>",
        head='<link rel="canonical" href="https://www.linkedin.com/in/an/">',
    )
    record = parse_profile_html(page)
    assert (record.name, record.headline) == ("Amara Nwosu", "Engineer")


def test_json_ld_person_gives_name_location_and_current_role() -> None:
    record = parse_profile_html((HTML / "public_jsonld_2024.html").read_text(encoding="utf-8"))
    assert record.name == "Lucía Fernández Ortega"
    assert record.location == "Madrid, Community of Madrid, Spain"
    assert record.linkedin_url == "https://www.linkedin.com/in/lucia-fernandez-ortega/"
    assert record.languages == ["Spanish", "Portuguese"]


def test_json_ld_job_title_fills_in_when_the_page_lists_no_experience() -> None:
    page = _page(
        "<h1>Ada Lovelace</h1>",
        head='<script type="application/ld+json">{"@type":"Person","name":"Ada Lovelace",'
        '"jobTitle":["Analyst"],"worksFor":[{"@type":"Organization","name":"Babbage & Co"}],'
        '"url":"https://uk.linkedin.com/in/ada"}</script>',
    )
    record = parse_profile_html(page)
    assert (record.current_title, record.current_company) == ("Analyst", "Babbage & Co")
    assert record.linkedin_url == "https://www.linkedin.com/in/ada/"


def test_a_page_without_class_names_is_read_from_its_headings() -> None:
    record = parse_profile_html(
        (HTML / "saved_reader_view_no_classes.html").read_text(encoding="utf-8")
    )
    assert [p.company for p in record.positions] == [
        "Leeds Product Meetup",
        "Rahimi Product Coaching",
        "Tailspin Toys",
    ]
    assert record.volunteering == ["Mentor, Prince's Trust"]
    assert "Jane Roe" not in str(record)


def test_a_list_item_named_like_a_section_does_not_open_that_section() -> None:
    page = _page(
        "<h1>Ada Lovelace</h1><h2>Volunteering</h2><ul><li>Causes:</li><li>Education</li>"
        "<li>Health</li></ul><h2>Skills</h2><ul><li>Mathematics</li></ul>",
        head='<link rel="canonical" href="https://www.linkedin.com/in/ada/">',
    )
    record = parse_profile_html(page)
    assert record.education == []
    assert record.skills == ["Mathematics"]


def test_without_a_canonical_link_the_profile_link_is_the_one_named_after_the_person() -> None:
    page = _page(
        '<div class="masthead vcard"><span class="given-name">Ada</span> '
        '<span class="family-name">Lovelace</span></div>'
        '<a href="http://www.linkedin.com/in/someone-else">Charles Babbage</a>'
        '<a href="http://www.linkedin.com/pub/ada-lovelace/1/2/3">Ada Lovelace</a>'
    )
    record = parse_profile_html(page)
    assert record.name == "Ada Lovelace"
    assert record.linkedin_url == "https://www.linkedin.com/pub/ada-lovelace/1/2/3/"


def test_another_sites_page_that_marks_up_a_person_is_read() -> None:
    page = _page(
        '<div class="vcard"><h1 class="fn">Grace Hopper</h1><p class="title">Admiral</p></div>'
    )
    assert parse_profile_html(page).name == "Grace Hopper"


def test_another_sites_page_without_a_person_is_refused() -> None:
    with pytest.raises(ProfileUnreadable, match="not a LinkedIn profile"):
        parse_profile_html(_page("<h1>Welcome to our shop</h1>"))


def test_a_linkedin_page_with_no_name_is_refused() -> None:
    with pytest.raises(ProfileUnreadable, match="names no person"):
        parse_profile_html(_page("<p>Sign in</p>", head='<meta name="pageKey" content="x">'))


def test_an_xml_declaration_does_not_stop_the_parser() -> None:
    root = parse_document(
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>'
    )
    assert root.find("body") is not None


def _three_megabyte_page() -> str:
    page = (HTML / "logged_in_2024.html").read_text(encoding="utf-8")
    script = "<script>" + "var padding = 'x';\n" * 150_000 + "</script>"
    roles = "".join(
        f"<li><h3>Engineer {n}</h3><p>Company {n}</p><p>Jan 2001 - Dec 2002</p>"
        "<p>A paragraph of description under the role.</p></li>"
        for n in range(1500)
    )
    page = page.replace("</head>", script + "</head>", 1)
    return page.replace('<ul class="pvs-list">', '<ul class="pvs-list">' + roles, 1)


def test_a_three_megabyte_saved_page_parses_completely() -> None:
    page = _three_megabyte_page()
    assert len(page.encode()) > 2_500_000
    record = parse_profile_html(page)
    assert record.name == "Amara Nwosu"
    assert len(record.positions) == 1503


_FRAGMENTS = st.sampled_from(
    [
        "<h1>",
        "</h1>",
        "<h2>Experience</h2>",
        "<li>",
        "<div class='text-body-medium'>",
        "<script>",
        "</script>",
        "<span class='visually-hidden'>",
        "<code>{",
        "</code>",
        "<link rel=canonical href='https://www.linkedin.com/in/x'>",
        "<!--",
        "-->",
        '<script type=\'application/ld+json\'>{"@type":"Person","name":',
        "<section><h2>People also viewed</h2>",
        "Jan 2020 - Present · 4 yrs",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=20)), max_size=30))
def test_any_mix_of_tags_and_text_gives_a_profile_or_a_profile_unreadable_error(
    parts: list[str],
) -> None:
    with contextlib.suppress(ProfileUnreadable):
        record = parse_profile_html("<html><body>" + "".join(parts) + "</body></html>")
        assert record.name
