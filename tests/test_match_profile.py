"""What matching reads from a profile: employers now and before, target organisations written
loosely, and the documents reasons quote."""

from __future__ import annotations

from datetime import datetime

import pytest

from helper.records import ContactSnapshot, Position, ProfileRecord, Topic
from helper.strategy.match_index import match_document, subject_text
from helper.strategy.profile_fields import CompanyTable, domain_name, is_current, target_matches


@pytest.mark.parametrize("end", ["", "Present", "present ", "Now", "Current"])
def test_a_position_without_an_end_or_ending_present_is_current(end):
    assert is_current(Position(company="Monzo", end=end))


def test_a_position_with_an_end_date_is_past():
    assert not is_current(Position(company="Monzo", end="Mar 2021"))


@pytest.mark.parametrize(
    ("target", "company", "matches"),
    [
        ("Monzo", "Monzo Bank Ltd", True),
        ("monzo", "MONZO", True),
        ("Octopus Energy", "Octopus Energy Ltd.", True),
        ("Monte Carlo", "Monte Carlo Data, Inc.", True),
        ("Starling Bank", "Starling Bank Limited", True),
        ("Halden Medical", "Halden", True),
        ("EnBW", "EnBW Energie Baden-Württemberg AG", True),
        ("TÜV SÜD", "TÜV SÜD Akademie GmbH", True),
        ("EDF", "Électricité de France (EDF)", True),
        ("AP-HP", "Assistance Publique – Hôpitaux de Paris", True),
        ("Stadtwerke", "Stadtwerke Lindenau GmbH", True),
        ("Bank", "Monzo Bank", False),
        ("Monzo", "Monzoid", False),
        ("Wise", "Wise Owl Tutoring Ltd", False),
        ("Monte Carlo", "Monte-Carlo Société des Bains de Mer", False),
        ("Landeshauptstadt München", "Landeshauptstadt München — Referat für Bildung", True),
        ("Halden", "Halden Medical | Orthopaedics", True),
        ("Monzo", "Monzoid — Payments", False),
    ],
)
def test_a_target_matches_its_company_however_loosely_it_is_written(target, company, matches):
    assert target_matches(target, company) is matches


def test_the_company_table_finds_a_target_by_first_word_and_by_acronym():
    table = CompanyTable()
    table.add("Monzo Bank Ltd", 1)
    table.add("Monzo", 2)
    table.add("Starling Bank", 3)
    table.add("Électricité de France (EDF)", 4)
    table.add("", 5)
    assert table.docs_for("Monzo") == {1, 2}
    assert table.docs_for("EDF") == {4}
    assert table.docs_for("Bank") == set()
    assert table.docs_for("") == set()


@pytest.mark.parametrize(
    ("domain", "name"),
    [
        ("contoso-analytics.com", "contosoanalytics"),
        ("monzo.co.uk", "monzo"),
        ("mail.example.de", "example"),
        ("gmail.com", ""),
    ],
)
def test_a_mail_domain_names_its_organisation_but_a_shared_provider_none(domain, name):
    assert domain_name(domain) == name


@pytest.mark.parametrize(
    ("subject", "text"),
    [("Re: Fwd: Head of Data roles", "Head of Data roles"), ("AW: WG: Angebot", "Angebot")],
)
def test_a_mail_subject_loses_its_reply_and_forward_prefixes(subject, text):
    assert subject_text(subject) == text


def _document(**fields):
    topics = fields.pop("topics", [])
    return match_document(ContactSnapshot(id=1, profile=ProfileRecord(**fields), topics=topics))


def test_the_document_keeps_current_titles_once_and_past_roles_with_their_end():
    document = _document(
        current_title="CTO",
        current_company="Acme",
        positions=[
            Position(title="CTO", company="Acme"),
            Position(title="Engineer", company="Globex", end="2019"),
        ],
    )
    assert document.current_titles == ("CTO",)
    assert document.current_companies == ("Acme",)
    assert [(r.title, r.company, r.end) for r in document.past_roles] == [
        ("Engineer", "Globex", "2019")
    ]


def test_the_headline_loses_the_employer_and_its_past_part_becomes_a_past_role():
    document = _document(
        headline="Founder, Clay & Kiln | ex-Head of Data Platform, Barclays",
        current_company="Clay & Kiln",
    )
    assert document.headline == "Founder"
    assert [r.title for r in document.past_roles] == ["Head of Data Platform, Barclays"]


def test_topics_are_newest_first_without_repeats():
    old, new = datetime(2026, 1, 5), datetime(2026, 3, 1)
    document = _document(
        topics=[
            Topic("Head of Data roles", "email_received", old),
            Topic("Re: Head of Data roles", "email_sent", new),
            Topic("Smart meters", "event", new, "E-world"),
        ]
    )
    assert [(t.text, t.kind) for t in document.topics] == [
        ("Head of Data roles", "email_sent"),
        ("Smart meters", "event"),
    ]
