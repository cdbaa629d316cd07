"""vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) export: escaping, folding, CRLF, typed addresses,
UIDs, and cards our importer and vobject read back."""

import dataclasses
import io
import re
import uuid
from datetime import datetime

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st
from nameparser import HumanName

from helper.errors import OutreachError
from helper.exporters.contact_uids import UID_NAMESPACE, contact_uid
from helper.exporters.vcard import (
    DEFAULT_VERSION,
    card,
    escape_text,
    fold,
    structured_name,
    vcards,
)
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


@dataclasses.dataclass(frozen=True)
class Stored:
    """A contact as the store's export hands it to the writer: a profile, its UID and the
    stored label of each e-mail address and phone number."""

    profile: ProfileRecord
    uid: str = ""
    email_labels: tuple[str, ...] = ()
    phone_labels: tuple[str, ...] = ()

    def __getattr__(self, name):
        return getattr(self.profile, name)


ADA_UID = contact_uid(7, datetime(2026, 1, 2, 3, 4, 5, 123456))
STORED_ADA = Stored(ADA, ADA_UID, ("Work", "home"), ("mobile",))


def read_back(text: str) -> list[ProfileRecord]:
    items = list(read(io.BytesIO(text.encode("utf-8")), name="export.vcf"))
    assert not [item for item in items if isinstance(item, Problem)]
    return items


