"""helper.importers.mail_history: interactions, skip counts and per-person numbers from mail.

`relationships_hand_checked.mbox` (owner me@example.org, alias me@old.example.org), by hand:
 1 me -> alice 2024-01-10          sent alice
 2 alice -> me 2024-01-11          received alice
 3 me -> alice, cc bob 2024-02-01  sent alice, sent bob
 4 bob -> me 2024-03-05            received bob
 5 bob -> me, cc carol 2024-03-06  received bob (carol is not the owner's correspondent here)
 6 carol -> old alias 2024-04-01   received carol
 7 list mail (List-Id)             skipped: automated
 8 no-reply@shop                   skipped: automated
 9 me -> own alias                 skipped: own address
10 dave -> eve                     skipped: not addressed to you
11 copy of message 2               skipped: duplicate message
12 me -> alice 2024-06-30          sent alice
alice: sent 3, received 1, 2024-01-10 .. 2024-06-30, reciprocity 1/3
bob:   sent 1, received 2, 2024-02-01 .. 2024-03-06, reciprocity 1/2
carol: sent 0, received 1, 2024-04-01 .. 2024-04-01, reciprocity 0
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from helper.importers import mbox
from helper.importers.mail_history import (
    InteractionBuilder,
    OwnerTally,
    infer_owner,
    interactions_from_messages,
    iter_interactions,
    relationship_stats,
)
from helper.records import Address, InteractionRecord, MailMessage, RelationshipStats

OWNER = {"me@example.org", "me@old.example.org"}


def messages_of(path: Path) -> list[MailMessage]:
    with path.open("rb") as stream:
        return [item for item in mbox.read(stream) if isinstance(item, MailMessage)]


@pytest.fixture
def hand_checked(data_path: Path) -> list[MailMessage]:
    return messages_of(data_path / "mbox" / "relationships_hand_checked.mbox")


def day(month: int, dd: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2024, month, dd, hour, minute, tzinfo=UTC)


def test_the_hand_checked_mailbox_gives_these_interactions(
    hand_checked: list[MailMessage],
) -> None:
    interactions, skipped = interactions_from_messages(hand_checked, OWNER)
    assert [(i.kind, i.email, i.source_ref) for i in interactions] == [
        ("email_sent", "alice@example.com", "r1@mail.example.org:alice@example.com"),
        ("email_received", "alice@example.com", "r2@mail.example.org:alice@example.com"),
        ("email_sent", "alice@example.com", "r3@mail.example.org:alice@example.com"),
        ("email_sent", "bob@example.com", "r3@mail.example.org:bob@example.com"),
        ("email_received", "bob@example.com", "r4@mail.example.org:bob@example.com"),
        ("email_received", "bob@example.com", "r5@mail.example.org:bob@example.com"),
        ("email_received", "carol@example.com", "r6@mail.example.org:carol@example.com"),
        ("email_sent", "alice@example.com", "r12@mail.example.org:alice@example.com"),
    ]
    assert interactions[1] == InteractionRecord(
        kind="email_received",
        when=day(1, 11, 10, 30),
        source_ref="r2@mail.example.org:alice@example.com",
        email="alice@example.com",
        name="Alice Archer",
        channel="email",
        summary="Re: Lunch?",
    )
    assert skipped.by_reason == Counter(
        {
            "automated: mailing list (List-Id)": 1,
            "automated: no-reply sender": 1,
            "own address": 1,
            "not addressed to you": 1,
            "duplicate message": 1,
        }
    )
    assert skipped.total == 5


def test_the_hand_checked_relationship_numbers(hand_checked: list[MailMessage]) -> None:
    interactions, _ = interactions_from_messages(hand_checked, OWNER)
    stats = relationship_stats(interactions)
    assert stats == {
        "alice@example.com": RelationshipStats(
            sent=3, received=1, first_contact=day(1, 10, 9), last_contact=day(6, 30, 18)
        ),
        "bob@example.com": RelationshipStats(
            sent=1, received=2, first_contact=day(2, 1, 8, 15), last_contact=day(3, 6, 12)
        ),
        "carol@example.com": RelationshipStats(
            sent=0, received=1, first_contact=day(4, 1, 14, 45), last_contact=day(4, 1, 14, 45)
        ),
    }
    assert stats["alice@example.com"].reciprocity == pytest.approx(1 / 3)
    assert stats["bob@example.com"].reciprocity == 0.5
    assert stats["carol@example.com"].reciprocity == 0.0


def test_automated_mail_is_kept_when_asked(hand_checked: list[MailMessage]) -> None:
    interactions, skipped = interactions_from_messages(hand_checked, OWNER, skip_automated=False)
    assert {i.email for i in interactions} >= {
        "news@lists.example.com",
        "no-reply@shop.example.com",
    }
    assert not any(reason.startswith("automated") for reason in skipped.by_reason)


def test_the_owner_is_the_address_on_the_most_messages(hand_checked: list[MailMessage]) -> None:
    assert infer_owner(hand_checked) == "me@example.org"
    assert infer_owner(iter(hand_checked)) == "me@example.org"


def test_no_messages_infer_no_owner() -> None:
    assert infer_owner([]) is None


def test_on_a_tie_the_owner_is_the_address_seen_first() -> None:
    message = MailMessage("a", None, Address("", "x@example.com"), [Address("", "y@example.com")])
    tally = OwnerTally()
    tally.add(message)
    assert tally.owner() == "x@example.com"


def test_the_corpus_takeout_owner_and_interactions(corpus_path: Path) -> None:
    messages = messages_of(corpus_path / "mbox" / "mimekit_gmail_takeout_style_4msgs.mbox")
    owner = infer_owner(messages)
    assert owner == "sender@example.com"
    interactions, skipped = interactions_from_messages(messages, {owner})
    assert [(i.kind, i.email) for i in interactions] == [
        ("email_sent", "recipient@example.com")
    ] * 4
    assert skipped.total == 0


def test_takeout_postmarks_give_the_sender_as_owner_and_four_sent_emails(data_path: Path) -> None:
    messages = messages_of(data_path / "mbox" / "takeout_postmarks.mbox")
    owner = infer_owner(messages)
    assert owner == "marisol.vega@example.com"
    interactions, skipped = interactions_from_messages(messages, {owner})
    assert [(i.kind, i.email) for i in interactions] == [("email_sent", "theo@example.org")] * 4
    assert skipped.total == 0


def test_reading_the_same_mbox_twice_gives_the_same_source_refs(data_path: Path) -> None:
    path = data_path / "mbox" / "relationships_hand_checked.mbox"
    first, _ = interactions_from_messages(messages_of(path), OWNER)
    second, _ = interactions_from_messages(messages_of(path), OWNER)
    assert [i.source_ref for i in first] == [i.source_ref for i in second]
    assert len({i.source_ref for i in first}) == len(first)


def split_postmarks(raw: bytes) -> list[bytes]:
    """The hand-checked file's messages as separate byte strings (each starts 'From ')."""
    parts = raw.split(b"\nFrom sender@")
    return [parts[0] + b"\n", *(b"From sender@" + part + b"\n" for part in parts[1:])]


