"""Drafts read as the person receiving them reads them: no false claims of shared time, no
private note quoted back, no goodbye said twice, no legal form in a sentence, and no job
question to a recruiter about a goal that is no job search."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from helper.drafting import SharedContext, compose_draft
from helper.drafting.context import opens_with_closing
from helper.drafting.slots import as_question
from helper.drafting.wording import in_sentence
from helper.records import (
    ContactSnapshot,
    GoalSpec,
    MeProfile,
    Position,
    ProfileRecord,
    RelationshipStats,
    Touch,
)

TODAY = date(2026, 12, 3)
LENA = MeProfile(
    name="Lena Hoffmann",
    employers=["Solaris Pay"],
    former_employers=["Zalando SE"],
    pitch="I lead the B2B payments product at Solaris Pay",
    signature="Best,\nLena Hoffmann\nSenior Product Manager, Solaris Pay",
)
INSIGHT = GoalSpec(id=2, title="PSD3", purpose="industry_insight", keywords=["PSD3"],
                   aim="understanding how PSD3 will change merchant payments")  # fmt: skip


def contact(name: str, title: str, company: str, categories: list[str]) -> ContactSnapshot:
    return ContactSnapshot(
        id=1,
        profile=ProfileRecord(
            name=name,
            current_title=title,
            current_company=company,
            positions=[Position(title, company, "2021-03", "")],
        ),
        categories=categories,
    )


def draft(person: ContactSnapshot, channel: str, **options: object) -> str:
    made = compose_draft(person, channel, LENA, today=TODAY, **options)  # type: ignore[arg-type]
    return f"{made.subject}\n{made.body}"


def test_a_shared_former_employer_alone_claims_no_time_together() -> None:
    claire = contact("Claire Bennett", "Engineering Manager", "Zalando SE", ["colleague"])
    for channel in ("in_person", "linkedin_connect", "email"):
        text = draft(claire, channel)
        assert "our time at" not in text and "good to see you again" not in text
    met = SharedContext(last_touch=Touch("met", date(2026, 10, 2)))
    assert "It's been a while since our time at Zalando." in draft(claire, "email", shared=met)


def test_a_note_the_user_logged_is_never_quoted_nor_made_a_reply_subject() -> None:
    elodie = contact("Élodie Martin", "Product Manager", "Lydia", [])
    note = Touch("email_sent", date(2026, 11, 20), "Julien Roux introduced us by email", True)
    text = draft(elodie, "email", shared=SharedContext(last_touch=note))
    assert "Julien Roux" not in text and "Re:" not in text
    assert "I'm following up on my note in November." in text


def test_a_logged_message_thanks_nobody_for_writing() -> None:
    oliver = contact("Oliver Grant", "VP Partnerships", "Wise", [])
    logged = Touch("message", date(2026, 2, 1), "Replied to his thread", True)
    text = draft(oliver, "x_dm", shared=SharedContext(last_touch=logged))
    assert "Thanks again" not in text and "our messages in February" in text


def test_a_signature_that_opens_with_a_closing_is_not_given_a_second_one() -> None:
    petra = contact("Petra Schulz", "Leiterin Einkauf", "OTTO (GmbH & Co KG)", ["customer"])
    for channel in ("email", "video_call"):
        text = draft(petra, channel)
        assert "Best regards,\nBest," not in text and text.count("Best,") == 1


@pytest.mark.parametrize(
    ("signature", "closes"),
    [
        ("Best,\nLena", True),
        ("Viele Grüße\nLena", True),
        ("Cordialement,\nCamille", True),
        ("Lena Hoffmann\nSolaris Pay", False),
        ("Head of Product, Solaris Pay, Berlin, Germany\n", False),
        ("", False),
    ],
)
def test_a_signature_opens_with_a_closing_only_when_its_first_line_is_one(
    signature: str, closes: bool
) -> None:
    assert opens_with_closing(signature) is closes


@pytest.mark.parametrize(
    ("written", "in_prose"),
    [
        ("OTTO (GmbH & Co KG)", "OTTO"),
        ("Zalando SE", "Zalando"),
        ("Moy & Ryan Veterinary, Ltd.", "Moy & Ryan Veterinary"),
        ("Lumio Éducation SAS", "Lumio Éducation"),
        ("Fielding, Marsh and Partners", "Fielding, Marsh and Partners"),
        ("AG", "AG"),
    ],
)
def test_a_company_reads_in_a_sentence_without_its_legal_form(written: str, in_prose: str) -> None:
    assert in_sentence(written) == in_prose


def test_a_recruiter_is_not_asked_about_jobs_for_a_goal_that_is_no_job_search() -> None:
    sarah = contact("Sarah Klein", "Senior Talent Acquisition Partner", "Hays", ["recruiter"])
    for channel in ("linkedin_connect", "email", "linkedin_message"):
        text = draft(sarah, channel, goal=INSIGHT)
        assert "hiring" not in text and "background would fit" not in text


def test_face_to_face_a_stranger_is_not_told_their_work_has_been_followed() -> None:
    petra = contact("Petra Schulz", "Leiterin Einkauf", "OTTO", ["customer"])
    text = draft(petra, "in_person")
    assert "following your work" not in text
    assert "I hear you're Leiterin Einkauf at OTTO." in text


CAREER = GoalSpec(id=3, title="Head of Product", purpose="career", keywords=["product"],
                  aim="moving into a Head of Product role in fintech within a year")  # fmt: skip


def test_a_job_search_is_not_told_to_a_customer_nor_put_in_a_subject() -> None:
    petra = contact("Petra Schulz", "Leiterin Einkauf", "OTTO", ["customer"])
    for channel in ("linkedin_connect", "email", "linkedin_inmail", "video_call"):
        text = draft(petra, channel, goal=CAREER)
        assert "Head of Product" not in text and "within a year" not in text
        assert "my next career step" in text
    sarah = contact("Sarah Klein", "Senior Talent Acquisition Partner", "Hays", ["recruiter"])
    email = compose_draft(sarah, "email", LENA, CAREER, today=TODAY)
    assert "Head of Product role" in email.body and "Head of Product" not in email.subject


def test_a_former_colleague_met_lately_is_not_told_it_has_been_a_while() -> None:
    markus = contact("Markus Weber", "Product Lead", "Trade Republic", ["colleague"])
    markus.profile.positions.append(Position("Product Manager", "Zalando SE", "2012-01", "2015-06"))
    coffee = SharedContext(last_touch=Touch("met", date(2026, 11, 10), "Coffee"))
    for channel in ("email", "linkedin_message"):
        assert "It's been a while" not in draft(markus, channel, shared=coffee)
    spoken = draft(markus, "in_person", shared=coffee)
    assert spoken.startswith("\nHi Markus, good to see you again.")
    assert "caught up since" not in spoken


def test_someone_met_at_an_event_is_reminded_of_the_event_not_the_month() -> None:
    camille = contact("Camille Dubois", "Head of Open Banking", "Qonto", [])
    met = SharedContext(
        event_met_at="Merchant Payments Summit Berlin",
        last_touch=Touch("met", date(2026, 11, 26), "Met at the summit", True),
    )
    text = draft(camille, "linkedin_connect", shared=met)
    assert "Merchant Payments Summit Berlin" in text and "see you in November" not in text


def test_a_referral_ask_stands_on_its_own_without_the_pitch() -> None:
    aim = "finding new customers and partners"
    business = GoalSpec(id=4, title="Pilot", purpose="business", keywords=["pay"], aim=aim)
    markus = contact("Markus Weber", "Product Lead", "Trade Republic", ["specialist"])
    text = draft(markus, "linkedin_message", goal=business)
    assert "might need this" not in text and "should talk to" in text


@pytest.mark.parametrize(
    ("about", "quoted"),
    [
        ("Forschung zu digitalen Zahlungssystemen und Regulierung von Fintechs.", False),
        ("PM passionnée par les paiements du quotidien.", False),
        ("Building fraud prevention products for 8M+ retail investors.", True),
    ],
)
def test_an_about_line_in_another_language_is_not_quoted_in_an_english_draft(
    about: str, quoted: bool
) -> None:
    person = contact("Andreas Brandt", "Professor", "TU München", [])
    person.profile.about = about
    assert (about in draft(person, "linkedin_connect")) is quoted


@pytest.mark.parametrize(
    ("ask", "sent"),
    [
        (
            "A 20-minute call to see whether a half-day diagnostic would be useful",
            "Would you be open to a 20-minute call to see whether a half-day diagnostic would "
            "be useful?",
        ),
        (
            "Whether you'd be open to being on my shortlist of associates.",
            "Would you be open to being on my shortlist of associates?",
        ),
        ("Could you introduce me to your COO?", "Could you introduce me to your COO?"),
        ("Introduce me to your COO", "Introduce me to your COO."),
    ],
)
def test_an_ask_written_as_a_fragment_is_sent_as_a_question(ask: str, sent: str) -> None:
    assert as_question(ask) == sent


def test_a_touch_over_a_year_old_is_not_thanked_for() -> None:
    tom = contact("Tom Fitzgerald", "Director", "Interim Partners", [])
    old_call = SharedContext(last_touch=Touch("call", date(2025, 3, 10), "Availability"))
    text = draft(tom, "email", shared=old_call)
    assert "Thanks again" not in text and "It's been a while since we were last in touch." in text


def test_an_event_is_named_as_a_sentence_says_it() -> None:
    megan = contact("Megan Liu", "VP Operations", "Aldenbrook Medical", [])
    met = SharedContext(event_met_at="Manufacturing Leaders Summit 2026")
    assert "good to meet you at the Manufacturing Leaders Summit." in draft(
        megan, "linkedin_connect", shared=met
    )


def test_a_professor_is_addressed_as_one_on_every_channel() -> None:
    brandt = ContactSnapshot(
        id=5,
        profile=ProfileRecord(
            name="Andreas Brandt",
            honorific="Prof. Dr.",
            current_title="Professor of Financial Informatics",
            current_company="TU München",
        ),
    )
    for channel in ("linkedin_connect", "linkedin_message", "email", "x_dm"):
        assert "Dear Professor Brandt," in draft(brandt, channel)
    assert "Hello Professor Brandt, I'm Lena." in draft(brandt, "in_person")


def test_the_reason_for_writing_is_said_a_few_ways_the_same_for_one_person() -> None:
    names = ["Jean-Pierre Lefèvre", "Petra Schulz", "Tom Richter", "Andreas Brandt", "Wu Mei"]
    said = {draft(contact(name, "Director", "Initech", []), "linkedin_connect") for name in names}
    reasons = {line for text in said for line in text.split(". ") if "connect" in line}
    assert len(reasons) >= 2
    petra = contact("Petra Schulz", "Director", "Initech", [])
    assert draft(petra, "linkedin_connect") == draft(petra, "linkedin_connect")


def test_an_aim_suggested_from_the_title_and_never_checked_is_flagged() -> None:
    megan = contact("Megan Liu", "VP Operations", "Aldenbrook Medical", ["customer"])
    aim = "finding first clients in medical devices"
    suggested = GoalSpec(id=5, title="Clients", purpose="business", aim=aim, aim_checked=False)
    made = compose_draft(megan, "linkedin_message", LENA, suggested, today=TODAY)
    assert any("suggested from its title" in warning for warning in made.warnings)
    checked = compose_draft(megan, "linkedin_message", LENA, INSIGHT, today=TODAY)
    assert not any("suggested from its title" in warning for warning in checked.warnings)


# A third review: a Munich insurtech product manager's drafts, read by their recipients.


def known(person: ContactSnapshot, touches: int, first: date) -> ContactSnapshot:
    """`person` with `touches` interactions on record, the first on `first`."""
    when = datetime.combine(first, datetime.min.time())
    stats = RelationshipStats(met=touches, first_contact=when, last_contact=when)
    return replace(person, stats=stats)


def test_an_event_note_with_vs_gives_the_whole_topic_never_half_of_it() -> None:
    robert = contact("Robert Zach", "Kfz-Sachverständiger", "Gutachterbüro Zach", ["specialist"])
    note = "Discussed accuracy of photo-based estimates vs. on-site Gutachten; happy to review"
    shared = SharedContext(event_met_at="Schadenforum Kfz", event_note=note)
    text = draft(robert, "linkedin_message", shared=shared)
    assert "talk about accuracy of photo-based estimates vs. on-site Gutachten." in text
    assert "vs. It" not in text


def test_a_coffee_after_the_event_is_the_hook_not_the_event() -> None:
    markus = contact("Markus Feldmann", "Head of Digital Products", "ERGO Group", [])
    shared = SharedContext(
        event_met_at="InsurTech Hub Demo Day",
        event_met_on=date(2026, 9, 9),
        last_touch=Touch("met", date(2026, 11, 7), "Coffee – ERGO product organisation"),
    )
    text = draft(markus, "email", shared=shared)
    assert "It was good to see you in November." in text
    assert "Demo Day" not in text.splitlines()[0]  # the subject names no stale event


def test_someone_known_before_the_event_is_seen_there_not_met() -> None:
    cpo = known(contact("Stefan Reindl", "CPO", "Solaris Pay", ["mentor"]), 3, date(2026, 3, 1))
    shared = SharedContext(
        event_met_at="Leadership Offsite",
        event_met_on=date(2026, 9, 15),
        last_touch=Touch("met", date(2026, 9, 15), "Met at Leadership Offsite"),
    )
    text = draft(cpo, "linkedin_message", shared=shared)
    assert "good to see you at Leadership Offsite" in text
    assert "good to meet you" not in text


def test_a_german_subject_is_not_quoted_and_an_old_thread_gets_no_re() -> None:
    kerstin = contact("Kerstin Albrecht", "Referentin Naturgefahren", "GDV", ["specialist"])
    slides = Touch("email_received", date(2026, 11, 20), "Slides: Optionen und Stand")
    text = draft(kerstin, "email", shared=SharedContext(last_touch=slides))
    assert "Optionen" not in text.split("\n", 1)[1]  # in the subject's "Re:" only
    old = Touch("email_received", date(2025, 3, 4), "Prior-art search for the scanning feature")
    assert "Re:" not in draft(kerstin, "email", shared=SharedContext(last_touch=old))


def test_someone_met_once_is_not_asked_to_catch_up_properly() -> None:
    nadia = known(contact("Nadia Benali", "Head of Fraud", "Mutuelle Azur", []), 1, TODAY)
    met = SharedContext(last_touch=Touch("met", date(2026, 11, 12)))
    for channel in ("linkedin_message", "email", "x_dm"):
        text = draft(nadia, channel, shared=met)
        assert "catch up" not in text and "your news" not in text


def test_the_squad_is_not_told_the_plan_to_rebuild_its_trust_nor_sent_one_text() -> None:
    bonding = GoalSpec(id=6, title="Squad", purpose="team_bonding",
                       aim="rebuilding trust in the squad after the delay")  # fmt: skip
    squad = [
        contact(name, "Claims Analyst", "Solaris Pay", ["colleague"])
        for name in ("Mehmet Yilmaz", "Claire Vogt", "Sophie Lang", "Petra Huber")
    ]
    asks = set()
    for teammate in squad:
        text = draft(teammate, "email", goal=bonding)
        assert "rebuilding trust" not in text and "coffee" in text
        asks.add(text.rsplit("?", 1)[0].rsplit("\n", 1)[-1])
    assert len(asks) > 1  # teammates compare what they were sent


def test_a_meetup_organiser_is_asked_about_the_meetup_not_their_employer() -> None:
    david = contact("David Kern", "Organiser, ProductTank Munich", "Flinkly Mobility", ["club"])
    circle = GoalSpec(id=4, title="Peer circle", purpose="trade_support", categories=["club"],
                      aim="restarting a peer circle of product managers")  # fmt: skip
    text = draft(david, "email", goal=circle)
    assert "events at Flinkly" not in text and "involved with Flinkly" not in text
    assert "How could I take part in your events, or speak at one?" in text


def test_only_a_message_they_sent_is_thanked_for() -> None:
    julia = contact("Julia Kranz", "VP Product", "Munich Re", [])
    for summary, said in [
        ("Message received: Let's talk about the opening", "Thanks again for your message"),
        ("Message sent: Congrats on the new unit", "I'm following up on my message"),
        ("Catch-up about the opening", "I'm following up on our messages"),
    ]:
        touch = Touch("message", date(2026, 11, 23), summary)
        assert said in draft(julia, "linkedin_message", shared=SharedContext(last_touch=touch))


def test_a_doctor_written_to_once_two_years_ago_is_dear_dr_again() -> None:
    vogel = known(
        contact("Dr. Henrik Vogel", "Patentanwalt", "Vogel & Partner", []), 1, date(2025, 3, 4)
    )
    old = Touch("email_received", date(2025, 3, 4), "Prior-art search")
    assert draft(vogel, "email", shared=SharedContext(last_touch=old)).split("\n")[1] == (
        "Dear Dr Vogel,"
    )


def test_a_career_email_with_the_users_own_ask_gets_no_your_path_subject() -> None:
    move = GoalSpec(id=1, title="Move", purpose="career", aim="a move into a Head of Product role",
                    ask="whether you'd be open to a 20-minute call about your team")  # fmt: skip
    julia = contact("Julia Kranz", "VP Product", "Munich Re", ["colleague"])
    assert not draft(julia, "email", goal=move).startswith("Your path to")
