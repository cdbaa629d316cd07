"""The contact book pages: add, find, filter, page, edit, delete, merge."""

import pytest
from sqlalchemy import select

from helper.db.models import Contact, Interaction, Position
from helper.store.contacts import ContactInput, create_contact
from tests.conftest import submitted


def add(store, name, **fields):
    with store.sessions() as session:
        contact = create_contact(session, ContactInput(name=name, **fields))
        session.commit()
        return contact.id


def test_adding_a_contact_through_the_form_stores_it_with_normalised_fields(
    client, post_form, store
):
    response = post_form(
        "/contacts/new",
        {
            "name": "Priya Raman",
            "current_title": "Engineering Manager",
            "current_company": "Monzo",
            "emails": "Priya@Example.COM",
            "phones": "+44 20 7946 0958",
            "linkedin_url": "https://uk.linkedin.com/in/priya-raman?trk=x",
            "categories": ["colleague", "mentor"],
            "tier": "strengthen",
        },
    )
    page = response.get_data(as_text=True)
    assert "Priya Raman is added." in page
    assert "priya@example.com" in page
    assert "+442079460958" in page
    assert "https://www.linkedin.com/in/priya-raman/" in page
    with store.sessions() as session:
        contact = session.scalar(select(Contact))
        assert contact.category_keys == ["colleague", "mentor"]
        assert contact.tier == "strengthen"


def test_an_invalid_email_is_named_in_the_error_and_nothing_is_stored(client, post_form, store):
    response = post_form("/contacts/new", {"name": "Bob", "emails": "bob-at-example"})
    page = response.get_data(as_text=True)
    assert "&#39;bob-at-example&#39; is not a valid email address." in page
    assert "Nothing was saved" in page
    with store.sessions() as session:
        assert session.scalar(select(Contact)) is None


def test_a_contact_without_a_name_is_refused_with_a_clear_message(client, post_form):
    page = post_form("/contacts/new", {"name": "  "}).get_data(as_text=True)
    assert "Give the contact a name." in page


def test_an_email_that_belongs_to_another_contact_suggests_merging(client, post_form, store):
    add(store, "Ada Lovelace", emails=["ada@example.com"])
    page = post_form("/contacts/new", {"name": "A. Lovelace", "emails": "ada@example.com"})
    assert "already has ada@example.com; merge the two contacts instead" in page.get_data(
        as_text=True
    )


def test_search_finds_contacts_by_name_company_or_headline(client, store):
    add(store, "Grace Hopper", current_company="US Navy")
    add(store, "Alan Turing", headline="Codebreaker at Bletchley Park")
    add(store, "Katherine Johnson", current_company="NASA")
    assert "Grace Hopper" in client.get("/contacts?q=navy").get_data(as_text=True)
    page = client.get("/contacts?q=bletchley").get_data(as_text=True)
    assert "Alan Turing" in page and "Grace Hopper" not in page
    assert "1 contact matching" in page


def test_search_treats_percent_and_underscore_literally(client, store):
    add(store, "Percy 100% Sure")
    add(store, "Other Person")
    page = client.get("/contacts?q=%25").get_data(as_text=True)
    assert "Percy 100% Sure" in page and "Other Person" not in page


def test_filters_by_category_and_tier(client, store):
    add(store, "Rachel Recruiter", categories=["recruiter"], tier="maintain")
    add(store, "Colin Colleague", categories=["colleague"], tier="strengthen")
    page = client.get("/contacts?category=recruiter").get_data(as_text=True)
    assert "Rachel Recruiter" in page and "Colin Colleague" not in page
    page = client.get("/contacts?tier=strengthen").get_data(as_text=True)
    assert "Colin Colleague" in page and "Rachel Recruiter" not in page


def test_the_list_pages_through_many_contacts(client, store):
    with store.sessions() as session:
        session.add_all(Contact(name=f"Person {n:03d}") for n in range(120))
        session.commit()
    first = client.get("/contacts").get_data(as_text=True)
    assert "page 1 of 3" in first and "Person 000" in first and "Person 050" not in first
    third = client.get("/contacts?page=3").get_data(as_text=True)
    assert "Person 119" in third and 'rel="next"' not in third
    assert "page 3 of 3" in client.get("/contacts?page=99").get_data(as_text=True)


