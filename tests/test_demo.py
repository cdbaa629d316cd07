"""The demo store has something for every page, and is clearly fictional."""

from sqlalchemy import func, select

from helper import create_app
from helper.db import Store
from helper.db.models import Contact, ContactEmail, Event, FollowUp, Goal
from helper.store.contacts import category_counts
from helper.store.followups import event_plan
from helper.vocabulary import CATEGORIES
from helper.web.session import solo_workspace


def demo_store(data_dir) -> Store:
    """The store `serve --demo` opens in this data folder."""
    return solo_workspace(create_app({"DATA_DIR": data_dir, "DEMO": True, "TESTING": True})).store


def test_the_demo_store_has_about_forty_contacts_in_all_nine_categories(tmp_path):
    store = demo_store(tmp_path)
    with store.sessions() as session:
        assert session.scalar(select(func.count(Contact.id))) == 40
        counts = category_counts(session)
        assert all(counts[key] >= 3 for key in CATEGORIES), counts
        assert session.scalar(select(func.count(Goal.id))) == 3
        assert session.scalar(select(func.count(Event.id))) == 1


def test_demo_addresses_use_reserved_example_domains(tmp_path):
    store = demo_store(tmp_path)
    with store.sessions() as session:
        emails = session.scalars(select(ContactEmail.email)).all()
    assert emails and all(e.endswith("@example.com") for e in emails)


def test_seeding_twice_adds_nothing(tmp_path):
    demo_store(tmp_path)
    store = demo_store(tmp_path)
    with store.sessions() as session:
        assert session.scalar(select(func.count(Contact.id))) == 40


def test_the_demo_store_is_a_separate_file(tmp_path):
    demo_store(tmp_path)
    assert (tmp_path / "demo.sqlite3").exists()
    assert not (tmp_path / "outreach.sqlite3").exists()


def test_the_demo_event_has_its_thank_yous_accepted_and_the_rest_of_its_plan_suggested(
    tmp_path,
):
    store = demo_store(tmp_path)
    with store.sessions() as session:
        event = session.scalar(select(Event))
        states = {(item.planned.kind, item.state) for item in event_plan(session, event)}
        followups = session.scalars(select(FollowUp)).all()
    assert [(f.kind, f.status) for f in followups] == [("thank_you", "open")] * 3
    assert ("thank_you", "open") in states
    assert ("check_in", "suggested") in states
