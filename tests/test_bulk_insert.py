"""The SQLite bulk-insert path of imports against SQLAlchemy's own insert."""

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, insert, select
from sqlalchemy.orm import Session

from helper.db.models import Base, Contact, Interaction
from helper.store.imports.bulk_insert import insert_returning_ids, insert_rows

TIMESTAMPS = ("created_at", "updated_at")

texts = st.text(max_size=40)
contact_rows = st.fixed_dictionaries(
    {
        "name": texts,
        "headline": texts,
        "linkedin_url": st.none() | st.just("https://www.linkedin.com/in/ada/"),
        "other_urls": st.lists(texts, max_size=3),
        "sources": st.lists(st.sampled_from(["vcard", "linkedin_connections"]), max_size=2),
        "protected_fields": st.just([]),
        "import_run_id": st.none() | st.integers(1, 10),
    }
)
interaction_rows = st.fixed_dictionaries(
    {
        "contact_id": st.just(1),
        "kind": st.sampled_from(["email_sent", "message"]),
        "occurred_at": st.none() | st.datetimes(min_value=datetime(1990, 1, 1)),
        "summary": texts,
    }
)


def stored(session: Session, model: type) -> list[dict]:
    """Every row of the model's table, timestamps left out (they differ by microseconds)."""
    rows = session.execute(select(model.__table__)).mappings()
    return [{k: v for k, v in row.items() if k not in TIMESTAMPS} for row in rows]


def both_ways(model: type, rows: list[dict], setup: list[dict] | None = None) -> tuple:
    results = []
    for fast in (True, False):
        engine = create_engine("sqlite://")
        Base.metadata.create_all(engine)
        with Session(engine) as session:
            if setup:
                session.execute(insert(Contact.__table__), setup)
            if fast:
                names = list(rows[0])
                values = [tuple(row[name] for name in names) for row in rows]
                insert_rows(session, model.__table__, names, values)
            else:
                session.execute(insert(model.__table__), [dict(row) for row in rows])
            results.append(stored(session, model))
    return tuple(results)


@settings(max_examples=40, deadline=None)
@given(st.lists(contact_rows, min_size=1, max_size=5))
def test_bulk_inserted_contacts_read_back_exactly_as_sqlalchemys_insert_stores_them(rows):
    for number, row in enumerate(rows):  # the column is unique
        row["linkedin_url"] = row["linkedin_url"] and f"{row['linkedin_url']}{number}"
    fast, general = both_ways(Contact, rows)
    assert fast == general


@settings(max_examples=40, deadline=None)
@given(st.lists(interaction_rows, min_size=1, max_size=5))
def test_bulk_inserted_interactions_keep_their_times_and_defaults(rows):
    fast, general = both_ways(Interaction, rows, setup=[{"name": "Ada"}])
    assert fast == general


def test_bulk_inserted_contacts_get_the_python_side_defaults():
    fast, _ = both_ways(Contact, [{"name": "Ada Lovelace"}])
    assert fast == [
        {
            "id": 1,
            "name": "Ada Lovelace",
            "honorific": "",
            "pronouns": "",
            "headline": "",
            "current_title": "",
            "current_company": "",
            "location": "",
            "about": "",
            "linkedin_url": None,
            "other_urls": [],
            "tier": "unset",
            "notes": "",
            "sources": [],
            "protected_fields": [],
            "declined_categories": [],
            "import_run_id": None,
        }
    ]


def test_inserted_rows_get_their_ids_back_in_the_order_given():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.execute(insert(Contact.__table__), [{"name": "Earlier"}])
        names = ["Grace", "Ada", "Linus"]
        ids = insert_returning_ids(session, Contact.__table__, ["name"], [(n,) for n in names])
        stored_names = {row.id: row.name for row in session.execute(select(Contact.__table__))}
    assert ids == [2, 3, 4]
    assert [stored_names[i] for i in ids] == names


def test_no_rows_insert_nothing_and_give_no_ids():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        insert_rows(session, Contact.__table__, ["name"], [])
        assert insert_returning_ids(session, Contact.__table__, ["name"], []) == []
        assert stored(session, Contact) == []
