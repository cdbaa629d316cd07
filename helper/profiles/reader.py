"""Pasted LinkedIn text, a saved profile page, or any other text about a person ->
ProfileRecord.

`parse_profile` decides what it was given and hands it to one reader: saved HTML
(`profile_html`), text copied from a profile page (`profile_text`), or anything else
(`profile_freeform`). It refuses, with a sentence saying why, input that holds no person.
"""

from __future__ import annotations

import re

from helper.errors import ProfileUnreadable
from helper.normalize import normalize_linkedin_url
from helper.profiles.freeform import parse_freeform
from helper.profiles.html import parse_profile_html
from helper.profiles.pdf_export import as_copied_page, is_pdf_export
from helper.profiles.text import looks_like_profile_text, parse_profile_text, visible_lines
from helper.records import ProfileRecord

# The bad-input list names "a 20 MB paste"; saved profile pages run to several MB.
MAX_INPUT_BYTES = 20_000_000
REPORTED_FIELDS = (
    "name",
    "headline",
    "location",
    "current_title",
    "current_company",
    "linkedin_url",
    "emails",
    "phones",
)
_HTML_DOCUMENT = re.compile(r"<(!doctype\s+html|html|body)\b", re.IGNORECASE)
_CLOSING_TAG = re.compile(r"</(html|head|body|div|p|span|script|section|a)\s*>", re.IGNORECASE)
_FILE_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
}
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w-]+)", re.IGNORECASE)


def _size_check(size: int) -> None:
    if size > MAX_INPUT_BYTES:
        raise ProfileUnreadable(
            f"The input is {size / 1_000_000:.1f} MB; a profile is at most "
            f"{MAX_INPUT_BYTES // 1_000_000} MB, so this is not one profile.",
        )


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; a saved page may declare its charset."""
    for signature, kind in _FILE_SIGNATURES.items():
        if data.startswith(signature):
            raise ProfileUnreadable(f"This is {kind}, not profile text or a saved page.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data:
        raise ProfileUnreadable("This is binary data (it contains NUL bytes), not text.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        declared = _CHARSET.search(data[:4096])
        encoding = declared.group(1).decode("ascii") if declared else "cp1252"
        try:
            return data.decode(encoding, errors="replace")
        except LookupError:
            return data.decode("cp1252", errors="replace")


def _refuse_binary_text(text: str) -> None:
    """Text with many control characters is a file read as text, not something pasted."""
    sample = text[:65536]
    controls = len(_CONTROL_CHARACTERS.findall(sample))
    if "\x00" in sample or controls > max(8, len(sample) // 100):
        raise ProfileUnreadable("This looks like binary data (control characters), not text.")


def looks_like_html(text: str) -> bool:
    """A document declaration near the top, or text that opens with a tag and closes some."""
    head = text[:65536]
    if _HTML_DOCUMENT.search(head[:4096]):
        return True
    return head.lstrip().startswith("<") and bool(_CLOSING_TAG.search(head))


def parse_profile(text_or_html: str | bytes) -> ProfileRecord:
    """One person from pasted profile text, a saved profile page, or any text about them."""
    if isinstance(text_or_html, bytes):
        _size_check(len(text_or_html))
        text = _decode(text_or_html)
    else:
        _size_check(len(text_or_html))
        text = text_or_html
        _size_check(len(text.encode("utf-8", errors="replace")))
    if not text.strip():
        raise ProfileUnreadable("The input is empty: paste a profile's text or a saved page.")
    _refuse_binary_text(text)
    lines = visible_lines(text)
    if looks_like_html(text):
        record = parse_profile_html(text)
    elif is_pdf_export(lines):
        record = parse_profile_text(as_copied_page(lines))
    elif looks_like_profile_text(lines):
        record = parse_profile_text(text)
    else:
        record = parse_freeform(text)
    return _finish(record)


def _finish(record: ProfileRecord) -> ProfileRecord:
    if not (record.name or record.emails or record.phones or record.linkedin_url):
        raise ProfileUnreadable(
            "No person found: no name, email address, phone number or LinkedIn link."
        )
    record.linkedin_url = normalize_linkedin_url(record.linkedin_url) or ""
    current = next((p for p in record.positions if p.start and not p.end), None)
    if current is not None:
        record.current_title = current.title
        record.current_company = current.company
    record.missing_fields = [name for name in REPORTED_FIELDS if not getattr(record, name)]
    return record
