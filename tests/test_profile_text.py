"""Copied profile text: lines, chrome, sections and the top card."""

from __future__ import annotations

from pathlib import Path

import pytest

from helper.profiles import parse_profile
from helper.profiles.text import (
    is_chrome,
    looks_like_profile_text,
    parse_profile_text,
    parse_top_card,
    section_key,
    split_sections,
    visible_lines,
)

TEXT = Path(__file__).parent / "data" / "profiles" / "text"


def _fixture(name: str) -> str:
    return (TEXT / name).read_text(encoding="utf-8")


def test_visible_lines_drop_blank_lines_and_read_a_repeated_line_once() -> None:
    text = (
        "Ada Lovelace\r\n\r\nAda Lovelace\n\n\n"
        "Analyst\u00a0 at  Babbage\nAnalyst at Babbage\nAda Lovelace"
    )
    assert visible_lines(text) == ["Ada Lovelace", "Analyst at Babbage", "Ada Lovelace"]


def test_zero_width_characters_do_not_defeat_the_repeat_check() -> None:
    assert visible_lines("Experience\n\u200bExperience\ufeff\n") == ["Experience"]


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "Try Premium for £0",
        "Try Premium for free",
        "Message",
        "Connect",
        "More",
        "Follow",
        "500+ connections",
        "12,408 followers",
        "1,204 followers · 500+ connections",
        "Ravi Patel, Ellen Cho and 12 other mutual connections",
        "· 2nd",
        "3rd+",
        "2nd degree connection",
        "Show all 23 skills",
        "Endorsed by Ravi Patel and 14 others who are highly skilled at this",
        "12 endorsements",
        "3 new notifications",
        "Marcus's Profile",
        "…see more",
    ],
)
def test_site_chrome_lines_are_recognised(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    ["Ada Lovelace", "Head of Talent Acquisition", "Connector of people", "More Than Media Ltd"],
)
def test_ordinary_lines_are_not_chrome(line: str) -> None:
    assert not is_chrome(line)


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("Experience", "experience"),
        ("About", "about"),
        ("Summary", "about"),
        ("Licenses & certifications", "certifications"),
        ("Volunteer Experience & Causes", "volunteering"),
        ("Justin Grevich's Experience", "experience"),
        ("Doug Cyphers' Certifications", "certifications"),
        ("People also viewed", "skipped"),
        ("Activity", "skipped"),
        ("Find a different Jeff Weiner", "skipped"),
        ("Published by Jeff", "skipped"),
        ("Senior Product Manager", None),
    ],
)
def test_section_headings_are_recognised_with_or_without_a_possessive(
    line: str, key: str | None
) -> None:
    assert section_key(line) == key


def test_other_peoples_cards_and_the_footer_are_left_out() -> None:
    page = split_sections(visible_lines(_fixture("chromium_single_role.txt")))
    everything = " ".join(page.top + [line for lines in page.sections.values() for line in lines])
    for outsider in ("Ravi Patel", "Ellen Cho", "Tom Baker", "Satya Nadella", "Accessibility"):
        assert outsider not in everything
    assert set(page.sections) == {"about", "experience", "education", "skills"}


def test_activity_posts_do_not_reach_the_about_text() -> None:
    record = parse_profile_text(_fixture("chromium_single_role.txt"))
    assert "hiring a Data Scientist" not in record.about
    assert record.about.endswith("customer experience meet.")


def test_the_footer_about_link_does_not_reopen_the_about_section() -> None:
    text = (
        "Ada Lovelace\nAnalyst\nExperience\nAnalyst\nBabbage\n1998 - 2004\n"
        "About\nAccessibility\nCareers\n"
    )
    assert parse_profile_text(text).about == ""


