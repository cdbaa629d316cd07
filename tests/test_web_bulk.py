"""The contact list's bulk actions, its orders, and putting one person onto a goal from the
contact page or the goal page."""

from __future__ import annotations

import html
import re
from datetime import datetime

import pytest
from sqlalchemy import func, select

from helper.db.models import Contact, ContactCategory, GoalContact, Interaction
from helper.store.goals import GoalInput, create_goal
from tests.conftest import submitted


@pytest.fixture
def book(store):
    """60 recruiters (two pages) and 5 engineers, and an active goal; returns the goal's id."""
    with store.sessions() as session:
        for n in range(60):
            session.add(
                Contact(
                    name=f"Rita Recruiter {n:02}", categories=[ContactCategory(key="recruiter")]
                )
            )
        for n in range(5):
            session.add(Contact(name=f"Eddie Engineer {n}", current_company="Monzo"))
        goal = create_goal(session, GoalInput(title="Find a mentor", purpose="career"))
        session.commit()
        return goal.id


def bulk_post(client, list_url: str, button: str, **changes):
    """Send the list's bulk form as the browser does when `button` (its action) is pressed,
    with `changes` to what the page rendered."""
    form = submitted(client.get(list_url).get_data(as_text=True), "/contacts/bulk", **changes)
    return client.post("/contacts/bulk", data=form | {"action": [button]})


def undo_button(page: str) -> tuple[str, dict]:
    """Where the page's Undo button posts (back to the same list), and what it sends."""
    action = html.unescape(re.search(r'action="(/contacts/bulk/undo[^"]*)"', page).group(1))
    return action, submitted(page, action)


def ids_named(store, prefix: str) -> list[str]:
    with store.sessions() as session:
        found = session.scalars(select(Contact.id).where(Contact.name.startswith(prefix)))
        return [str(contact_id) for contact_id in found]


def count(store, model) -> int:
    with store.sessions() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_select_all_matching_adds_everyone_the_filter_finds_on_every_page_to_a_goal(
    client, store, book
):
    url = "/contacts?category=recruiter&sort=name&page=2"
    response = bulk_post(client, url, "goal", all_matching="y", goal_id=str(book))
    assert response.status_code == 302
    assert "category=recruiter" in response.location and "page=2" in response.location
    page = client.get(response.location).get_data(as_text=True)
    assert "Added 60 people to &#39;Find a mentor&#39;." in page
    with store.sessions() as session:
        stages = session.scalars(select(GoalContact.stage)).all()
    assert len(stages) == 60 and set(stages) == {"shortlisted"}


def test_only_the_ticked_people_get_the_new_relationship(client, store, book):
    ticked = ids_named(store, "Eddie")[:2]
    response = bulk_post(
        client, "/contacts?q=eddie", "tier", contact_ids=ticked, new_tier="maintain"
    )
    page = client.get(response.location).get_data(as_text=True)
    assert "Set the relationship of 2 people to “Maintain”." in page
    with store.sessions() as session:
        tiers = session.scalars(select(Contact.tier).where(Contact.name.startswith("Eddie")))
        assert sorted(tiers) == ["maintain", "maintain", "unset", "unset", "unset"]


def test_a_category_is_added_to_and_taken_off_the_selection_with_a_sentence_each(
    client, store, book
):
    ticked = ids_named(store, "Eddie")
    added = bulk_post(
        client, "/contacts", "add_category", contact_ids=ticked, category_key="mentor"
    )
    page = client.get(added.location).get_data(as_text=True)
    assert "Added “Manager, coach, mentor or sponsor” to 5 people of the 5 people selected." in page
    removed = bulk_post(
        client, "/contacts", "remove_category", contact_ids=ticked[:1], category_key="mentor"
    )
    page = client.get(removed.location).get_data(as_text=True)
    assert "Took “Manager, coach, mentor or sponsor” off 1 person of the 1 person selected." in page


def test_exporting_a_selection_downloads_only_those_people(client, store, book):
    ticked = ids_named(store, "Eddie")[:2]
    response = bulk_post(client, "/contacts", "export", contact_ids=ticked, export_format="csv")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="contacts-selection-'
    )
    text = response.get_data(as_text=True)
    assert "Eddie Engineer 0" in text and "Eddie Engineer 1" in text
    assert "Eddie Engineer 2" not in text and "Rita" not in text


