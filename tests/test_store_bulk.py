"""Bulk changes to many contacts, deletion with its undo, and the contact list's orders."""

from __future__ import annotations

import os
from datetime import datetime, timedelta

import pytest
from sqlalchemy import delete, func, insert, select

from helper.db import change_count
from helper.db.models import (
    Base,
    Contact,
    ContactCategory,
    ContactEmail,
    Draft,
    Event,
    EventContact,
    FollowUp,
    Goal,
    GoalContact,
    Interaction,
    MergeRecord,
    NotSamePerson,
    Position,
)
from helper.errors import OutreachError
from helper.store.bulk import (
    add_category,
    add_to_goal,
    export_selection,
    remove_category,
    set_tier,
)
from helper.store.contact_orders import ContactOrders
from helper.store.contacts import ContactFilter, contact_ids, list_contacts
from helper.store.deletions import (
    DELETED_FOLDER,
    contact_references,
    delete_contacts,
    forget_snapshot,
    keep_snapshot,
    kept_snapshot,
    restore_contacts,
)
from helper.store.exports.render import ExportOptions, render_export
from helper.store.goals import GoalInput, create_goal
from helper.strategy.cadence import CadenceSettings


def people(session, count: int, **fields) -> list[int]:
    """`count` contacts named Person 0001…, inserted in one statement as an import would."""
    rows = [
        {"name": f"Person {n:04}", "other_urls": [], "sources": [], "protected_fields": []} | fields
        for n in range(1, count + 1)
    ]
    session.execute(insert(Contact), rows)
    return list(session.scalars(select(Contact.id).order_by(Contact.id)))


def goal(session, title: str = "Find a mentor"):
    return create_goal(session, GoalInput(title=title, purpose="career"))


def test_adding_thousands_of_people_to_a_goal_puts_each_on_the_shortlist_once(session):
    ids = people(session, 2_300)
    mentor = goal(session)
    result = add_to_goal(session, mentor, [*ids, *ids[:10], 999_999])
    assert (result.added, result.moved, result.kept) == (2_300, 0, 0)
    stages = session.scalars(select(GoalContact.stage).where(GoalContact.goal_id == mentor.id))
    assert set(stages) == {"shortlisted"}


def test_adding_again_never_takes_back_progress_but_moves_people_who_were_dropped(session):
    ids = people(session, 3)
    mentor = goal(session)
    add_to_goal(session, mentor, ids[:2], "contacted")
    session.execute(
        GoalContact.__table__.update()
        .where(GoalContact.contact_id == ids[1])
        .values(stage="dropped")
    )
    result = add_to_goal(session, mentor, ids)
    assert (result.added, result.moved, result.kept) == (1, 1, 1)
    stages = dict(session.execute(select(GoalContact.contact_id, GoalContact.stage)).all())
    assert stages == {ids[0]: "contacted", ids[1]: "shortlisted", ids[2]: "shortlisted"}


def test_one_person_added_at_a_chosen_stage_moves_to_that_stage(session):
    [ada] = people(session, 1)
    mentor = goal(session)
    add_to_goal(session, mentor, [ada], "met")
    result = add_to_goal(session, mentor, [ada], "replied", restage=True)
    assert result.moved == 1
    assert session.scalar(select(GoalContact.stage)) == "replied"


def test_an_unknown_stage_is_refused(session):
    with pytest.raises(OutreachError, match="'waiting' is not a stage"):
        add_to_goal(session, goal(session), [1], "waiting")


def test_setting_a_tier_changes_only_those_with_another_and_marks_it_the_users_own(session):
    ids = people(session, 1_200)
    set_tier(session, ids[:200], "maintain")
    session.commit()  # each transaction's writes take one change number
    before = change_count(session)
    assert set_tier(session, ids, "maintain") == 1_000
    assert change_count(session) > before
    tiers = set(session.scalars(select(Contact.tier)))
    assert tiers == {"maintain"}
    protected = session.scalars(select(Contact.protected_fields)).all()
    assert all("tier" in fields for fields in protected)


def test_adding_a_category_keeps_those_who_have_it_and_forgets_it_was_declined(session):
    ids = people(session, 3, declined_categories=["recruiter"])
    session.add(ContactCategory(contact_id=ids[0], key="recruiter", source="suggested"))
    session.flush()
    assert add_category(session, ids, "recruiter") == 2
    rows = session.execute(select(ContactCategory.contact_id, ContactCategory.source)).all()
    assert sorted(rows) == [(ids[0], "user"), (ids[1], "user"), (ids[2], "user")]
    assert session.scalar(select(Contact.declined_categories).where(Contact.id == ids[1])) == []


