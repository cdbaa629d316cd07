"""vCard 4.0 export (RFC 6350): escaping, folding, CRLF, and cards our importer reads back."""

import io

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st
from nameparser import HumanName

from helper.exporters.vcard import card, escape_text, fold, structured_name, vcards
from helper.importers.vcard import read
from helper.records import CategorySuggestion, Problem, ProfileRecord

ADA = ProfileRecord(
    name="Ada Lovelace",
    current_title="Analyst, Engines",
    current_company="Babbage; Sons",
    emails=["ada@example.com", "ada@work.example"],
    phones=["+442079460958"],
    linkedin_url="https://www.linkedin.com/in/ada-lovelace/",
    other_urls=["https://ada.example/notes?a=1,2"],
    notes="Met at the Royal Society.\nLikes poetry, \\maths\\ and engines.",
    categories=[CategorySuggestion("mentor", "r"), CategorySuggestion("friend_family", "r")],
)


def read_back(text: str) -> list[ProfileRecord]:
    items = list(read(io.BytesIO(text.encode("utf-8")), name="export.vcf"))
    assert not [item for item in items if isinstance(item, Problem)]
    return items


def test_a_card_is_vcard_4_0_with_every_field_escaped_as_rfc_6350_says():
    assert card(ADA) == (
        "BEGIN:VCARD\r\n"
        "VERSION:4.0\r\n"
        "PRODID:-//Outreach Helper//Outreach Helper//EN\r\n"
        "FN:Ada Lovelace\r\n"
        "N:Lovelace;Ada;;;\r\n"
        "EMAIL:ada@example.com\r\n"
        "EMAIL:ada@work.example\r\n"
        "TEL;VALUE=uri:tel:+442079460958\r\n"
        "ORG:Babbage\\; Sons\r\n"
        "TITLE:Analyst\\, Engines\r\n"
        "URL:https://www.linkedin.com/in/ada-lovelace/\r\n"
        "URL:https://ada.example/notes?a=1,2\r\n"
        "NOTE:Met at the Royal Society.\\nLikes poetry\\, \\\\maths\\\\ and engines.\r\n"
        "CATEGORIES:mentor,friend_family\r\n"
        "END:VCARD\r\n"
    )


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("a,b", "a\\,b"),
        ("a;b", "a\\;b"),
        ("a\\b", "a\\\\b"),
        ("one\ntwo", "one\\ntwo"),
        ("one\r\ntwo", "one\\ntwo"),
        ("one\rtwo", "one\\ntwo"),
        ("bell\x07 and tab\t", "bell and tab\t"),
    ],
)
def test_text_escapes_comma_semicolon_backslash_and_every_kind_of_newline(value, escaped):
    assert escape_text(value) == escaped


def test_the_structured_name_comes_from_nameparser_family_name_first():
    assert structured_name("Dr. Ada King Lovelace PhD") == "Lovelace;Ada;King;Dr.;PhD"


def test_a_long_line_folds_at_75_octets_without_splitting_a_utf8_character():
    line = "NOTE:" + "Zoë 東京 😀 " * 40
    physical = fold(line).split("\r\n")[:-1]
    assert len(physical) > 5
    for piece in physical:
        assert len(piece.encode("utf-8")) <= 75
    assert all(piece.startswith(" ") for piece in physical[1:])
    assert "".join([physical[0], *(piece[1:] for piece in physical[1:])]) == line


def test_every_line_ends_in_crlf_and_no_bare_newline_is_left():
    text = vcards([ADA, ProfileRecord(name="Bob\nEMAIL:evil@example.com")])
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "\r" not in text.replace("\r\n", "")


def test_a_newline_in_a_name_cannot_smuggle_in_a_property():
    (record,) = read_back(vcards([ProfileRecord(name="Bob\r\nEMAIL:evil@example.com")]))
    assert record.name == "Bob\nEMAIL:evil@example.com"
    assert record.emails == []


def test_our_importer_reads_the_export_back_field_for_field():
    (record,) = read_back(vcards([ADA]))
    assert record.name == ADA.name
    assert record.emails == ADA.emails
    assert record.phones == ADA.phones
    assert (record.current_title, record.current_company) == ("Analyst, Engines", "Babbage; Sons")
    assert record.linkedin_url == ADA.linkedin_url
    assert record.other_urls == ADA.other_urls
    assert record.notes == ADA.notes
    assert record.labels == ["mentor", "friend_family"]


def test_vobject_a_third_party_reader_reads_the_export_too():
    parsed = list(vobject.readComponents(vcards([ADA, ProfileRecord(name="Zoë 東京")])))
    assert [c.fn.value for c in parsed] == ["Ada Lovelace", "Zoë 東京"]
    assert parsed[0].note.value == ADA.notes
    assert parsed[0].org.value == ["Babbage; Sons"]


def test_no_contacts_give_an_empty_file():
    assert vcards([]) == ""


# Text a person could type: no control characters (the exporter drops them, RFC 6350 §3.3),
# no surrogates (not encodable as UTF-8), and not blank (the importer skips blank values).
typed_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\x85"),
    min_size=1,
    max_size=200,
).filter(lambda text: text.strip() == text and text.strip())


@given(name=typed_text, title=typed_text, company=typed_text, note=typed_text)
def test_any_typed_text_survives_a_round_trip_through_our_importer(name, title, company, note):
    profile = ProfileRecord(name=name, current_title=title, current_company=company, notes=note)
    (record,) = read_back(card(profile))
    assert (record.name, record.current_title, record.current_company, record.notes) == (
        name,
        title,
        company,
        note,
    )


@given(st.text(max_size=400))
def test_folding_any_line_keeps_it_whole_and_within_75_octets(text):
    line = "NOTE:" + escape_text(text)
    physical = fold(line).split("\r\n")[:-1]
    assert all(len(piece.encode("utf-8", "surrogatepass")) <= 75 for piece in physical)
    assert "".join([physical[0], *(piece[1:] for piece in physical[1:])]) == line


@given(st.lists(typed_text, min_size=1, max_size=5, unique=True))
def test_any_category_list_comes_back_as_the_same_labels(keys):
    profile = ProfileRecord(name="A", categories=[CategorySuggestion(key, "") for key in keys])
    (record,) = read_back(card(profile))
    assert record.labels == keys


_NAME_WORD = st.text(
    alphabet=st.characters(categories=("Lu", "Ll")), min_size=1, max_size=9
) | st.sampled_from(["van", "de", "Dr", "Jr", "III", "al-Amin", "O'Neil", "Anne-Marie", "and"])


@given(st.lists(_NAME_WORD, min_size=1, max_size=5))
@settings(max_examples=400)
def test_the_structured_name_is_what_nameparser_reads_for_any_name(words):
    full = " ".join(words)
    name = HumanName(full)
    expected = ";".join(
        escape_text(part) for part in (name.last, name.first, name.middle, name.title, name.suffix)
    )
    assert structured_name(full) == expected
