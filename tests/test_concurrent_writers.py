"""Two writers editing the same contacts in opposite orders both commit, on SQLite and on
PostgreSQL: each transaction takes its change number before writing its first row, so the
second writer waits for the first instead of the two deadlocking over each other's rows."""

from __future__ import annotations

import threading

from helper.db import transaction
from helper.db.models import Contact
from helper.store.contacts import ContactInput, create_contact


def test_writers_crossing_over_the_same_two_contacts_both_commit(store):
    with transaction(store.sessions) as session:
        first = create_contact(session, ContactInput(name="Ada Lovelace")).id
        second = create_contact(session, ContactInput(name="Bob Babbage")).id
    first_wrote, second_began = threading.Event(), threading.Event()
    outcomes: dict[str, str] = {}

    def one() -> None:
        try:
            with transaction(store.sessions) as session:
                session.get(Contact, first).headline = "one"
                session.flush()
                first_wrote.set()
                second_began.wait(timeout=10)
                session.get(Contact, second).headline = "one"
                session.flush()
            outcomes["one"] = "committed"
        except Exception as error:  # the outcome is the assertion below
            outcomes["one"] = repr(error)

    def two() -> None:
        first_wrote.wait(timeout=10)
        try:
            with transaction(store.sessions) as session:
                contact = session.get(Contact, second)
                second_began.set()
                contact.headline = "two"
                session.flush()
            outcomes["two"] = "committed"
        except Exception as error:
            outcomes["two"] = repr(error)

    threads = [threading.Thread(target=one), threading.Thread(target=two)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert outcomes == {"one": "committed", "two": "committed"}
    with store.sessions() as session:
        assert session.get(Contact, second).headline in {"one", "two"}
