"""The accented-Latin fast path of `normalize_email` gives exactly what email-validator gives
whenever it answers, so addresses like `josé.garcía@example.com` keep their normal form."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helper.normalize import _latin_address, _validated_address, normalize_email

_ATEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-"
_LATIN = "".join(chr(code) for code in range(0xC0, 0x250) if chr(code) not in "×÷")
_DOMAINS = [
    "example.com",
    "Example.COM",
    "bücher.example",
    "BÜCHER.example",
    "xn--bcher-kva.example",
    "ｅｘａｍｐｌｅ.com",
    "example.test",
    "localhost",
    "ab--cd.com",
    "example.c0m",
    "example.123",
    "exa_mple.com",
    "[1.2.3.4]",
    "-example.com",
    "example..com",
    "a" * 63 + ".com",
    ".".join(["b" * 60] * 3) + ".com",
]
# Letters of the fast path, others that take email-validator (Greek, combining marks,
# quotes, spaces, dots), so both sides of the line are tried.
_LOCAL_CHARACTERS = st.sampled_from(
    [*_ATEXT, *_LATIN[:40], "ł", "ž", "ǅ", "ɏ", ".", "ω", "Ω", "\u0301", '"', " ", "@", "ß"]
)


def test_the_latin_letters_are_letters_that_nfc_keeps_and_composes_with_nothing():
    for letter in _LATIN:
        assert unicodedata.category(letter)[0] == "L"
    alphabet = _ATEXT + _LATIN + ".@"
    for first in alphabet:
        for second in alphabet:
            assert unicodedata.is_normalized("NFC", first + second), (first, second)


@given(st.text(_LOCAL_CHARACTERS, min_size=1, max_size=70), st.sampled_from(_DOMAINS))
@settings(max_examples=600)
def test_the_latin_path_agrees_with_email_validator(local, domain):
    address = f"{local}@{domain}"
    fast = _latin_address(address)
    if fast is not None:
        assert fast == _validated_address(address)
    if not address.isascii():  # plain ASCII takes the older fast path, as before
        assert normalize_email(address) == _reference(address)


@pytest.mark.parametrize(
    "address",
    [
        f"{local}@{domain}"
        for local in ("josé.garcía", "JOSÉ.GARCÍA", "zoë", "łukasz.nowak", "ana", "ǅ", ".é")
        for domain in _DOMAINS
        if not f"{local}@{domain}".isascii()
    ],
)
def test_accented_addresses_normalise_as_email_validator_does(address):
    assert normalize_email(address) == _reference(address)
    assert normalize_email(f" <{address}> ") == _reference(address)


@pytest.mark.parametrize("length", range(230, 260))
def test_the_length_limit_is_counted_in_utf8(length):
    """Near 254 bytes an accented letter (two bytes) decides, as it does in email-validator."""
    domain = ".".join(["d" * 60] * 3) + ".com"  # 187 characters
    local = ("é" * 70)[: max(1, length - len(domain) - 1 - 30)] + "x" * 30
    address = f"{local}@{domain}"
    assert normalize_email(address) == _reference(address)


def _reference(address: str) -> str | None:
    """normalize_email as it was: the ASCII fast path, else email-validator."""
    from email_validator import EmailNotValidError, validate_email

    try:
        checked = validate_email(address.strip().strip("<>").strip(), check_deliverability=False)
    except EmailNotValidError:
        return None
    local, _, domain = checked.normalized.rpartition("@")
    return f"{local.lower()}@{domain.lower()}"
