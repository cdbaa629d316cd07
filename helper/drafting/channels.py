"""The channel catalogue: each way of reaching a person, with its documented limits.

Every number that comes from a platform cites its source beside it. A hard limit is never
exceeded by a draft; a soft limit only raises a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from helper.errors import OutreachError
from helper.normalize import normalize_email, normalize_linkedin_url
from helper.records import ContactSnapshot, MeProfile
from helper.vocabulary import CHANNELS


class Counting(StrEnum):
    """How a platform counts the length of what you type."""

    CODEPOINTS = "codepoints"
    UTF16 = "utf16"
    X_WEIGHTED = "x_weighted"
    WORDS = "words"


@dataclass(frozen=True)
class Channel:
    key: str
    counting: Counting
    body_limit: int | None = None
    body_soft_limit: int | None = None
    subject_limit: int | None = None
    subject_soft_limit: int | None = None
    greeting_unknown: str = "Hi there,"
    sign_off: str = ""
    call_minutes: int = 0

    @property
    def label(self) -> str:
        return CHANNELS.label(self.key)

    @property
    def has_subject(self) -> bool:
        return self.subject_limit is not None

    @property
    def unit(self) -> str:
        return "words" if self.counting is Counting.WORDS else "characters"


# LinkedIn's text boxes are HTML form fields, whose maxlength counts UTF-16 code units (HTML
# Standard, "the maxlength attribute": the value's code-unit length), so an emoji counts 2.
_LINKEDIN_CONNECT = Channel(
    key="linkedin_connect",
    counting=Counting.UTF16,
    # 300 characters per many third-party pages; 200 on free accounts per lettercounter.org and
    # linkedhelper.com only (no official page), so the lower number is a setting on Me.
    body_limit=300,
)
_LINKEDIN_MESSAGE = Channel(
    key="linkedin_message",
    counting=Counting.UTF16,
    # No official limit found; 3,000 and 8,000 are both quoted by third parties, so the larger
    # only warns and nothing is cut.
    body_soft_limit=8000,
    sign_off="Best,",
)
_LINKEDIN_INMAIL = Channel(
    key="linkedin_inmail",
    counting=Counting.UTF16,
    # LinkedIn Help answer 437: subject 200, body 2,000; some third parties say 1,900, so the
    # body uses 1,900 to be safe with both.
    body_limit=1900,
    subject_limit=200,
    sign_off="Best regards,",
)
_EMAIL = Channel(
    key="email",
    counting=Counting.CODEPOINTS,
    # RFC 5322 §2.1.1: a header line SHOULD be at most 78 characters ("Subject: " included, so
    # this is generous); 30-50 characters is the usual advice for what inboxes display.
    subject_limit=78,
    subject_soft_limit=50,
    greeting_unknown="Hello,",
    sign_off="Best regards,",
)
_X_DM = Channel(
    key="x_dm",
    counting=Counting.X_WEIGHTED,
    # 10,000 characters per press coverage of X's DM limit; counted the way developer.x.com
    # "Counting characters" documents for posts, which never undercounts plain text.
    body_limit=10000,
)
_IN_PERSON = Channel(
    key="in_person",
    counting=Counting.WORDS,
    # A 60-second pitch is about 130-150 spoken words (speech runs 120-160 words a minute,
    # third-party guidance); the whole opener-pitch-ask is held to that.
    body_limit=150,
    greeting_unknown="Hello,",
)
_VIDEO_CALL = Channel(
    key="video_call",
    counting=Counting.CODEPOINTS,
    # Sent by email, so the email subject rule applies (RFC 5322 §2.1.1).
    subject_limit=78,
    subject_soft_limit=50,
    greeting_unknown="Hello,",
    sign_off="Best regards,",
    # A product choice, not a platform rule: short enough that saying yes is easy.
    call_minutes=20,
)

CHANNEL_RULES: dict[str, Channel] = {
    channel.key: channel
    for channel in (
        _LINKEDIN_CONNECT,
        _LINKEDIN_MESSAGE,
        _LINKEDIN_INMAIL,
        _EMAIL,
        _X_DM,
        _IN_PERSON,
        _VIDEO_CALL,
    )
}

FREE_ACCOUNT_NOTE_LIMIT = 200


def channel_for(key: str, me: MeProfile | None = None) -> Channel:
    """The channel with its limits as they apply to this user (the free-account note limit)."""
    try:
        channel = CHANNEL_RULES[key]
    except KeyError:
        known = ", ".join(CHANNELS)
        raise OutreachError(f"unknown channel {key!r}; use one of {known}", value=key) from None
    free_account = me is not None and me.linkedin_note_limit == FREE_ACCOUNT_NOTE_LIMIT
    if key == "linkedin_connect" and free_account:
        return replace(channel, body_limit=FREE_ACCOUNT_NOTE_LIMIT)
    return channel


def best_channel(contact: ContactSnapshot, has_upcoming_event: bool) -> str:
    """The channel to preselect: in person when an upcoming event links you, email when an
    address is known, a LinkedIn message to a connection, otherwise a LinkedIn invitation."""
    profile = contact.profile
    if has_upcoming_event:
        return "in_person"
    if any(normalize_email(address) for address in profile.emails):
        return "email"
    if profile.connected_on is not None:
        return "linkedin_message"
    if not normalize_linkedin_url(profile.linkedin_url or "") and _has_x_profile(
        profile.other_urls
    ):
        return "x_dm"
    return "linkedin_connect"


def _has_x_profile(urls: list[str]) -> bool:
    hosts = ("x.com/", "twitter.com/")
    return any(host in url.lower() for url in urls for host in hosts)
