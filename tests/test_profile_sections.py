"""Sections below the top card: dates, Experience, Education, Skills and the rest."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helper.profiles.sections import (
    DateRange,
    looks_like_place,
    parse_certifications,
    parse_date_range,
    parse_education,
    parse_experience,
    parse_languages,
    parse_skills,
    parse_volunteering,
)
from helper.records import Education, Position


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Jan 2020 - Present · 4 yrs 2 mos", DateRange("2020-01", "")),
        ("2009 - 2013", DateRange("2009", "2013")),
        ("2009 – 2013", DateRange("2009", "2013")),
        ("Apr 2015 – Present · 9 yrs 8 mos", DateRange("2015-04", "")),
        ("Sep 2018 - Dec 2021 · 3 yrs 4 mos", DateRange("2018-09", "2021-12")),
        ("December 2008 – Present (7 years 1 month)", DateRange("2008-12", "")),
        ("Jul 2021 - Present 2 years 9 months", DateRange("2021-07", "")),
        ("Mar 2019 - Mar 2019 · 1 mo", DateRange("2019-03", "2019-03")),
        ("Sept 2001 to June 2003", DateRange("2001-09", "2003-06")),
        ("2019", DateRange("2019", "2019")),
        (
            "2011 – Present (4 years)San Francisco Bay Area",
            DateRange("2011", "", "San Francisco Bay Area"),
        ),
    ],
)
def test_date_ranges_read_in_every_layout(line: str, expected: DateRange) -> None:
    assert parse_date_range(line) == expected


@pytest.mark.parametrize(
    "line",
    ["2020 Olympics volunteer", "Issued Aug 2022", "Full-time · 6 yrs 3 mos", "Top 2019 ranking"],
)
def test_lines_that_merely_contain_a_year_are_not_date_ranges(line: str) -> None:
    assert parse_date_range(line) is None


def test_a_single_role_reads_title_company_type_dates_and_place_with_work_mode() -> None:
    lines = [
        "Senior Product Manager",
        "Fabrikam · Full-time",
        "Mar 2021 - Present · 3 yrs 9 mos",
        "Manchester, England, United Kingdom · Hybrid",
        "Own the card risk roadmap.",
    ]
    assert parse_experience(lines) == [
        Position(
            title="Senior Product Manager",
            company="Fabrikam",
            start="2021-03",
            end="",
            location="Manchester, England, United Kingdom (Hybrid)",
            employment_type="Full-time",
            description="Own the card risk roadmap.",
        )
    ]


def test_roles_grouped_under_one_company_share_it_and_the_group_ends_at_the_next_company() -> None:
    lines = [
        "Contoso Ltd",
        "Full-time · 6 yrs 3 mos",
        "London Area, United Kingdom",
        "Head of Talent Acquisition",
        "Jan 2022 - Present · 2 yrs 11 mos",
        "Hybrid",
        "Leading a team of recruiters.",
        "Senior Technical Recruiter",
        "Sep 2018 - Dec 2021 · 3 yrs 4 mos",
        "Recruiter",
        "Fabrikam · Contract",
        "2016 - 2018 · 2 yrs",
    ]
    assert [
        (p.title, p.company, p.employment_type, p.location) for p in parse_experience(lines)
    ] == [
        ("Head of Talent Acquisition", "Contoso Ltd", "Full-time", "Hybrid"),
        ("Senior Technical Recruiter", "Contoso Ltd", "Full-time", "London Area, United Kingdom"),
        ("Recruiter", "Fabrikam", "Contract", ""),
    ]


def test_logged_out_groups_repeat_the_company_under_each_role() -> None:
    lines = [
        "Bu Multimedia",
        "5 years 11 months",
        "General Manager",
        "Bu Multimedia",
        "Jan 2014 - Dec 2017 4 years",
        "Guayaquil",
        "Project Lead",
        "Bu Multimedia",
        "Feb 2012 - Dec 2013 1 year 11 months",
        "Frontend Developer",
        "Maruri Grey",
        "Sep 2011 - Mar 2012 7 months",
        "Ecuador",
    ]
    assert [(p.title, p.company, p.location) for p in parse_experience(lines)] == [
        ("General Manager", "Bu Multimedia", "Guayaquil"),
        ("Project Lead", "Bu Multimedia", ""),
        ("Frontend Developer", "Maruri Grey", "Ecuador"),
    ]


def test_a_description_sentence_is_never_taken_for_a_place() -> None:
    lines = ["Analyst", "Babbage", "1998 - 2004", "Wrote the first program, in 1999."]
    assert parse_experience(lines)[0].location == ""


@pytest.mark.parametrize(
    ("line", "short_names", "expected"),
    [
        ("London, England, United Kingdom", False, True),
        ("Greater Stockholm Metropolitan Area", False, True),
        ("Remote", False, True),
        ("Guayaquil", False, False),
        ("Guayaquil", True, True),
        ("Led the team that built it.", True, False),
        ("Promoted twice", True, False),
    ],
)
def test_place_lines_are_short_and_never_sentences(
    line: str, short_names: bool, expected: bool
) -> None:
    assert looks_like_place(line, short_names=short_names) is expected


def test_education_reads_school_degree_and_years_and_skips_grades() -> None:
    lines = [
        "University of Manchester",
        "Master of Science - MSc, Data Science",
        "2012 - 2013",
        "University of Leeds",
        "Bachelor of Science - BSc, Mathematics",
        "2009 - 2012",
        "Grade: First Class Honours",
        "Activities and societies: Chess club",
        "Hogwarts School",
    ]
    assert parse_education(lines) == [
        Education(
            "University of Manchester", "Master of Science - MSc, Data Science", "2012", "2013"
        ),
        Education("University of Leeds", "Bachelor of Science - BSc, Mathematics", "2009", "2012"),
        Education("Hogwarts School", "", "", ""),
    ]


def test_skills_split_on_middle_dots_and_appear_once() -> None:
    lines = ["Tax · Audit · Succession Planning", "audit", "Python • SQL"]
    assert parse_skills(lines) == ["Tax", "Audit", "Succession Planning", "Python", "SQL"]


def test_certificates_are_named_by_the_line_above_their_issuer() -> None:
    lines = [
        "FCA",
        "ICAEW",
        "Issued Jan 2012",
        "AWS Solutions Architect",
        "Amazon Web Services",
        "Issued Feb 2020 · Expires Feb 2023",
        "Credential ID 12345",
    ]
    assert parse_certifications(lines) == ["FCA", "AWS Solutions Architect"]


def test_undated_certificates_drop_their_date_lines() -> None:
    assert parse_certifications(
        ["CISSP", "December 2010", "GISP", "February 2007 to December 2010"]
    ) == [
        "CISSP",
        "GISP",
    ]


def test_languages_drop_their_proficiency() -> None:
    lines = [
        "English",
        "Native or bilingual proficiency",
        "Swahili",
        "(Limited working proficiency)",
    ]
    assert parse_languages(lines) == ["English", "Swahili"]


def test_volunteering_entries_are_role_and_organisation() -> None:
    lines = ["Treasurer", "Kraków Food Bank", "Jan 2015 - Present · 9 yrs", "Poverty Alleviation"]
    assert parse_volunteering(lines) == ["Treasurer, Kraków Food Bank"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=30))
def test_section_readers_accept_any_lines(lines: list[str]) -> None:
    for line in lines:
        parse_date_range(line)
    parse_experience(lines)
    parse_education(lines)
    parse_skills(lines)
    parse_certifications(lines)
    parse_volunteering(lines)


def test_a_duration_on_its_own_line_under_the_dates_is_neither_place_nor_group() -> None:
    lines = [
        "Analyst",
        "Babbage & Co",
        "Jan 2020 - Present",
        "4 yrs 2 mos",
        "London, England, United Kingdom",
        "Intern",
        "Contoso",
        "2018 - 2019",
        "1 yr",
    ]
    assert [(p.title, p.company, p.location, p.description) for p in parse_experience(lines)] == [
        ("Analyst", "Babbage & Co", "London, England, United Kingdom", ""),
        ("Intern", "Contoso", "", ""),
    ]
