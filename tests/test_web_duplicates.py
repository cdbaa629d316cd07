"""The Possible duplicates page: pairs with reasons, merge with picks, "not the same
person", and undo of the last merge."""

import pytest
from sqlalchemy import func, select

from helper.db.models import Contact, ContactEmail, NotSamePerson


@pytest.fixture
def pair(store):
    """Two records of Alan Turing, found by a similar name at the same company."""
    with store.sessions() as session:
        first = Contact(
            name="Alan Turing",
            current_company="Bletchley Park",
            headline="Mathematician",
            emails=[ContactEmail(email="alan@example.com")],
        )
        second = Contact(
            name="Alan Turring",
            current_company="Bletchley Park",
            headline="Codebreaker <b>&</b>",
            emails=[ContactEmail(email="turing@example.com")],
        )
        session.add_all([first, second, Contact(name="Joan Clarke", current_company="GCHQ")])
        session.commit()
        return first.id, second.id


def decision(ids, **fields) -> dict:
    return {"first_id": str(ids[0]), "second_id": str(ids[1]), **fields}


def count(store, model=Contact) -> int:
    with store.sessions() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_the_page_shows_each_pair_side_by_side_with_its_reason(client, pair):
    page = client.get("/duplicates").get_data(as_text=True)
    assert "1 possible duplicate" in page
    assert "<h2" in page and "Alan Turing and Alan Turring</h2>" in page
    assert "Why: similar name at the same company." in page
    assert "Keep “Mathematician”" in page
    assert "Keep “Codebreaker &lt;b&gt;&amp;&lt;/b&gt;”" in page
    assert "alan@example.com" in page and "turing@example.com" in page
    assert "Joan Clarke" not in page


def test_an_empty_store_says_there_is_nothing_to_decide(client):
    page = client.get("/duplicates").get_data(as_text=True)
    assert "No possible duplicates" in page
    assert "Undo the last merge" not in page


def test_merging_takes_the_picked_values_and_keeps_everything_else(client, post_form, pair, store):
    response = post_form(
        "/duplicates/merge", decision(pair, **{"pick-headline": "second"}), page="/duplicates"
    )
    page = response.get_data(as_text=True)
    assert "Merged into Alan Turing; nothing was lost." in page
    assert "No possible duplicates" in page
    with store.sessions() as session:
        survivor = session.get(Contact, pair[0])
        assert survivor.headline == "Codebreaker <b>&</b>"
        assert [e.email for e in survivor.emails] == ["alan@example.com", "turing@example.com"]
        assert session.get(Contact, pair[1]) is None


def test_not_the_same_person_is_remembered_and_never_proposed_again(client, post_form, pair, store):
    page = post_form("/duplicates/not-same", decision(pair), page="/duplicates")
    text = page.get_data(as_text=True)
    assert "will not be proposed again" in text
    assert "No possible duplicates" in text
    assert count(store) == 3
    assert count(store, NotSamePerson) == 1
    assert "Alan Turring" not in client.get("/duplicates").get_data(as_text=True)


def test_undo_brings_back_both_contacts(client, post_form, pair, store):
    post_form("/duplicates/merge", decision(pair), page="/duplicates")
    page = client.get("/duplicates").get_data(as_text=True)
    assert "Last merge: <strong>Alan Turring</strong> into <strong>Alan Turing</strong>" in page
    response = post_form("/duplicates/undo", {}, page="/duplicates")
    text = response.get_data(as_text=True)
    assert "Merge undone: Alan Turing and Alan Turring are two contacts again." in text
    assert "Alan Turing and Alan Turring</h2>" in text
    assert count(store) == 3
    with store.sessions() as session:
        assert session.get(Contact, pair[1]).headline == "Codebreaker <b>&</b>"


def test_undo_with_nothing_to_undo_changes_nothing(client, post_form, pair, store):
    page = post_form("/duplicates/undo", {}, page="/duplicates").get_data(as_text=True)
    assert "There is no merge to undo; nothing was changed." in page
    assert count(store) == 3


def test_a_pair_that_no_longer_exists_is_reported_and_nothing_changes(
    client, post_form, pair, store
):
    page = post_form("/duplicates/merge", decision((pair[0], 999)), page="/duplicates")
    assert "Nothing was changed: there is no contact with id 999." in page.get_data(as_text=True)
    assert count(store) == 3


def test_a_decision_without_its_security_token_is_refused(client, pair, store):
    response = client.post("/duplicates/merge", data=decision(pair))
    assert response.status_code == 400
    assert count(store) == 3
