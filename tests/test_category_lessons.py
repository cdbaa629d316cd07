"""Category suggestions learn from the user's corrections, per store, and forget on request."""

from __future__ import annotations

from sqlalchemy import select

from helper.db.models import CategoryLesson
from helper.people import Lessons, correction
from helper.records import MeProfile, ProfileRecord
from helper.store.contacts import ContactInput, create_contact, update_contact
from helper.store.imports.pipeline import import_file
from helper.store.lessons import forget_lessons, lesson_count, load_lessons
from helper.store.profiles import preview_profile, save_profile
from tests.conftest import classify


def person(headline: str, name: str = "Alex Morgan") -> ProfileRecord:
    return ProfileRecord(name=name, headline=headline)


def keys(record: ProfileRecord, lessons: Lessons | None = None) -> set[str]:
    return {s.key for s in classify(record, lessons=lessons)}


def learned(record: ProfileRecord, added=(), removed=()) -> Lessons:
    return Lessons(correction(record, added, removed))


def test_a_category_added_by_hand_is_suggested_for_a_similar_headline_with_its_reason():
    lessons = learned(person("Wealth Manager at Brewin Dolphin"), added=["introducer"])
    suggestions = classify(person("Senior Wealth Manager | Harrogate"), lessons=lessons)
    assert [(s.key, s.reason) for s in suggestions] == [
        ("introducer", "you marked similar headlines as introducers")
    ]


def test_one_shared_word_or_the_company_is_no_likeness():
    lessons = learned(person("Wealth Manager at Brewin Dolphin"), added=["introducer"])
    assert keys(person("Operations Manager at Tailspin Toys"), lessons) == set()
    assert keys(person("Software Engineer at Brewin Dolphin"), lessons) == {"specialist"}


def test_a_pair_with_a_word_of_rank_is_no_likeness():
    lessons = learned(person("Senior Software Engineer at Globex"), added=["introducer"])
    assert "introducer" not in keys(person("Senior Software Developer"), lessons)


def test_a_removed_suggestion_is_withheld_from_similar_headlines_only():
    record = person("Account Executive at Relecloud")
    assert keys(record) == {"supplier"}
    lessons = learned(record, removed=["supplier"])
    assert keys(person("Account Executive, Mid-Market | Lakehouse Labs"), lessons) == set()
    assert keys(person("Sales Engineer at Relecloud"), lessons) == {"supplier"}


def test_one_removed_recruiter_does_not_silence_every_recruiter():
    lessons = learned(person("Technical Recruiter at Globex"), removed=["recruiter"])
    assert keys(person("Senior Recruiter | Executive Search"), lessons) == {"recruiter"}
    assert keys(person("Technical Recruiter at Initech"), lessons) == set()


def test_adding_the_category_back_undoes_the_removal():
    record = person("Account Executive at Relecloud")
    removal, addition = correction(record, [], ["supplier"]), correction(record, ["supplier"], [])
    weights = {key: removal.get(key, 0) + addition.get(key, 0) for key in {*removal, *addition}}
    assert keys(person("Account Executive at Lakehouse Labs"), Lessons(weights)) == {"supplier"}


def test_colleague_and_family_are_never_learned_from_words():
    record = person("Wealth Manager at Brewin Dolphin")
    assert correction(record, ["colleague", "friend_family"], []) == {}


def test_a_learned_supplier_is_still_no_supplier_at_my_own_employer():
    lessons = learned(person("Partnerships Lead at Globex"), added=["supplier"])
    me = MeProfile(name="Sam Carter", employers=["Contoso Analytics Ltd"])
    colleague = ProfileRecord(
        name="Alex Morgan", headline="Partnerships Lead", current_company="Contoso Analytics"
    )
    assert {s.key for s in classify(colleague, me, lessons)} == {"colleague"}