@pytest.mark.parametrize(
    ("lines", "name", "pronouns"),
    [
        (["Tomasz Wiśniewski · 3rd", "CFO"], "Tomasz Wiśniewski", ""),
        (["Priya Raman", "She/Her", "Senior PM"], "Priya Raman", "She/Her"),
        (
            ["Zoë Ólafsdóttir-Müller (she/they) · 1st", "Coach"],
            "Zoë Ólafsdóttir-Müller",
            "she/they",
        ),
        (["Amara Nwosu", "She/Her 2nd", "Engineering Manager"], "Amara Nwosu", "She/Her"),
        (["Wei Zhang 2nd", "They/Them", "Engineer"], "Wei Zhang", "They/Them"),
    ],
)
def test_the_name_loses_its_degree_and_keeps_pronouns_apart(
    lines: list[str], name: str, pronouns: str
) -> None:
    card = parse_top_card(lines)
    assert (card.name, card.pronouns) == (name, pronouns)


def test_the_headline_is_the_first_line_after_name_and_pronouns() -> None:
    card = parse_top_card(["Priya Raman", "She/Her", "Senior PM at Fabrikam", "Fabrikam"])
    assert card.headline == "Senior PM at Fabrikam"


@pytest.mark.parametrize(
    "lines",
    [
        [
            "Ada Lovelace",
            "Analyst",
            "Babbage & Co",
            "London, England, United Kingdom  Contact info",
        ],
        ["Ada Lovelace", "Analyst", "London, England, United Kingdom · Contact info"],
        [
            "Ada Lovelace",
            "Analyst",
            "Babbage & Co",
            "London, England, United Kingdom",
            "Contact info",
        ],
    ],
)
def test_the_location_is_the_line_that_carries_or_precedes_contact_info(
    lines: list[str],
) -> None:
    assert parse_top_card(lines).location == "London, England, United Kingdom"


def test_without_contact_info_the_location_is_the_place_like_line() -> None:
    card = parse_top_card(["Ada Lovelace", "Analyst", "Babbage & Co", "Greater Manchester Area"])
    assert card.location == "Greater Manchester Area"


def test_contact_info_overlay_gives_email_phone_and_profile_link() -> None:
    record = parse_profile_text(_fixture("contact_info_overlay_variants.txt"))
    assert record.emails == ["marcus.lindqvist@northwind.example"]
    assert record.phones == ["+46311234567"]
    assert record.linkedin_url == "https://www.linkedin.com/in/marcus-lindqvist-4b2a1c/"


def test_licenses_volunteering_and_languages_stay_out_of_experience() -> None:
    record = parse_profile_text(_fixture("safari_no_about_degree_on_name.txt"))
    assert [p.title for p in record.positions] == [
        "Non-Executive Director",
        "Chief Financial Officer",
    ]
    assert record.certifications == ["ACCA Qualification"]
    assert record.volunteering == ["Treasurer, Kraków Food Bank"]
    assert record.languages == ["Polish", "English"]


def test_firefox_copy_with_blank_lines_reads_like_the_chromium_copy() -> None:
    record = parse_profile_text(_fixture("firefox_blank_lines_duplicates.txt"))
    assert record.name == "Grace Wanjiru"
    assert [(p.title, p.company, p.start, p.end) for p in record.positions] == [
        ("Partner", "Kestrel & Wren LLP", "2015-04", ""),
        ("Audit Senior", "PwC", "2009", "2015"),
    ]
    assert record.certifications == ["FCA"]
    assert record.languages == ["English", "Swahili"]


def test_a_very_long_about_is_kept_whole_without_the_see_more_link() -> None:
    record = parse_profile_text(_fixture("very_long_about.txt"))
    assert len(record.about) > 2000
    assert record.about.startswith("I am a corporate solicitor")
    assert record.about.endswith("slowly learning Welsh.")
    assert "see more" not in record.about


def test_employment_types_are_kept_on_positions() -> None:
    record = parse_profile_text(_fixture("chromium_grouped_roles_duplicated.txt"))
    assert [p.employment_type for p in record.positions] == [
        "Full-time",
        "Full-time",
        "Full-time",
        "",
    ]


