"""helper.importers.eml: one saved message, headers only, on the public corpus and our fixtures."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helper.errors import ImportRefused
from helper.importers import eml
from helper.records import Address, MailMessage, Problem


def read_file(path: Path) -> tuple[list[MailMessage], list[Problem]]:
    with path.open("rb") as stream:
        items = list(eml.read(stream, name=path.name))
    messages = [item for item in items if isinstance(item, MailMessage)]
    problems = [item for item in items if isinstance(item, Problem)]
    assert len(messages) + len(problems) == len(items)
    return messages, problems


def one_message(path: Path) -> MailMessage:
    messages, _ = read_file(path)
    assert len(messages) == 1
    return messages[0]


def addresses(message: MailMessage) -> list[Address]:
    assert message.sender is not None
    return [message.sender, *message.recipients]


def test_m0001_raw_latin1_to_name_is_juergen_schmuergen(corpus_path: Path) -> None:
    message = one_message(corpus_path / "eml" / "hunnysoft_m0001_raw_latin1_headers.eml")
    assert addresses(message) == [
        Address("Doug Sauder", "doug@example.com"),
        Address("Jürgen Schmürgen", "schmuergen@example.com"),
    ]
    assert message.subject == "Die Hasen und die Frösche (Microsoft Outlook 00)"
    assert message.source_ref == "NDBBIAKOPKHFGPLCODIGIEKBCHAA.doug@example.com"


def test_a_raw_latin1_display_name_and_folded_subject_are_read_as_latin1(data_path: Path) -> None:
    path = data_path / "eml" / "raw_latin1_headers.eml"
    assert b'"S\xf6ren K\xe4\xdfbohrer"' in path.read_bytes()
    messages, problems = read_file(path)
    [message] = messages
    assert addresses(message) == [
        Address("Tobias Reinholt", "tobias@example.com"),
        Address("Sören Käßbohrer", "soeren@example.org"),
    ]
    assert message.subject == "Grüße vom Fuchs und vom Bären (Outlook 00)"
    assert message.source_ref == "KQXRTBWMLPOAZCEFHJGIEKBCHAA.tobias@example.com"
    assert problems == []


def test_m0006_utf7_encoded_words_give_three_contacts(corpus_path: Path) -> None:
    message = one_message(corpus_path / "eml" / "hunnysoft_m0006_utf7_two_recipients.eml")
    assert addresses(message) == [
        Address("Doug Sauder", "doug@example.com"),
        Address("Joe Blow", "jblow@example.com"),
        Address("Jürgen Schmürgen", "schmuergen@example.com"),
    ]
    assert message.subject == "Die Hasen und die Frösche (Microsoft Outlook 00)"


def test_utf7_encoded_words_in_a_folded_to_and_the_subject_are_decoded(data_path: Path) -> None:
    message = one_message(data_path / "eml" / "utf7_encoded_words.eml")
    assert addresses(message) == [
        Address("Tobias Reinholt", "tobias@example.com"),
        Address("Joan Blythe", "jblythe@example.com"),
        Address("Sören Käßbohrer", "soeren@example.org"),
    ]
    assert message.subject == "Grüße vom Fuchs (Outlook 00)"


def test_m0010_duplicate_from_keeps_doug_sauder(corpus_path: Path) -> None:
    message = one_message(corpus_path / "eml" / "hunnysoft_m0010_win1252_duplicate_from.eml")
    assert addresses(message) == [
        Address("Doug Sauder", "doug@example.com"),
        Address("Heinz Müller", "mueller@example.com"),
    ]


def test_a_second_from_header_is_ignored_and_a_windows_1252_name_is_decoded(
    data_path: Path,
) -> None:
    message = one_message(data_path / "eml" / "win1252_duplicate_from.eml")
    assert addresses(message) == [
        Address("Tobias Reinholt", "tobias@example.com"),
        Address("Šárka Müller", "sarka@example.org"),  # Š is 0x8A, which only cp1252 has
    ]
    assert message.subject == "Grüße vom Fuchs – „Outlook 00“"


def test_m3004_folded_q_word_recipient_gives_three_contacts(corpus_path: Path) -> None:
    message = one_message(corpus_path / "eml" / "hunnysoft_m3004_pine_two_recipients.eml")
    assert addresses(message) == [
        Address("Doug Sauder", "doug@penguin.example.com"),
        Address("Joe Blow", "blow@example.com"),
        Address("Heinz Müller", "mueller@example.com"),
    ]
    assert message.subject == "Die Hasen und die Frösche"


def test_a_q_word_folded_after_a_trailing_space_is_a_third_contact(data_path: Path) -> None:
    message = one_message(data_path / "eml" / "folded_q_word_after_trailing_space.eml")
    assert addresses(message) == [
        Address("Tobias Reinholt", "tobias@penguin.example.com"),
        Address("Joan Blythe", "blythe@example.com"),
        Address("Élodie Müller", "elodie@example.org"),
    ]
    assert message.subject == "Grüße vom Fuchs"


def test_gb2312_sender_and_raw_utf8_local_part(corpus_path: Path) -> None:
    messages, problems = read_file(corpus_path / "eml" / "spamscope_test12_gb2312_8bit_headers.eml")
    assert addresses(messages[0]) == [
        Address("张先生", "baoguan@hotmail.com"),
        Address("", "danglüe@email.com"),
    ]
    assert messages[0].subject == "代开各地增值税发票"
    assert problems == []


def test_a_gb2312_sender_is_decoded_and_a_raw_utf8_local_part_is_kept(data_path: Path) -> None:
    messages, problems = read_file(data_path / "eml" / "gb2312_sender_raw_utf8_local_part.eml")
    assert addresses(messages[0]) == [
        Address("陈先生", "chen.wei@example.com"),
        Address("", "zoë@example.org"),
    ]
    assert messages[0].subject == "会议纪要与发票"
    assert problems == []


def test_iso2022jp_subject_and_one_address_with_two_names(corpus_path: Path) -> None:
    message = one_message(corpus_path / "eml" / "mimekit_iso2022jp_subject.eml")
    assert message.subject == "日本語メールテスト (testing Japanese emails)"
    assert addresses(message) == [
        Address("Atsushi Eno", "x@x.com"),
        Address("Jeffrey Stedfast", "x@x.com"),
    ]
    assert {address.email for address in addresses(message)} == {"x@x.com"}


def test_two_folded_iso_2022_jp_words_make_the_subject_and_one_address_keeps_two_names(
    data_path: Path,
) -> None:
    message = one_message(data_path / "eml" / "iso2022jp_subject_one_address_two_names.eml")
    assert message.subject == "来週の打ち合わせ (agenda for next week)"
    assert addresses(message) == [
        Address("Haruka Sato", "shared@example.org"),
        Address("Kenji Watanabe", "shared@example.org"),
    ]
    assert {address.email for address in addresses(message)} == {"shared@example.org"}


def test_an_encoded_comma_in_a_name_keeps_one_address_per_person(data_path: Path) -> None:
    message = one_message(data_path / "eml" / "encoded_comma_in_name.eml")
    assert addresses(message) == [
        Address("Doe, John", "john.doe@example.com"),
        Address("Smíth, Jane", "jane@example.com"),
        Address("Brown, Bob", "bob@example.com"),
    ]


def test_display_names_that_are_addresses_are_dropped_for_the_real_address(
    data_path: Path,
) -> None:
    message = one_message(data_path / "eml" / "display_name_is_address.eml")
    assert addresses(message) == [Address("", "dave@example.net"), Address("", "bob@example.net")]


def test_legacy_and_broken_addresses_are_reported_not_turned_into_recipients(
    data_path: Path,
) -> None:
    messages, problems = read_file(data_path / "eml" / "legacy_addresses.eml")
    assert messages[0].recipients == [
        Address("Bob", "bob@example.com"),
        Address("", "carol@example.com"),
    ]
    assert [problem.message for problem in problems] == [
        "To holds an unusable address: mcvax!cwi!guido",
        "Cc holds an unusable address: john@",
        "Cc holds an unusable address: jane",
    ]
    assert {problem.location for problem in problems} == {"message 1 (byte 0)"}


def test_missing_and_malformed_dates_keep_the_message_with_a_note(data_path: Path) -> None:
    missing, missing_problems = read_file(data_path / "eml" / "missing_date.eml")
    malformed, malformed_problems = read_file(data_path / "eml" / "malformed_date.eml")
    assert missing[0].sent_at is None
    assert malformed[0].sent_at is None
    assert [p.message for p in missing_problems] == [
        "no Date header; the message is kept without a date"
    ]
    assert [p.raw for p in malformed_problems] == ["the day after tomorrow"]


def test_invalid_charsets_fall_back_without_losing_the_message(data_path: Path) -> None:
    messages, problems = read_file(data_path / "eml" / "invalid_charsets.eml")
    assert addresses(messages[0]) == [
        Address("Jürgen Müller", "jm@example.com"),
        Address("café", "cafe@example.com"),
        Address("=?utf-8?B?!!not-base64!!?=", "b64@example.com"),
    ]
    assert messages[0].subject == "Hello world"
    assert problems == []


def test_adjacent_encoded_words_and_raw_utf8_names(data_path: Path) -> None:
    adjacent = one_message(data_path / "eml" / "adjacent_encoded_words.eml")
    raw = one_message(data_path / "eml" / "raw_utf8_headers.eml")
    assert addresses(adjacent) == [
        Address("Jürgen Schmürgen", "js@example.com"),
        Address("François Lévy", "fl@example.com"),
    ]
    assert adjacent.subject == "Re: Küche und Keller today"
    assert addresses(raw) == [
        Address("Zoë Brontë", "zoe@example.com"),
        Address("Łukasz Żółw", "lukasz@example.com"),
    ]
    assert raw.subject == "Grüße aus Köln"


def test_group_members_are_recipients_and_undisclosed_recipients_is_nobody(
    data_path: Path,
) -> None:
    message = one_message(data_path / "eml" / "groups_and_undisclosed.eml")
    assert message.recipients == [Address("Ann", "ann@example.com"), Address("", "ben@example.com")]


def test_a_thousand_level_nested_multipart_is_read_without_recursion(data_path: Path) -> None:
    message = one_message(data_path / "eml" / "nested_multipart_1000.eml")
    assert addresses(message) == [
        Address("Deep", "deep@example.com"),
        Address("", "me@example.org"),
    ]


def test_without_a_message_id_two_reads_give_the_same_hash(data_path: Path) -> None:
    first = one_message(data_path / "eml" / "no_message_id.eml")
    second = one_message(data_path / "eml" / "no_message_id.eml")
    assert first.source_ref.startswith("sha256:")
    assert first.source_ref == second.source_ref


def test_an_empty_file_is_refused_with_a_clear_sentence() -> None:
    with pytest.raises(ImportRefused) as refused:
        list(eml.read(io.BytesIO(b""), name="empty.eml"))
    assert str(refused.value) == "empty.eml: the file is empty; there is no message to import"


def test_a_binary_file_is_refused() -> None:
    with pytest.raises(ImportRefused) as refused:
        list(eml.read(io.BytesIO(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), name="photo.eml"))
    assert refused.value.message == (
        "this is not an email message: it does not start with a header line"
    )


def test_a_bom_and_an_mbox_postmark_before_the_headers_are_skipped() -> None:
    raw = b"\xef\xbb\xbfFrom a@example.com Mon Jan  1 00:00:00 2024\nFrom: a@example.com\n\nbody"
    (message,) = [item for item in eml.read(io.BytesIO(raw)) if isinstance(item, MailMessage)]
    assert message.sender == Address("", "a@example.com")


def test_the_body_is_not_read_past_the_header_block() -> None:
    class Counting(io.BytesIO):
        consumed = 0

        def read(self, size: int | None = -1) -> bytes:
            data = super().read(size)
            self.consumed += len(data)
            return data

    stream = Counting(b"From: a@example.com\n\n" + b"x" * 10_000_000)
    list(eml.read(stream))
    assert stream.consumed <= eml.CHUNK_BYTES


def test_a_one_megabyte_header_line_is_cut_to_the_header_limit() -> None:
    raw = b"From: a@example.com\nSubject: " + b"y" * 1_000_000 + b"\n\nbody\n"
    items = list(eml.read(io.BytesIO(raw)))
    assert isinstance(items[0], MailMessage)
    assert items[1] == Problem(
        "message 1 (byte 0)",
        "the headers are longer than 256 KB; only the first part was read",
        "From: a@example.com\nSubject: " + "y" * 171,
    )


@settings(max_examples=150, deadline=2000)
@given(st.binary(max_size=5000))
def test_arbitrary_bytes_give_messages_problems_or_a_refusal(raw: bytes) -> None:
    try:
        items = list(eml.read(io.BytesIO(raw)))
    except ImportRefused:
        return
    assert all(isinstance(item, MailMessage | Problem) for item in items)


@settings(max_examples=100, deadline=2000)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_after_a_from_header_never_crash(tail: bytes) -> None:
    items = list(eml.read(io.BytesIO(b"From: a@example.com\n" + tail)))
    assert all(isinstance(item, MailMessage | Problem) for item in items)
