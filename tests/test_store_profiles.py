"""Saving a confirmed profile: a new contact, or a field-by-field update of the same person."""

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from helper.db.models import Contact
from helper.errors import OutreachError
from helper.profiles.reader import parse_profile
from helper.store.contacts import ContactInput, create_contact, update_contact
from helper.store.me import update_me
from helper.store.profiles import preview_profile, save_profile


@pytest.fixture
def profile(data_path):
    def read(name: str):
        return parse_profile((data_path / "profiles" / "text" / name).read_bytes())

    return read


def count(session) -> int:
    return session.scalar(select(func.count(Contact.id)))


def test_a_new_profile_becomes_one_contact_with_roles_schools_skills_and_suggested_categories(
    session, profile
):
    record = profile("chromium_grouped_roles_duplicated.txt")
    saved = save_profile(session, record, ["recruiter"])
    session.commit()
    contact = saved.contact
    assert saved.created
    assert (contact.name, contact.current_title, contact.current_company) == (
        "Daniel Okafor",
        "Head of Talent Acquisition",
        "Contoso Ltd",
    )
    assert [p.title for p in contact.positions] == [
        "Head of Talent Acquisition",
        "Senior Technical Recruiter",
        "Senior Consultant",
        "Consultant",
    ]
    assert [e.school for e in contact.education] == ["University of Birmingham"]
    assert sorted(s.name for s in contact.skills) == ["Talent Acquisition", "Technical Recruiting"]
    [category] = contact.categories
    assert (category.key, category.source) == ("recruiter", "suggested")
    assert category.reason == "headline says 'Talent Acquisition'"
    assert contact.sources == ["profile"]


def test_a_category_the_user_ticked_is_theirs_and_an_unticked_suggestion_is_not_stored(
    session, profile
):
    record = profile("chromium_grouped_roles_duplicated.txt")
    contact = save_profile(session, record, ["friend_family"]).contact
    assert [(c.key, c.source, c.reason) for c in contact.categories] == [
        ("friend_family", "user", "chosen by you")
    ]


def test_saving_the_same_profile_again_updates_the_one_contact(session, profile):
    first = save_profile(session, profile("chromium_single_role.txt"), []).contact
    again = save_profile(session, profile("chromium_single_role.txt"), [])
    session.commit()
    assert not again.created
    assert again.contact.id == first.id
    assert count(session) == 1
    assert len(again.contact.positions) == 3


def test_an_update_keeps_what_the_user_edited_and_takes_newer_values_elsewhere(session, profile):
    record = profile("chromium_single_role.txt")
    contact = save_profile(session, record, []).contact
    edited = ContactInput(
        name=contact.name,
        headline="My own words about Priya",
        current_title=contact.current_title,
        current_company=contact.current_company,
        location=contact.location,
    )
    update_contact(session, contact, edited)
    newer = replace(record, headline="Director of Product", location="Leeds, England")
    save_profile(session, newer, [])
    assert contact.headline == "My own words about Priya"
    assert contact.location == "Leeds, England"


def test_an_update_unions_emails_and_roles_and_loses_nothing(session, profile):
    record = profile("chromium_single_role.txt")
    contact = save_profile(session, replace(record, emails=["priya@fabrikam.example"]), []).contact
    newer = replace(
        record,
        emails=["priya.raman@example.org"],
        positions=[replace(record.positions[0], title="Director of Product", start="2025-01")],
    )
    save_profile(session, newer, [])
    assert [e.email for e in contact.emails] == [
        "priya@fabrikam.example",
        "priya.raman@example.org",
    ]
    assert len(contact.positions) == 4
    assert contact.positions[-1].title == "Director of Product"


def test_the_users_own_category_survives_a_later_save_of_the_profile(session, profile):
    record = profile("chromium_grouped_roles_duplicated.txt")
    contact = save_profile(session, record, ["recruiter", "mentor"]).contact
    save_profile(session, record, ["recruiter", "mentor"])
    sources = {c.key: c.source for c in contact.categories}
    assert sources == {"mentor": "user", "recruiter": "suggested"}


def test_the_preview_names_the_stored_person_the_reason_and_what_would_change(session, profile):
    record = profile("chromium_single_role.txt")
    save_profile(session, record, [])
    session.commit()
    newer = replace(record, location="Leeds, England", skills=[*record.skills, "Kotlin"])
    preview = preview_profile(session, newer)
    assert preview.match is not None and preview.match.name == "Priya Raman"
    assert preview.match_reason == "similar name at the same company"
    changes = {c.label: (c.before, c.after) for c in preview.changes}
    assert changes["Location"] == ("Manchester, England, United Kingdom", "Leeds, England")
    assert changes["Skills"] == ("", "adds Kotlin")
    session.rollback()
    assert session.get(Contact, preview.match.id).location == "Manchester, England, United Kingdom"


def test_the_preview_of_a_stranger_has_no_match_and_stores_nothing(session, profile):
    preview = preview_profile(session, profile("non_latin_name.txt"))
    assert preview.match is None
    assert [s.key for s in preview.suggestions] == ["specialist"]
    session.commit()
    assert count(session) == 0


def test_my_former_employer_makes_the_person_a_suggested_colleague(session, profile):
    update_me(session, {"former_employers": ["Contoso Ltd"]})
    preview = preview_profile(session, profile("chromium_grouped_roles_duplicated.txt"))
    reasons = {s.key: s.reason for s in preview.suggestions}
    assert reasons["colleague"] == "works at Contoso Ltd, your former employer"
    assert "colleague" in preview.checked_categories


def test_an_email_that_belongs_to_someone_else_is_refused_by_name(session, profile):
    create_contact(session, ContactInput(name="Other Person", emails=["shared@example.com"]))
    record = replace(
        profile("chromium_single_role.txt"),
        linkedin_url="https://www.linkedin.com/in/priya-raman/",
        emails=["shared@example.com"],
    )
    other = create_contact(
        session,
        ContactInput(name="Priya R", linkedin_url="https://www.linkedin.com/in/priya-raman/"),
    )
    session.commit()
    with pytest.raises(
        OutreachError, match=r"Other Person \(contact \d+\) already has shared@example\.com"
    ):
        save_profile(session, record, [])
    session.rollback()
    assert [e.email for e in session.get(Contact, other.id).emails] == []


def test_notes_from_the_profile_are_added_once(session, profile):
    record = replace(profile("chromium_single_role.txt"), notes="Languages: English; Tamil")
    contact = save_profile(session, record, []).contact
    save_profile(session, record, [])
    assert contact.notes == "Languages: English; Tamil"
