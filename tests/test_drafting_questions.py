"""Questions worth asking: three to five, drawn from the person's history, their role, the event
you met at and the goal; general questions only pad a list that has something specific."""

from __future__ import annotations

from helper.drafting import SharedContext, questions_for
from helper.records import ContactSnapshot, Education, GoalSpec, MeProfile, Position, ProfileRecord


def contact(categories: list[str] | None = None, **fields: object) -> ContactSnapshot:
    profile = ProfileRecord(**fields)  # type: ignore[arg-type]
    return ContactSnapshot(id=1, profile=profile, categories=categories or [])


def career_changer() -> ContactSnapshot:
    return contact(
        name="Priya Raman",
        current_title="Head of Data",
        current_company="Globex",
        positions=[
            Position("Head of Data", "Globex", "2022", ""),
            Position("Management Consultant", "McKinsey", "2017", "2022"),
        ],
    )


ME = MeProfile(name="Sam Carter", employers=["Acme"])


def test_a_career_change_and_the_current_team_come_first() -> None:
    questions, warnings = questions_for(career_changer(), ME)

    assert questions == [
        "What prompted the change from Management Consultant at McKinsey to Head of Data at "
        "Globex?",
        "What is your team at Globex focused on this year?",
        "What are you most excited about in your work right now?",
    ]
    assert warnings == []


def test_a_move_between_companies_in_the_same_line_of_work_asks_what_drew_them() -> None:
    person = contact(
        current_title="Senior Data Engineer",
        current_company="Globex",
        positions=[
            Position("Senior Data Engineer", "Globex", "2022", ""),
            Position("Data Engineer", "Initech", "2019", "2022"),
        ],
    )

    questions, _ = questions_for(person, ME)

    assert questions[0] == "What drew you to Globex after Initech?"


def test_a_promotion_in_the_same_company_asks_about_the_step() -> None:
    person = contact(
        current_title="Chief Operating Officer",
        current_company="Fabrikam",
        positions=[
            Position("Chief Operating Officer", "Fabrikam", "2020", ""),
            Position("Operations Director", "Fabrikam", "2016", "2020"),
        ],
    )

    questions, _ = questions_for(person, ME)

    assert (
        questions[0]
        == "How did you make the step from Operations Director to Chief Operating Officer?"
    )


def test_the_event_you_met_at_and_the_goals_aim_are_asked_about_never_its_keywords() -> None:
    goal = GoalSpec(id=1, title="t", purpose="career", keywords=["retail", "logistics"],
                    aim="a move into retail logistics")  # fmt: skip
    shared = SharedContext(event_met_at="Retail Week Live")

    questions, _ = questions_for(career_changer(), ME, goal, shared)

    assert "What was the most useful thing you took away from Retail Week Live?" in questions
    assert (
        "What would you advise someone working towards a move into retail logistics?" in questions
    )
    assert not any("retail and logistics" in question for question in questions)
    assert 3 <= len(questions) <= 5


def test_an_upcoming_event_is_asked_about_when_none_was_shared_before() -> None:
    questions, _ = questions_for(
        career_changer(), ME, shared=SharedContext(upcoming_event="SaaStr")
    )

    assert "What are you hoping to get out of SaaStr?" in questions


def test_a_target_organisation_that_is_their_company_gets_its_own_question() -> None:
    goal = GoalSpec(id=1, title="t", purpose="career", organisations=["Globex Ltd"])

    questions, _ = questions_for(career_changer(), ME, goal)

    assert "What do you wish you had known before joining Globex?" in questions


def test_never_more_than_five_questions() -> None:
    person = career_changer()
    person.profile.skills = ["Forecasting"]
    person.profile.education = [Education("University of Leeds")]
    me = MeProfile(schools=["University of Leeds"], former_employers=["McKinsey"])
    goal = GoalSpec(id=1, title="t", purpose="career", keywords=["analytics"])

    questions, _ = questions_for(person, me, goal, SharedContext(event_met_at="DataConf"))

    assert len(questions) == 5


def test_a_sentence_case_skill_is_lower_cased_inside_the_question() -> None:
    questions, _ = questions_for(contact(skills=["Demand forecasting"]), ME)
    named, _ = questions_for(contact(skills=["Python"]), ME)

    assert "How did you build your experience in demand forecasting?" in questions
    assert "How did you build your experience in Python?" in named


def test_with_nothing_known_the_general_questions_come_with_a_warning() -> None:
    questions, warnings = questions_for(contact(name="Alex Doe"), ME)

    assert len(questions) == 3
    assert warnings == [
        "Nothing specific is known about Alex yet: add their role, company or where you met "
        "for questions worth asking."
    ]


def test_with_only_a_goal_the_purpose_question_leads_the_padding() -> None:
    goal = GoalSpec(id=1, title="t", purpose="sponsorship")

    questions, _ = questions_for(contact(categories=["mentor"]), ME, goal)

    assert "What do you look for before backing a project?" in questions


def test_a_title_alone_asks_about_the_role() -> None:
    questions, warnings = questions_for(contact(current_title="Procurement Lead"), ME)

    assert questions[0] == "What does a typical week look like in your role as Procurement Lead?"
    assert warnings == []
