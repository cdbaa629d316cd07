"""Category suggestions, each with the reason a person reads."""

from __future__ import annotations

import pytest

from helper.records import CategorySuggestion, MeProfile, Position, ProfileRecord
from helper.vocabulary import CATEGORIES
from tests.conftest import classify

HEADLINES: list[tuple[str, set[str]]] = [
    ("Head of Talent Acquisition at Contoso Ltd", {"recruiter"}),
    ("Senior Technical Recruiter | Hiring Python engineers", {"recruiter"}),
    ("Talent Partner, EMEA", {"recruiter"}),
    ("Sourcer at Fabrikam", {"recruiter"}),
    ("Partner, Executive Search | Board and C-suite appointments", {"recruiter"}),
    ("Headhunter for fintech leaders", {"recruiter"}),
    ("Recruitment Consultant at Hays", {"recruiter"}),
    ("Chartered Accountant | Partner at Kestrel & Wren LLP", {"introducer"}),
    ("ACCA qualified accountant for small businesses", {"introducer"}),
    ("Corporate Solicitor and Partner at Blackfriars Lane LLP", {"introducer"}),
    ("Employment Lawyer", {"introducer"}),
    ("Patent Attorney", {"introducer"}),
    ("Barrister at 4 Stone Buildings", {"introducer"}),
    ("Relationship Manager, Commercial Banking at Barclays", {"introducer"}),
    ("Bank Manager at NatWest", {"introducer"}),
    ("Non-Executive Director | Former CFO", {"introducer"}),
    ("NED and Chair of Audit Committee", {"introducer"}),
    ("Board Member, Malaria No More", {"introducer"}),
    ("Executive Coach & Mentor for first-time founders", {"mentor"}),
    ("Leadership coach", {"mentor"}),
    ("Angel Investor in climate tech", {"introducer"}),
    ("Mentor at Code First Girls", {"mentor"}),
    ("Executive Sponsor, Women in Engineering", {"mentor"}),
    ("Product Manager at Fabrikam", set()),
    ("Senior Product Manager | Payments", set()),
    ("Managing Director at Woodgrove Bank", set()),
    ("Account Manager at Northwind Traders", {"supplier"}),
    ("Sales Director, Nordics at Northwind Traders", {"supplier"}),
    ("Business Development Manager, Packaging", {"supplier"}),
    ("Head of Procurement at Tailspin Toys", {"customer"}),
    ("Senior Buyer, Electronics", {"customer"}),
    ("Category Manager, Fresh Produce", {"customer"}),
    ("Membership Manager at the Manchester Chamber of Commerce", {"club"}),
    ("Organiser, Leeds Product Meetup", {"club"}),
    ("President, Rotary Club of Bath", {"club"}),
    ("Fellow of the Chartered Institute of Marketing", {"club"}),
    ("Secretary, Royal Society of Chemistry", {"club"}),
    ("Data Scientist | Recommender systems", {"specialist"}),
    ("Tax Consultant", {"specialist"}),
    ("Solutions Architect at Contoso", {"specialist"}),
    ("Professor of Economics, University of Leeds", {"mentor"}),
    ("Technical Recruiter and Executive Coach", {"recruiter", "mentor"}),
    ("Talent Acquisition Specialist", {"recruiter"}),
    ("Software Engineer at Contoso", {"specialist"}),
    ("Clubhouse community manager", set()),
    ("Coachella festival producer", set()),
    ("Sponsorship Sales Executive", {"supplier"}),
    ("Talented baker", set()),
    ("Accountable for delivery at Contoso", set()),
    ("Student at University of Leeds", set()),
    ("Kafka Connector Developer", {"specialist"}),
    ("Law Enforcement Officer", set()),
    ("Professor of Law", {"mentor"}),
    ("Lecturer in Commercial Law", {"mentor"}),
    ("Talent Partner at Capital One", {"recruiter"}),
    ("HR Business Partner", set()),
    ("Relationship Manager, HSBC", {"introducer"}),
    ("Branch Manager, Nationwide Building Society", {"introducer"}),
    ("Proud to be a Data Scientist", {"specialist"}),
    ("PhD in Physics, now Data Scientist", {"specialist"}),
    ("Looking for a mentor | Junior Developer", {"specialist"}),
    ("Engineering Manager | We're recruiting!", set()),
    ("Sponsor of diversity initiatives", set()),
    ("Investor in People assessor", set()),
    ("Mortgage Broker", {"introducer"}),
    ("Audit Partner at KPMG", {"introducer"}),
    ("Research Fellow at the Alan Turing Institute", {"specialist"}),
    ("Kundenberater Firmenkunden, Commerzbank", {"introducer"}),
    ("Spécialiste en cybersécurité", {"specialist"}),
]


def test_the_table_has_at_least_forty_headlines() -> None:
    assert len(HEADLINES) >= 40


