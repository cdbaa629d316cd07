"""Every choice the product stores as a key, declared once with the words people read for it.

A `Vocabulary` is the tuple of its keys in display order (so `key in TIERS` and `for key in
TIERS` work as on a plain tuple) and knows each key's label, so forms, pages, the CLI, exports
and the bridge's answers to the browser extension all say the same thing. Adding a choice is
one line here (and, where the database checks the key, a migration).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """One stored key and how it reads: `label` in forms and headings, `short` where space is
    tight (badges, table cells), `noun`/`plural` inside a sentence ("goal wants recruiters")."""

    key: str
    label: str
    short: str = ""
    noun: str = ""
    plural: str = ""


class Vocabulary(tuple[str, ...]):
    """The keys of one choice, in display order, with their terms."""

    terms: dict[str, Term]

    def __new__(cls, *terms: Term) -> Vocabulary:
        vocabulary = super().__new__(cls, (term.key for term in terms))
        vocabulary.terms = {term.key: term for term in terms}
        return vocabulary

    def term(self, key: str) -> Term:
        return self.terms[key]

    def label(self, key: str) -> str:
        """The key's label; a key this version does not know is shown as it is stored."""
        term = self.terms.get(key)
        return term.label if term else key

    def short_label(self, key: str) -> str:
        term = self.terms.get(key)
        return (term.short or term.label) if term else key


# The nine categories of people who can help, from step 3 of the networking method.
CATEGORIES = Vocabulary(
    Term("colleague", "Colleague (current or former)", "Colleague", "colleague", "colleagues"),
    Term("mentor", "Manager, coach, mentor or sponsor", "Mentor", "mentor", "mentors"),
    Term("customer", "Customer", "Customer", "customer", "customers"),
    Term("supplier", "Supplier", "Supplier", "supplier", "suppliers"),
    Term(
        "friend_family",
        "Friend or family",
        "Friend/family",
        "friend or family",
        "friends and family",
    ),
    Term("specialist", "Specialist", "Specialist", "specialist", "specialists"),
    Term("recruiter", "Recruiter or headhunter", "Recruiter", "recruiter", "recruiters"),
    Term("club", "Club or membership organisation", "Club", "club", "clubs"),
    Term("introducer", "Introducer", "Introducer", "introducer", "introducers"),
)

# Which relationships to strengthen, maintain or let go (the method's closing advice).
TIERS = Vocabulary(
    Term("strengthen", "Strengthen"),
    Term("maintain", "Maintain"),
    Term("let_go", "Let go"),
    Term("unset", "Not decided"),
)

# The orders the contact list offers (kept in its query string with the filters).
CONTACT_SORTS = Vocabulary(
    Term("name", "Name"),
    Term("company", "Company"),
    Term("last_contact", "Last contact, most recent first"),
    Term("next_due", "Next touch due, soonest first"),
)

# `short` names the service in a calendar entry's title ("Follow up: Ada (LinkedIn)").
CHANNELS = Vocabulary(
    Term("linkedin_connect", "LinkedIn invitation note", "LinkedIn"),
    Term("linkedin_message", "LinkedIn message", "LinkedIn"),
    Term("linkedin_inmail", "LinkedIn InMail", "LinkedIn InMail"),
    Term("email", "Email", "Email"),
    Term("x_dm", "X direct message", "X"),
    Term("in_person", "In person", "In person"),
    Term("video_call", "Video call invitation", "Video call"),
)

# Step 1 of the method: why you need the network.
PURPOSES = Vocabulary(
    Term("career", "Career: a new role or promotion", "Career"),
    Term("business", "Business: customers, partners, investors", "Business"),
    Term("industry_insight", "Industry insight: learn how a field works", "Industry insight"),
    Term("trade_support", "Trade support: suppliers and practical help", "Trade support"),
    Term("sponsorship", "Sponsorship: someone to speak up for you", "Sponsorship"),
    Term("expert_team", "Expert team: people to build a team with", "Expert team"),
    Term("team_bonding", "Team bonding: closer ties inside your team", "Team bonding"),
)

# Step 2: cement existing relationships or develop new ones; internal or external contacts.
STRATEGIES = Vocabulary(
    Term("cement_existing", "Cement existing relationships", "Cement existing"),
    Term("develop_new", "Develop new relationships", "Develop new"),
    Term("both", "Both"),
)
SCOPES = Vocabulary(
    Term("internal", "Internal: inside your organisation", "Internal"),
    Term("external", "External: outside it", "External"),
    Term("both", "Both"),
)

# Step 4: a target number of contacts for the short, medium and long term.
HORIZONS = Vocabulary(
    Term("short", "Short term"),
    Term("medium", "Medium term"),
    Term("long", "Long term"),
)

GOAL_STAGES = Vocabulary(
    Term("suggested", "Suggested"),
    Term("shortlisted", "Shortlisted"),
    Term("contacted", "Contacted"),
    Term("replied", "Replied"),
    Term("met", "Met"),
    Term("ongoing", "Ongoing"),
    Term("dropped", "Dropped"),
)
GOAL_STATUSES = Vocabulary(
    Term("active", "Active"),
    Term("paused", "Paused"),
    Term("achieved", "Achieved"),
    Term("abandoned", "Abandoned"),
)

