"""Format detection from content: every corpus file, our fixtures, archives, and refusals."""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helper.errors import ImportRefused
from helper.importers.detect import DETECT_BYTES, detect, zip_member_names
from helper.records import Format


def detect_file(path: Path) -> Format:
    with path.open("rb") as stream:
        return detect(stream.read(DETECT_BYTES), path.name)


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("vcard", Format.VCARD),
        ("linkedin_connections_csv", Format.LINKEDIN_CONNECTIONS),
        ("contacts_csv", Format.OUTLOOK_CSV),
        ("mbox", Format.MBOX),
        ("eml", Format.EML),
    ],
)
def test_every_corpus_file_is_recognised_by_content(
    corpus_path: Path, folder: str, expected: Format
) -> None:
    files = sorted((corpus_path / folder).iterdir())
    assert files
    for path in files:
        assert detect_file(path) is expected, path.name


def test_corpus_files_are_recognised_without_their_names(corpus_path: Path) -> None:
    path = corpus_path / "vcard" / "aosp_v21_comment_lines_lowercase_vcard.vcf"
    assert detect(path.read_bytes(), "contacts.txt") is Format.VCARD


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("vcard/comment_lines_lowercase_begin.vcf", Format.VCARD),
        ("mbox/bom_unescaped_from_lines.mbox", Format.MBOX),
        ("eml/raw_latin1_headers.eml", Format.EML),
        ("contacts_csv/outlook_action_columns_single_name.csv", Format.OUTLOOK_CSV),
        ("linkedin_csv/preamble_two_blank_lines.csv", Format.LINKEDIN_CONNECTIONS),
    ],
)
def test_our_fixtures_are_recognised_without_their_names(
    data_path: Path, fixture: str, expected: Format
) -> None:
    assert detect((data_path / fixture).read_bytes(), "contacts.txt") is expected


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("linkedin_csv/german_headers.csv", Format.LINKEDIN_CONNECTIONS),
        ("linkedin_csv/no_preamble.csv", Format.LINKEDIN_CONNECTIONS),
        ("linkedin_csv/older_export_without_url.csv", Format.LINKEDIN_CONNECTIONS),
        ("linkedin_csv/bom_preamble.csv", Format.LINKEDIN_CONNECTIONS),
        ("contacts_csv/google_current.csv", Format.GOOGLE_CSV),
        ("contacts_csv/google_legacy.csv", Format.GOOGLE_CSV),
        ("contacts_csv/outlook_com.csv", Format.OUTLOOK_CSV),
        ("contacts_csv/outlook_desktop_cp1252.csv", Format.OUTLOOK_CSV),
        ("contacts_csv/outlook_semicolon.csv", Format.OUTLOOK_CSV),
        ("contacts_csv/outlook_utf16.csv", Format.OUTLOOK_CSV),
        ("vcard/latin1_qp_v21.vcf", Format.VCARD),
        ("vcard/android_v21_qp_soft_breaks.vcf", Format.VCARD),
        ("vcard/ios_v30_double_cr_grouped_email.vcf", Format.VCARD),
        ("vcard/outlook_v21_qp_label_photo.vcf", Format.VCARD),
        ("vcard/gmail_v30_no_final_newline.vcf", Format.VCARD),
        ("vcard/fullcontact_v40_five_emails.vcf", Format.VCARD),
        ("vcard/rfc6350_v40_lf_only.vcf", Format.VCARD),
        ("vcard/shift_jis_v21_qp_address.vcf", Format.VCARD),
        ("vcard/shift_jis_v21_three_cards.vcf", Format.VCARD),
        ("vcard/comment_lines_lowercase_begin.vcf", Format.VCARD),
        ("linkedin_csv/preamble_two_blank_lines.csv", Format.LINKEDIN_CONNECTIONS),
        ("contacts_csv/outlook_action_columns_single_name.csv", Format.OUTLOOK_CSV),
        ("mbox/takeout_postmarks.mbox", Format.MBOX),
        ("mbox/bom_unescaped_from_lines.mbox", Format.MBOX),
        ("mbox/malformed_to_address.mbox", Format.MBOX),
        ("eml/raw_latin1_headers.eml", Format.EML),
        ("eml/utf7_encoded_words.eml", Format.EML),
        ("eml/win1252_duplicate_from.eml", Format.EML),
        ("eml/folded_q_word_after_trailing_space.eml", Format.EML),
        ("eml/gb2312_sender_raw_utf8_local_part.eml", Format.EML),
        ("eml/iso2022jp_subject_one_address_two_names.eml", Format.EML),
    ],
)
def test_our_fixtures_are_recognised(data_path: Path, fixture: str, expected: Format) -> None:
    assert detect_file(data_path / fixture) is expected


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_linkedin_export_zip_is_told_from_a_zip_of_mailboxes() -> None:
    linkedin = zip_bytes({"Connections.csv": b"First Name\n", "messages.csv": b"FROM\n"})
    mail = zip_bytes({"Takeout/Mail/All mail.mbox": b"From x\n"})
    assert detect(linkedin, "export.zip") is Format.LINKEDIN_ZIP
    assert detect(mail, "takeout.zip") is Format.MAIL_ARCHIVE


