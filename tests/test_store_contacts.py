"""Contact queries and edits in the store."""

import pytest

from helper.errors import NotFound, OutreachError
from helper.store.contacts import (
    ContactFilter,
    ContactInput,
    category_counts,
    create_contact,
    get_contact,
    list_contacts,
    update_contact,
)


def test_a_user_edit_protects_only_the_fields_that_changed(session):
    contact = create_contact(session, ContactInput(name="Grace", headline="Admiral"))
    update_contact(session, contact, ContactInput(name="Grace", headline="Rear Admiral"))
    assert contact.protected_fields == ["headline"]


def test_two_contacts_cannot_share_a_linkedin_url(session):
    url = "https://www.linkedin.com/in/grace/"
    create_contact(session, ContactInput(name="Grace", linkedin_url=url))
    with pytest.raises(OutreachError, match="already has this LinkedIn URL"):
        create_contact(session, ContactInput(name="Grace H.", linkedin_url=url))


def test_an_empty_linkedin_url_is_stored_as_null_so_many_contacts_can_lack_one(session):
    create_contact(session, ContactInput(name="A"))
    second = create_contact(session, ContactInput(name="B"))
    assert second.linkedin_url is None


def test_categories_chosen_on_the_form_become_the_users_own(session):
    contact = create_contact(session, ContactInput(name="C", categories=["recruiter", "bogus"]))
    assert [(c.key, c.source) for c in contact.categories] == [("recruiter", "user")]


def test_category_counts_cover_all_nine_keys(session):
    create_contact(session, ContactInput(name="R", categories=["recruiter", "club"]))
    counts = category_counts(session)
    assert len(counts) == 9
    assert counts["recruiter"] == 1 and counts["mentor"] == 0


def test_the_page_number_is_clamped_to_the_pages_that_exist(session):
    for n in range(5):
        create_contact(session, ContactInput(name=f"P{n}"))
    page = list_contacts(session, ContactFilter(page=7, per_page=2))
    assert (page.page, page.pages, page.total) == (3, 3, 5)
    assert [c.name for c in page.contacts] == ["P4"]


def test_an_unknown_id_raises_not_found_with_the_id(session):
    with pytest.raises(NotFound, match="no contact with id 42"):
        get_contact(session, 42)