def test_a_removal_on_save_changes_the_next_suggestion_and_reset_forgets_it(session):
    first = person("Account Executive at Relecloud", name="Priya Raman")
    assert [s.key for s in preview_profile(session, first).suggestions] == ["supplier"]
    save_profile(session, first, chosen_categories=[])
    session.commit()

    similar = person("Account Executive | Lakehouse Labs", name="Tom Baker")
    assert preview_profile(session, similar).suggestions == []
    assert lesson_count(session) > 0

    forget_lessons(session)
    session.commit()
    assert [s.key for s in preview_profile(session, similar).suggestions] == ["supplier"]


def test_an_addition_on_save_makes_the_next_similar_headline_suggest_it(session):
    save_profile(session, person("Partnerships Lead, Bristol Old Vic"), ["club"])
    session.commit()
    suggestions = preview_profile(session, person("Partnerships Lead | Theatre Royal")).suggestions
    assert [(s.key, s.reason) for s in suggestions] == [
        ("club", "you marked similar headlines as clubs")
    ]


def test_a_category_removed_from_a_contact_never_comes_back_for_that_contact(session):
    record = person("Account Executive at Relecloud", name="Priya Raman")
    record.linkedin_url = "https://www.linkedin.com/in/priya-raman/"
    saved = save_profile(session, record, chosen_categories=[])
    session.commit()
    forget_lessons(session)  # even with the lesson forgotten, the person keeps the choice
    session.commit()
    again = preview_profile(session, record)
    assert again.match is saved.contact
    assert again.suggestions == []
    save_profile(session, record, chosen_categories=again.checked_categories)
    session.commit()
    assert saved.contact.category_keys == []
    assert saved.contact.declined_categories == ["supplier"]


def test_editing_a_contacts_categories_is_a_correction_too(session):
    contact = create_contact(
        session,
        ContactInput(name="Nadia Haddad", headline="Partnerships Lead, Bristol Old Vic"),
    )
    session.commit()
    update_contact(
        session,
        contact,
        ContactInput(
            name="Nadia Haddad", headline="Partnerships Lead, Bristol Old Vic", categories=["club"]
        ),
    )
    session.commit()
    lessons = load_lessons(session)
    assert keys(person("Partnerships Lead at the Lowry"), lessons) == {"club"}
    words = set(session.scalars(select(CategoryLesson.word)))
    assert {"partnerships", "lead", "partnerships lead"} <= words


def test_the_me_page_shows_what_was_learned_and_forgets_it(client, session, post_form):
    save_profile(session, person("Partnerships Lead, Bristol Old Vic"), ["club"])
    session.commit()
    page = client.get("/me").get_data(as_text=True)
    assert "What your category corrections taught" in page
    assert "Forget what my corrections taught" in page
    refused = post_form("/me/forget-corrections", {}, page="/me")
    assert "Tick the box to confirm; nothing was forgotten." in refused.get_data(as_text=True)
    assert lesson_count(session) > 0
    response = post_form("/me/forget-corrections", {"confirm": "yes"}, page="/me")
    assert "suggestions use the built-in cues again" in response.get_data(as_text=True)
    assert lesson_count(session) == 0


CONNECTIONS_CSV = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n\n'
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Priya,Raman,https://www.linkedin.com/in/priya-raman,,Relecloud,Account Executive,"
    "01 Mar 2024\n"
)


def test_an_import_does_not_put_back_a_category_the_user_took_off(store, session, tmp_path):
    record = person("Account Executive at Relecloud", name="Priya Raman")
    record.linkedin_url = "https://www.linkedin.com/in/priya-raman/"
    contact = save_profile(session, record, chosen_categories=[]).contact
    session.commit()
    forget_lessons(session)
    session.commit()
    export = tmp_path / "Connections.csv"
    export.write_text(CONNECTIONS_CSV, encoding="utf-8")
    summary = import_file(store, export)
    assert summary.updated + summary.merged == 1
    session.refresh(contact)
    assert contact.category_keys == []