def test_removing_a_category_remembers_it_so_no_import_suggests_it_again(session):
    ids = people(session, 700)
    add_category(session, ids[:600], "recruiter")
    assert remove_category(session, ids, "recruiter") == 600
    assert session.scalar(select(func.count()).select_from(ContactCategory)) == 0
    declined = session.scalar(select(Contact.declined_categories).where(Contact.id == ids[0]))
    assert declined == ["recruiter"]
    untouched = session.scalar(select(Contact.declined_categories).where(Contact.id == ids[-1]))
    assert untouched == []


def test_a_selection_exports_as_csv_or_vcard_with_only_the_chosen_people(session):
    ids = people(session, 5)
    csv = export_selection(session, ids[1:3], "csv")
    assert csv.holds == "2 contacts"
    text = csv.content.decode()
    assert "Person 0002" in text and "Person 0003" in text and "Person 0001" not in text
    card = export_selection(session, [ids[0]], "vcard")
    assert card.holds == "1 contact" and card.content.count(b"BEGIN:VCARD") == 1
    # vCard 3.0, with the UID the Export page's file gives the same person.
    assert card.content.startswith(b"BEGIN:VCARD\r\nVERSION:3.0\r\n")
    session.commit()  # an export reads from one snapshot, taken at its transaction's start
    whole = render_export(session, "vcard", ExportOptions()).content
    (uid,) = [line for line in card.content.split(b"\r\n") if line.startswith(b"UID:")]
    assert uid in whole.split(b"\r\n")
    with pytest.raises(OutreachError, match="'json' is not a format for a selection"):
        export_selection(session, ids, "json")


@pytest.fixture
def connected(session):
    """Ada, with a row in every table that points at a contact, and Grace, who stays."""
    ada = Contact(name="Ada Lovelace", linkedin_url="https://www.linkedin.com/in/ada/")
    ada.emails = [ContactEmail(email="ada@example.com")]
    ada.positions = [Position(title="Analyst", company="Engines")]
    ada.categories = [ContactCategory(key="mentor")]
    ada.interactions = [Interaction(kind="met", occurred_at=datetime(2026, 3, 1), source_ref="m1")]
    grace = Contact(name="Grace Hopper")
    event = Event(name="Royal Society", starts_at=datetime(2026, 3, 1))
    session.add_all([ada, grace, event])
    mentor = goal(session)
    session.flush()
    session.add_all(
        [
            GoalContact(goal_id=mentor.id, contact_id=ada.id, stage="met"),
            EventContact(event_id=event.id, contact_id=ada.id, note="talked engines"),
            FollowUp(contact_id=ada.id, goal_id=mentor.id, due_at=datetime(2026, 4, 1)),
            Draft(contact_id=ada.id, channel="email", body="Dear Ada"),
            NotSamePerson(first_id=ada.id, second_id=grace.id),
            MergeRecord(survivor_id=ada.id, snapshot={"survivor": {}}),
        ]
    )
    session.flush()
    return ada.id, grace.id


def row_counts(session) -> dict[str, int]:
    """Rows per table, but for the change log, which grows with every write."""
    return {
        table.name: session.scalar(select(func.count()).select_from(table))
        for table in Base.metadata.sorted_tables
        if table.name != "contact_change"
    }


def test_deleting_and_restoring_brings_back_every_row_that_pointed_at_the_contact(
    session, connected
):
    ada, grace = connected
    before = row_counts(session)
    snapshot = delete_contacts(session, [ada])
    assert snapshot["count"] == 1
    assert session.get(Contact, ada) is None
    assert session.scalar(select(MergeRecord.survivor_id)) is None
    assert restore_contacts(session, snapshot) == 1
    assert row_counts(session) == before
    assert session.scalar(select(MergeRecord.survivor_id)) == ada
    restored = session.get(Contact, ada)
    assert restored.emails[0].email == "ada@example.com"
    assert restored.interactions[0].occurred_at == datetime(2026, 3, 1)
    assert session.get(Contact, grace).name == "Grace Hopper"


def test_every_table_a_deletion_empties_points_only_at_contacts(session):
    """A table pointing at one of those rows would lose rows the snapshot never copied."""
    copied = {column.table.name for column, ondelete in contact_references() if ondelete}
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            assert fk.column.table.name not in copied, f"{table.name} points at a copied row"


