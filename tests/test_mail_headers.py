"""helper.importers.mail_headers: one raw header block to one MailMessage, in bounded time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from helper.importers.mail_headers import (
    MAX_ADDRESSES_PER_HEADER,
    MAX_SUBJECT_CHARS,
    decode_words,
    parse_header_block,
    split_address_list,
)
from helper.records import Address, MailMessage, Problem

LOCATION = "message 7 (byte 1234)"


def parse(raw: bytes) -> tuple[MailMessage, list[Problem]]:
    items = list(parse_header_block(raw, location=LOCATION))
    message = items[0]
    assert isinstance(message, MailMessage)
    problems = items[1:]
    assert all(isinstance(problem, Problem) for problem in problems)
    return message, problems  # type: ignore[return-value]


def headers(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


DATED = "Date: Mon, 01 Jan 2024 09:30:00 +0100"


def test_a_plain_message_gives_sender_recipients_subject_date_and_message_id() -> None:
    message, problems = parse(
        headers(
            "From: Ann Lee <Ann@Example.com>",
            "To: Bob <bob@example.com>, carol@example.com",
            "Cc: Dan <dan@example.com>",
            "Subject: Hello there",
            DATED,
            "Message-ID: <abc.123@mail.example.com>",
        )
    )
    assert message == MailMessage(
        source_ref="abc.123@mail.example.com",
        sent_at=datetime(2024, 1, 1, 9, 30, tzinfo=timezone(timedelta(hours=1))),
        sender=Address("Ann Lee", "ann@example.com"),
        recipients=[
            Address("Bob", "bob@example.com"),
            Address("", "carol@example.com"),
            Address("Dan", "dan@example.com"),
        ],
        subject="Hello there",
        automated_reason="",
        location=LOCATION,
    )
    assert problems == []


def test_adjacent_encoded_words_join_without_a_stray_space() -> None:
    assert decode_words("=?utf-8?Q?J=C3=BCrgen?= =?utf-8?Q?_Schm=C3=BCrgen?=") == "Jürgen Schmürgen"
    assert decode_words("Re: =?utf-8?Q?K=C3=BCche?= und Keller") == "Re: Küche und Keller"


def test_encoded_words_in_utf7_iso2022jp_gb2312_and_windows1252_decode() -> None:
    assert decode_words("=?utf-7?B?SitBUHctcmdlbiBTY2htK0FQdy1yZ2Vu?=") == "Jürgen Schmürgen"
    assert decode_words("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=") == "日本語"
    assert decode_words("=?GB2312?B?1cXPyMn6?=") == "张先生"
    assert decode_words("=?Windows-1252?Q?Heinz_M=FCller=96ok?=") == "Heinz Müller–ok"


def test_an_unknown_charset_falls_back_to_utf8_then_latin1() -> None:
    assert decode_words("=?x-made-up?Q?J=C3=BCrgen?=") == "Jürgen"
    assert decode_words("=?utf-8?Q?caf=E9?=") == "café"


def test_a_charset_that_yields_lone_surrogates_falls_back_to_the_raw_bytes() -> None:
    assert decode_words("=?utf-7?Q?+2AA-?=") == "+2AA-"
    assert decode_words("=?raw-unicode-escape?Q?=5Cud800?=") == "\\ud800"


def test_an_encoded_comma_inside_a_name_does_not_split_the_address() -> None:
    message, problems = parse(
        headers("From: a@example.com", "To: =?utf-8?Q?Doe=2C_John?= <john@example.com>", DATED)
    )
    assert message.recipients == [Address("Doe, John", "john@example.com")]
    assert problems == []


def test_raw_latin1_header_bytes_decode_without_replacement_characters() -> None:
    raw = b'From: "J\xfcrgen Schm\xfcrgen" <js@example.com>\n' + DATED.encode() + b"\n"
    message, _ = parse(raw)
    assert message.sender == Address("Jürgen Schmürgen", "js@example.com")


def test_raw_utf8_header_bytes_decode_as_utf8() -> None:
    message, _ = parse(headers('From: "Zoë Brontë" <zoe@example.com>', DATED))
    assert message.sender == Address("Zoë Brontë", "zoe@example.com")


def test_folded_headers_are_unfolded() -> None:
    raw = b"From: a@example.com\r\nTo: Joe <joe@example.com>,\r\n\tAnn\r\n <ann@example.com>\r\n"
    raw += b"Subject: one\r\n   two\r\n" + DATED.encode() + b"\r\n"
    message, _ = parse(raw)
    assert message.recipients == [
        Address("Joe", "joe@example.com"),
        Address("Ann", "ann@example.com"),
    ]
    assert message.subject == "one two"


def test_a_display_name_that_is_an_address_never_wins_over_the_real_address() -> None:
    message, _ = parse(headers("From: alice@example.com <bob@example.net>", DATED))
    assert message.sender == Address("", "bob@example.net")


def test_the_first_of_duplicate_from_headers_wins() -> None:
    message, _ = parse(headers("From: First <first@example.com>", DATED, "From: Second <s@x.com>"))
    assert message.sender == Address("First", "first@example.com")


def test_a_uucp_bang_path_is_a_problem_not_a_recipient() -> None:
    message, problems = parse(headers("From: a@example.com", "To: mcvax!cwi!guido", DATED))
    assert message.recipients == []
    assert problems == [
        Problem(LOCATION, "To holds an unusable address: mcvax!cwi!guido", "mcvax!cwi!guido")
    ]


def test_a_source_route_keeps_only_the_final_mailbox() -> None:
    message, problems = parse(
        headers(
            "From: a@example.com", "To: <@relay.example.net,@hop.example.net:c@example.com>", DATED
        )
    )
    assert message.recipients == [Address("", "c@example.com")]
    assert problems == []


def test_addresses_without_a_domain_or_at_sign_are_problems() -> None:
    message, problems = parse(
        headers("From: a@example.com", "To: def <ydefmail.com>, john@", DATED)
    )
    assert message.recipients == []
    assert [problem.raw for problem in problems] == ["def <ydefmail.com>", "john@"]


def test_a_non_ascii_local_part_is_accepted_when_email_validator_accepts_it() -> None:
    message, _ = parse("From: danglüe@email.com\nDate: Mon, 1 Jan 2024 0:00 +0000\n".encode())
    assert message.sender == Address("", "danglüe@email.com")


def test_a_local_part_email_validator_rejects_is_a_problem_not_a_crash() -> None:
    message, problems = parse("From: a@example.com\nTo: bad\u200bname@example.com\n".encode())
    assert message.recipients == []
    assert problems[0].message == "To holds an unusable address: bad\u200bname@example.com"


def test_group_syntax_gives_its_members_and_undisclosed_recipients_gives_none() -> None:
    assert list(split_address_list("Team: a@x.com, b@y.com;, undisclosed-recipients:;")) == [
        " a@x.com",
        " b@y.com",
    ]


def test_quoted_commas_do_not_split_addresses() -> None:
    assert list(split_address_list('"Brown, Bob" <bob@x.com>,ann@y.com')) == [
        '"Brown, Bob" <bob@x.com>',
        "ann@y.com",
    ]


def test_a_missing_date_keeps_the_message_and_notes_it() -> None:
    message, problems = parse(headers("From: a@example.com"))
    assert message.sent_at is None
    assert problems == [Problem(LOCATION, "no Date header; the message is kept without a date")]


def test_a_malformed_date_keeps_the_message_and_notes_it() -> None:
    message, problems = parse(headers("From: a@example.com", "Date: someday soon"))
    assert message.sent_at is None
    assert problems == [
        Problem(
            LOCATION,
            "the Date header cannot be read; the message is kept without a date",
            "someday soon",
        )
    ]


def test_a_date_with_no_utc_time_at_the_calendar_end_is_noted_not_fatal() -> None:
    date = "Fri, 31 Dec 9999 23:59:59 -1200"
    message, problems = parse(headers("From: a@example.com", f"Date: {date}"))
    assert message.sent_at is None
    assert problems == [
        Problem(
            LOCATION, "the Date header cannot be read; the message is kept without a date", date
        )
    ]


def test_a_date_with_an_unknown_zone_is_taken_as_utc() -> None:
    message, _ = parse(headers("From: a@example.com", "Date: Mon, 01 Jan 2024 09:30:00 -0000"))
    assert message.sent_at == datetime(2024, 1, 1, 9, 30, tzinfo=UTC)


def test_without_a_message_id_the_source_ref_is_a_stable_hash_of_headers() -> None:
    block = headers("From: a@example.com", "To: b@example.com", "Subject: s", DATED)
    first, _ = parse(block)
    again, _ = parse(b"X-Trace: changes between copies\n" + block)
    other, _ = parse(block.replace(b"Subject: s", b"Subject: t"))
    assert first.source_ref.startswith("sha256:")
    assert len(first.source_ref) == len("sha256:") + 64
    assert again.source_ref == first.source_ref
    assert other.source_ref != first.source_ref


def test_automated_mail_is_recognised_with_its_reason() -> None:
    cases = {
        "Auto-Submitted: auto-replied": "Auto-Submitted: auto-replied",
        "Auto-Submitted: no": "",
        "Precedence: bulk": "Precedence: bulk",
        "Precedence: first-class": "",
        "List-Id: <dev.example.com>": "mailing list (List-Id)",
    }
    for line, reason in cases.items():
        message, _ = parse(headers("From: ann@example.com", line, DATED))
        assert message.automated_reason == reason, line


def test_no_reply_like_senders_are_automated() -> None:
    for sender in (
        "noreply",
        "no-reply",
        "DoNotReply",
        "mailer-daemon",
        "notifications",
        "x-noreply",
    ):
        message, _ = parse(headers(f"From: {sender}@example.com", DATED))
        assert message.automated_reason == "no-reply sender", sender
    message, _ = parse(headers("From: notificationsteam-lead@example.com", DATED))
    assert message.automated_reason == ""


def test_a_block_without_any_mail_header_is_a_problem_only() -> None:
    items = list(parse_header_block(b"Year: 1963\n", location=LOCATION))
    assert items == [
        Problem(
            LOCATION,
            "no From, To, Cc, Date, Subject or Message-ID header; the message was skipped",
            "Year: 1963\n",
        )
    ]


def test_a_one_megabyte_header_line_is_cut_and_noted() -> None:
    raw = headers("From: a@example.com", DATED, "Subject: " + "x" * 1_000_000)
    message, problems = parse(raw)
    assert message.subject == "x" * MAX_SUBJECT_CHARS
    assert problems[0].message == "the headers are longer than 256 KB; only the first part was read"


def test_fifty_thousand_recipients_are_capped_at_one_thousand() -> None:
    to = ", ".join(f"Person {i} <p{i}@example.com>" for i in range(50_000))
    message, problems = parse(headers("From: a@example.com", DATED, f"To: {to}"))
    assert len(message.recipients) == MAX_ADDRESSES_PER_HEADER
    assert message.recipients[-1] == Address("Person 999", "p999@example.com")
    assert [problem.message for problem in problems] == [
        "the headers are longer than 256 KB; only the first part was read",
        "To lists more than 1,000 addresses; only the first ones were read",
    ]


@settings(max_examples=150, deadline=2000)
@given(st.binary(max_size=4000))
def test_any_bytes_give_only_messages_and_problems(raw: bytes) -> None:
    for item in parse_header_block(raw, location=LOCATION):
        assert isinstance(item, MailMessage | Problem)
        if isinstance(item, MailMessage):
            assert "\ufffd" not in item.subject
            item.subject.encode("utf-8")  # no lone surrogates
            assert all(address.email.count("@") == 1 for address in item.recipients)


HEADER_PIECES = st.sampled_from(
    [
        "From: ",
        "To: ",
        "Cc: ",
        "Date: ",
        "Subject: ",
        "=?utf-8?Q?",
        "=?utf-7?B?",
        "=?utf-7?Q?+2AA-",
        "=?x?B?",
        "?=",
        '"',
        "<",
        ">",
        "(",
        ")",
        ",",
        ":",
        ";",
        "@",
        "\\",
        "a@b.com",
        "\n",
        "\n ",
        " ",
        "ü",
        "\u00e9",
        "Mon, 01 Jan 2024",
    ]
)


@settings(max_examples=200, deadline=2000)
@given(st.lists(HEADER_PIECES, max_size=60))
def test_header_like_noise_never_raises(pieces: list[str]) -> None:
    items = list(parse_header_block("".join(pieces).encode("utf-8"), location=LOCATION))
    assert all(isinstance(item, MailMessage | Problem) for item in items)
    for item in items:
        if isinstance(item, MailMessage):
            names = [a.name for a in item.recipients] + [item.sender.name if item.sender else ""]
            "".join([item.subject, *names]).encode("utf-8")  # no lone surrogates


def _stdlib_date(value: str) -> tuple[str, object]:
    from email.utils import parsedate_to_datetime

    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return ("unreadable", None)
    return ("read", (parsed, parsed.utcoffset()))


@settings(max_examples=400, deadline=None)
@given(
    weekday=st.sampled_from(["", "Mon, ", "Sun, ", "Thu, "]),
    day=st.integers(0, 32),
    padded=st.booleans(),
    month=st.sampled_from(["Jan", "feb", "MAR", "Dec", "Foo"]),
    year=st.integers(1000, 9999),
    clock=st.tuples(st.integers(0, 25), st.integers(0, 61), st.integers(0, 61)),
    zone=st.tuples(st.sampled_from("+-"), st.integers(0, 25), st.integers(0, 99)),
)
def test_a_date_in_the_usual_form_reads_as_the_standard_library_reads_it(
    weekday: str,
    day: int,
    padded: bool,
    month: str,
    year: int,
    clock: tuple[int, int, int],
    zone: tuple[str, int, int],
) -> None:
    """The usual RFC 5322 form skips the standard library's general parser; what it gives,
    a date, its zone or "unreadable", must not change."""
    hour, minute, second = clock
    value = (
        f"{weekday}{day:02d}" if padded else f"{weekday}{day}"
    ) + f" {month} {year} {hour:02d}:{minute:02d}:{second:02d} {zone[0]}{zone[1]:02d}{zone[2]:02d}"
    message, problems = parse(headers("From: a@example.com", f"Date: {value}"))
    kind, expected = _stdlib_date(value)
    if kind == "unreadable":
        assert message.sent_at is None
        assert [p.message for p in problems] == [
            "the Date header cannot be read; the message is kept without a date"
        ]
        return
    parsed, offset = expected  # type: ignore[misc]
    wanted = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    assert message.sent_at == wanted
    assert message.sent_at.utcoffset() == (offset if parsed.tzinfo else timedelta(0))
    assert problems == []