def test_deleted_people_come_back_with_their_history_from_the_undo_button(client, store, book):
    with store.sessions() as session:
        eddie = session.scalar(select(Contact).where(Contact.name == "Eddie Engineer 0"))
        session.add(Interaction(contact_id=eddie.id, kind="met", occurred_at=datetime(2026, 1, 5)))
        session.commit()
    ticked = ids_named(store, "Eddie")
    response = bulk_post(client, "/contacts?q=eddie", "delete", contact_ids=ticked)
    page = client.get(response.location).get_data(as_text=True)
    assert "Deleted 5 people; “Undo” below brings them back." in page
    assert "You deleted 5 people in this session" in page
    assert count(store, Contact) == 60 and count(store, Interaction) == 0
    action, form = undo_button(page)
    assert "q=eddie" in action
    page = client.post(action, data=form, follow_redirects=True).get_data(as_text=True)
    assert "Restored 5 people." in page and "You deleted" not in page
    assert count(store, Contact) == 65 and count(store, Interaction) == 1


def test_another_session_cannot_undo_a_deletion(app, client, store, book):
    response = bulk_post(client, "/contacts", "delete", contact_ids=ids_named(store, "Eddie"))
    action, form = undo_button(client.get(response.location).get_data(as_text=True))
    stranger = app.test_client()
    token_page = stranger.get("/contacts").get_data(as_text=True)
    form["csrf_token"] = submitted(token_page, "/contacts/bulk")["csrf_token"]
    page = stranger.post(action, data=form, follow_redirects=True)
    assert "That deletion can no longer be undone in this session" in page.get_data(as_text=True)
    assert count(store, Contact) == 60


def test_an_action_with_nobody_ticked_changes_nothing_and_says_so(client, store, book):
    response = bulk_post(client, "/contacts", "delete")
    page = client.get(response.location).get_data(as_text=True)
    assert "Tick the people to act on first; nothing changed." in page
    assert count(store, Contact) == 65


def test_a_bulk_action_without_the_csrf_token_is_refused(client, store, book):
    form = {"contact_ids": ids_named(store, "Eddie"), "action": "delete"}
    assert client.post("/contacts/bulk", data=form).status_code == 400
    assert count(store, Contact) == 65


def test_the_order_stays_in_the_query_string_with_the_filters_across_pages(client, store, book):
    page = client.get("/contacts?category=recruiter&sort=last_contact").get_data(as_text=True)
    assert '<option value="last_contact" selected>' in page
    assert "sort=last_contact" in page and "category=recruiter" in page
    assert '<label for="sort">Sort by</label>' in page


def test_an_unknown_order_falls_back_to_names(client, book):
    page = client.get("/contacts?sort=shoe-size").get_data(as_text=True)
    assert '<option value="name" selected>' in page


def test_the_contact_page_puts_the_person_on_a_goal_at_the_chosen_stage(
    client, post_form, store, book
):
    [eddie] = ids_named(store, "Eddie Engineer 0")
    url = f"/contacts/{eddie}/goals"
    response = post_form(
        url, {"goal_id": str(book), "stage": "contacted"}, page=f"/contacts/{eddie}"
    )
    page = response.get_data(as_text=True)
    assert "Eddie Engineer 0 is now on &#39;Find a mentor&#39; at “Contacted”." in page
    again = post_form(url, {"goal_id": str(book), "stage": "met"}, page=f"/contacts/{eddie}")
    assert "Eddie Engineer 0 moved to “Met” on &#39;Find a mentor&#39;." in again.get_data(
        as_text=True
    )
    with store.sessions() as session:
        assert session.scalar(select(GoalContact.stage)) == "met"


def test_the_goal_page_finds_people_by_name_and_shortlists_the_one_picked(
    client, post_form, store, book
):
    page = client.get(f"/goals/{book}?q=eddie engineer 3").get_data(as_text=True)
    assert "Add someone to this goal" in page and "Eddie Engineer 3" in page
    [eddie] = ids_named(store, "Eddie Engineer 3")
    response = post_form(f"/goals/{book}/shortlist", {"contact_id": eddie}, page=f"/goals/{book}")
    assert "Eddie Engineer 3 is on the shortlist." in response.get_data(as_text=True)
    again = client.get(f"/goals/{book}?q=eddie engineer 3").get_data(as_text=True)
    assert "No one else matches “eddie engineer 3”" in again
