"""Plain dataclasses shared by the pure core (importers, profiles, identity, classify,
matching, drafting, calendar). Nothing here knows about Flask or the database."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from enum import StrEnum


@dataclass(frozen=True)
class Problem:
    """One record that could not be read; the batch goes on without it."""

    location: str
    message: str
    raw: str = ""


@dataclass
class Position:
    title: str = ""
    company: str = ""
    start: str = ""
    end: str = ""
    location: str = ""
    employment_type: str = ""
    description: str = ""


@dataclass
class Education:
    school: str = ""
    degree: str = ""
    start: str = ""
    end: str = ""


# A person's free-text fields besides the name, in the order forms show them; every writer of a
# contact (forms, profile saves, imports, merges) handles them alike.
PERSON_TEXT_FIELDS = (
    "honorific",
    "pronouns",
    "headline",
    "current_title",
    "current_company",
    "location",
    "about",
)


@dataclass(frozen=True)
class CategorySuggestion:
    key: str
    reason: str


@dataclass
class ProfileRecord:
    """A person as read from one source: a pasted profile, a CSV row, a vCard."""

    name: str = ""
    pronouns: str = ""
    headline: str = ""
    location: str = ""
    current_title: str = ""
    current_company: str = ""
    about: str = ""
    linkedin_url: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    education: list[Education] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    categories: list[CategorySuggestion] = field(default_factory=list)
    other_urls: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    certifications: list[str] = field(default_factory=list)
    volunteering: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    # What kind each address or number is, as its source labels it ("work", "mobile"), by
    # the address or number: an address book's types survive an import and the next export.
    email_labels: dict[str, str] = field(default_factory=dict)
    phone_labels: dict[str, str] = field(default_factory=dict)
    notes: str = ""
    connected_on: date | None = None
    missing_fields: list[str] = field(default_factory=list)
    # "Dr", "Prof Dr": kept out of the name, for a formal greeting.
    honorific: str = ""
    # Fields the reader guessed without a marker to support them, for the user to check first.
    guessed_fields: list[str] = field(default_factory=list)
    source: str = ""
    location_in_source: str = ""

    def to_json(self) -> dict:
        """The profile JSON of the CLI contract, in its exact field spelling."""
        return {
            "name": self.name,
            "pronouns": self.pronouns,
            "headline": self.headline,
            "location": self.location,
            "current_title": self.current_title,
            "current_company": self.current_company,
            "about": self.about,
            "linkedin_url": self.linkedin_url,
            "emails": list(self.emails),
            "phones": list(self.phones),
            "positions": [
                {k: asdict(p)[k] for k in ("title", "company", "start", "end", "location")}
                for p in self.positions
            ],
            "education": [asdict(e) for e in self.education],
            "skills": list(self.skills),
            "categories": [{"key": c.key, "reason": c.reason} for c in self.categories],
        }


@dataclass(frozen=True)
class Address:
    name: str
    email: str


@dataclass
class MailMessage:
    """The headers of one message that matter for relationship history."""

    source_ref: str
    sent_at: datetime | None
    sender: Address | None
    recipients: list[Address] = field(default_factory=list)
    subject: str = ""
    automated_reason: str = ""
    location: str = ""


@dataclass
class InteractionRecord:
    """A dated touch with a person, keyed by `source_ref` so re-imports add nothing twice."""

    kind: str
    when: datetime | None
    source_ref: str
    email: str = ""
    name: str = ""
    linkedin_url: str = ""
    channel: str = ""
    summary: str = ""


@dataclass
class RelationshipStats:
    sent: int = 0
    received: int = 0
    met: int = 0
    first_contact: datetime | None = None
    last_contact: datetime | None = None

    @property
    def total(self) -> int:
        return self.sent + self.received + self.met

    @property
    def reciprocity(self) -> float:
        """Share of the exchange that runs both ways: 1.0 when balanced, 0.0 when one-sided."""
        if not self.sent or not self.received:
            return 0.0
        return min(self.sent, self.received) / max(self.sent, self.received)


@dataclass
class MeProfile:
    name: str = ""
    headline: str = ""
    employers: list[str] = field(default_factory=list)
    former_employers: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    pitch: str = ""
    offer: str = ""
    signature: str = ""
    timezone: str = "UTC"
    linkedin_url: str = ""
    linkedin_note_limit: int = 300
    schools: list[str] = field(default_factory=list)
    location: str = ""


@dataclass(frozen=True)
class Topic:
    """What a mail or a meeting with the person was about: a subject or an event note, which
    matching reads beside the profile."""

    text: str
    kind: str  # an interaction kind ("email_sent", "met"...), or "event" for an event note
    when: datetime | None = None
    event: str = ""  # the event's name, for an event note


@dataclass
class ContactSnapshot:
    """A stored contact as the pure core sees it (matching, drafting, calendar)."""

    id: int
    profile: ProfileRecord
    categories: list[str] = field(default_factory=list)
    tier: str = "unset"
    stats: RelationshipStats = field(default_factory=RelationshipStats)
    topics: list[Topic] = field(default_factory=list)


@dataclass
class GoalSpec:
    id: int
    title: str
    purpose: str
    priority: int = 3
    targets: dict[str, int] = field(default_factory=dict)
    horizon_ends: dict[str, date] = field(default_factory=dict)
    strategy: str = "both"
    scope: str = "both"
    keywords: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    deadline: date | None = None
    status: str = "active"
    # What drafts say: the aim completes "Right now I'm focused on …"; pitch, offer and ask,
    # when set, replace Me's for this goal. Keywords are for matching only.
    aim: str = ""
    pitch: str = ""
    offer: str = ""
    ask: str = ""
    # False while the aim is the one suggested from the title, not yet read by the user.
    aim_checked: bool = True


@dataclass(frozen=True)
class Touch:
    """The last time the user and a contact were in touch: an interaction's kind, day and
    summary (a mail's subject, or the user's own note on a touch they logged, which is
    never quoted to the person)."""

    kind: str
    when: date | None
    summary: str = ""
    logged: bool = False


class Format(StrEnum):
    LINKEDIN_ZIP = "linkedin_zip"
    LINKEDIN_CONNECTIONS = "linkedin_connections"
    VCARD = "vcard"
    GOOGLE_CSV = "google_csv"
    OUTLOOK_CSV = "outlook_csv"
    MBOX = "mbox"
    EML = "eml"
    MAIL_ARCHIVE = "mail_archive"
    OUTREACH_JSON = "outreach_json"
