"""Contacts on the server: one vCard 3.0 each (RFC 6352 §5.1 has every CardDAV server take
3.0), with the stable UID of the vCard export, so a card written here, exported and imported
elsewhere stays one contact. A card's version is a digest of its text: any change to what
the card says is a change to push."""

from __future__ import annotations

import hashlib

from sqlalchemy.orm import Session

from helper.db.models import Contact
from helper.errors import SyncFailed
from helper.exporters.vcard import card
from helper.records import ProfileRecord
from helper.store.contact_records import session_runner
from helper.store.contacts import ContactInput, update_contact
from helper.store.exports.address_book import AddressCard, address_cards
from helper.store.sync.resources import Kind, Wanted
from helper.store.sync.server import ADDRESSBOOK_MULTIGET
from helper.store.sync.settings import SyncSettings
from helper.store.sync.versions import card_record

CARDS = Kind("card", "text/vcard", ".vcf", ADDRESSBOOK_MULTIGET)
VCARD_VERSION = "3.0"


def wanted_cards(session: Session, settings: SyncSettings) -> list[Wanted]:
    """The contacts the settings pick, as the cards the address book should hold."""
    return [
        _wanted(address_card)
        for address_card in address_cards(session_runner(session))
        if settings.picks_contact([c.key for c in address_card.categories], address_card.tier)
    ]


def card_of(session: Session, contact_id: int) -> Wanted | None:
    """One contact's card, or None when the contact is gone."""
    found = address_cards(session_runner(session), ids=[contact_id])
    return _wanted(found[0]) if found else None


def take_server_card(session: Session, contact_id: int, server_text: str) -> None:
    """The contact takes what the card on the server says of what a card holds: name,
    organisation and title, e-mail addresses and phone numbers with their types, web
    addresses and the note. What a card does not hold (categories, tier, history) stays."""
    contact = session.get(Contact, contact_id)
    if contact is None or not server_text:  # deleted there: the contact just stays off it
        return
    record = card_record(server_text)
    if record is None:
        raise SyncFailed(
            f"the server's card for {contact.name} names nobody, so it cannot be taken in"
        )
    update_contact(session, contact, _with_card(contact, record))
    contact.other_urls = list(record.other_urls)
    for email in contact.emails:
        email.label = record.email_labels.get(email.email, email.label)
    for phone in contact.phones:
        phone.label = record.phone_labels.get(phone.e164, phone.label)
    session.flush()


def _wanted(address_card: AddressCard) -> Wanted:
    text = card(address_card, VCARD_VERSION)
    version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    return Wanted(address_card.id, address_card.uid, text, version, address_card.name)


def _with_card(contact: Contact, record: ProfileRecord) -> ContactInput:
    return ContactInput(
        name=record.name or contact.name,
        honorific=contact.honorific,
        pronouns=contact.pronouns,
        headline=contact.headline,
        current_title=record.current_title,
        current_company=record.current_company,
        location=record.location or contact.location,
        about=contact.about,
        linkedin_url=record.linkedin_url,
        tier=contact.tier,
        notes=record.notes,
        emails=list(record.emails),
        phones=list(record.phones),
        categories=contact.category_keys,
    )
