"""Between ORM rows and the plain dataclasses of the pure core."""

from __future__ import annotations

from helper import records
from helper.db.models import Contact, Me
from helper.store.contact_rows import build_profile, contact_document


def me_profile(me: Me) -> records.MeProfile:
    return records.MeProfile(
        name=me.name,
        headline=me.headline,
        employers=list(me.employers),
        former_employers=list(me.former_employers),
        emails=list(me.emails),
        domains=list(me.domains),
        pitch=me.pitch,
        offer=me.offer,
        signature=me.signature,
        timezone=me.timezone,
        linkedin_url=me.linkedin_url,
        linkedin_note_limit=me.linkedin_note_limit,
        schools=list(me.schools),
        location=me.location,
    )


def me_json(me: Me) -> dict:
    profile = me_profile(me)
    return {
        "name": profile.name,
        "headline": profile.headline,
        "employers": profile.employers,
        "former_employers": profile.former_employers,
        "emails": profile.emails,
        "domains": profile.domains,
        "pitch": profile.pitch,
        "offer": profile.offer,
        "signature": profile.signature,
        "timezone": profile.timezone,
        "linkedin_url": profile.linkedin_url,
        "linkedin_note_limit": profile.linkedin_note_limit,
    }


def profile_record(contact: Contact) -> records.ProfileRecord:
    return build_profile(
        contact,
        emails=[e.email for e in contact.emails],
        phones=[p.e164 for p in contact.phones],
        positions=[
            records.Position(
                title=p.title,
                company=p.company,
                start=p.start,
                end=p.end,
                location=p.location,
                employment_type=p.employment_type,
                description=p.description,
            )
            for p in contact.positions
        ],
        education=[
            records.Education(school=e.school, degree=e.degree, start=e.start, end=e.end)
            for e in contact.education
        ],
        skills=[s.name for s in contact.skills],
        categories=[records.CategorySuggestion(c.key, c.reason) for c in contact.categories],
    )


def contact_json(contact: Contact) -> dict:
    return contact_document(contact.id, profile_record(contact), contact.tier)