def test_editing_a_contact_marks_the_changed_fields_as_the_users_own(client, post_form, store):
    contact_id = add(store, "Tim Berners-Lee", current_title="Director")
    url = f"/contacts/{contact_id}/edit"
    page = post_form(url, {"name": "Tim Berners-Lee", "current_title": "Founder", "tier": "unset"})
    assert "Changes saved." in page.get_data(as_text=True)
    with store.sessions() as session:
        contact = session.get(Contact, contact_id)
        assert contact.current_title == "Founder"
        assert contact.protected_fields == ["current_title"]


def test_deleting_needs_the_confirmation_box(client, post_form, store):
    contact_id = add(store, "Linus Torvalds")
    url = f"/contacts/{contact_id}/delete"
    page = post_form(url, {}, page=f"/contacts/{contact_id}").get_data(as_text=True)
    assert "Tick the box" in page
    page = post_form(url, {"confirm": "yes"}, page=f"/contacts/{contact_id}").get_data(as_text=True)
    assert "Linus Torvalds is deleted." in page
    assert client.get(f"/contacts/{contact_id}").status_code == 404


def test_merging_from_the_page_moves_history_to_the_survivor(client, post_form, store):
    survivor = add(store, "Margaret Hamilton", emails=["mh@example.com"])
    other = add(store, "M. Hamilton", emails=["margaret@nasa.example"])
    with store.sessions() as session:
        session.add(Interaction(contact_id=other, kind="email_received", source_ref="m1"))
        session.commit()
    page = client.get(f"/contacts/{survivor}/merge?q=Hamilton").get_data(as_text=True)
    assert "Merge M. Hamilton into Margaret Hamilton" in page
    response = post_form(
        f"/contacts/{survivor}/merge", {"other_id": other}, page=f"/contacts/{survivor}/merge?q=Ham"
    )
    assert "merged into Margaret Hamilton" in response.get_data(as_text=True)
    with store.sessions() as session:
        contact = session.get(Contact, survivor)
        assert {e.email for e in contact.emails} == {"mh@example.com", "margaret@nasa.example"}
        assert [i.source_ref for i in contact.interactions] == ["m1"]
        assert session.get(Contact, other) is None


def test_an_unknown_contact_gets_a_404_page_that_says_so(client):
    response = client.get("/contacts/999")
    assert response.status_code == 404
    assert b"there is no contact with id 999" in response.data


def test_pasted_markup_in_a_name_is_shown_escaped(client, store):
    contact_id = add(store, "<script>alert(1)</script>")
    for url in ("/contacts", f"/contacts/{contact_id}"):
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_edit_form_corrects_a_role_and_a_school_and_keeps_them_as_the_users(client, store):
    with store.sessions() as session:
        contact = create_contact(session, ContactInput(name="Sarah Chen"))
        contact.positions = [
            Position(
                ordinal=0, title="Raised €6.5m seed", company="Angel Investor", start="2021-01"
            ),
            Position(ordinal=1, title="Partner", company="Whitfield & Grey LLP", start="2018-01"),
        ]
        session.commit()
        contact_id = contact.id
    url = f"/contacts/{contact_id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert 'value="Raised €6.5m seed"' in page
    assert "Role 3" in page  # a blank one for adding
    data = submitted(
        page,
        url,
        **{
            "positions-0-title": "Angel investor",
            "positions-0-company": "Self-employed",
            "positions-1-end": "2024-06",
            "positions-1-current": [],
            "positions-2-title": "Non-Executive Director",
            "positions-2-company": "Bristol Tech Forum",
            "positions-2-start": "2022",
            "positions-2-current": "y",
            "education-0-school": "University of Bristol",
            "education-0-degree": "LLB, Law",
            "education-0-start": "2003",
            "education-0-end": "2006",
        },
    )
    response = client.post(url, data=data, follow_redirects=True)
    assert "Changes saved." in response.get_data(as_text=True)
    with store.sessions() as session:
        contact = session.get(Contact, contact_id)
        assert [(p.title, p.company, p.start, p.end) for p in contact.positions] == [
            ("Angel investor", "Self-employed", "2021-01", ""),
            ("Partner", "Whitfield & Grey LLP", "2018-01", "2024-06"),
            ("Non-Executive Director", "Bristol Tech Forum", "2022", ""),
        ]
        assert [(e.school, e.degree, e.start, e.end) for e in contact.education] == [
            ("University of Bristol", "LLB, Law", "2003", "2006")
        ]
        assert {"positions", "education"} <= set(contact.protected_fields)


