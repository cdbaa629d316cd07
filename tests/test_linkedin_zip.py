"""LinkedIn data-export zip: contacts, messages and invitations, and the archive-bomb limits."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helper.errors import ImportRefused
from helper.importers import linkedin_zip
from helper.records import InteractionRecord, Problem, ProfileRecord

EXPORT_MEMBERS = ("Connections.csv", "messages.csv", "Invitations.csv", "Profile.csv", "Skills.csv")


def build_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


@pytest.fixture
def export_zip(data_path: Path) -> io.BytesIO:
    """A LinkedIn export built from tests/data/linkedin_zip/ (no committed binary)."""
    folder = data_path / "linkedin_zip"
    return build_zip({name: (folder / name).read_bytes() for name in EXPORT_MEMBERS})


def read(stream: io.BytesIO) -> list[ProfileRecord | InteractionRecord | Problem]:
    return list(linkedin_zip.read(stream, name="export.zip"))


def of_type(items: list, kind: type) -> list:
    return [item for item in items if isinstance(item, kind)]


def test_connections_become_contacts_located_in_their_member(export_zip: io.BytesIO) -> None:
    priya, tom = of_type(read(export_zip), ProfileRecord)
    assert priya.name == "Priya Raman"
    assert priya.emails == ["priya@example.org"]
    assert priya.linkedin_url == "https://www.linkedin.com/in/priya-raman/"
    assert priya.connected_on == date(2026, 2, 8)
    assert priya.location_in_source == "Connections.csv line 5"
    assert priya.source == "linkedin_zip"
    assert tom.current_title == "Recruiter"


def test_messages_become_interactions_with_the_other_person(export_zip: io.BytesIO) -> None:
    messages = [
        i for i in of_type(read(export_zip), InteractionRecord) if "messages" in i.source_ref
    ]
    assert messages == [
        InteractionRecord(
            kind="message",
            when=datetime(2025, 6, 1, 14, 3, 22, tzinfo=UTC),
            source_ref="linkedin:messages:2-abc:2025-06-01 14:03:22 UTC:Sam Owner:"
            "https://www.linkedin.com/in/priya-raman/",
            name="Priya Raman",
            linkedin_url="https://www.linkedin.com/in/priya-raman/",
            channel="linkedin_message",
            summary="Message sent: Great to meet you at the summit",
        ),
        InteractionRecord(
            kind="message",
            when=datetime(2025, 6, 2, 9, 10, tzinfo=UTC),
            source_ref="linkedin:messages:2-abc:2025-06-02 09:10:00 UTC:Priya Raman",
            name="Priya Raman",
            linkedin_url="https://www.linkedin.com/in/priya-raman/",
            channel="linkedin_message",
            summary="Message received: Likewise! Coffee next week?",
        ),
        InteractionRecord(
            kind="message",
            when=datetime(2025, 7, 11, 8, 0, tzinfo=UTC),
            source_ref="linkedin:messages:2-def:2025-07-11 08:00:00 UTC:Tom Baker",
            name="Tom Baker",
            linkedin_url="https://www.linkedin.com/in/tombaker/",
            channel="linkedin_message",
            summary="Message received: Role at Contoso",
        ),
    ]


def test_invitations_become_connect_interactions_in_both_directions(
    export_zip: io.BytesIO,
) -> None:
    invitations = [
        i for i in of_type(read(export_zip), InteractionRecord) if i.channel == "linkedin_connect"
    ]
    assert [(i.name, i.when, i.summary, i.source_ref) for i in invitations] == [
        (
            "Priya Raman",
            datetime(2026, 1, 29, 14, 37),
            "Invitation sent: Enjoyed your talk on data quality.",
            "linkedin:invitations:outgoing:1/29/26, 2:37 PM:https://www.linkedin.com/in/priya-raman/",
        ),
        (
            "Leo Park",
            datetime(2026, 2, 3, 9, 5),
            "Invitation received",
            "linkedin:invitations:incoming:2/3/26, 9:05 AM:https://www.linkedin.com/in/leopark/",
        ),
    ]


def test_bad_rows_and_other_members_are_named_problems(export_zip: io.BytesIO) -> None:
    assert of_type(read(export_zip), Problem) == [
        Problem(
            "messages.csv line 5",
            "unreadable DATE 'not a date'",
            "2-ghi,,Sam Owner,https://www.linkedin.com/in/samowner,Ana Lima,"
            "https://www.linkedin.com/in/analima,not a date,,Hello,INBOX",
        ),
        Problem("Profile.csv", "ignored: not a contact file"),
        Problem("Skills.csv", "ignored: not a contact file"),
    ]


def test_reading_twice_gives_the_same_source_refs(export_zip: io.BytesIO) -> None:
    first = [i.source_ref for i in of_type(read(export_zip), InteractionRecord)]
    export_zip.seek(0)
    second = [i.source_ref for i in of_type(read(export_zip), InteractionRecord)]
    assert first == second
    assert len(set(first)) == len(first)


MESSAGES_HEADER = (
    b"CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    b"DATE,SUBJECT,CONTENT,FOLDER\n"
)


def test_the_owner_is_whoever_is_in_every_conversation_without_other_hints() -> None:
    rows = (
        b"c1,,Ana Lima,https://www.linkedin.com/in/analima,Me Myself,"
        b"https://www.linkedin.com/in/me,2025-01-01 10:00:00 UTC,,hi,INBOX\n"
        b"c2,,Me Myself,https://www.linkedin.com/in/me,Bo Chen,"
        b"https://www.linkedin.com/in/bochen,2025-01-02 10:00:00 UTC,,hello,INBOX\n"
    )
    items = read(build_zip({"messages.csv": MESSAGES_HEADER + rows}))
    assert [(i.name, i.summary) for i in of_type(items, InteractionRecord)] == [
        ("Ana Lima", "Message received: hi"),
        ("Bo Chen", "Message sent: hello"),
    ]


def test_a_single_conversation_tie_is_broken_by_profile_csv() -> None:
    rows = (
        b"c1,,Ana Lima,,Me Myself,,2025-01-01 10:00:00 UTC,,hi,INBOX\n"
        b"c1,,Me Myself,,Ana Lima,,2025-01-02 10:00:00 UTC,,hello,INBOX\n"
    )
    members = {
        "messages.csv": MESSAGES_HEADER + rows,
        "Profile.csv": b"First Name,Last Name,Headline\nMe,Myself,x\n",
    }
    items = read(build_zip(members))
    assert [(i.name, i.summary) for i in of_type(items, InteractionRecord)] == [
        ("Ana Lima", "Message received: hi"),
        ("Ana Lima", "Message sent: hello"),
    ]


def test_members_in_a_folder_are_found_by_their_file_name(data_path: Path) -> None:
    folder = data_path / "linkedin_zip"
    stream = build_zip({"Export_2026/Connections.csv": (folder / "Connections.csv").read_bytes()})
    assert [p.name for p in of_type(read(stream), ProfileRecord)] == ["Priya Raman", "Tom Baker"]


@pytest.mark.parametrize(
    "member", ["../Connections.csv", "/etc/Connections.csv", "a/../../x.csv", "C:\\x.csv"]
)
def test_unsafe_member_paths_are_refused(member: str) -> None:
    stream = build_zip({member: b"First Name,Last Name,URL\n", "Connections.csv": b"x"})
    with pytest.raises(ImportRefused, match="unsafe member path"):
        read(stream)


def test_a_zip_bomb_is_refused_before_inflating() -> None:
    stream = build_zip({"Connections.csv": b"\0" * (20 << 20)})
    with pytest.raises(
        ImportRefused, match=r"compressed \d[\d,]* to 1, the mark of an archive bomb"
    ):
        read(stream)


def test_too_many_members_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linkedin_zip, "MAX_MEMBERS", 3)
    stream = build_zip({f"f{n}.csv": b"x" for n in range(4)})
    with pytest.raises(ImportRefused, match="holds 4 members, over the limit of 3"):
        read(stream)


def test_a_member_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linkedin_zip, "MAX_MEMBER_BYTES", 100)
    stream = build_zip({"Connections.csv": b"a" * 101}, zipfile.ZIP_STORED)
    with pytest.raises(ImportRefused, match="unpacks to 101 bytes, over the limit of 100"):
        read(stream)


def test_a_zip_without_linkedin_files_is_refused() -> None:
    with pytest.raises(ImportRefused, match="not a LinkedIn data export"):
        read(build_zip({"notes.txt": b"hello"}))


def test_a_damaged_member_is_refused_with_its_name(data_path: Path) -> None:
    folder = data_path / "linkedin_zip"
    raw = bytearray(
        build_zip({"Connections.csv": (folder / "Connections.csv").read_bytes()}).read()
    )
    raw[40:60] = b"\xff" * 20
    with pytest.raises(ImportRefused, match=r"Connections\.csv is damaged|not a readable zip"):
        read(io.BytesIO(bytes(raw)))


def test_bytes_that_are_no_zip_are_refused() -> None:
    with pytest.raises(ImportRefused, match="not a readable zip archive"):
        read(io.BytesIO(b"First Name,Last Name\n"))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_messages_csv_bytes_yield_only_records_and_problems(body: bytes) -> None:
    try:
        items = read(build_zip({"messages.csv": MESSAGES_HEADER + body}))
    except ImportRefused:
        return
    for item in items:
        assert isinstance(item, InteractionRecord | Problem)


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=1, max_size=300), st.integers(min_value=0, max_value=200))
def test_corrupted_archives_are_read_or_refused(noise: bytes, offset: int) -> None:
    raw = bytearray(build_zip({"Invitations.csv": b"From,To,Sent At,Direction\n"}).read())
    raw[offset : offset + len(noise)] = noise
    try:
        for item in read(io.BytesIO(bytes(raw))):
            assert isinstance(item, ProfileRecord | InteractionRecord | Problem)
    except ImportRefused:
        pass