def test_a_record_without_identity_is_the_vcard_4_0_card_it_always_was():
    assert card(ADA, "4.0") == (
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


def test_a_stored_contact_is_a_vcard_3_0_card_by_default_as_rfc_2426_writes_it():
    assert DEFAULT_VERSION == "3.0"
    assert card(STORED_ADA) == (
        "BEGIN:VCARD\r\n"
        "VERSION:3.0\r\n"
        "PRODID:-//Outreach Helper//Outreach Helper//EN\r\n"
        f"UID:{ADA_UID}\r\n"
        "FN:Ada Lovelace\r\n"
        "N:Lovelace;Ada;;;\r\n"
        "EMAIL;TYPE=INTERNET,WORK:ada@example.com\r\n"
        "EMAIL;TYPE=INTERNET,HOME:ada@work.example\r\n"
        "TEL;TYPE=CELL:+442079460958\r\n"
        "ORG:Babbage\\; Sons\r\n"
        "TITLE:Analyst\\, Engines\r\n"
        "URL:https://www.linkedin.com/in/ada-lovelace/\r\n"
        "URL:https://ada.example/notes?a=1,2\r\n"
        "NOTE:Met at the Royal Society.\\nLikes poetry\\, \\\\maths\\\\ and engines.\r\n"
        "CATEGORIES:mentor,friend_family\r\n"
        "END:VCARD\r\n"
    )


def test_a_stored_contact_as_vcard_4_0_has_a_urn_uid_and_lower_case_types():
    lines = card(STORED_ADA, "4.0").split("\r\n")
    assert lines[3] == f"UID:urn:uuid:{ADA_UID}"
    assert lines[6:9] == [
        "EMAIL;TYPE=work:ada@example.com",
        "EMAIL;TYPE=home:ada@work.example",
        "TEL;VALUE=uri;TYPE=cell:tel:+442079460958",
    ]
    # Without its UID and TYPE parameters, the card a 4.0 export wrote before.
    plain = re.sub(r";TYPE=\w+|UID:[^\r]*\r\n", "", card(STORED_ADA, "4.0"))
    assert plain == card(ADA, "4.0")


@pytest.mark.parametrize(
    ("label", "v3", "v4"),
    [
        ("", "EMAIL;TYPE=INTERNET:a@x.example", "EMAIL:a@x.example"),
        ("WORK", "EMAIL;TYPE=INTERNET,WORK:a@x.example", "EMAIL;TYPE=work:a@x.example"),
        ("Personal", "EMAIL;TYPE=INTERNET,HOME:a@x.example", "EMAIL;TYPE=home:a@x.example"),
        ("other", "EMAIL;TYPE=INTERNET:a@x.example", "EMAIL:a@x.example"),
        ("x;evil:1", "EMAIL;TYPE=INTERNET:a@x.example", "EMAIL:a@x.example"),
    ],
)
def test_an_email_label_becomes_the_type_each_rfc_names_and_an_unknown_one_none(label, v3, v4):
    contact = Stored(ProfileRecord(name="A B", emails=["a@x.example"]), "", (label,))
    assert v3 in card(contact, "3.0").split("\r\n")
    assert v4 in card(contact, "4.0").split("\r\n")


@pytest.mark.parametrize(
    ("label", "v3", "v4"),
    [
        ("", "TEL:+442079460958", "TEL;VALUE=uri:tel:+442079460958"),
        ("Mobile", "TEL;TYPE=CELL:+442079460958", "TEL;VALUE=uri;TYPE=cell:tel:+442079460958"),
        (
            "work fax",
            "TEL;TYPE=WORK,FAX:+442079460958",
            "TEL;VALUE=uri;TYPE=work,fax:tel:+442079460958",
        ),
        (
            "Work mobile",
            "TEL;TYPE=WORK,CELL:+442079460958",
            "TEL;VALUE=uri;TYPE=work,cell:tel:+442079460958",
        ),
        ("satellite", "TEL:+442079460958", "TEL;VALUE=uri:tel:+442079460958"),
    ],
)
def test_a_phone_label_becomes_the_type_each_rfc_names_and_an_unknown_one_none(label, v3, v4):
    contact = Stored(ProfileRecord(name="A B", phones=["+442079460958"]), "", (), (label,))
    assert v3 in card(contact, "3.0").split("\r\n")
    assert v4 in card(contact, "4.0").split("\r\n")


def test_the_uid_is_a_uuid5_of_id_and_creation_time_the_same_on_every_call():
    created = datetime(2026, 1, 2, 3, 4, 5, 123456)
    assert contact_uid(7, created) == ADA_UID
    assert str(uuid.uuid5(UID_NAMESPACE, f"contact/7/{created.isoformat()}")) == ADA_UID
    assert uuid.UUID(ADA_UID).version == 5
    assert contact_uid(8, created) != ADA_UID
    assert contact_uid(7, created.replace(microsecond=0)) != ADA_UID
    assert uuid.UUID(contact_uid(7, None)).version == 5


def test_an_unknown_version_is_refused():
    with pytest.raises(OutreachError, match=r"vCard '2\.1' is not written; use 3\.0 or 4\.0"):
        card(ADA, "2.1")


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


VERSIONS = pytest.mark.parametrize("version", ["3.0", "4.0"])


@VERSIONS
def test_every_line_ends_in_crlf_and_no_bare_newline_is_left(version):
    text = vcards([STORED_ADA, ProfileRecord(name="Bob\nEMAIL:evil@example.com")], version)
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "\r" not in text.replace("\r\n", "")


@VERSIONS
def test_a_newline_in_a_name_cannot_smuggle_in_a_property(version):
    (record,) = read_back(vcards([ProfileRecord(name="Bob\r\nEMAIL:evil@example.com")], version))
    assert record.name == "Bob\nEMAIL:evil@example.com"
    assert record.emails == []


@VERSIONS
def test_our_importer_reads_the_export_back_field_for_field(version):
    (record,) = read_back(vcards([STORED_ADA], version))
    assert record.name == ADA.name
    assert record.emails == ADA.emails
    assert record.phones == ADA.phones
    assert (record.current_title, record.current_company) == ("Analyst, Engines", "Babbage; Sons")
    assert record.linkedin_url == ADA.linkedin_url
    assert record.other_urls == ADA.other_urls
    assert record.notes == ADA.notes
    assert record.labels == ["mentor", "friend_family"]
    # The stored labels come back as the words the TYPE parameters name.
    assert record.email_labels == {"ada@example.com": "work", "ada@work.example": "home"}
    assert record.phone_labels == {"+442079460958": "mobile"}


@pytest.mark.parametrize(
    ("params", "label"),
    [
        (";TYPE=INTERNET,WORK", "work"),
        (";type=home;type=pref", "home"),
        (";WORK;FAX", "work fax"),
        (";TYPE=CELL", "mobile"),
        (";TYPE=VOICE;X-CUSTOM=1", ""),
        (";CHARSET=UTF-8;TYPE=iPhone", "mobile"),
    ],
)
def test_an_address_books_types_are_kept_as_the_labels_a_person_reads(params, label):
    text = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nTEL{params}:+442079460958\r\nEND:VCARD\r\n"
    (record,) = read_back(text)
    assert record.phone_labels == ({"+442079460958": label} if label else {})


@VERSIONS
def test_vobject_a_third_party_reader_reads_the_export_too(version):
    text = vcards([STORED_ADA, ProfileRecord(name="Zoë 東京")], version)
    parsed = list(vobject.readComponents(text))
    assert [c.fn.value for c in parsed] == ["Ada Lovelace", "Zoë 東京"]
    assert parsed[0].version.value == version
    assert parsed[0].uid.value.removeprefix("urn:uuid:") == ADA_UID
    assert parsed[0].note.value == ADA.notes
    assert parsed[0].org.value == ["Babbage; Sons"]
    assert parsed[0].n.value.family == "Lovelace" and parsed[0].n.value.given == "Ada"


def test_no_contacts_give_an_empty_file():
    assert vcards([]) == ""


# Text a person could type: no control characters (the exporter drops them, RFC 6350 §3.3),
# no surrogates (not encodable as UTF-8), and not blank (the importer skips blank values).
typed_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\x85"),
    min_size=1,
    max_size=200,
).filter(lambda text: text.strip() == text and text.strip())


