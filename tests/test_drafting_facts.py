"""What a draft may say about a person, cleaned from the record: a company to work "at", a
skill without LinkedIn's qualifier, a mail subject without "Re:", what someone is hiring for,
a line of their About text, what was discussed at an event; and a pitch without its job hunt."""

from __future__ import annotations

from datetime import date

import pytest

from helper.drafting import compose_draft, suggest_aim
from helper.drafting.facts import (
    about_line,
    hiring_line,
    open_to_line,
    role_start,
    usable_company,
    usable_skill,
    without_job_hunt,
)
from helper.drafting.wording import event_topic, mail_subject, time_phrase
from helper.records import ContactSnapshot, GoalSpec, MeProfile, Position, ProfileRecord

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize("company", ["Self-employed", "self employed", "Freelance", "Stealth"])
def test_self_employment_is_no_company_to_work_at(company):
    assert usable_company(company) == ""


def test_a_real_company_is_kept():
    assert usable_company("Whitfield & Grey LLP") == "Whitfield & Grey LLP"


@pytest.mark.parametrize(
    ("skill", "written"),
    [("Python (Programming Language)", "Python"), ("Apache Kafka (Software)", "Apache Kafka")],
)
def test_a_skill_loses_linkedins_qualifier(skill, written):
    assert usable_skill(skill) == written


@pytest.mark.parametrize(
    ("subject", "quoted"),
    [("Re: Head of Data Platform roles", "Head of Data Platform roles"),
     ("RE: Fwd: Intro", "Intro"), ("x" * 80, ""), ("Re:", "")],
)  # fmt: skip
def test_a_mail_subject_is_quoted_without_reply_prefixes_or_not_at_all(subject, quoted):
    assert mail_subject(subject) == quoted


@pytest.mark.parametrize(
    ("headline", "hiring"),
    [
        ("Senior Recruiter | Hiring Heads of Data across fintech", "Heads of Data across fintech"),
        ("Engineering Manager · We're hiring!", "yes"),
        ("VP Engineering at Acme #hiring", "yes"),
        ("I help teams with hiring and onboarding", ""),
    ],
)
def test_what_someone_is_hiring_for_comes_from_their_headline(headline, hiring):
    assert hiring_line(headline, "") == hiring


def test_an_open_to_line_is_read_from_a_headline_segment():
    assert open_to_line("Freelance data consultant | Open to advising startups") == (
        "advising startups"
    )


def test_the_first_short_sentence_of_about_is_quoted_without_see_more():
    about = "I build event-driven systems that don't wake people up at night. More …see more"
    assert about_line(about) == "I build event-driven systems that don't wake people up at night."
    assert about_line("Hi.") == ""


@pytest.mark.parametrize(
    ("note", "topic"),
    [
        ("her move to Berlin", "your move to Berlin"),
        ("Discussed their data mesh rollout; wants intro to Dan", "your data mesh rollout"),
        ("I promised to send the deck", ""),
        ("Promised intro to Dan", ""),
    ],
)
def test_an_event_note_becomes_a_topic_said_to_the_person(note, topic):
    assert event_topic(note) == topic


def test_a_job_hunt_clause_is_left_out_of_the_pitch():
    pitch = (
        "I'm Sam, a senior data engineer at Contoso. I build streaming data platforms that "
        "keep fraud checks under a second, and I'm now looking to move into a data platform "
        "leadership role."
    )
    assert without_job_hunt(pitch) == (
        "I'm Sam, a senior data engineer at Contoso. I build streaming data platforms that "
        "keep fraud checks under a second."
    )


@pytest.mark.parametrize(
    ("start", "when"),
    [("2026-09", date(2026, 9, 1)), ("2024", date(2024, 1, 1)), ("Mar 2025", date(2025, 3, 1)),
     ("", None), ("soon", None)],
)  # fmt: skip
def test_when_a_role_began_is_read_from_the_usual_forms(start, when):
    assert role_start(Position("t", "c", start, "")) == when


def test_a_month_is_named_with_its_year_only_when_it_was_another_year():
    assert time_phrase(date(2026, 3, 11), TODAY) == "in March"
    assert time_phrase(date(2025, 3, 11), TODAY) == "in March 2025"


@pytest.mark.parametrize(
    ("when", "said"),
    [
        (date(2026, 12, 3), "today"),
        (date(2026, 12, 2), "yesterday"),
        (date(2026, 12, 1), "on Tuesday"),
        (date(2026, 11, 28), "on Saturday"),
        (date(2026, 11, 24), "last week"),
        (date(2026, 11, 23), "last week"),
        (date(2026, 11, 22), "in November"),
        (date(2025, 12, 1), "in December 2025"),
    ],
)
def test_a_recent_day_is_said_as_a_person_says_it_on_thursday_3_december(when, said):
    assert time_phrase(when, date(2026, 12, 3)) == said


@pytest.mark.parametrize(
    ("title", "purpose", "aim"),
    [
        ("Move into platform leadership", "career", "moving into platform leadership"),
        (
            "Find a supplier of industrial sensors",
            "business",
            "finding a supplier of industrial sensors",
        ),
        ("Building our data community", "team_bonding", "building our data community"),
        ("Fintech PM role", "career", "my next career step"),
        ("", "sponsorship", "finding a senior sponsor for my work"),
    ],
)
def test_an_aim_is_suggested_from_a_title_that_says_what_to_do_else_from_the_purpose(
    title, purpose, aim
):
    assert suggest_aim(purpose, title) == aim


def test_a_freelancer_is_never_written_to_as_working_at_self_employed():
    freelancer = ContactSnapshot(
        id=1,
        profile=ProfileRecord(
            name="Oliver Brown",
            current_title="Freelance Data Consultant",
            current_company="Self-employed",
            skills=["Python (Programming Language)"],
        ),
    )
    draft = compose_draft(freelancer, "email", MeProfile(name="Sam Carter"), today=TODAY)
    everything = " ".join([draft.subject, draft.body, *draft.questions])
    assert "Self-employed" not in everything
    assert "(Programming Language)" not in everything
    assert "I came across your role as Freelance Data Consultant." in draft.body


def test_a_recent_move_is_congratulated():
    mover = ContactSnapshot(
        id=1,
        profile=ProfileRecord(
            name="Aisha Bello",
            current_title="Account Executive",
            current_company="Sensorly",
            positions=[Position("Account Executive", "Sensorly", "2026-09", "")],
        ),
    )
    goal = GoalSpec(id=1, title="t", purpose="business", aim="finding sensor suppliers")
    draft = compose_draft(mover, "linkedin_connect", MeProfile(name="Sam"), goal, today=TODAY)
    assert draft.body.startswith(
        "Hi Aisha,\n\nCongratulations on your move to Sensorly as Account Executive."
    )


def test_a_pitch_without_a_job_hunt_is_kept_exactly_as_written():
    pitch = "I build payment systems, and I lead a team of six."
    assert without_job_hunt(pitch) == pitch
    growing = "I led small teams for six years, and I am now looking to grow into leadership."
    assert without_job_hunt(growing) == "I led small teams for six years."