@pytest.mark.parametrize(("headline", "expected"), HEADLINES, ids=[h for h, _ in HEADLINES])
def test_headline_suggests_its_categories(headline: str, expected: set[str]) -> None:
    suggestions = classify(ProfileRecord(name="Sam Taylor", headline=headline))
    assert {s.key for s in suggestions} == expected


def test_the_reason_quotes_the_words_as_the_headline_writes_them() -> None:
    profile = ProfileRecord(headline="Head of Talent Acquisition at Contoso Ltd")
    assert classify(profile) == [
        CategorySuggestion("recruiter", "headline says 'Talent Acquisition'")
    ]


def test_suggestions_come_in_the_methods_order_with_known_keys() -> None:
    profile = ProfileRecord(headline="Recruiter, mentor, chartered accountant and club captain")
    keys = [s.key for s in classify(profile)]
    assert keys == [k for k in CATEGORIES if k in keys]
    assert keys == ["mentor", "recruiter", "club", "introducer"]


ME = MeProfile(
    name="Ada Lovelace",
    employers=["Analytical Engines Ltd"],
    former_employers=["Contoso Limited", "Fabrikam"],
)


def _worked_at(company: str, title: str = "Engineer", end: str = "") -> ProfileRecord:
    return ProfileRecord(
        name="Sam Taylor",
        positions=[Position(title=title, company=company, start="2019-01", end=end)],
    )


def test_someone_at_my_former_employer_is_a_colleague_with_the_employer_named() -> None:
    suggestions = classify(_worked_at("Contoso Ltd"), ME)
    assert CategorySuggestion("colleague", "works at Contoso Ltd, your former employer") in (
        suggestions
    )


def test_someone_who_left_my_current_employer_is_a_former_colleague() -> None:
    suggestions = classify(_worked_at("Analytical Engines", end="2022-03"), ME)
    assert suggestions[0] == CategorySuggestion(
        "colleague", "worked at Analytical Engines, your current employer"
    )


def test_a_senior_person_at_a_shared_employer_may_be_a_manager() -> None:
    keys = {s.key for s in classify(_worked_at("Fabrikam", "Director of Engineering"), ME)}
    assert keys == {"colleague", "mentor"}


def test_a_product_manager_at_a_shared_employer_is_only_a_colleague() -> None:
    keys = {s.key for s in classify(_worked_at("Fabrikam", "Product Manager"), ME)}
    assert keys == {"colleague"}


def test_without_me_no_colleague_is_suggested() -> None:
    assert classify(_worked_at("Fabrikam", "Office Manager")) == []


def test_a_contact_labelled_family_is_friend_or_family() -> None:
    profile = ProfileRecord(name="Sam Taylor", labels=["Family"])
    assert classify(profile) == [
        CategorySuggestion("friend_family", "labelled 'Family' in your contacts")
    ]


def test_sharing_my_family_name_suggests_friend_or_family() -> None:
    profile = ProfileRecord(name="Byron Lovelace")
    assert classify(profile, ME) == [
        CategorySuggestion("friend_family", "shares your family name 'Lovelace'")
    ]


def test_past_roles_do_not_make_someone_a_recruiter_now() -> None:
    profile = ProfileRecord(
        headline="Engineering Manager",
        positions=[Position(title="Recruiter", company="Hays", start="2010", end="2012")],
    )
    assert classify(profile) == []


def test_a_current_role_title_is_read_with_its_company_in_the_reason() -> None:
    profile = ProfileRecord(
        positions=[Position(title="Senior Sourcer", company="Contoso Ltd", start="2021-01")]
    )
    assert classify(profile) == [
        CategorySuggestion("recruiter", "title at Contoso Ltd says 'Sourcer'")
    ]


def test_a_research_institute_employer_is_not_a_club_but_a_fellowship_is() -> None:
    employee = ProfileRecord(headline="Research Scientist at the Alan Turing Institute")
    assert "club" not in {s.key for s in classify(employee)}
    fellow = ProfileRecord(headline="Fellow, Royal Institution")
    assert classify(fellow) == [CategorySuggestion("club", "headline says 'Fellow'")]


FABRIKAM = MeProfile(name="Sam Carter", former_employers=["Fabrikam GmbH"], employers=["EY"])


@pytest.mark.parametrize(
    ("headline", "company", "expected"),
    [
        ("ex-Fabrikam, now at Initech", "Initech", {"colleague"}),
        ("Former Fabrikam engineer", "Initech", {"colleague", "specialist"}),
        ("Ex-Fabrikam CTO", "Initech", {"colleague", "mentor"}),
        ("Consultant", "EY", {"colleague", "specialist"}),
        ("Risk Analyst | ex-Fabrikam Insurance", "Woodgrove", {"specialist"}),
    ],
)
def test_former_and_short_employer_names_are_recognised(headline, company, expected):
    profile = ProfileRecord(headline=headline, current_company=company)
    assert {s.key for s in classify(profile, FABRIKAM)} == expected


