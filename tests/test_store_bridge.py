"""Pairing the browser extension: codes, tokens bound to one origin, revocation, lookups."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from helper.db.models import BridgeToken
from helper.errors import NotFound
from helper.profiles.reader import parse_profile
from helper.store.bridge import (
    PAIRING_ALPHABET,
    PairingRefused,
    capture_profile,
    check_token,
    current_pairing_code,
    display_code,
    is_extension_origin,
    is_paired_origin,
    known_person,
    list_tokens,
    new_pairing_code,
    pair,
    revoke_token,
    token_digest,
)
from helper.store.goals import GoalInput, create_goal, shortlist
from helper.vocabulary import CHANNELS

CHROME = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
FIREFOX = "moz-extension://0f6ab2c4-3d1e-4b5a-9c8d-7e6f5a4b3c2d"
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
AMARA_URL = "https://www.linkedin.com/in/amara-nwosu-7a1b2c/"


def paired(session, origin: str = CHROME) -> str:
    code = new_pairing_code(session, NOW).code
    return pair(session, code, origin, now=NOW)


def test_a_pairing_code_is_eight_unambiguous_characters_shown_in_two_halves(session):
    code = new_pairing_code(session, NOW)
    assert len(code.code) == 8
    assert set(code.code) <= set(PAIRING_ALPHABET)
    assert not set(code.code) & set("01OIL")
    assert display_code(code.code) == f"{code.code[:4]}-{code.code[4:]}"
    assert code.expires_at == NOW.replace(tzinfo=None) + timedelta(minutes=10)


def test_a_new_code_replaces_the_previous_one(session):
    first = new_pairing_code(session, NOW).code
    second = new_pairing_code(session, NOW).code
    assert current_pairing_code(session, NOW).code == second
    assert first != second
    with pytest.raises(PairingRefused):
        pair(session, first, CHROME, now=NOW)


@pytest.mark.parametrize("origin", [CHROME, FIREFOX])
def test_pairing_returns_a_long_token_of_which_only_the_hash_is_stored(session, origin):
    token = paired(session, origin)
    assert len(token) >= 40
    stored = session.query(BridgeToken).one()
    assert stored.token_sha256 == token_digest(token)
    assert token not in (stored.token_sha256, stored.origin, stored.label)
    assert stored.origin == origin


def test_the_code_is_accepted_as_typed_with_a_dash_spaces_or_lower_case(session):
    code = new_pairing_code(session, NOW).code
    typed = f" {code[:4].lower()}-{code[4:]} "
    assert pair(session, typed, CHROME, now=NOW)


def test_a_code_pairs_only_once(session):
    code = new_pairing_code(session, NOW).code
    pair(session, code, CHROME, now=NOW)
    with pytest.raises(PairingRefused, match="wrong or has expired"):
        pair(session, code, FIREFOX, now=NOW)


def test_an_expired_code_is_refused(session):
    code = new_pairing_code(session, NOW).code
    with pytest.raises(PairingRefused, match="expired"):
        pair(session, code, CHROME, now=NOW + timedelta(minutes=11))
    assert current_pairing_code(session, NOW + timedelta(minutes=11)) is None


def test_a_wrong_code_is_refused_and_pairs_nothing(session):
    new_pairing_code(session, NOW)
    with pytest.raises(PairingRefused):
        pair(session, "AAAA-AAAA", CHROME, now=NOW)
    assert session.query(BridgeToken).count() == 0


@pytest.mark.parametrize(
    "origin",
    [
        "",
        "null",
        "https://evil.example",
        "http://127.0.0.1:8765",
        "chrome-extension://*",
        "moz-extension://*",
        "chrome-extension://abcdefghijklmnopabcdefghijklmnoz",
        "chrome-extension://abcdefghijklmnopabcdefghijklmnop.evil.example",
        "moz-extension://not-a-uuid",
    ],
)
def test_only_an_exact_extension_origin_can_pair(session, origin):
    assert not is_extension_origin(origin)
    code = new_pairing_code(session, NOW).code
    with pytest.raises(PairingRefused, match="only possible from the Outreach Helper"):
        pair(session, code, origin, now=NOW)
    assert current_pairing_code(session, NOW).code == code


def test_a_token_is_accepted_only_with_the_origin_it_was_paired_from(session):
    token = paired(session)
    assert check_token(session, token, CHROME, NOW) is not None
    assert check_token(session, token, FIREFOX, NOW) is None
    assert check_token(session, token + "x", CHROME, NOW) is None
    assert check_token(session, "", CHROME, NOW) is None


def test_checking_a_token_records_its_last_use(session):
    token = paired(session)
    later = NOW + timedelta(hours=2)
    assert check_token(session, token, CHROME, later).last_used_at == later.replace(tzinfo=None)


def test_a_revoked_token_is_refused_and_its_origin_no_longer_counts_as_paired(session):
    token = paired(session)
    stored = session.query(BridgeToken).one()
    assert is_paired_origin(session, CHROME)
    revoke_token(session, stored.id, NOW)
    assert check_token(session, token, CHROME, NOW) is None
    assert not is_paired_origin(session, CHROME)


def test_revoking_an_unknown_token_says_so(session):
    with pytest.raises(NotFound, match="no paired extension with id 99"):
        revoke_token(session, 99)


def test_paired_extensions_are_listed_live_first(session):
    paired(session, CHROME)
    paired(session, FIREFOX)
    chrome = session.query(BridgeToken).filter_by(origin=CHROME).one()
    revoke_token(session, chrome.id, NOW)
    listed = list_tokens(session)
    assert [t.origin for t in listed] == [FIREFOX, CHROME]
    assert [t.label for t in listed] == ["Firefox extension", "Chromium extension"]


def test_capturing_a_page_creates_the_contact_then_merges_into_it(session, data_path):
    html = (data_path / "profiles" / "html" / "logged_in_2024.html").read_text()
    first = capture_profile(session, parse_profile(html), AMARA_URL)
    again = capture_profile(session, parse_profile(html), AMARA_URL)
    assert first.created and not again.created
    assert again.contact.id == first.contact.id
    assert first.contact.linkedin_url == AMARA_URL
    assert first.contact.category_keys == ["mentor"]


def test_the_page_address_is_used_when_the_page_names_no_profile(session):
    record = parse_profile("Jo Bloggs\nFounder at Example Ltd\nLondon")
    saved = capture_profile(session, record, "https://www.linkedin.com/in/jo-bloggs?trk=x")
    assert saved.contact.linkedin_url == "https://www.linkedin.com/in/jo-bloggs/"


def test_a_known_person_comes_with_categories_goals_and_a_draft(session, data_path):
    html = (data_path / "profiles" / "html" / "logged_in_2024.html").read_text()
    contact = capture_profile(session, parse_profile(html), AMARA_URL).contact
    goal = create_goal(session, GoalInput(title="Move into platform leadership", purpose="career"))
    shortlist(session, goal, contact, None)
    person = known_person(session, "https://linkedin.com/in/amara-nwosu-7a1b2c")
    assert person["contact"]["name"] == "Amara Nwosu"
    assert person["categories"] == [
        {"key": "mentor", "label": "Mentor", "reason": "headline says 'Mentor'"}
    ]
    assert person["goals"] == [
        {
            "id": goal.id,
            "title": goal.title,
            "purpose": "career",
            "stage": "shortlisted",
            "stage_label": "Shortlisted",
        }
    ]
    assert person["draft"]["body"].startswith("Hi Amara,")
    assert set(person["draft"]) == {
        "channel",
        "channel_label",
        "subject",
        "body",
        "questions",
        "length",
        "limit",
    }
    assert person["draft"]["channel_label"] == CHANNELS.label(person["draft"]["channel"])


def test_an_unknown_profile_is_not_found(session):
    with pytest.raises(NotFound, match="not in Outreach Helper yet"):
        known_person(session, "https://www.linkedin.com/in/nobody-here/")
