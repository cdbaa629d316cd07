"""The goal pages, the due list, and the cadence settings on the Me page."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from helper.db.models import Goal, GoalContact, Interaction, Me
from helper.store.contacts import ContactInput, create_contact
from helper.store.goals import GoalInput, create_goal

GOAL_FORM = {
    "title": "Find a fintech role",
    "purpose": "career",
    "priority": "1",
    "short_target": "2",
    "short_ends": "2027-03-31",
    "long_target": "10",
    "strategy": "both",
    "scope": "both",
    "keywords": "fintech",
    "organisations": "Monzo",
    "categories": ["recruiter", "mentor"],
    "status": "active",
}


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def contacts(session):
    priya = create_contact(
        session,
        ContactInput(
            name="Priya Raman",
            headline="Fintech recruiter",
            current_company="Monzo",
            categories=["recruiter"],
            tier="strengthen",
        ),
    )
    bob = create_contact(
        session, ContactInput(name="Bob Plumber", headline="Boiler repairs and heating")
    )
    gone = create_contact(
        session,
        ContactInput(
            name="Gina Gone", headline="Fintech recruiter", categories=["recruiter"], tier="let_go"
        ),
    )
    session.commit()
    return priya, bob, gone


@pytest.fixture
def goal_id(session, contacts):
    goal = create_goal(
        session,
        GoalInput(
            title="Find a fintech role",
            purpose="career",
            priority=1,
            targets={"short": 2, "long": 10},
            keywords=["fintech"],
            organisations=["Monzo"],
            categories=["recruiter", "introducer"],
        ),
    )
    session.commit()
    return goal.id


def test_the_goal_list_invites_a_first_goal(client):
    page = client.get("/goals").get_data(as_text=True)
    assert "No goals yet." in page
    assert "Set your first goal" in page


def test_the_new_goal_form_ticks_the_career_defaults_and_labels_every_field(client):
    page = client.get("/goals/new").get_data(as_text=True)
    for key in ("recruiter", "mentor", "colleague", "introducer"):
        assert re.search(rf'<input [^>]*checked[^>]*value="{key}"', page), key
    assert not re.search(r'<input [^>]*checked[^>]*value="supplier"', page)
    # Fields have a <label for=...>; checkboxes and radios sit inside theirs.
    wrapped = re.findall(r'<label class="choice"><input [^>]*id="([^"]+)"', page)
    for field in re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', page):
        if field != "csrf_token" and field not in wrapped:
            assert f'for="{field}"' in page, field
    assert "js/goal_form.js" in page


def test_saving_a_goal_opens_its_page_with_a_progress_bar(client, post_form, session):
    response = post_form("/goals/new", GOAL_FORM)
    page = response.get_data(as_text=True)
    assert "The goal &#39;Find a fintech role&#39; is saved." in page
    assert 'aria-label="Short term progress: 0 of 2"' in page
    assert "2 to go" in page
    assert "31 Mar 2027" in page
    goal = session.query(Goal).one()
    assert goal.categories == ["recruiter", "mentor"]
    assert goal.organisations == ["Monzo"]


def test_the_goals_aim_is_saved_and_its_page_shows_what_drafts_say(client, post_form, session):
    form = {**GOAL_FORM, "aim": "a move into fintech product management", "ask": "Coffee?"}
    page = post_form("/goals/new", form).get_data(as_text=True)
    assert "Drafts say: “Right now I’m focused on a move into fintech product management.”" in page
    assert "Check this suggested aim" not in page
    goal = session.query(Goal).one()
    assert (goal.aim, goal.aim_checked, goal.ask) == (
        "a move into fintech product management",
        True,
        "Coffee?",
    )


def test_a_goal_saved_without_an_aim_gets_the_suggestion_and_asks_for_a_check(
    client, post_form, session
):
    page = post_form("/goals/new", {**GOAL_FORM, "title": "Find a payments role"})
    assert "Check this suggested aim" in page.get_data(as_text=True)
    goal = session.query(Goal).one()
    assert (goal.aim, goal.aim_checked) == ("finding a payments role", False)
    form = client.get(f"/goals/{goal.id}/edit").get_data(as_text=True)
    assert "This aim was suggested for you" in form
    post_form(f"/goals/{goal.id}/edit", {**GOAL_FORM, "aim": "finding a payments role"})
    session.refresh(goal)
    assert goal.aim_checked is True


def test_the_form_suggests_an_aim_from_the_title_and_purpose(client):
    answer = client.get("/goals/aim-suggestion?purpose=career&title=Move+into+platform+leadership")
    assert answer.get_json() == {"aim": "moving into platform leadership"}
    blank = client.get("/goals/aim-suggestion?purpose=business&title=").get_json()
    assert blank == {"aim": "finding new customers and partners"}
    form = client.get("/goals/new").get_data(as_text=True)
    assert 'data-suggest-url="/goals/aim-suggestion"' in form
    assert '<label for="aim">Your aim, in your words</label>' in form


def test_a_goal_saved_without_categories_uses_the_purpose_defaults(client, post_form, session):
    post_form("/goals/new", {**GOAL_FORM, "purpose": "business", "categories": []})
    assert session.query(Goal).one().categories == ["customer", "introducer", "club", "supplier"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "Give the goal a title."),
        ({"short_target": "-3"}, "Enter a number from 0 to 10,000."),
        (
            {"short_ends": "31/03/2027"},
            "&#39;31/03/2027&#39; is not a date; write it as YYYY-MM-DD",
        ),
        (
            {"long_target": "1"},
            "The long-term target (1) is smaller than the short-term one (2)",
        ),
    ],
)
def test_a_wrong_goal_says_why_and_saves_nothing(client, post_form, session, change, message):
    page = post_form("/goals/new", {**GOAL_FORM, **change}).get_data(as_text=True)
    assert "Nothing was saved." in page
    assert message in page
    assert session.query(Goal).count() == 0


def test_editing_a_goal_changes_it(client, post_form, session, goal_id):
    url = f"/goals/{goal_id}/edit"
    form = client.get(url).get_data(as_text=True)
    assert 'value="Find a fintech role"' in form
    page = post_form(url, {**GOAL_FORM, "title": "Find a payments role"}).get_data(as_text=True)
    assert "Changes saved." in page
    assert "Find a payments role" in page


def test_the_goal_page_ranks_who_can_help_with_reasons(client, goal_id):
    page = client.get(f"/goals/{goal_id}").get_data(as_text=True)
    suggestions = text_of(page[page.index("suggestions-heading") : page.index("gaps-heading")])
    assert "Priya Raman" in suggestions
    assert "recruiter — goal wants recruiters" in suggestions
    assert "Monzo" in suggestions
    assert "Bob Plumber" not in suggestions
    assert "Gina Gone" not in suggestions


def test_the_goal_page_shows_gaps_with_the_methods_advice(client, goal_id):
    page = text_of(client.get(f"/goals/{goal_id}").get_data(as_text=True))
    assert "Introducer — none in your contacts" in page
    assert "accountants, solicitors, bank managers and non-executive directors" in page


def shortlist_and_move(client, post_form, goal_id, contact_id, stage=None):
    url = f"/goals/{goal_id}"
    post_form(f"{url}/shortlist", {"contact_id": str(contact_id)}, page=url)
    if stage:
        return post_form(f"{url}/stage", {"contact_id": str(contact_id), "stage": stage}, page=url)
    return client.get(url)


def test_shortlisting_moves_a_suggestion_into_the_pipeline(
    client, post_form, session, contacts, goal_id
):
    priya = contacts[0]
    page = shortlist_and_move(client, post_form, goal_id, priya.id).get_data(as_text=True)
    pipeline = text_of(page[page.index("pipeline-heading") : page.index("suggestions-heading")])
    assert "Priya Raman Shortlisted" in pipeline
    assert "Mark contacted" in pipeline
    link = session.query(GoalContact).one()
    assert link.score > 0
    assert "recruiter — goal wants recruiters" in link.reasons


def test_moving_to_contacted_advances_the_progress_bar(client, post_form, contacts, goal_id):
    page = shortlist_and_move(client, post_form, goal_id, contacts[0].id, "contacted")
    html = page.get_data(as_text=True)
    assert "Priya Raman moved to “Contacted”." in html
    assert 'aria-label="Short term progress: 1 of 2"' in html
    assert re.search(r'class="bar-fill"[^>]*width="50.0"', html)


def test_an_unknown_stage_changes_nothing(client, post_form, session, contacts, goal_id):
    page = shortlist_and_move(client, post_form, goal_id, contacts[0].id, "won")
    assert "Choose one of the stages; nothing changed." in page.get_data(as_text=True)
    assert session.query(GoalContact).one().stage == "shortlisted"


def test_shortlisting_needs_the_forms_token(client, contacts, goal_id):
    response = client.post(f"/goals/{goal_id}/shortlist", data={"contact_id": contacts[0].id})
    assert response.status_code == 400


def test_an_unknown_goal_is_a_friendly_404(client):
    response = client.get("/goals/999")
    assert response.status_code == 404
    assert "there is no goal with id 999" in response.get_data(as_text=True)


def log(session, contact, days_ago: int, ref: str) -> None:
    when = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=days_ago)
    session.add(Interaction(contact_id=contact.id, kind="met", occurred_at=when, source_ref=ref))


def test_the_due_list_shows_due_and_overdue_in_two_colours(client, session):
    late = create_contact(session, ContactInput(name="Olly Overdue", tier="strengthen"))
    due = create_contact(session, ContactInput(name="Dana Due", tier="maintain"))
    fine = create_contact(session, ContactInput(name="Fiona Fine", tier="strengthen"))
    log(session, late, 40, "a")
    log(session, due, 100, "b")
    log(session, fine, 3, "c")
    session.commit()
    page = client.get("/due").get_data(as_text=True)
    assert re.search(r'due-row row-overdue">\s*<th scope="row"><a [^>]*>Olly Overdue', page)
    assert re.search(r'due-row row-due">\s*<th scope="row"><a [^>]*>Dana Due', page)
    assert "Fiona Fine" not in page
    assert page.index("Olly Overdue") < page.index("Dana Due")


def test_the_contact_page_shows_when_the_next_touch_is_due(client, session):
    late = create_contact(session, ContactInput(name="Olly Overdue", tier="strengthen"))
    log(session, late, 40, "a")
    session.commit()
    page = text_of(client.get(f"/contacts/{late.id}").get_data(as_text=True))
    assert "Next touch Overdue was due" in page
    assert "(strengthen: every 14 days)" in page


def test_cadences_are_set_on_the_me_page_and_change_the_due_list(client, post_form, session):
    late = create_contact(session, ContactInput(name="Olly Overdue", tier="strengthen"))
    log(session, late, 40, "a")
    session.commit()
    cadence = {"strengthen_days": "60", "maintain_days": "120", "overdue_percent": "200"}
    page = post_form("/me", {"timezone": "UTC", "linkedin_note_limit": "300", **cadence})
    assert "Your profile is saved." in page.get_data(as_text=True)
    me = session.query(Me).one()
    assert (me.strengthen_days, me.maintain_days, me.overdue_percent) == (60, 120, 200)
    assert "Olly Overdue" not in client.get("/due").get_data(as_text=True)


def test_a_cadence_out_of_range_is_refused(client, post_form):
    form = {"timezone": "UTC", "linkedin_note_limit": "300", "strengthen_days": "0"}
    page = post_form("/me", form).get_data(as_text=True)
    assert "Enter a number of days from 1 to 365." in page