def test_copied_profile_text_is_told_apart_from_other_text() -> None:
    assert looks_like_profile_text(visible_lines(_fixture("non_latin_name.txt")))
    signature = ["Ada Lovelace", "Analyst | Babbage & Co", "ada@example.com"]
    assert not looks_like_profile_text(signature)
    assert not looks_like_profile_text(["Ada Lovelace", "Experience", "ten years of it"])


@pytest.mark.parametrize(
    "lead",
    [
        ["Background Image", "Olu Adebayo", "Verified", "He/Him", "· 2nd"],
        ["Unknown nav item", "Olu Adebayo · 2nd"],
        ["Unknown nav item", "Olu Adebayo", "He/Him"],
    ],
)
def test_the_name_is_found_by_its_degree_or_pronouns_when_other_text_leads(
    lead: list[str],
) -> None:
    text = "\n".join([*lead, "Fractional CFO | ACA", "London, England, United Kingdom"])
    text += "\nContact info\nExperience\nFractional CFO\nAdebayo Finance\n2021 - 2024\n"
    record = parse_profile_text(text)
    assert (record.name, record.headline) == ("Olu Adebayo", "Fractional CFO | ACA")


def test_a_save_to_pdf_export_is_read_in_the_order_of_a_copied_page() -> None:
    export = (
        "Contact\nana.silva@example.com\nwww.linkedin.com/in/ana-\nsilva-7c1 (LinkedIn)\n"
        "Top Skills\nLogistics\nLanguages\nPortuguese (Native or Bilingual)\n"
        "Ana Silva\nHead of Logistics at Tejo Freight\nLisbon, Portugal\n"
        "Summary\nTen years in ports and rail. I run the yard and the\ncustoms desk.\n"
        "Experience\nTejo Freight\nHead of Logistics\nMarch 2020 - Present (4 years 9 months)\n"
        "Lisbon, Portugal\nPage 1 of 2\nPorto Rail\nPlanner\n"
        "January 2016 - February 2020 (4 years 2 months)\nPorto, Portugal\n"
        "Education\nUniversidade de Lisboa\nMaster's degree, Logistics · (2012 - 2014)\n"
        "Page 2 of 2\n"
    )
    record = parse_profile(export)
    assert (record.name, record.headline, record.location) == (
        "Ana Silva",
        "Head of Logistics at Tejo Freight",
        "Lisbon, Portugal",
    )
    assert record.about == "Ten years in ports and rail. I run the yard and the customs desk."
    assert record.linkedin_url == "https://www.linkedin.com/in/ana-silva-7c1/"
    assert [(p.title, p.company, p.start, p.end) for p in record.positions] == [
        ("Head of Logistics", "Tejo Freight", "2020-03", ""),
        ("Planner", "Porto Rail", "2016-01", "2020-02"),
    ]
    assert [(e.school, e.degree, e.start, e.end) for e in record.education] == [
        ("Universidade de Lisboa", "Master's degree, Logistics", "2012", "2014")
    ]
    assert record.skills == ["Logistics"] and record.emails == ["ana.silva@example.com"]


@pytest.mark.parametrize(
    ("logo", "company"),
    [
        ("Halcyon Foods logo", "Halcyon Foods"),
        ("Logo von Kranich Logistik GmbH", "Kranich Logistik GmbH"),
    ],
)
def test_a_role_without_a_company_line_takes_the_company_its_logo_names(
    logo: str, company: str
) -> None:
    page = (
        "Yusuf Al-Haddad\nHead of Procurement\nParis, Île-de-France, France\nExperience\n"
        f"{logo}\nHead of Procurement\nFull-time\nFeb 2022 - Present · 2 yrs 10 mos\n"
        "Marchetti logo\nBuyer\nMarchetti S.p.A. · Full-time\nSep 2017 - Jan 2022 · 4 yrs 5 mos\n"
        "Education\nHEC Paris\nMSc, Management\n"
    )
    record = parse_profile(page)
    assert [(p.title, p.company) for p in record.positions] == [
        ("Head of Procurement", company),
        ("Buyer", "Marchetti S.p.A."),
    ]
