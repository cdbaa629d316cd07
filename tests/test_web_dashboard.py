"""The home dashboard."""


def test_the_dashboard_counts_contacts_by_category(tmp_path):
    from helper import create_app

    client = create_app({"DATA_DIR": tmp_path, "DEMO": True}).test_client()
    page = client.get("/").get_data(as_text=True)
    assert "40 contacts in all" in page
    assert "Hello, Alex" in page
    assert "Demo store" in page


def test_without_goals_the_panels_invite_a_first_goal(client):
    page = client.get("/").get_data(as_text=True)
    assert "No active goals yet." in page
    assert "Set your first goal" in page
    assert "Nothing to do yet." in page


def test_the_panels_show_goals_by_priority_with_progress_and_this_weeks_actions(client, session):
    from helper.db.models import GoalContact
    from helper.store.contacts import ContactInput, create_contact
    from helper.store.goals import GoalInput, create_goal

    priya = create_contact(session, ContactInput(name="Priya Raman", headline="Fintech recruiter"))
    olly = create_contact(session, ContactInput(name="Olly Old-friend", tier="strengthen"))
    later = create_goal(session, GoalInput(title="Learn about solar", purpose="industry_insight"))
    first = create_goal(
        session,
        GoalInput(
            title="Find a fintech role",
            purpose="career",
            priority=1,
            targets={"short": 4},
            keywords=["fintech"],
        ),
    )
    create_goal(session, GoalInput(title="Old goal", purpose="career", status="paused"))
    session.add(GoalContact(goal_id=first.id, contact_id=priya.id, stage="shortlisted"))
    session.commit()

    page = client.get("/").get_data(as_text=True)
    goals = page[page.index("goals-heading") : page.index("week-heading")]
    assert goals.index("Find a fintech role") < goals.index(later.title)
    assert "Old goal" not in goals
    assert 'aria-label="Short term progress: 0 of 4"' in goals
    week = page[page.index("week-heading") :]
    assert f'href="/contacts/{priya.id}">Reach out to Priya Raman' in week
    assert f'href="/goals/{first.id}"' in week
    assert f'href="/contacts/{olly.id}">Make a first contact with Olly Old-friend' in week
    assert week.count("<li>") <= 10
