"""helper.importers.mbox: splitting mbox variants into messages, headers only, bounded."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helper.errors import ImportRefused
from helper.importers import mbox
from helper.records import Address, MailMessage, Problem

POSTMARK = b"From someone@example.com Mon Jan  1 00:00:00 2024\n"


def read_bytes(raw: bytes, **options: object) -> tuple[list[MailMessage], list[Problem]]:
    items = list(mbox.read(io.BytesIO(raw), **options))  # type: ignore[arg-type]
    messages = [item for item in items if isinstance(item, MailMessage)]
    problems = [item for item in items if isinstance(item, Problem)]
    assert len(messages) + len(problems) == len(items)
    return messages, problems


def read_file(path: Path) -> tuple[list[MailMessage], list[Problem]]:
    return read_bytes(path.read_bytes(), name=path.name)


def contacts(messages: list[MailMessage]) -> set[str]:
    found = {address.email for message in messages for address in message.recipients}
    return found | {message.sender.email for message in messages if message.sender}


def message_bytes(number: int, body: bytes = b"Hello.\n") -> bytes:
    headers = (
        f"From: Ann <ann@example.com>\nTo: me@example.org\nSubject: message {number}\n"
        f"Date: Mon, 01 Jan 2024 00:00:00 +0000\nMessage-ID: <m{number}@example.com>\n\n"
    )
    return POSTMARK + headers.encode() + body + b"\n"


def test_takeout_postmarks_give_four_messages_and_two_contacts(corpus_path: Path) -> None:
    messages, problems = read_file(corpus_path / "mbox" / "mimekit_gmail_takeout_style_4msgs.mbox")
    assert [message.subject for message in messages] == [f"Message {n}" for n in range(1, 5)]
    assert {message.sender for message in messages} == {Address("Sender", "sender@example.com")}
    assert all(
        message.recipients == [Address("Recipient", "recipient@example.com")]
        for message in messages
    )
    assert contacts(messages) == {"sender@example.com", "recipient@example.com"}
    assert problems == []


def test_takeout_postmarks_without_a_date_open_four_messages_and_two_contacts(
    data_path: Path,
) -> None:
    messages, problems = read_file(data_path / "mbox" / "takeout_postmarks.mbox")
    assert [message.subject for message in messages] == [f"Rehearsal {n}" for n in range(1, 5)]
    assert {message.sender for message in messages} == {
        Address("Marisol Vega", "marisol.vega@example.com")
    }
    assert all(
        message.recipients == [Address("Theo Lindqvist", "theo@example.org")]
        for message in messages
    )
    assert contacts(messages) == {"marisol.vega@example.com", "theo@example.org"}
    assert [message.location for message in messages] == [
        "message 1 (byte 0)",
        "message 2 (byte 568)",
        "message 3 (byte 5458)",
        "message 4 (byte 6026)",
    ]
    assert problems == []


def test_a_bom_and_unmunged_from_lines_give_two_real_messages_and_one_contact(
    corpus_path: Path,
) -> None:
    messages, problems = read_file(corpus_path / "mbox" / "mimekit_bom_unmunged_from.mbox")
    assert [message.subject for message in messages] == [
        "This is a test message with an unmunged From line",
        "Another test message with an unmunged From line",
    ]
    assert contacts(messages) == {"jeff@xamarin.com"}
    assert {message.sender for message in messages} == {
        Address("Jeffrey Stedfast", "jeff@xamarin.com")
    }
    assert [problem.message for problem in problems] == [
        "no Date header; the message is kept without a date"
    ] * 2


def test_a_bom_before_a_bare_postmark_and_unescaped_from_lines_give_two_messages(
    data_path: Path,
) -> None:
    path = data_path / "mbox" / "bom_unescaped_from_lines.mbox"
    assert path.read_bytes().startswith(b"\xef\xbb\xbfFrom -\n")
    messages, problems = read_file(path)
    assert [message.subject for message in messages] == [
        "A test message whose body has an unescaped From line",
        "One more test message with an unescaped From line",
    ]
    assert contacts(messages) == {"odile@example.org"}
    assert {message.sender for message in messages} == {
        Address("Odile Marchetti", "odile@example.org")
    }
    assert [message.location for message in messages] == [
        "message 1 (byte 3)",
        "message 2 (byte 254)",
    ]
    assert [problem.message for problem in problems] == [
        "no Date header; the message is kept without a date"
    ] * 2


def test_a_malformed_to_address_leaves_one_valid_contact(corpus_path: Path) -> None:
    messages, problems = read_file(corpus_path / "mbox" / "nodembox_4msgs_bad_to_address.mbox")
    assert [message.subject for message in messages] == ["mail 1", "mail 2", "mail 3", "mail 4"]
    assert contacts(messages) == {"abc@gmail.com"}
    assert [problem.message for problem in problems] == [
        "To holds an unusable address: def <ydefmail.com>"
    ] * 4
    assert problems[1].location == "message 2 (byte 297)"


def test_a_to_address_without_an_at_sign_is_a_problem_and_no_contact(data_path: Path) -> None:
    messages, problems = read_file(data_path / "mbox" / "malformed_to_address.mbox")
    assert [message.subject for message in messages] == ["note 1", "note 2", "note 3", "note 4"]
    assert contacts(messages) == {"quinn@example.com"}
    assert [problem.message for problem in problems] == [
        "To holds an unusable address: rory <roryexample.com>"
    ] * 4
    assert [problem.raw for problem in problems] == ["rory <roryexample.com>"] * 4
    assert problems[1].location == "message 2 (byte 303)"


def test_mboxrd_escapes_and_unescaped_body_from_lines_do_not_split(data_path: Path) -> None:
    messages, problems = read_file(data_path / "mbox" / "mboxrd_escaped_and_unescaped_from.mbox")
    assert [message.subject for message in messages] == ["quoting", "unescaped", "third"]
    assert problems == []


def test_thunderbird_postmarks_with_crlf_line_ends(data_path: Path) -> None:
    messages, problems = read_file(data_path / "mbox" / "thunderbird_crlf.mbox")
    assert [message.subject for message in messages] == [f"thunderbird {n}" for n in (1, 2, 3)]
    assert [message.location for message in messages] == [
        "message 1 (byte 0)",
        "message 2 (byte 210)",
        "message 3 (byte 420)",
    ]
    assert problems == []


def test_a_body_cut_mid_line_keeps_both_messages_and_notes_the_cut(data_path: Path) -> None:
    messages, problems = read_file(data_path / "mbox" / "truncated_body.mbox")
    assert [message.subject for message in messages] == ["first", "second"]
    assert problems == [
        Problem("message 2 (byte 182)", "the file ends mid-line; the last message may be cut off")
    ]


def test_headers_cut_by_the_end_of_file_keep_what_is_readable(data_path: Path) -> None:
    messages, problems = read_file(data_path / "mbox" / "truncated_headers.mbox")
    assert [message.subject for message in messages] == ["first", ""]
    assert messages[1].sender == Address("Ann", "ann@example.com")
    assert messages[1].recipients == []
    assert problems[-1] == Problem(
        "message 2 (byte 182)", "the file ends inside this message's headers; it is cut off"
    )


def test_a_binary_file_renamed_mbox_is_refused(data_path: Path) -> None:
    with pytest.raises(ImportRefused) as refused:
        read_file(data_path / "mbox" / "binary_renamed.mbox")
    assert str(refused.value) == (
        "binary_renamed.mbox: this is not an mbox file: it does not start with a 'From ' line"
    )


def test_an_empty_file_is_refused(data_path: Path) -> None:
    with pytest.raises(ImportRefused) as refused:
        read_file(data_path / "mbox" / "empty.mbox")
    assert refused.value.message == "the file is empty; there are no messages to import"


def test_automated_variants_carry_their_reason(data_path: Path) -> None:
    messages, _ = read_file(data_path / "mbox" / "automated_variants.mbox")
    assert [message.automated_reason for message in messages] == [
        "Auto-Submitted: auto-replied",
        "",
        "Precedence: bulk",
        "Precedence: list",
        "Precedence: junk",
        "mailing list (List-Id)",
        *["no-reply sender"] * 6,
    ]


def test_a_postmark_followed_by_no_headers_is_not_a_message() -> None:
    body = (
        b"Story:\n\nFrom 1999 onwards\nand then more prose\n\nFrom Russia with love\nYear: 1963\n"
    )
    messages, problems = read_bytes(message_bytes(1, body) + message_bytes(2))
    assert [message.subject for message in messages] == ["message 1", "message 2"]
    assert problems == []


def test_a_one_megabyte_header_line_is_a_bounded_problem_and_reading_goes_on() -> None:
    huge = POSTMARK + b"From: a@example.com\nX-Huge: " + b"z" * 1_000_000 + b"\n\nbody\n"
    messages, problems = read_bytes(huge + message_bytes(2))
    assert [message.subject for message in messages] == ["", "message 2"]
    assert problems[0] == Problem(
        "message 1 (byte 0)",
        "the headers are longer than 256 KB; only the first part was read",
        "From: a@example.com\nX-Huge: " + "z" * 172,
    )


def test_a_fifty_thousand_address_to_header_is_capped_and_noted() -> None:
    to = ", ".join(f"p{i}@example.com" for i in range(50_000)).encode()
    raw = POSTMARK + b"From: a@example.com\nTo: " + to + b"\n\nbody\n" + message_bytes(2)
    messages, problems = read_bytes(raw)
    assert [len(message.recipients) for message in messages] == [1_000, 1]
    assert "To lists more than 1,000 addresses; only the first ones were read" in {
        problem.message for problem in problems
    }


def test_bodies_and_attachments_are_skipped_across_chunk_boundaries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(mbox, "CHUNK_BYTES", 97)
    attachment = b"QUJD" * 5_000 + b"\n"
    raw = b"".join(message_bytes(n, attachment) for n in range(1, 21))
    messages, problems = read_bytes(raw)
    assert [message.subject for message in messages] == [f"message {n}" for n in range(1, 21)]
    assert problems == []


def test_progress_reports_bytes_consumed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mbox, "CHUNK_BYTES", 1_000)
    monkeypatch.setattr(mbox, "PROGRESS_EVERY_BYTES", 4_000)
    raw = b"".join(message_bytes(n, b"x" * 900 + b"\n") for n in range(10))
    reported: list[int] = []
    read_bytes(raw, progress=reported.append)
    assert reported == sorted(reported)
    assert len(reported) >= 3
    assert reported[-1] == len(raw)


def test_memory_stays_bounded_by_the_chunk_not_the_file() -> None:
    class Chunks(io.RawIOBase):
        """A 40 MB mbox produced on the fly, so the test itself holds none of it."""

        def __init__(self) -> None:
            self.remaining = 400
            self.pending = b""

        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            while len(self.pending) < size and self.remaining:
                self.remaining -= 1
                self.pending += message_bytes(self.remaining, b"B" * 100_000 + b"\n")
            data, self.pending = self.pending[:size], self.pending[size:]
            return data

    import tracemalloc

    tracemalloc.start()
    count = sum(1 for item in mbox.read(Chunks()) if isinstance(item, MailMessage))  # type: ignore[arg-type]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 400
    assert peak < 4 * mbox.CHUNK_BYTES


@settings(max_examples=150, deadline=2000)
@given(st.binary(max_size=5000))
def test_arbitrary_bytes_give_messages_problems_or_a_refusal(raw: bytes) -> None:
    try:
        messages, problems = read_bytes(raw)
    except ImportRefused:
        return
    assert all(isinstance(problem.location, str) for problem in problems)
    assert all(message.location.startswith("message ") for message in messages)


@settings(max_examples=150, deadline=2000)
@given(st.binary(max_size=5000))
def test_arbitrary_bytes_after_a_postmark_are_never_refused(tail: bytes) -> None:
    read_bytes(POSTMARK + tail)


BODY_LINES = st.lists(
    st.sampled_from(
        [
            b"From here on, prose.",
            b"From 2010 to 2012.",
            b">From the archive",
            b"Year: 1963",
            b"Content-Type: text/plain",
            b"",
            b"--boundary",
            b"QUJDREVGR0g=",
            b"From: inside a quoted reply",
        ]
    ),
    max_size=12,
)


@settings(max_examples=100, deadline=2000)
@given(st.lists(BODY_LINES, min_size=1, max_size=8))
def test_body_lines_never_create_or_lose_messages(bodies: list[list[bytes]]) -> None:
    raw = b"".join(message_bytes(n, b"\n".join(lines) + b"\n") for n, lines in enumerate(bodies))
    messages, _ = read_bytes(raw)
    assert [message.subject for message in messages] == [f"message {n}" for n in range(len(bodies))]


@pytest.mark.parametrize(
    "text",
    [
        b"From someone@example.com Mon Jan  1 09:30:00 2024\nFrom: a@example.com\n",
        b"From someone@example.com\r\nX-Custom: 1\r\n Received-too\r\nSubject: hi\r\n",
        b"From 2010 to 2012.\nFrom: a@example.com\n",
        b"From Russia with love\nYear: 1963\n\n",
        b"From someone Mon Jan  1 09:30:00 2024\nX-Custom: 1\n",
        b"From someone Mon Jan  1 09:30:00 2024\nFro",
    ],
)
def test_a_postmark_is_judged_in_place_as_on_its_own_bytes(text: bytes) -> None:
    """The reader judges a candidate "From " line where it stands in its window, up to the
    look-ahead's end; the answer is the one the line's bytes alone would give."""
    alone = mbox.opens_message(text)
    padded = b"body line\n" + text + b"Subject: after the look-ahead\n"
    start = len(b"body line\n")
    assert mbox.opens_message(padded, start, start + len(text)) is alone
