"""Canonical identifiers: the keys that decide whether two records are one person."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from helper.normalize import (
    normalize_company,
    normalize_email,
    normalize_linkedin_url,
    normalize_name,
    normalize_phone,
    same_organisation,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://www.linkedin.com/in/priya-raman/", "https://www.linkedin.com/in/priya-raman/"),
        (
            "http://uk.linkedin.com/in/Priya-Raman?trk=abc",
            "https://www.linkedin.com/in/priya-raman/",
        ),
        (
            "linkedin.com/in/priya-raman/details/experience/",
            "https://www.linkedin.com/in/priya-raman/",
        ),
        (
            "https://se.linkedin.com/in/eduardo-alvarez-nowak",
            "https://www.linkedin.com/in/eduardo-alvarez-nowak/",
        ),
        ("https://www.linkedin.com/in/j%C3%BCrgen", "https://www.linkedin.com/in/jürgen/"),
        (
            "linkedin.com/pub/justin-grevich/7/154/181",
            "https://www.linkedin.com/pub/justin-grevich/7/154/181/",
        ),
        ("https://www.linkedin.com/company/contoso/", None),
        ("https://evil.example/in/priya", None),
        ("https://linkedin.com.evil.example/in/priya", None),
        ("", None),
    ],
)
def test_linkedin_urls_normalise_to_the_canonical_profile_url(raw, expected):
    assert normalize_linkedin_url(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ada@Example.COM", "ada@example.com"),
        ("<ada@example.com>", "ada@example.com"),
        ("ada@localhost", None),
        ("not an address", None),
        ("ada@", None),
    ],
)
def test_emails_are_validated_offline_and_lower_cased(raw, expected):
    assert normalize_email(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+44 20 7946 0958", "+442079460958"),
        ("020 7946 0958", "+442079460958"),
        ("tel:+1-418-656-9254;ext=102", "+14186569254"),
        ("12", None),
        ("call me", None),
    ],
)
def test_phones_become_e164(raw, expected):
    assert normalize_phone(raw) == expected


def test_names_compare_without_case_accents_or_extra_spaces():
    assert normalize_name("  Jürgen   SCHMÜRGEN ") == normalize_name("jurgen schmurgen")


def test_companies_compare_without_legal_suffixes():
    assert normalize_company("Contoso Ltd.") == normalize_company("contoso") == "contoso"
    assert normalize_company("Fabrikam, Inc") == "fabrikam"


@given(st.text(max_size=200))
def test_normalisers_never_raise_on_arbitrary_text(text):
    normalize_linkedin_url(text)
    normalize_email(text)
    normalize_phone(text)
    normalize_company(text)


@example("0@00--0.com")  # hyphens in a label's third and fourth places: reserved
@example("a@xn--bcher-kva.com")  # Punycode, which email-validator writes in Unicode
@given(
    st.from_regex(
        r"[a-z0-9._+-]{1,70}@[a-z0-9.-]{1,30}\.(com|org|test|local|co\.uk|[a-z]{2,5})",
        fullmatch=True,
    )
)
def test_the_fast_path_agrees_with_email_validator(address):
    from email_validator import EmailNotValidError, validate_email

    try:
        checked = validate_email(address, check_deliverability=False).normalized
        local, _, domain = checked.rpartition("@")
        expected = f"{local.lower()}@{domain.lower()}"
    except EmailNotValidError:
        expected = None
    assert normalize_email(address) == expected


@given(
    st.sampled_from(["https://", "http://", ""]),
    st.sampled_from(["www.", "uk.", "WWW.", ""]),
    st.from_regex(r"[A-Za-z0-9_.-]{1,30}", fullmatch=True),
    st.sampled_from(["", "/"]),
)
def test_the_fast_path_for_simple_profile_urls_agrees_with_the_full_parse(scheme, host, slug, tail):
    from helper.normalize import parse_linkedin_url

    url = f"{scheme}{host}linkedin.com/in/{slug}{tail}"
    assert normalize_linkedin_url(url) == parse_linkedin_url(url)


@given(
    st.sampled_from(["https://", "http://", ""]),
    st.sampled_from(["www.", "se.", ""]),
    st.from_regex(r"[\w.-]{1,30}", fullmatch=True),
    st.sampled_from(["", "/"]),
)
def test_the_fast_path_agrees_with_the_full_parse_for_slugs_with_any_letters(
    scheme, host, slug, tail
):
    from helper.normalize import parse_linkedin_url

    url = f"{scheme}{host}linkedin.com/in/{slug}{tail}"
    assert normalize_linkedin_url(url) == parse_linkedin_url(url)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("The Co-operative Bank", "co-operative bank"),
        ("SA Power Networks", "sa power networks"),
        ("Fabrikam GmbH & Co. KG", "fabrikam"),
        ("HP Inc.", "hp"),
        ("EY", "ey"),
    ],
)
def test_legal_forms_are_dropped_from_the_end_of_a_name_only(name, key):
    assert normalize_company(name) == key


@pytest.mark.parametrize(
    ("known", "named", "same"),
    [
        ("Contoso Analytics Ltd", "Contoso", True),
        ("Contoso Analytics Ltd", "Contoso Analytics Deutschland GmbH", True),
        ("Contoso Analytics Ltd", "Contoso Bank", False),
        ("Bank of England", "Bank", False),
        ("EY", "EY", True),
        ("Fabrikam GmbH", "Fabrikam Insurance", False),
    ],
)
def test_an_organisation_is_recognised_by_a_distinctive_shortening_or_a_branch(known, named, same):
    assert same_organisation(normalize_company(known), normalize_company(named)) is same