@pytest.mark.parametrize(
    ("headline", "company", "expected"),
    [
        ("Economist | Purchasing Power Parity", "Institute of Economics", {"specialist"}),
        ("Économiste | Pouvoir d'achat", "Institut d'études", {"specialist"}),
        ("Centermanagerin @ Einkaufszentrum Nord", "Einkaufszentrum Nord", set()),
        ("Leiterin Einkaufsabteilung", "Brenner AG", {"customer"}),
        ("Open to work | Former Supply Chain Analyst", "", set()),
        ("Mentee, Women in Data Mentoring Programme | Student", "", set()),
        ("Mentor @ Startup Mentoring Programme", "", {"mentor"}),
        ("In Elternzeit | früher Controlling bei Fabrikam", "", {"colleague"}),
        ("GF | Fabrikam GmbH", "Fabrikam GmbH", {"colleague", "mentor"}),
        ("President, London Chapter | Institute of Analysts", "IIBA", {"club"}),
        ("Déléguée territoriale @ CCI Lyon", "CCI Lyon", {"club"}),
        ("Head of Talent | We're hiring engineers", "Initech", {"recruiter"}),
        ("Talent Development Manager", "Initech", set()),
        ("Principal Consultant – Interim Operations", "Norton Interim Partners", {"recruiter"}),
        ("Senior Consultant", "Acme Recruitment Ltd", {"recruiter"}),
        ("Interim Operations Director | Consultant", "", {"specialist"}),
        ("Chefarzt Innere Medizin | Kardiologe", "Klinikum Nordstadt", {"specialist"}),
        ("Consultant Cardiologist", "St. Brigid Hospital", {"specialist"}),
        ("Médecin urgentiste", "Centre Hospitalier", {"specialist"}),
        ("Présidente | Fédération hospitalière régionale", "Fédération Occitanie", {"club"}),
        ("Open to work | Former hospital buyer", "", set()),
        ("Directrice des achats", "EY", {"colleague", "mentor"}),
        ("Retired engineer | Gardening", "", set()),
        ("Im Ruhestand · früher Vertrieb bei Fabrikam", "", {"colleague"}),
        ("Berater Ruhestandsplanung", "Sparkasse", {"specialist"}),
        ("Suche neue Herausforderung im Einkauf", "", set()),
        ("Étudiant ingénieur | Recherche stage de fin d'études", "", set()),
        ("Procurement Consultant", "Initech", {"specialist"}),
        ("Einkaufsberaterin | SAP MM", "Initech", {"specialist"}),
        ("Media Buyer | Paid Social", "Loudhouse Media", set()),
        ("Rechtsanwältin | Vertriebs- und Kartellrecht", "Lindner Rechtsanwälte", {"introducer"}),
        ("Engineer | Recruiting volunteers for the fire brigade", "", {"specialist"}),
        ("Executive Coach | Leadership for engineering managers", "", {"mentor"}),
        ("HR Business Partner | Mentoring-Programme", "Initech", set()),
        ("Honorary Secretary | Bristol Section, Institute of Control", "Initech", {"club"}),
        ("Sprecher | Arbeitskreis Industrie 4.0", "Initech", {"club"}),
        ("Kassenwart TSV Musterstadt e.V. | Sachbearbeiter", "", {"club"}),
        ("Aufsichtsratsmitglied | ehem. CFO", "", {"introducer"}),
        ("DAF à temps partagé pour PME", "", {"introducer"}),
        ("Netzwerker | Ich verbinde Gründer mit Investoren", "", {"introducer"}),
        ("Automatisierungstechniker | SPS", "Initech", {"specialist"}),
        ("Head Coach – Women's 1st XV", "Richmond Vale RFC", {"specialist"}),
        ("Fußballtrainer U17", "SV Eintracht", {"specialist"}),
        ("Research Participant Recruiter", "Panelwise Ltd", set()),
        ("Chargée de recrutement de participants | Études UX", "PanelFrance", set()),
        ("Chair of the Board | Community Housing", "Riverside Housing Association", {"introducer"}),
        ("Community Manager – Drive Configurator user forum", "Motiq Software", {"supplier"}),
        ("Community Manager | PyData Berlin meetup", "PyData Berlin", {"club"}),
        ("Ergonome | Conception centrée utilisateur", "Ergolab Conseil", {"specialist"}),
    ],
)
def test_words_that_look_like_a_category_count_only_in_their_sense(headline, company, expected):
    profile = ProfileRecord(headline=headline, current_company=company)
    assert {s.key for s in classify(profile, FABRIKAM)} == expected