@VERSIONS
@given(name=typed_text, title=typed_text, company=typed_text, note=typed_text)
def test_any_typed_text_survives_a_round_trip_through_our_importer(
    version, name, title, company, note
):
    profile = ProfileRecord(name=name, current_title=title, current_company=company, notes=note)
    (record,) = read_back(card(profile, version))
    assert (record.name, record.current_title, record.current_company, record.notes) == (
        name,
        title,
        company,
        note,
    )


@VERSIONS
@given(note=st.text(max_size=300))
def test_any_text_escaped_and_folded_is_read_back_by_vobject(version, note):
    """Whatever the text (controls and lone newlines of every kind included), the NOTE vobject
    reads is it, with newlines as LF and the control characters the writer drops gone."""
    text = card(ProfileRecord(name="A B", notes=note + "."), version)
    (parsed,) = vobject.readComponents(text)
    expected = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", re.sub(r"\r\n|\r|\n", "\n", note + "."))
    assert parsed.note.value == expected


@given(st.text(max_size=200))
def test_escaping_is_the_rfc_rules_whether_or_not_the_text_needs_any(text):
    """Text with nothing to escape is returned as it is; the rest goes through every rule."""
    text_lf = re.sub(r"\r\n|\r|\n", "\n", text)
    text_lf = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text_lf)
    expected = (
        text_lf.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")
    )
    assert escape_text(text) == expected


@given(st.text(max_size=400))
def test_folding_any_line_keeps_it_whole_and_within_75_octets(text):
    line = "NOTE:" + escape_text(text)
    physical = fold(line).split("\r\n")[:-1]
    assert all(len(piece.encode("utf-8", "surrogatepass")) <= 75 for piece in physical)
    assert "".join([physical[0], *(piece[1:] for piece in physical[1:])]) == line


@VERSIONS
@given(st.lists(typed_text, min_size=1, max_size=5, unique=True))
def test_any_category_list_comes_back_as_the_same_labels(version, keys):
    profile = ProfileRecord(name="A", categories=[CategorySuggestion(key, "") for key in keys])
    (record,) = read_back(card(profile, version))
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
