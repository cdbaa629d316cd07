"""Relationship history from mail headers: who the owner writes to, who writes back, and when.

Everything here works as a stream: the tallies keep one counter per address (and one seen
source_ref per message, to drop duplicates), never the messages themselves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from helper.records import InteractionRecord, MailMessage, RelationshipStats

SKIP_OWN_ADDRESS = "own address"
SKIP_NOT_ADDRESSED = "not addressed to you"
SKIP_NO_SENDER = "no sender address"
SKIP_NO_RECIPIENT = "no recipient address"
SKIP_DUPLICATE = "duplicate message"


@dataclass
class SkipCounts:
    """Messages that produced no interaction, counted by reason ("automated: <why>" and the
    SKIP_* reasons)."""

    by_reason: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.by_reason.values())

    def add(self, reason: str) -> None:
        self.by_reason[reason] += 1


class OwnerTally:
    """Counts, message by message, how many messages each address is on."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def add(self, message: MailMessage) -> None:
        senders = [message.sender] if message.sender is not None else []
        # dict.fromkeys: each address once per message, in the order seen (for the tie-break).
        self.counts.update(list(dict.fromkeys(a.email for a in [*senders, *message.recipients])))

    def owner(self) -> str | None:
        """The address on the most messages; on a tie, the one seen first."""
        best = self.counts.most_common(1)
        return best[0][0] if best else None


def infer_owner(messages: Iterable[MailMessage]) -> str | None:
    """The mailbox owner's address: the one on the most messages (None for no messages)."""
    tally = OwnerTally()
    for message in messages:
        tally.add(message)
    return tally.owner()


class InteractionBuilder:
    """Turns messages into interactions one at a time, counting what it skips and why."""

    def __init__(self, owner_addresses: set[str], *, skip_automated: bool = True) -> None:
        self.owner_addresses = {address.lower() for address in owner_addresses}
        self.skip_automated = skip_automated
        self.skipped = SkipCounts()
        self.seen_refs: set[str] = set()

    def add(self, message: MailMessage) -> list[InteractionRecord]:
        reason = self.skip_reason(message)
        if reason:
            self.skipped.add(reason)
            return []
        self.seen_refs.add(message.source_ref)
        sender = message.sender
        if sender is not None and sender.email in self.owner_addresses:
            others = [a for a in message.recipients if a.email not in self.owner_addresses]
            if not others:
                self.skipped.add(SKIP_OWN_ADDRESS if message.recipients else SKIP_NO_RECIPIENT)
            return [self.record(message, "email_sent", a.email, a.name) for a in others]
        if not any(a.email in self.owner_addresses for a in message.recipients):
            self.skipped.add(SKIP_NOT_ADDRESSED)
            return []
        if sender is None:
            self.skipped.add(SKIP_NO_SENDER)
            return []
        return [self.record(message, "email_received", sender.email, sender.name)]

    def skip_reason(self, message: MailMessage) -> str:
        if message.source_ref in self.seen_refs:
            return SKIP_DUPLICATE
        if self.skip_automated and message.automated_reason:
            return f"automated: {message.automated_reason}"
        return ""

    @staticmethod
    def record(message: MailMessage, kind: str, email: str, name: str) -> InteractionRecord:
        return InteractionRecord(
            kind=kind,
            when=message.sent_at,
            source_ref=f"{message.source_ref}:{email}",
            email=email,
            name=name,
            channel="email",
            summary=message.subject,
        )


def iter_interactions(
    messages: Iterable[MailMessage], builder: InteractionBuilder
) -> Iterator[InteractionRecord]:
    """The interactions of a message stream, as they come; `builder.skipped` counts the rest."""
    for message in messages:
        yield from builder.add(message)


def interactions_from_messages(
    messages: Iterable[MailMessage], owner_addresses: set[str], *, skip_automated: bool = True
) -> tuple[list[InteractionRecord], SkipCounts]:
    """One interaction per message and correspondent of the owner, and what was skipped.

    A message the owner sent gives one email_sent per recipient; a message to the owner gives
    one email_received for its sender. The source_ref `<message ref>:<email>` makes a second
    import of the same or an overlapping mailbox add nothing.
    """
    builder = InteractionBuilder(owner_addresses, skip_automated=skip_automated)
    return list(iter_interactions(messages, builder)), builder.skipped


class StatsTally:
    """Per-address sent/received/met counts and first/last contact, fed one interaction at a
    time."""

    def __init__(self) -> None:
        self.stats: dict[str, RelationshipStats] = {}

    def add(self, interaction: InteractionRecord) -> None:
        if not interaction.email:
            return
        stats = self.stats.setdefault(interaction.email, RelationshipStats())
        if interaction.kind == "email_sent":
            stats.sent += 1
        elif interaction.kind == "email_received":
            stats.received += 1
        elif interaction.kind == "met":
            stats.met += 1
        when = interaction.when
        if when is not None:
            if stats.first_contact is None or when < stats.first_contact:
                stats.first_contact = when
            if stats.last_contact is None or when > stats.last_contact:
                stats.last_contact = when


def relationship_stats(interactions: Iterable[InteractionRecord]) -> dict[str, RelationshipStats]:
    """Sent, received, first and last contact per email address (reciprocity follows)."""
    tally = StatsTally()
    for interaction in interactions:
        tally.add(interaction)
    return tally.stats