INTERACTION_KINDS = Vocabulary(
    Term("email_sent", "Email sent"),
    Term("email_received", "Email received"),
    Term("met", "Met"),
    Term("call", "Call"),
    Term("message", "Message"),
)

# The source reference a touch logged by hand starts with; its summary is the user's own note.
LOGGED_TOUCH_PREFIX = "touch:"

# What the user logs by hand ("Log a touch"): how they were in touch, in their words.
TOUCH_KINDS = Vocabulary(
    Term("call", "Phone call", "Call"),
    Term("video_call", "Video call", "Video call"),
    Term("meeting", "Meeting in person", "Meeting"),
    Term("coffee", "Coffee or a meal", "Coffee"),
    Term("linkedin_message", "Message on LinkedIn", "LinkedIn"),
    Term("x_message", "Message on X", "X"),
    Term("whatsapp_message", "Message on WhatsApp", "WhatsApp"),
    Term("email", "Email", "Email"),
)

EVENT_KINDS = Vocabulary(
    Term("function", "Function (dinner, reception, party)", "Function"),
    Term("exhibition", "Exhibition or trade show", "Exhibition"),
    Term("conference", "Conference"),
    Term("meetup", "Meetup"),
    Term("virtual", "Virtual event"),
    Term("other", "Other"),
)

# Where a keep-in-touch cadence stands for one person.
DUE_STATUSES = Vocabulary(
    Term("ok", "On track"),
    Term("due", "Due"),
    Term("overdue", "Overdue"),
    Term("never", "Never contacted"),
)

IMPORT_FORMATS = Vocabulary(
    Term("linkedin_connections", "LinkedIn Connections.csv"),
    Term("linkedin_zip", "LinkedIn data export (.zip)"),
    Term("vcard", "vCard"),
    Term("google_csv", "Google Contacts CSV"),
    Term("outlook_csv", "Outlook CSV"),
    Term("mbox", "Mailbox (mbox)"),
    Term("eml", "Email message (.eml)"),
    Term("mail_archive", "Mail archive (Takeout)"),
    Term("outreach_json", "Outreach Helper export (JSON)"),
)
# What `export` writes, and how the Export page names each.
EXPORT_FORMATS = Vocabulary(
    Term("json", "Everything (JSON)"),
    # 3.0 by default, as a selection of the contact list always is; 4.0 when asked for.
    Term("vcard", "vCard 3.0"),
    Term("csv", "CSV"),
    Term("ics", "Open follow-ups (iCalendar)"),
)
IMPORT_STATUSES = Vocabulary(
    Term("running", "Running"),
    Term("done", "Imported"),
    Term("identical", "Already imported"),
    Term("failed", "Failed"),
    Term("cancelled", "Cancelled"),
    # A run a crash interrupted, taken back but for the people the user had made their own.
    Term("partly_kept", "Partly kept"),
)

# Every vocabulary by the name pages use for it (`tiers.label(contact.tier)`).
# What a team member lets teammates see of their book in the team index (team mode only).
INDEX_SHARING = Vocabulary(
    Term("off", "Nothing: my book stays out of the team index", "Off"),
    Term("names", "Names, companies and titles", "Names only"),
    Term(
        "strength",
        "Names, companies, titles, how well I know each person and the month we last spoke",
        "Names and strength",
    ),
)

# What a sync pushes to the user's own calendar and address book server (a stored key).
SYNC_KINDS = Vocabulary(
    Term("event", "Follow-up", noun="follow-up", plural="follow-ups"),
    Term("card", "Contact", noun="contact", plural="contacts"),
)

# Where a pushed follow-up or contact stands with the server's copy (a stored key).
SYNC_STATES = Vocabulary(
    Term("synced", "The same here and on the server", "In step"),
    Term("conflict", "Changed on the server since the last sync", "Changed on both sides"),
    Term("left_off", "Deleted on the server, and left off it", "Left off"),
)

# Which version to keep of something changed on the server (on the phone) since the last sync.
SYNC_KEEPS = Vocabulary(
    Term("local", "Keep the version here, and put it back on the server", "Keep this one"),
    Term("server", "Keep the server's version, and take it in here", "Keep the server's"),
)

VOCABULARIES: dict[str, Vocabulary] = {
    "categories": CATEGORIES,
    "tiers": TIERS,
    "contact_sorts": CONTACT_SORTS,
    "channels": CHANNELS,
    "purposes": PURPOSES,
    "strategies": STRATEGIES,
    "scopes": SCOPES,
    "horizons": HORIZONS,
    "goal_stages": GOAL_STAGES,
    "goal_statuses": GOAL_STATUSES,
    "interaction_kinds": INTERACTION_KINDS,
    "touch_kinds": TOUCH_KINDS,
    "event_kinds": EVENT_KINDS,
    "due_statuses": DUE_STATUSES,
    "import_formats": IMPORT_FORMATS,
    "export_formats": EXPORT_FORMATS,
    "import_statuses": IMPORT_STATUSES,
    "index_sharing": INDEX_SHARING,
    "sync_kinds": SYNC_KINDS,
    "sync_states": SYNC_STATES,
    "sync_keeps": SYNC_KEEPS,
}