def test_a_restored_contact_whose_id_was_taken_gets_a_new_one_with_its_rows(session):
    ids = people(session, 2)
    session.add(ContactEmail(contact_id=ids[1], email="last@example.com"))
    session.flush()
    snapshot = delete_contacts(session, [ids[1]])
    session.execute(insert(Contact), [{"id": ids[1], "name": "Newcomer", "other_urls": []}])
    restore_contacts(session, snapshot)
    back = session.scalar(select(Contact).where(Contact.name == "Person 0002"))
    assert back.id != ids[1]
    assert [e.email for e in back.emails] == ["last@example.com"]


def test_restoring_is_refused_when_another_contact_took_the_email_since(session, connected):
    ada, _ = connected
    snapshot = delete_contacts(session, [ada])
    session.add(Contact(name="Ada King", emails=[ContactEmail(email="ada@example.com")]))
    session.flush()
    with pytest.raises(OutreachError, match=r"ada@example\.com now belongs to Ada King"):
        restore_contacts(session, snapshot)


def test_a_link_to_a_goal_deleted_since_is_not_restored_but_the_person_is(session, connected):
    ada, _ = connected
    snapshot = delete_contacts(session, [ada])
    session.execute(delete(Goal))
    assert restore_contacts(session, snapshot) == 1
    assert session.scalar(select(func.count()).select_from(GoalContact)) == 0
    assert session.scalar(select(FollowUp.goal_id)) is None


def test_a_snapshot_is_kept_privately_until_forgotten_and_cleared_after_a_day(tmp_path):
    token = keep_snapshot(tmp_path, {"count": 1, "tables": {}, "cleared": {}})
    path = tmp_path / DELETED_FOLDER / f"{token}.json"
    assert path.stat().st_mode & 0o077 == 0
    assert kept_snapshot(tmp_path, token)["count"] == 1
    assert kept_snapshot(tmp_path, "../secret_key") is None
    forget_snapshot(tmp_path, token)
    assert kept_snapshot(tmp_path, token) is None
    old = keep_snapshot(tmp_path, {"count": 2, "tables": {}, "cleared": {}})
    day_ago = (datetime.now() - timedelta(days=2)).timestamp()
    os.utime(tmp_path / DELETED_FOLDER / f"{old}.json", (day_ago, day_ago))
    assert kept_snapshot(tmp_path, old) is None


def test_select_all_finds_every_contact_the_filter_matches_on_every_page(session):
    ids = people(session, 120, tier="maintain")
    people_in = contact_ids(session, ContactFilter(tier="maintain", per_page=10))
    assert people_in == ids


def test_the_list_orders_by_last_contact_most_recent_first_and_never_last(session):
    ids = people(session, 3)
    session.add_all(
        [
            Interaction(contact_id=ids[0], kind="met", occurred_at=datetime(2026, 1, 1)),
            Interaction(contact_id=ids[2], kind="met", occurred_at=datetime(2026, 5, 1)),
        ]
    )
    session.flush()
    page = list_contacts(session, ContactFilter(sort="last_contact"))
    assert [c.id for c in page.contacts] == [ids[2], ids[0], ids[1]]
    assert page.timing[ids[2]].last_contact == datetime(2026, 5, 1)


def test_the_list_orders_by_next_due_with_never_contacted_as_due_now(session):
    now = datetime.now()
    strengthen = people(session, 3, tier="strengthen")
    let_go = people(session, 1, tier="let_go")[-1]
    session.add_all(
        [
            Interaction(contact_id=strengthen[0], kind="met", occurred_at=now - timedelta(1)),
            Interaction(contact_id=strengthen[1], kind="met", occurred_at=now - timedelta(60)),
        ]
    )
    session.flush()
    order = [
        c.id
        for page in (1, 2)
        for c in list_contacts(
            session, ContactFilter(sort="next_due", per_page=2, page=page), CadenceSettings()
        ).contacts
    ]
    assert order == [strengthen[1], strengthen[2], strengthen[0], let_go]


def test_the_list_orders_by_company_with_no_company_last(session):
    people(session, 2)
    session.add(Contact(name="Zed", current_company="Acme"))
    session.flush()
    names = [c.name for c in list_contacts(session, ContactFilter(sort="company")).contacts]
    assert names == ["Zed", "Person 0001", "Person 0002"]


def test_a_kept_order_in_time_follows_a_new_interaction(session):
    ids = people(session, 3)
    orders = ContactOrders()
    now = datetime(2026, 6, 1)
    assert orders.ordered_ids(session, "last_contact", CadenceSettings(), now) == ids
    session.add(Interaction(contact_id=ids[2], kind="met", occurred_at=datetime(2026, 5, 1)))
    session.flush()
    assert orders.ordered_ids(session, "last_contact", CadenceSettings(), now)[0] == ids[2]