def test_an_overlapping_mbox_adds_only_the_new_refs(tmp_path: Path, data_path: Path) -> None:
    raw = (data_path / "mbox" / "relationships_hand_checked.mbox").read_bytes()
    chunks = split_postmarks(raw)
    assert len(chunks) == 12
    older, newer = tmp_path / "older.mbox", tmp_path / "newer.mbox"
    older.write_bytes(b"".join(chunks[:6]))
    newer.write_bytes(b"".join(chunks[3:]))
    builder = InteractionBuilder(OWNER)
    first = list(iter_interactions(messages_of(older), builder))
    second = list(iter_interactions(messages_of(newer), builder))
    assert [i.source_ref for i in first] == [
        "r1@mail.example.org:alice@example.com",
        "r2@mail.example.org:alice@example.com",
        "r3@mail.example.org:alice@example.com",
        "r3@mail.example.org:bob@example.com",
        "r4@mail.example.org:bob@example.com",
        "r5@mail.example.org:bob@example.com",
        "r6@mail.example.org:carol@example.com",
    ]
    assert [i.source_ref for i in second] == ["r12@mail.example.org:alice@example.com"]
    assert builder.skipped.by_reason["duplicate message"] == 4


def test_a_sent_message_without_recipients_is_skipped_with_its_reason() -> None:
    message = MailMessage("draft", None, Address("", "me@example.org"), [])
    interactions, skipped = interactions_from_messages([message], OWNER)
    assert interactions == []
    assert skipped.by_reason == Counter({"no recipient address": 1})


def test_a_received_message_without_a_sender_is_skipped_with_its_reason() -> None:
    message = MailMessage("nosender", None, None, [Address("", "me@example.org")])
    interactions, skipped = interactions_from_messages([message], OWNER)
    assert interactions == []
    assert skipped.by_reason == Counter({"no sender address": 1})


def test_undated_interactions_count_but_leave_first_and_last_contact_alone() -> None:
    interactions = [
        InteractionRecord("email_sent", None, "a:x", email="x@example.com"),
        InteractionRecord("email_received", day(5, 1), "b:x", email="x@example.com"),
        InteractionRecord("met", day(3, 1), "event:1:x", email="x@example.com"),
    ]
    assert relationship_stats(interactions) == {
        "x@example.com": RelationshipStats(
            sent=1, received=1, met=1, first_contact=day(3, 1), last_contact=day(5, 1)
        )
    }


def test_stats_accept_a_stream(hand_checked: list[MailMessage]) -> None:
    builder = InteractionBuilder(OWNER)
    stats = relationship_stats(iter_interactions(iter(hand_checked), builder))
    assert sorted(stats) == ["alice@example.com", "bob@example.com", "carol@example.com"]