def test_member_names_are_read_from_the_local_headers() -> None:
    data = zip_bytes({"a.csv": b"1", "b/c.mbox": b"2"})
    assert zip_member_names(data) == ["a.csv", "b/c.mbox"]


def test_gzip_and_tar_archives_are_mail_archives() -> None:
    tar_buffer = io.BytesIO()
    with tarfile.open(fileobj=tar_buffer, mode="w") as archive:
        info = tarfile.TarInfo("inbox.mbox")
        info.size = 6
        archive.addfile(info, io.BytesIO(b"From x"))
    assert detect(gzip.compress(tar_buffer.getvalue()), "mail.tgz") is Format.MAIL_ARCHIVE
    assert detect(tar_buffer.getvalue(), "mail.tar") is Format.MAIL_ARCHIVE


def test_a_zip_of_something_else_is_refused_naming_its_first_member() -> None:
    data = zip_bytes({"photo.jpg": b"\xff\xd8\xff"})
    with pytest.raises(ImportRefused, match=r"first member: photo\.jpg"):
        detect(data, "holiday.zip")


def test_an_mbox_with_a_bom_is_an_mbox() -> None:
    assert detect(b"\xef\xbb\xbfFrom - Mon Jan 1 00:00:00 2024\r\nFrom: a@b.c\r\n") is Format.MBOX


def test_a_vcard_after_comment_lines_in_any_case_is_a_vcard() -> None:
    assert detect(b"# exported\r\n\r\nbegin:vcard\r\nFN:x\r\nend:vcard\r\n") is Format.VCARD


def test_an_rfc5322_header_block_is_an_eml() -> None:
    head = b"Received: by x\r\n\tfolded\r\nFrom: a@example.com\r\nSubject: hi\r\n\r\nbody"
    assert detect(head, "message.txt") is Format.EML


def test_our_own_json_export_is_recognised_and_other_json_refused() -> None:
    assert detect(b'{"schema_version": 3, "contacts": []}') is Format.OUTREACH_JSON
    with pytest.raises(ImportRefused, match="JSON but not an Outreach Helper export"):
        detect(b'{"contacts": []}', "other.json")


def test_an_outlook_header_after_extra_leading_columns_is_outlook() -> None:
    assert detect(b"Action,ID,Name,E-mail Address,Company\r\nadd,,A,a@b.co,X\r\n") is (
        Format.OUTLOOK_CSV
    )


@pytest.mark.parametrize("head", [b"", b"   \r\n\r\n", b"\x00\x00\x00"])
def test_an_empty_file_is_refused(head: bytes) -> None:
    with pytest.raises(ImportRefused, match="The file is empty"):
        detect(head, "x.vcf")


def test_a_binary_file_renamed_vcf_is_refused_as_binary() -> None:
    junk = bytes(range(256)) * 16
    with pytest.raises(ImportRefused, match="binary data, not a contact or mail export"):
        detect(junk, "contacts.vcf")


def test_a_png_renamed_csv_is_refused_naming_what_it_is() -> None:
    with pytest.raises(ImportRefused, match="The file is a PNG image"):
        detect(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "contacts.csv")


def test_unknown_text_is_refused_with_its_first_line() -> None:
    with pytest.raises(ImportRefused, match=r"notes\.txt is text in no supported format.*'hello'"):
        detect(b"hello\nworld\n", "/tmp/notes.txt")


def test_a_saved_web_page_is_pointed_to_parse_profile() -> None:
    with pytest.raises(ImportRefused, match="HTML or XML page"):
        detect(b"<!DOCTYPE html><html></html>", "profile.html")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["", "x.vcf", "x.csv", "x.zip", "x.mbox"]))
def test_arbitrary_bytes_give_a_format_or_a_refusal(head: bytes, filename: str) -> None:
    try:
        assert isinstance(detect(head, filename), Format)
    except ImportRefused as error:
        assert str(error)