def test_a_role_can_be_removed_from_the_edit_form(client, store):
    with store.sessions() as session:
        contact = create_contact(session, ContactInput(name="Tom Baker"))
        contact.positions = [
            Position(ordinal=0, title="Founder", company="Gridwise", start="2020-03"),
            Position(ordinal=1, title="See more", company="", start="2019-01", end="2019-02"),
        ]
        session.commit()
        contact_id = contact.id
    url = f"/contacts/{contact_id}/edit"
    data = submitted(client.get(url).get_data(as_text=True), url, **{"positions-1-remove": "y"})
    client.post(url, data=data)
    with store.sessions() as session:
        assert [p.title for p in session.get(Contact, contact_id).positions] == ["Founder"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"positions-0-start": "March 2020"}, "Write a date as 2021 or 2021-03."),
        (
            {"positions-0-end": "2019-01", "positions-0-current": []},
            "The role ends before it starts.",
        ),
        ({"positions-0-end": "2024-01"}, "A current role has no end"),
        ({"positions-0-current": []}, "Give when the role ended, or tick Current role."),
    ],
)
def test_a_role_that_does_not_add_up_is_named_and_nothing_is_saved(client, store, changes, message):
    with store.sessions() as session:
        contact = create_contact(session, ContactInput(name="Tom Baker"))
        contact.positions = [
            Position(ordinal=0, title="Founder", company="Gridwise", start="2020-03")
        ]
        session.commit()
        contact_id = contact.id
    url = f"/contacts/{contact_id}/edit"
    data = submitted(client.get(url).get_data(as_text=True), url, **changes)
    page = client.post(url, data=data).get_data(as_text=True)
    assert message in page
    with store.sessions() as session:
        [position] = session.get(Contact, contact_id).positions
        assert (position.start, position.end) == ("2020-03", "")


def test_a_script_that_posts_without_the_roles_leaves_them_alone(client, post_form, store):
    with store.sessions() as session:
        contact = create_contact(session, ContactInput(name="Tom Baker"))
        contact.positions = [Position(ordinal=0, title="Founder", company="Gridwise", start="2020")]
        session.commit()
        contact_id = contact.id
    url = f"/contacts/{contact_id}/edit"
    post_form(url, {"name": "Tom Baker", "tier": "unset"})
    with store.sessions() as session:
        assert [p.title for p in session.get(Contact, contact_id).positions] == ["Founder"]


def test_a_role_marked_for_removal_is_removed_even_if_its_dates_are_unreadable(client, store):
    with store.sessions() as session:
        contact = create_contact(session, ContactInput(name="Tom Baker"))
        contact.positions = [
            Position(ordinal=0, title="Founder", company="Gridwise", start="2020-03"),
            Position(ordinal=1, title="Mentor", company="", start="Mar 2019", end="soon"),
        ]
        session.commit()
        contact_id = contact.id
    url = f"/contacts/{contact_id}/edit"
    data = submitted(client.get(url).get_data(as_text=True), url, **{"positions-1-remove": "y"})
    assert "Changes saved." in client.post(url, data=data, follow_redirects=True).get_data(
        as_text=True
    )
    with store.sessions() as session:
        assert [p.title for p in session.get(Contact, contact_id).positions] == ["Founder"]


def test_a_current_role_needs_its_start(client, store):
    contact_id = add(store, "Tom Baker")
    url = f"/contacts/{contact_id}/edit"
    page = client.get(url).get_data(as_text=True)
    changes = {"positions-0-title": "Founder", "positions-0-current": "y"}
    response = client.post(url, data=submitted(page, url, **changes))
    assert "Give when the current role started." in response.get_data(as_text=True)
