"""vCard 2.1/3.0/4.0: the public corpus card by card, plus our own hard cases."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helper.errors import ImportRefused
from helper.importers import vcard
from helper.importers.vcard_lines import BadLine, RawProperty, SkippedProperty, read_properties
from helper.records import Position, Problem, ProfileRecord


def read_file(path: Path) -> list[ProfileRecord | Problem]:
    with path.open("rb") as stream:
        return list(vcard.read(stream, name=path.name))


def read_bytes(data: bytes) -> list[ProfileRecord | Problem]:
    return list(vcard.read(io.BytesIO(data), name="test.vcf"))


def contacts(items: list[ProfileRecord | Problem]) -> list[ProfileRecord]:
    return [item for item in items if isinstance(item, ProfileRecord)]


def problems(items: list[ProfileRecord | Problem]) -> list[Problem]:
    return [item for item in items if isinstance(item, Problem)]


def corpus(corpus_path: Path, name: str) -> list[ProfileRecord | Problem]:
    return read_file(corpus_path / "vcard" / name)


def own(data_path: Path, name: str) -> list[ProfileRecord | Problem]:
    return read_file(data_path / "vcard" / name)


def test_android_21_file_gives_six_cards_and_four_valid_emails(corpus_path: Path) -> None:
    items = corpus(corpus_path, "ezvcard_android_v21_6cards_qp_photo.vcf")
    cards = contacts(items)
    assert len(cards) == 6
    assert [card.emails for card in cards] == [
        ["john.doe@company.com"],
        ["jane.doe@company.com"],
        [],
        [],
        ["bob@company.com"],
        ["henry@company.com"],
    ]
    assert sum(len(card.emails) for card in cards) == 4
    assert [card.name for card in cards] == [
        "John Doe",
        "Jane Doe",
        "Ñ Ñ Ñ Ñ Ñ",
        "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ",
        "Ñ Ñ Ñ Ñ",
        "ÑÑÑÑ",
    ]
    assert cards[0].labels == ["My Contacts"]
    assert [card.location_in_source for card in cards] == [f"card {n}" for n in range(1, 7)]


def test_the_fourteen_n_tilde_email_is_rejected_as_a_problem(corpus_path: Path) -> None:
    items = corpus(corpus_path, "ezvcard_android_v21_6cards_qp_photo.vcf")
    assert problems(items) == [
        Problem(
            "card 5",
            "not a valid e-mail address, left out: '" + "Ñ" * 14 + "'",
            "Ñ" * 14,
        )
    ]
    card5 = contacts(items)[4]
    assert card5.current_company == "Ñ" * 12
    assert card5.other_urls == ["www.company.com", "http://www.company.com"]


def test_a_vcard_21_name_split_by_a_quoted_printable_soft_break_is_joined(
    data_path: Path,
) -> None:
    items = own(data_path, "android_v21_qp_soft_breaks.vcf")
    cards = contacts(items)
    assert [card.name for card in cards] == [
        "Olive Ng",
        "Pavel Ruiz",
        "Åsa Ångström",
        "Nuño Peñalver Ibáñez Muñoz Güemes Ñúñez",
        "Øystein Brøndum",
        "Bjørn",
    ]
    assert [card.emails for card in cards] == [
        ["olive.ng@example.com"],
        ["pavel.ruiz@example.com"],
        [],
        [],
        ["oystein@example.com"],
        ["bjorn@example.com"],
    ]
    assert sum(len(card.emails) for card in cards) == 4
    assert cards[0].labels == ["My Contacts"]
    assert cards[3].phones == ["+447700900124", "+441632960125"]
    assert cards[3].notes == "Conocí a Nuño en la reunión de señales, año pasado. Habla de diseño"
    assert [card.location_in_source for card in cards] == [f"card {n}" for n in range(1, 7)]


def test_a_quoted_printable_email_that_is_no_address_is_a_problem_and_the_card_imports(
    data_path: Path,
) -> None:
    items = own(data_path, "android_v21_qp_soft_breaks.vcf")
    assert problems(items) == [
        Problem(
            "card 5",
            "not a valid e-mail address, left out: 'Øystein Brøndum på kontoret'",
            "Øystein Brøndum på kontoret",
        )
    ]
    card5, card6 = contacts(items)[4:]
    assert card5.current_company == "Fjordbåt Ølbryggeri AS"
    assert card5.other_urls == ["www.example.com", "http://www.example.com"]
    # The first ORG ends in a soft break followed by an empty line; the second ends in a byte
    # that is no UTF-8 (=80). Only the first ORG names the company.
    assert card6.current_company == "Ørsted & Ærø Færgeselskab ApS, afdeling for søfart og øer"
    assert card6.labels == ["My Contacts"]


def test_iphone_card_with_double_cr_lines_reads_grouped_email_and_skips_the_photo(
    corpus_path: Path,
) -> None:
    items = corpus(corpus_path, "ezvcard_iphone_v30_grouped_item_photo.vcf")
    assert problems(items) == []
    [card] = contacts(items)
    assert card.name == "Mr. John Richter James Doe Sr."
    assert card.emails == ["john.doe@ibm.com"]
    assert card.current_company == "IBM"
    assert card.current_title == "Money Counter"
    assert card.positions == [Position(title="Money Counter", company="IBM")]
    assert len(card.phones) == 7
    assert card.other_urls == ["http://www.ibm.com"]
    assert card.location == "New York, New York, United States of America"


def test_a_card_with_cr_cr_lf_line_ends_reads_its_grouped_email_and_skips_its_photo(
    data_path: Path,
) -> None:
    items = own(data_path, "ios_v30_double_cr_grouped_email.vcf")
    assert problems(items) == []
    [card] = contacts(items)
    assert card.name == "Dr. Adaeze Ngozi Chioma Okonkwo PhD"
    assert card.emails == ["adaeze.okonkwo@example.org"]
    assert card.current_company == "Harbourside Analytics"
    assert card.current_title == "Tide Modeller"
    assert card.positions == [Position(title="Tide Modeller", company="Harbourside Analytics")]
    assert card.phones == [f"+1503555014{n}" for n in range(1, 8)]
    assert card.other_urls == ["http://www.example.org"]
    assert card.location == "Portland, Oregon, United States of America"


def test_outlook_21_card_keeps_the_misspelt_domain_and_survives_qp_labels(
    corpus_path: Path,
) -> None:
    items = corpus(corpus_path, "ezvcard_outlook_v21_qp_label_photo.vcf")
    assert problems(items) == []
    [card] = contacts(items)
    assert card.name == "Mr. John Richter James Doe Sr."
    assert card.emails == ["john.doe@ibm.cm"]
    assert (card.current_company, card.current_title) == ("IBM", "Money Counter")


def test_an_outlook_21_card_keeps_a_misspelt_domain_past_qp_labels_a_photo_and_xml(
    data_path: Path,
) -> None:
    items = own(data_path, "outlook_v21_qp_label_photo.vcf")
    assert problems(items) == []
    [card] = contacts(items)
    assert card.name == "Mr. Kofi Yaw Kwame Mensah Jr."
    assert card.emails == ["kofi.mensah@example.cm"]
    assert (card.current_company, card.current_title) == ("Lakeshore Freight", "Invoice Reconciler")
    assert card.location == "Chicago, Illinois, United States of America"
    assert card.other_urls == ["http://www.example.com"]
    assert card.notes.startswith("Met at the freight forum; prefers calls before noon")


def test_gmail_file_without_a_final_newline_gives_three_cards(corpus_path: Path) -> None:
    items = corpus(corpus_path, "ezvcard_gmail_v30_3cards.vcf")
    assert problems(items) == []
    assert [(card.name, card.emails) for card in contacts(items)] == [
        ("Arnold Smith", ["asmithk@gmail.com"]),
        ("Chris Beatle", ["chrisy55d@yahoo.com"]),
        ("Doug White", ["dwhite@gmail.com"]),
    ]


def test_the_last_card_imports_when_no_line_end_follows_its_end_vcard(data_path: Path) -> None:
    path = data_path / "vcard" / "gmail_v30_no_final_newline.vcf"
    assert path.read_bytes().endswith(b"END:VCARD")
    items = read_file(path)
    assert problems(items) == []
    assert [(card.name, card.emails) for card in contacts(items)] == [
        ("Imani Castellanos", ["imani.c@example.com"]),
        ("Rafferty Oduya", ["raff55@example.org"]),
        ("Sunniva Holt", ["sholt@example.com"]),
    ]


def test_fullcontact_40_card_has_five_emails_and_the_first_org(corpus_path: Path) -> None:
    [card] = corpus(corpus_path, "ezvcard_fullcontact_v40.vcf")
    assert isinstance(card, ProfileRecord)
    assert card.name == "Prefix FirstName MiddleName LastName Suffix"
    assert card.emails == [
        "home@example.com",
        "work@example.com",
        "school@example.com",
        "other@example.com",
        "custom@example.com",
    ]
    assert card.current_company == "Organization1"
    assert card.current_title == "Title1"
    assert len(card.phones) == 9
    assert card.notes == "Notes line 1\nNotes line 2"
    assert card.labels == ["Tag"]


def test_a_40_card_keeps_all_five_emails_and_only_its_first_org_and_title(
    data_path: Path,
) -> None:
    [card] = own(data_path, "fullcontact_v40_five_emails.vcf")
    assert isinstance(card, ProfileRecord)
    assert card.name == "Ms. Henrietta Lilla Varga MBA"
    assert card.emails == [
        "henrietta@home.example.com",
        "h.varga@work.example.com",
        "hvarga@school.example.edu",
        "henni@example.org",
        "hlv@example.net",
    ]
    assert (card.current_company, card.current_title) == ("Danube Lighting", "Head of Buying")
    assert card.phones == [f"+361555010{n}" for n in range(1, 10)]
    assert card.notes == "Met at the lighting fair\nAsked about LED tenders"
    assert card.labels == ["Suppliers", "Rowing"]
    assert card.location == "Budapest, Pest, Hungary"  # the ADR is folded inside "Hungary"
    assert card.other_urls == ["http://www.example.com/henrietta", "http://blog.example.org"]


def test_rfc6350_example_with_lf_endings_reads_the_tel_uri(corpus_path: Path) -> None:
    [card] = corpus(corpus_path, "ezvcard_rfc6350_v40_lf.vcf")
    assert isinstance(card, ProfileRecord)
    assert card.name == "Simon Perreault"
    assert card.emails == ["simon.perreault@viagenie.ca"]
    assert card.current_company == "Viagenie"
    assert card.phones == ["+14186569254", "+14182626501"]
    assert card.other_urls == ["http://nomis80.org"]


def test_a_40_card_with_lf_only_line_ends_reads_tel_uris_and_folded_values(
    data_path: Path,
) -> None:
    path = data_path / "vcard" / "rfc6350_v40_lf_only.vcf"
    assert b"\r" not in path.read_bytes()
    [card] = read_file(path)
    assert isinstance(card, ProfileRecord)
    assert card.name == "Maëlle Tremblay"
    assert card.emails == ["maelle.tremblay@example.org"]
    assert card.current_company == "Rivière Labs"
    assert card.phones == ["+14185550171", "+14185550172"]
    assert card.location == "Lévis, QC, Canada"
    assert card.other_urls == ["http://maelle.example.com"]


def test_shift_jis_card_decodes_its_name_and_qp_note(corpus_path: Path) -> None:
    [card] = corpus(corpus_path, "aosp_v21_shiftjis_qp.vcf")
    assert isinstance(card, ProfileRecord)
    assert card.name == "安藤 ロイド 1"
    assert card.notes == "メモ"
    assert card.emails == []


def test_a_shift_jis_card_decodes_its_raw_8_bit_name_and_its_qp_note(data_path: Path) -> None:
    [card] = own(data_path, "shift_jis_v21_qp_address.vcf")
    assert isinstance(card, ProfileRecord)
    assert card.name == "森川 ひかり 2"
    assert card.notes == "覚え書き"
    assert card.emails == []


def test_three_shift_jis_cards_are_named_from_n(corpus_path: Path) -> None:
    items = corpus(corpus_path, "aosp_v21_shiftjis_3cards.vcf")
    assert problems(items) == []
    assert [card.name for card in contacts(items)] == ["安藤ロイド3", "安藤ロイド4", "安藤ロイド5"]
    assert all(card.emails == [] for card in contacts(items))


def test_shift_jis_cards_separated_by_blank_lines_are_named_from_n(data_path: Path) -> None:
    items = own(data_path, "shift_jis_v21_three_cards.vcf")
    assert problems(items) == []
    assert [card.name for card in contacts(items)] == ["森川ひかり6", "森川ひかり7", "森川ひかり8"]
    assert [card.location_in_source for card in contacts(items)] == ["card 1", "card 2", "card 3"]
    assert all(card.emails == [] for card in contacts(items))


def test_comment_lines_are_ignored_but_a_hash_inside_a_qp_note_is_kept(
    corpus_path: Path,
) -> None:
    [card] = corpus(corpus_path, "aosp_v21_comment_lines_lowercase_vcard.vcf")
    assert isinstance(card, ProfileRecord)
    assert card.name == "Conference Call"
    assert card.emails == []
    assert card.notes == "This is an (sharp ->#<- sharp) example. This message must NOT be ignored."


def test_hash_lines_are_comments_in_a_mixed_case_card_but_text_inside_a_qp_note(
    data_path: Path,
) -> None:
    items = own(data_path, "comment_lines_lowercase_begin.vcf")
    assert problems(items) == []
    [card] = contacts(items)
    assert card.name == "Quarterly Review Bridge"
    assert card.emails == []
    assert card.notes == (
        "Dial in with the code (hash ->#<- hash) at nine. This sentence must NOT be dropped."
    )


def test_linkedin_social_profile_categories_note_and_grouped_emails(data_path: Path) -> None:
    [card] = read_file(data_path / "vcard" / "linkedin_and_labels_v30.vcf")
    assert isinstance(card, ProfileRecord)
    assert card.name == "Dr. Chidi Okafor"
    assert card.emails == ["chidi@stjohns.example.edu", "chidi.o@example.com"]
    assert card.linkedin_url == "https://www.linkedin.com/in/chidi-okafor/"
    assert card.other_urls == ["https://chidi.example.com", "https://twitter.com/chidi"]
    assert card.labels == ["Mentors", "Philosophy, ethics"]
    assert card.notes == "Met at the Good Place\nLoves moral dilemmas"
    assert card.phones == ["+14186569254"]
    assert card.positions == [
        Position(title="Professor of Ethics", company="St. John's University")
    ]


def test_a_card_without_a_name_imports_its_emails_and_one_without_either_is_a_problem(
    data_path: Path,
) -> None:
    items = read_file(data_path / "vcard" / "nameless_cards.vcf")
    assert [(card.name, card.emails) for card in contacts(items)] == [
        ("John Doe", ["john.doe@example.com"]),
        ("Still Imported", []),
    ]
    assert problems(items) == [
        Problem("card 2", "a card with no name and no e-mail address; it was not imported")
    ]


def test_latin1_charset_and_a_folded_qp_value(data_path: Path) -> None:
    [card] = read_file(data_path / "vcard" / "latin1_qp_v21.vcf")
    assert isinstance(card, ProfileRecord)
    assert card.name == "María González Peña"
    assert card.emails == ["maria@example.es"]


def test_a_card_cut_off_at_the_end_is_a_problem_and_the_rest_imports(data_path: Path) -> None:
    items = read_file(data_path / "vcard" / "unterminated.vcf")
    assert [card.name for card in contacts(items)] == ["Complete Card"]
    assert problems(items) == [Problem("card 2", "the card has no END:VCARD; it was not imported")]


def test_lines_outside_and_inside_cards_that_are_not_properties_are_named(
    data_path: Path,
) -> None:
    items = read_file(data_path / "vcard" / "junk_between_cards.vcf")
    assert [card.name for card in contacts(items)] == ["First", "Second"]
    assert problems(items) == [
        Problem("line 5", "text outside a card ignored", "this is not a vcard line"),
        Problem("card 2", "unreadable line 8 ignored", "this line has no colon"),
    ]


def test_a_card_with_100000_properties_is_a_problem_and_the_next_card_imports() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Many\r\n"
        + b"EMAIL;TYPE=work:a@example.com\r\n" * 100_000
        + b"END:VCARD\r\nBEGIN:VCARD\r\nFN:After\r\nEMAIL:after@example.com\r\nEND:VCARD\r\n"
    )
    items = read_bytes(data)
    assert items[0] == Problem(
        "card 1",
        "the card has 100,002 properties, over the limit of 10,000; it was not imported",
    )
    assert [card.name for card in contacts(items)] == ["After"]


def test_a_huge_photo_is_skipped_without_being_held() -> None:
    photo_lines = b"".join(b" " + b"A" * 74 + b"\r\n" for _ in range(40_000))
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Pictured\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/\r\n"
        + photo_lines
        + b"EMAIL:pictured@example.com\r\nEND:VCARD\r\n"
    )
    [card] = read_bytes(data)
    assert isinstance(card, ProfileRecord)
    assert (card.name, card.emails) == ("Pictured", ["pictured@example.com"])


def test_a_value_over_one_mebibyte_is_dropped_with_a_problem() -> None:
    data = b"BEGIN:VCARD\r\nFN:Long\r\nNOTE:" + b"x" * (1 << 20) + b"y\r\nEND:VCARD\r\n"
    items = read_bytes(data)
    assert problems(items) == [Problem("card 1", "NOTE value over 1 MiB ignored (line 3)")]
    assert [(card.name, card.notes) for card in contacts(items)] == [("Long", "")]


def test_a_21_base64_photo_on_unindented_lines_does_not_leak_into_properties() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Old Phone\r\nPHOTO;ENCODING=BASE64;JPEG:/9j/4AAQ\r\n"
        b"SkZJRgABAQAAAQABAAD\r\n2wBDAAIBAQEBAQIBAQE\r\n\r\nEMAIL:old@example.com\r\nEND:VCARD\r\n"
    )
    assert read_bytes(data) == [
        ProfileRecord(
            name="Old Phone",
            emails=["old@example.com"],
            source="vcard",
            location_in_source="card 1",
        )
    ]


def test_a_binary_file_renamed_vcf_is_refused() -> None:
    junk = bytes(range(256)) * 40
    with pytest.raises(ImportRefused, match=r"not a vCard file|holds no vCard"):
        read_bytes(junk)


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ImportRefused, match="empty"):
        read_bytes(b"\r\n\r\n")


def test_text_without_cards_is_refused() -> None:
    with pytest.raises(ImportRefused, match="holds no vCard"):
        read_bytes(b"hello\r\nworld\r\n")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=500))
def test_arbitrary_bytes_inside_a_card_yield_only_records_and_problems(body: bytes) -> None:
    try:
        items = read_bytes(b"BEGIN:VCARD\r\n" + body + b"\r\nEND:VCARD\r\n")
    except ImportRefused:
        assert body[:1] in (b" ", b"\t")  # folded into BEGIN, so no card starts
        return
    for item in items:
        assert isinstance(item, ProfileRecord | Problem)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                b"BEGIN:VCARD",
                b"END:VCARD",
                b"FN:A",
                b"N;CHARSET=SHIFT_JIS:\x88\xc0",
                b"EMAIL:a@example.com",
                b"NOTE;ENCODING=QUOTED-PRINTABLE:x=",
                b"PHOTO;ENCODING=BASE64:AAA",
                b" folded",
                b"#comment",
                b"",
                b"=C3=91",
                b"ORG:\\;;x",
                b"\xff\xfe",
            ]
        ),
        max_size=30,
    )
)
def test_arbitrary_vcard_line_sequences_are_read_or_refused(lines: list[bytes]) -> None:
    try:
        for item in read_bytes(b"\r\n".join(lines)):
            assert isinstance(item, ProfileRecord | Problem)
    except ImportRefused:
        pass


def test_the_shift_jis_qp_address_decodes_across_its_soft_breaks(corpus_path: Path) -> None:
    path = corpus_path / "vcard" / "aosp_v21_shiftjis_qp.vcf"
    with path.open("rb") as stream:
        [adr] = [
            p for p in read_properties(stream) if isinstance(p, RawProperty) and p.name == "ADR"
        ]
    parts = vcard.split_value(vcard.decode_value(adr), ";")
    # AOSP writes the street into the second ("extended address") component.
    assert parts[1] == "東京都渋谷区桜丘町26-1セルリアンタワー6階"
    assert parts[5] == "150-8512"
    assert (adr.encoding, adr.charset, adr.line_number) == ("QUOTED-PRINTABLE", "SHIFT_JIS", 6)


def test_a_shift_jis_qp_address_decodes_across_soft_breaks_inside_a_character(
    data_path: Path,
) -> None:
    path = data_path / "vcard" / "shift_jis_v21_qp_address.vcf"
    assert b"=8C=\r\n=A7" in path.read_bytes()  # the two bytes of 県 on two lines
    with path.open("rb") as stream:
        [adr] = [
            p for p in read_properties(stream) if isinstance(p, RawProperty) and p.name == "ADR"
        ]
    parts = vcard.split_value(vcard.decode_value(adr), ";")
    assert parts[1] == "架空県見本市例町3-14-15テストビル7階"
    assert parts[5] == "999-9999"
    assert (adr.encoding, adr.charset, adr.line_number) == ("QUOTED-PRINTABLE", "SHIFT_JIS", 6)


def test_a_photo_is_passed_over_as_a_skipped_property(corpus_path: Path) -> None:
    path = corpus_path / "vcard" / "ezvcard_iphone_v30_grouped_item_photo.vcf"
    with path.open("rb") as stream:
        items = list(read_properties(stream))
    photo = next(p for p in items if p.name == "PHOTO")  # type: ignore[union-attr]
    assert isinstance(photo, SkippedProperty)
    assert not any(isinstance(item, BadLine) for item in items)


def test_a_folded_photo_on_cr_cr_lf_lines_is_passed_over_as_a_skipped_property(
    data_path: Path,
) -> None:
    path = data_path / "vcard" / "ios_v30_double_cr_grouped_email.vcf"
    with path.open("rb") as stream:
        items = list(read_properties(stream))
    photo = next(p for p in items if p.name == "PHOTO")  # type: ignore[union-attr]
    assert isinstance(photo, SkippedProperty)
    assert not any(isinstance(item, BadLine) for item in items)
    assert [p.name for p in items if isinstance(p, RawProperty)][-1] == "END"


@pytest.mark.parametrize(
    ("text", "separator", "parts"),
    [
        ("Doe;John;Richter,James;Mr.;Sr.", ";", ["Doe", "John", "Richter,James", "Mr.", "Sr."]),
        ("a\\;b;c", ";", ["a\\;b", "c"]),
        ("Mentors,Philosophy\\, ethics", ",", ["Mentors", "Philosophy\\, ethics"]),
        ("trailing\\", ";", ["trailing\\"]),
    ],
)
def test_structured_values_split_only_on_unescaped_separators(
    text: str, separator: str, parts: list[str]
) -> None:
    assert vcard.split_value(text, separator) == parts


def test_escapes_are_undone() -> None:
    assert vcard.unescape("a\\nb\\,c\\;d\\:e\\\\f") == "a\nb,c;d:e\\f"


@settings(max_examples=300)
@given(
    st.lists(
        st.sampled_from(
            [
                ";",
                "=",
                " ",
                "\t",
                "ENCODING",
                "encoding",
                "QUOTED-PRINTABLE",
                "quoted-printable",
                "BASE64",
                "base64",
                "b",
                "B",
                "CHARSET=UTF-8",
                "type=pref",
                "x",
                "-",
            ]
        ),
        max_size=8,
    ).map("".join)
)
def test_the_encoding_shortcut_agrees_with_the_encoding_patterns(params):
    from helper.importers.vcard_lines import _BASE64, _QUOTED_PRINTABLE, encoding_of

    raw = params.encode()
    expected = (
        "QUOTED-PRINTABLE"
        if _QUOTED_PRINTABLE.search(raw)
        else "BASE64"
        if _BASE64.search(raw)
        else ""
    )
    assert encoding_of(raw) == expected
