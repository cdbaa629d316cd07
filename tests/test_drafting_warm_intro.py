"""Warm introductions: a request to the introducer with a forwardable blurb, and the
double-opt-in variant that asks the introducer to check with the contact first."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helper.drafting import channel_for, compose_intro_request
from helper.drafting.warm_intro import BLURB_LIMIT_CHARS
from helper.records import ContactSnapshot, GoalSpec, MeProfile, Position, ProfileRecord
from helper.vocabulary import CHANNELS

PRIYA = ContactSnapshot(
    id=1,
    profile=ProfileRecord(
        name="Priya Raman",
        current_title="Head of Data",
        current_company="Globex",
        positions=[
            Position("Head of Data", "Globex", "2022", ""),
            Position("Management Consultant", "McKinsey", "2017", "2022"),
        ],
    ),
)
ALEX = ContactSnapshot(
    id=2,
    profile=ProfileRecord(
        name="Alex Morgan",
        current_title="Partner",
        current_company="Smith & Co",
        positions=[
            Position("Partner", "Smith & Co", "2020", ""),
            Position("Analyst", "McKinsey", "2014", "2019"),
        ],
    ),
)
ME = MeProfile(
    name="Sam Carter",
    headline="Head of Growth at Acme",
    employers=["Acme"],
    offer="an intro to our data engineering team",
    signature="Sam Carter\nAcme",
)
CAREER = GoalSpec(
    id=1,
    title="t",
    purpose="career",
    keywords=["product analytics"],
    aim="a move into product analytics",
)

BLURB = (
    "I'm Sam Carter, Head of Growth at Acme. Right now I'm focused on a move into product "
    "analytics. I'd value 20 minutes to hear about your work as Head of Data at Globex."
)


def test_the_request_greets_the_introducer_and_names_how_they_know_the_contact() -> None:
    request = compose_intro_request(PRIYA, ALEX, ME, CAREER)

    assert request.draft.subject == "Could you introduce me to Priya Raman?"
    assert request.draft.body == (
        "Hi Alex,\n\n"
        "I hope you're well. I noticed that you and Priya both spent time at McKinsey.\n\n"
        "Would you be happy to introduce us? I've written a short note below that you can "
        "forward as it is.\n\n"
        f"{BLURB}\n\n"
        "Thank you, and I'm always glad to return the favour.\n\n"
        "Best regards,\nSam Carter\nAcme"
    )
    assert request.double_opt_in is False


def test_the_blurb_is_written_to_the_contact_and_stays_short() -> None:
    request = compose_intro_request(PRIYA, ALEX, ME, CAREER)

    assert request.blurb == BLURB
    assert len(request.blurb) <= BLURB_LIMIT_CHARS


def test_a_long_pitch_is_left_out_of_the_blurb_to_keep_it_forwardable() -> None:
    me = MeProfile(name="Sam Carter", pitch="I build things. " * 60)

    request = compose_intro_request(PRIYA, ALEX, me, CAREER)

    assert "I build things" not in request.blurb
    assert request.blurb.startswith("I'm Sam Carter. Right now I'm focused on a move into")


def test_the_double_opt_in_variant_asks_the_introducer_to_check_first() -> None:
    request = compose_intro_request(PRIYA, ALEX, ME, CAREER, double_opt_in=True)

    assert request.double_opt_in is True
    assert (
        "Would you be comfortable checking with Priya first whether an introduction would be "
        "welcome? If it is, I'd be grateful if you could introduce us, and if not, no problem "
        "at all." in request.draft.body
    )
    assert "Would you be happy to introduce us?" not in request.draft.body
    assert BLURB in request.draft.body


def test_an_introducer_with_no_shared_history_is_told_who_the_contact_is() -> None:
    stranger = ContactSnapshot(id=3, profile=ProfileRecord(name="Jo Bloggs"))

    request = compose_intro_request(PRIYA, stranger, ME)

    assert "I understand you know Priya at Globex." in request.draft.body
    assert request.draft.body.startswith("Hi Jo,\n\n")


def test_a_request_by_linkedin_message_is_signed_with_the_first_name_and_has_no_subject() -> None:
    request = compose_intro_request(PRIYA, ALEX, ME, CAREER, channel="linkedin_message")

    assert request.draft.subject == ""
    assert request.draft.body.endswith("\n\nBest,\nSam")


def test_a_request_in_an_invitation_note_still_fits_300_characters() -> None:
    request = compose_intro_request(PRIYA, ALEX, ME, CAREER, channel="linkedin_connect")

    assert request.draft.length <= 300
    assert request.draft.body.startswith("Hi Alex,")


def test_the_questions_are_about_the_contact_not_the_introducer() -> None:
    request = compose_intro_request(PRIYA, ALEX, ME, CAREER)

    assert request.draft.questions[0].startswith("What prompted the change from Management")


_TEXT = st.one_of(
    st.just(""),
    st.sampled_from(["Priya Raman", "Globex", "张伟", "Ольга", "O'Neil", "https://x.com/a"]),
    st.text(st.characters(codec="utf-8", exclude_characters="{}"), max_size=30),
    st.sampled_from(["word " * 1000, "x" * 5000]),
).filter(lambda text: re.search(r"\bNone\b", text) is None)
_PERSON = st.builds(
    ProfileRecord,
    name=_TEXT,
    current_title=_TEXT,
    current_company=_TEXT,
    positions=st.lists(st.builds(Position, title=_TEXT, company=_TEXT), max_size=2),
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(target=_PERSON, introducer=_PERSON, pitch=_TEXT, offer=_TEXT, name=_TEXT)
def test_no_request_breaks_a_limit_or_prints_an_empty_slot(
    target: ProfileRecord, introducer: ProfileRecord, pitch: str, offer: str, name: str
) -> None:
    me = MeProfile(name=name, pitch=pitch, offer=offer)
    for channel in CHANNELS:
        rules = channel_for(channel, me)
        request = compose_intro_request(
            ContactSnapshot(id=1, profile=target), ContactSnapshot(id=2, profile=introducer), me,
            channel=channel, double_opt_in=True,
        )  # fmt: skip

        body = request.draft.body
        assert re.search(r"\bNone\b|\{\{|\}\}|  |\bHi ?,", body) is None, body
        assert len(request.blurb) <= BLURB_LIMIT_CHARS
        if rules.body_limit is not None:
            assert request.draft.length <= rules.body_limit
