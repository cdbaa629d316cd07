"""The draft pages: choose a channel and goal, read and edit the draft, copy, mark sent, and
ask an introducer for a warm introduction."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from html import unescape

from sqlalchemy import select

from helper.db.models import Draft, GoalContact, Interaction
from helper.store.contacts import ContactInput, create_contact
from helper.store.events import EventInput, add_person_met, create_event
from helper.store.goals import GoalInput, create_goal
from tests.conftest import csrf_token_from


def add(store, name, **fields):
    with store.sessions() as session:
        contact = create_contact(session, ContactInput(name=name, **fields))
        session.commit()
        return contact.id


def add_goal(store):
    with store.sessions() as session:
        goal = create_goal(session, GoalInput(title="Move into data", purpose="career"))
        session.commit()
        return goal.id


def write_draft(post_form, contact_id, channel, goal_id=0):
    return post_form(
        f"/contacts/{contact_id}/draft",
        {"channel": channel, "goal": goal_id},
        follow=False,
    )


def latest_draft(store) -> Draft:
    with store.sessions() as session:
        draft = session.scalar(select(Draft).order_by(Draft.id.desc()))
        session.expunge(draft)
        return draft


def test_the_contact_page_links_to_drafting(client, store):
    priya = add(store, "Priya Raman")
    page = client.get(f"/contacts/{priya}").get_data(as_text=True)
    assert f'href="/contacts/{priya}/draft"' in page
    assert "Draft a message" in page


def test_the_best_channel_is_preselected_email_when_an_address_is_known(client, store):
    priya = add(store, "Priya Raman", emails=["priya@example.com"])
    tom = add(store, "Tom Hughes", linkedin_url="https://www.linkedin.com/in/tom/")
    page = client.get(f"/contacts/{priya}/draft").get_data(as_text=True)
    assert 'checked id="channel-3" name="channel" required type="radio" value="email"' in page
    page = client.get(f"/contacts/{tom}/draft").get_data(as_text=True)
    assert 'value="linkedin_connect"' in page.split("checked", 1)[1].split(">", 1)[0]


def test_an_upcoming_event_preselects_in_person(client, store):
    priya = add(store, "Priya Raman", emails=["priya@example.com"])
    with store.sessions() as session:
        soon = datetime.now(UTC).replace(tzinfo=None) + timedelta(days=3)
        event = create_event(session, EventInput(name="Data Meetup", kind="meetup", starts_at=soon))
        add_person_met(session, event, priya)
        session.commit()
    page = client.get(f"/contacts/{priya}/draft").get_data(as_text=True)
    assert 'value="in_person"' in page.split("checked", 1)[1].split(">", 1)[0]


def test_the_goal_from_a_suggestion_link_is_chosen(client, store):
    priya = add(store, "Priya Raman")
    goal_id = add_goal(store)
    page = client.get(f"/contacts/{priya}/draft?goal={goal_id}").get_data(as_text=True)
    assert f'<option selected value="{goal_id}">Move into data</option>' in page


def test_writing_a_draft_stores_it_and_shows_body_questions_and_count(client, store, post_form):
    priya = add(store, "Priya Raman", current_title="Head of Data", current_company="Globex")
    response = write_draft(post_form, priya, "linkedin_connect")
    draft = latest_draft(store)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/drafts/{draft.id}"
    page = unescape(client.get(f"/drafts/{draft.id}").get_data(as_text=True))
    assert "LinkedIn invitation note to Priya Raman" in page
    assert draft.body in page
    assert f"{len(draft.body)} / 300 characters" in page
    assert "Questions worth asking Priya Raman" in page
    assert draft.questions[0] in page
    assert 'data-counting="utf16"' in page
    assert '<script src="/static/js/drafts.js">' in page


def test_an_email_draft_opens_as_mailto_with_encoded_subject_and_body(client, store, post_form):
    priya = add(store, "Priya Raman", emails=["priya@example.com"], current_company="Globex")
    write_draft(post_form, priya, "email")
    draft = latest_draft(store)
    page = client.get(f"/drafts/{draft.id}").get_data(as_text=True)
    assert 'href="mailto:priya@example.com?subject=' in page
    assert "%0D%0A" in page
    assert "Open LinkedIn" not in page


def test_a_linkedin_draft_links_to_the_profile(client, store, post_form):
    tom = add(store, "Tom Hughes", linkedin_url="https://www.linkedin.com/in/tom/")
    write_draft(post_form, tom, "linkedin_message")
    page = client.get(f"/drafts/{latest_draft(store).id}").get_data(as_text=True)
    assert 'href="https://www.linkedin.com/in/tom/"' in page
    assert "mailto:" not in page.split("<main", 1)[1]


def test_an_unknown_channel_is_refused_with_the_page_again(client, store, post_form):
    priya = add(store, "Priya Raman")
    response = write_draft(post_form, priya, "fax")
    assert response.status_code == 400
    assert "Not a valid choice" in response.get_data(as_text=True)
    with store.sessions() as session:
        assert session.scalar(select(Draft)) is None


def test_editing_keeps_the_users_words(client, store, post_form):
    priya = add(store, "Priya Raman")
    write_draft(post_form, priya, "email")
    draft_id = latest_draft(store).id
    url = f"/drafts/{draft_id}"
    page = post_form(url, {"subject": "Coffee?", "body": "Hi Priya,\n\nCoffee next week?"})
    assert "Your changes to the draft are saved." in page.get_data(as_text=True)
    draft = latest_draft(store)
    assert (draft.subject, draft.body) == ("Coffee?", "Hi Priya,\n\nCoffee next week?")


def test_an_edit_over_the_limit_is_refused_and_the_text_shown_back(client, store, post_form):
    priya = add(store, "Priya Raman")
    write_draft(post_form, priya, "linkedin_connect")
    draft = latest_draft(store)
    too_long = "word " * 70
    response = post_form(f"/drafts/{draft.id}", {"body": too_long})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "over this channel&#39;s limit of 300 by 49" in page
    assert too_long.strip() in page
    assert latest_draft(store).body == draft.body


def test_marking_sent_logs_the_message_and_moves_the_goal_stage(client, store, post_form):
    priya = add(store, "Priya Raman", emails=["priya@example.com"])
    goal_id = add_goal(store)
    write_draft(post_form, priya, "email", goal_id)
    draft_id = latest_draft(store).id
    response = post_form(
        f"/drafts/{draft_id}/sent",
        {"subject": "Coffee?", "body": "Hi Priya, coffee?"},
        page=f"/drafts/{draft_id}",
        follow=False,
    )
    assert response.headers["Location"] == f"/goals/{goal_id}"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Marked sent: Priya Raman is now contacted for this goal." in page
    with store.sessions() as session:
        interaction = session.scalar(select(Interaction))
        assert (interaction.kind, interaction.summary) == ("email_sent", "Coffee?")
        link = session.scalar(select(GoalContact))
        assert (link.contact_id, link.stage) == (priya, "contacted")
        assert session.get(Draft, draft_id).body == "Hi Priya, coffee?"
    shown = client.get(f"/drafts/{draft_id}").get_data(as_text=True)
    assert "You marked this draft sent on" in shown
    assert "Mark as sent" not in shown


def test_marking_sent_without_a_goal_returns_to_the_contact_history(client, store, post_form):
    priya = add(store, "Priya Raman")
    write_draft(post_form, priya, "in_person")
    draft = latest_draft(store)
    response = post_form(
        f"/drafts/{draft.id}/sent", {"body": draft.body}, page=f"/drafts/{draft.id}"
    )
    page = response.get_data(as_text=True)
    assert "Marked sent and added to Priya Raman&#39;s history." in page
    assert "met" in page


def test_copying_records_when_and_needs_the_csrf_token(client, store, post_form):
    priya = add(store, "Priya Raman")
    write_draft(post_form, priya, "x_dm")
    draft_id = latest_draft(store).id
    assert client.post(f"/drafts/{draft_id}/copied").status_code == 400
    token = csrf_token_from(client.get(f"/drafts/{draft_id}").get_data(as_text=True))
    response = client.post(f"/drafts/{draft_id}/copied", headers={"X-CSRFToken": token})
    assert response.status_code == 200
    assert response.get_json()["id"] == draft_id
    assert latest_draft(store).copied_at is not None


def test_an_unknown_draft_is_a_clear_404(client):
    response = client.get("/drafts/404")
    assert response.status_code == 404
    assert "there is no draft with id 404" in response.get_data(as_text=True)


def test_a_warm_introduction_draft_goes_to_the_introducer(client, store, post_form):
    priya = add(store, "Priya Raman", current_company="Globex")
    alex = add(store, "Alex Morgan", current_company="Globex Ltd", emails=["alex@example.com"])
    page = client.get(f"/contacts/{priya}/draft").get_data(as_text=True)
    assert f'<option value="{alex}">Alex Morgan (also at Globex Ltd)</option>' in page
    response = post_form(
        f"/contacts/{priya}/introduction",
        {"intro-introducer": alex, "intro-channel": "email", "intro-goal": 0},
        page=f"/contacts/{priya}/draft",
    )
    shown = unescape(response.get_data(as_text=True))
    assert "Email to Alex Morgan" in shown
    assert "Could you introduce me to Priya Raman?" in shown
    assert "Questions worth asking" not in shown
    draft = latest_draft(store)
    assert draft.contact_id == alex
    assert draft.body.startswith("Hi Alex,")


def test_an_introducer_found_by_name_can_be_chosen(client, store, post_form):
    priya = add(store, "Priya Raman")
    lena = add(store, "Lena Vogel")
    page = client.get(f"/contacts/{priya}/draft").get_data(as_text=True)
    assert "No one in your contacts shares an employer or a school" in page
    found = client.get(f"/contacts/{priya}/draft?find=vogel").get_data(as_text=True)
    assert f'<option value="{lena}">Lena Vogel</option>' in found
    assert f'<option value="{priya}">' not in found
    post_form(
        f"/contacts/{priya}/introduction?find=vogel",
        {"intro-introducer": lena, "intro-channel": "linkedin_message", "intro-goal": 0},
        page=f"/contacts/{priya}/draft?find=vogel",
    )
    draft = latest_draft(store)
    assert (draft.contact_id, draft.channel) == (lena, "linkedin_message")
    assert draft.body.startswith("Hi Lena,")


def test_the_double_opt_in_variant_asks_the_introducer_to_check_first(client, store, post_form):
    priya = add(store, "Priya Raman", current_company="Globex")
    alex = add(store, "Alex Morgan", current_company="Globex")
    fields = {"intro-introducer": alex, "intro-channel": "email", "intro-goal": 0}
    url, page = f"/contacts/{priya}/introduction", f"/contacts/{priya}/draft"
    post_form(url, fields, page=page)
    plain = latest_draft(store).body
    post_form(url, {**fields, "intro-double_opt_in": "y"}, page=page)
    assert latest_draft(store).body != plain


def test_the_goal_page_offers_a_draft_link_per_suggestion(client, store):
    priya = add(store, "Priya Raman", current_company="Globex", categories=["recruiter"])
    goal_id = add_goal(store)
    page = client.get(f"/goals/{goal_id}").get_data(as_text=True)
    assert f'href="/contacts/{priya}/draft?goal={goal_id}"' in page


def test_deleting_a_draft_removes_it_and_returns_to_the_contact(client, store, post_form):
    priya = add(store, "Priya Raman")
    write_draft(post_form, priya, "x_dm")
    draft_id = latest_draft(store).id
    response = post_form(f"/drafts/{draft_id}/delete", {}, page=f"/drafts/{draft_id}")
    page = unescape(response.get_data(as_text=True))
    assert response.request.path == f"/contacts/{priya}"
    assert "draft to Priya Raman is deleted." in page
    assert client.get(f"/drafts/{draft_id}").status_code == 404


def test_deleting_a_sent_draft_keeps_the_message_in_the_history(client, store, post_form):
    priya = add(store, "Priya Raman")
    write_draft(post_form, priya, "in_person")
    draft = latest_draft(store)
    post_form(f"/drafts/{draft.id}/sent", {"body": draft.body}, page=f"/drafts/{draft.id}")
    page = client.get(f"/drafts/{draft.id}").get_data(as_text=True)
    assert "The message you sent stays in Priya Raman" in page
    post_form(f"/drafts/{draft.id}/delete", {}, page=f"/drafts/{draft.id}")
    with store.sessions() as session:
        assert session.get(Draft, draft.id) is None
        kinds = session.scalars(select(Interaction.kind).where(Interaction.contact_id == priya))
        assert list(kinds) == ["met"]


def test_deleting_a_draft_without_the_csrf_token_is_refused(client, store, post_form):
    priya = add(store, "Priya Raman")
    write_draft(post_form, priya, "x_dm")
    draft_id = latest_draft(store).id
    assert client.post(f"/drafts/{draft_id}/delete").status_code == 400
    assert latest_draft(store).id == draft_id
