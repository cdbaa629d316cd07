"""compose_draft and best_channel: drafts that read as written for this person, on every channel,
and a property test that no input can break a limit or print an empty slot."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helper.drafting import (
    CHANNEL_RULES,
    Draft,
    SharedContext,
    best_channel,
    channel_for,
    compose_draft,
)
from helper.drafting.context import first_name_of
from helper.drafting.fit import counter_for
from helper.drafting.slots import OCCASIONS
from helper.errors import OutreachError
from helper.records import (
    ContactSnapshot,
    Education,
    GoalSpec,
    MeProfile,
    Position,
    ProfileRecord,
    Touch,
)
from helper.vocabulary import CATEGORIES, CHANNELS, INTERACTION_KINDS, PURPOSES, SCOPES

# What a broken template prints: None, raw braces, doubled spaces, an empty greeting, a
# space before punctuation, or a line that starts with a comma.
BROKEN_SLOT = re.compile(r"\bNone\b|\{\{|\}\}|  |\b(Hi|Dear) ?,|\bHello ,| [,.;:!?]|^,|\n,")


def priya() -> ContactSnapshot:
    return ContactSnapshot(
        id=1,
        profile=ProfileRecord(
            name="Dr. Priya Raman",
            current_title="Head of Data",
            current_company="Globex",
            emails=["priya@globex.example"],
            positions=[
                Position("Head of Data", "Globex", "2022", ""),
                Position("Management Consultant", "McKinsey & Company", "2017", "2022"),
            ],
            education=[Education("University of Leeds", "BSc Mathematics")],
        ),
    )


def sam(**changes: object) -> MeProfile:
    me = MeProfile(
        name="Sam Carter",
        headline="Head of Growth at Acme",
        employers=["Acme"],
        former_employers=["McKinsey & Co"],
        pitch="I lead growth at Acme, a B2B analytics start-up",
        offer="an intro to our data engineering team",
        signature="Sam Carter\nHead of Growth, Acme\n+44 20 7946 0000",
        schools=["University of Leeds"],
    )
    for name, value in changes.items():
        setattr(me, name, value)
    return me


CAREER = GoalSpec(id=7, title="Move into product analytics", purpose="career",
                  keywords=["product analytics"], aim="a move into product analytics")  # fmt: skip
BUSINESS = GoalSpec(id=8, title="Win retail customers", purpose="business",
                    keywords=["retail"], aim="finding retail customers for Acme")  # fmt: skip
TODAY = date(2026, 12, 2)


def assert_clean(draft: Draft) -> None:
    for text in (draft.subject, draft.body, *draft.questions):
        assert BROKEN_SLOT.search(text) is None, text
        assert not re.search(r"[\x00-\x09\x0b-\x1f]", text), text


@pytest.mark.parametrize("channel", CHANNELS)
def test_every_channel_greets_the_contact_by_name_formally_by_letter_when_they_are_a_doctor(
    channel: str,
) -> None:
    draft = compose_draft(priya(), channel, sam(), CAREER)

    formal = channel in ("email", "linkedin_inmail", "video_call")
    assert draft.body.startswith("Dear Dr Raman," if formal else ("Hi Priya", "Hello"))
    assert "Dr." not in draft.body
    assert_clean(draft)


def test_someone_you_know_is_greeted_by_first_name_even_by_email() -> None:
    shared = SharedContext(event_met_at="DataConf London 2026")

    draft = compose_draft(priya(), "email", sam(), CAREER, shared=shared)

    assert draft.body.startswith("Hi Priya,")


@pytest.mark.parametrize("channel", CHANNELS)
def test_every_channel_names_a_true_specific_fact_the_aim_and_one_ask(channel: str) -> None:
    draft = compose_draft(priya(), channel, sam(), CAREER, today=TODAY)

    assert "McKinsey" in draft.body or "University of Leeds" in draft.body
    assert "a move into product analytics" in draft.body
    assert draft.body.count("?") == 1


@pytest.mark.parametrize("channel", CHANNELS)
def test_mes_offer_goes_with_a_business_goal_and_not_with_a_career_one(channel: str) -> None:
    offer = "an intro to our data engineering team"

    business = compose_draft(priya(), channel, sam(), BUSINESS, today=TODAY)
    career = compose_draft(priya(), channel, sam(), CAREER, today=TODAY)

    assert offer in business.body or (business.limit is not None and channel != "in_person")
    assert offer not in career.body


@pytest.mark.parametrize("channel", CHANNELS)
def test_a_contact_without_a_name_is_greeted_without_one(channel: str) -> None:
    contact = priya()
    contact.profile.name = ""

    draft = compose_draft(contact, channel, sam(), CAREER)

    opener = draft.body.split("\n")[0]
    assert opener.startswith(("Hi there,", "Hello,", "Hello, I'm Sam."))
    assert "Hi ," not in draft.body and "Hi Priya" not in draft.body
    assert_clean(draft)


def test_the_event_you_met_at_and_what_was_discussed_lead_the_draft() -> None:
    shared = SharedContext(event_met_at="DataConf London 2026", event_note="her team's dbt move")

    draft = compose_draft(priya(), "linkedin_connect", sam(), CAREER, shared=shared, today=TODAY)

    assert draft.body == (
        "Hi Priya,\n\n"
        "It was good to meet you at DataConf London and talk about your team's dbt move. "
        "Right now I'm focused on a move into product analytics. Would you be open to a "
        "20-minute chat about it?"
    )
    assert draft.subject == ""
    assert draft.length == len(draft.body)
    assert draft.limit == 300


def test_an_email_has_a_subject_a_greeting_and_the_signature_from_me() -> None:
    draft = compose_draft(priya(), "email", sam(), CAREER, today=TODAY)

    assert draft.subject == "Your path to Head of Data"  # never the job search itself
    assert draft.body.startswith("Dear Dr Raman,\n\n")
    assert draft.body.endswith("Best regards,\nSam Carter\nHead of Growth, Acme\n+44 20 7946 0000")
    assert draft.limit is None
    assert draft.warnings == []


def test_an_honorific_kept_apart_from_the_name_still_makes_the_greeting_formal() -> None:
    contact = priya()
    contact.profile.name, contact.profile.honorific = "Priya Raman", "Dr"

    draft = compose_draft(contact, "email", sam(), CAREER, today=TODAY)

    assert draft.body.startswith("Dear Dr Raman,\n\n")


def test_an_email_without_a_signature_is_signed_with_the_users_name() -> None:
    draft = compose_draft(priya(), "email", sam(signature=""), CAREER)

    assert draft.body.endswith("Best regards,\nSam Carter")


def test_a_subject_past_50_characters_warns() -> None:
    shared = SharedContext(event_met_at="The European Conference on Cross-Border Payments")

    draft = compose_draft(priya(), "email", sam(), CAREER, shared=shared, today=TODAY)

    assert draft.subject == "Following up from The European Conference on Cross-Border Payments"
    assert draft.warnings == ["The subject is 66 characters; inboxes show about 50."]


def test_a_subject_over_the_rfc_5322_line_length_gives_way_to_a_shorter_one_never_cut() -> None:
    event = "The European Conference on Regulatory Reporting for Cross-Border Instant Payments"
    shared = SharedContext(event_met_at=event)

    draft = compose_draft(priya(), "email", sam(), CAREER, shared=shared, today=TODAY)

    assert draft.subject == "Your path to Head of Data"
    assert "…" not in draft.subject


def test_a_free_account_gets_the_200_character_invitation_note() -> None:
    draft = compose_draft(priya(), "linkedin_connect", sam(linkedin_note_limit=200), CAREER)

    assert draft.limit == 200
    assert draft.length <= 200
    assert "Priya" in draft.body


def test_to_json_prints_exactly_the_cli_fields() -> None:
    draft = compose_draft(priya(), "linkedin_inmail", sam(), CAREER)

    printed = json.loads(json.dumps(draft.to_json()))

    assert list(printed) == ["channel", "subject", "body", "questions", "length", "limit"]
    assert printed["channel"] == "linkedin_inmail"
    assert printed["limit"] == 1900
    assert printed["length"] == len(draft.body)
    assert 3 <= len(printed["questions"]) <= 5


def test_the_in_person_pitch_is_counted_in_spoken_words() -> None:
    draft = compose_draft(priya(), "in_person", sam(), CAREER)

    assert draft.unit == "words"
    assert draft.limit == 150
    assert draft.length == len(draft.body.split())


def test_the_video_call_invitation_proposes_a_length_and_an_agenda() -> None:
    draft = compose_draft(priya(), "video_call", sam(), CAREER, today=TODAY)

    assert "Could we find 20 minutes for a video call in the next couple of weeks?" in draft.body
    assert "\n- What your team at Globex is working on\n" in draft.body
    assert draft.body.count("?") == 1


@pytest.mark.parametrize(
    ("full_name", "greeted_as"),
    [
        ("Priya Raman", "Priya"),
        ("Dr. Jane Doe, PhD", "Jane"),
        ("Doe, Jane", "Jane"),
        ("J. Robert Oppenheimer", "Robert"),
        ("Mr Smith", "Mr Smith"),
        ("Ольга Петрова", "Ольга"),
        ("山田 太郎", "山田 太郎"),
        ("jane@example.com", ""),
        ("   ", ""),
        ("x" * 41, ""),
    ],
)
def test_the_name_a_person_is_greeted_by(full_name: str, greeted_as: str) -> None:
    assert first_name_of(full_name) == greeted_as


def test_template_braces_typed_by_the_user_never_reach_the_message() -> None:
    draft = compose_draft(priya(), "x_dm", sam(offer="a {{ template }} review"), BUSINESS)

    assert "I'd be glad to offer a { template } review." in draft.body


def test_an_unknown_channel_is_a_clear_error() -> None:
    with pytest.raises(OutreachError, match="unknown channel 'fax'"):
        compose_draft(priya(), "fax", sam())


def test_an_unknown_goal_purpose_is_a_clear_error() -> None:
    goal = GoalSpec(id=1, title="t", purpose="../../etc/passwd")

    with pytest.raises(OutreachError, match="unknown goal purpose"):
        compose_draft(priya(), "email", sam(), goal)


def test_the_catalogue_has_every_channel_key_in_order() -> None:
    assert tuple(CHANNEL_RULES) == CHANNELS


def test_the_catalogue_holds_the_documented_limits() -> None:
    assert channel_for("linkedin_connect").body_limit == 300
    assert channel_for("linkedin_connect", sam(linkedin_note_limit=200)).body_limit == 200
    assert channel_for("linkedin_connect", sam(linkedin_note_limit=300)).body_limit == 300
    assert channel_for("linkedin_inmail").subject_limit == 200
    assert channel_for("linkedin_inmail").body_limit == 1900
    assert channel_for("linkedin_message").body_limit is None
    assert channel_for("linkedin_message").body_soft_limit == 8000
    assert channel_for("email").subject_limit == 78
    assert channel_for("email").subject_soft_limit == 50
    assert channel_for("x_dm").body_limit == 10000
    assert channel_for("in_person").body_limit == 150
    assert channel_for("video_call").call_minutes == 20


def test_an_upcoming_event_makes_in_person_the_best_channel() -> None:
    assert best_channel(priya(), has_upcoming_event=True) == "in_person"


def test_a_known_email_address_makes_email_the_best_channel() -> None:
    assert best_channel(priya(), has_upcoming_event=False) == "email"


def test_without_email_a_connection_gets_a_linkedin_message() -> None:
    contact = priya()
    contact.profile.emails = ["not an address"]
    contact.profile.connected_on = date(2025, 2, 8)

    assert best_channel(contact, has_upcoming_event=False) == "linkedin_message"


def test_without_email_a_stranger_gets_a_linkedin_invitation() -> None:
    contact = priya()
    contact.profile.emails = []
    contact.profile.linkedin_url = "https://www.linkedin.com/in/priya-raman/"

    assert best_channel(contact, has_upcoming_event=False) == "linkedin_connect"


def test_someone_only_on_x_gets_a_direct_message() -> None:
    contact = priya()
    contact.profile.emails = []
    contact.profile.other_urls = ["https://x.com/priya"]

    assert best_channel(contact, has_upcoming_event=False) == "x_dm"


# Property test: generated contacts, goals and Me values, including empty, very long and
# non-Latin fields.

_WORDS = ["Acme", "Globex", "data", "Head of Data", "Zoë", "Łódź", "Müller", "O'Neil", "café",
          "José María", "https://example.com/a/b?c=d", "李小龍", "山田 太郎", "Ольга", "محمد",
          "😀", "e-mail", "Inc.", "—", "&", ".", ",", "?"]  # fmt: skip
_ALPHABET = st.characters(
    codec="utf-8", exclude_categories=("Cs",), exclude_characters="{}"
) | st.sampled_from(" \n\t")


def _long(word: str, spaced: bool) -> str:
    repeated = (word + (" " if spaced else "")) * (5000 // (len(word) + 1) + 1)
    return repeated[:5000]


_FIELD = st.one_of(
    st.just(""),
    st.sampled_from(_WORDS),
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4).map(" ".join),
    st.text(_ALPHABET, max_size=40),
    st.builds(_long, st.sampled_from(_WORDS), st.booleans()),
).filter(lambda text: re.search(r"\bNone\b", text) is None)

_POSITION = st.builds(
    Position,
    title=_FIELD,
    company=_FIELD,
    start=st.sampled_from(["", "2026-10", "2019", "Mar 2026", "x"]),
    end=st.sampled_from(["", "2020"]),
)
_PROFILE = st.builds(
    ProfileRecord,
    name=_FIELD,
    current_title=_FIELD,
    current_company=_FIELD,
    location=_FIELD,
    headline=_FIELD | st.sampled_from(["Recruiter | Hiring engineers", "Open to advising"]),
    about=_FIELD,
    positions=st.lists(_POSITION, max_size=3),
    education=st.lists(st.builds(Education, school=_FIELD), max_size=2),
    skills=st.lists(_FIELD, max_size=2),
)
_ME = st.builds(
    MeProfile,
    name=_FIELD,
    headline=_FIELD,
    employers=st.lists(_FIELD, max_size=2),
    former_employers=st.lists(_FIELD, max_size=2),
    pitch=_FIELD,
    offer=_FIELD,
    signature=_FIELD,
    schools=st.lists(_FIELD, max_size=1),
    location=_FIELD,
    linkedin_note_limit=st.sampled_from([300, 200]),
)
_GOAL = st.none() | st.builds(
    GoalSpec,
    id=st.just(1),
    title=_FIELD,
    purpose=st.sampled_from(PURPOSES),
    keywords=st.lists(_FIELD, max_size=3),
    organisations=st.lists(_FIELD, max_size=2),
    scope=st.sampled_from(SCOPES),
    aim=_FIELD,
    pitch=_FIELD,
    offer=_FIELD,
    ask=_FIELD,
)
_TOUCH = st.none() | st.builds(
    Touch,
    kind=st.sampled_from(INTERACTION_KINDS),
    when=st.dates(min_value=date(2000, 1, 1), max_value=date(2026, 12, 2)),
    summary=_FIELD,
)
_SHARED = st.none() | st.builds(
    SharedContext,
    event_met_at=_FIELD,
    introducer=_FIELD,
    upcoming_event=_FIELD,
    event_note=_FIELD,
    last_touch=_TOUCH,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    profile=_PROFILE,
    me=_ME,
    goal=_GOAL,
    shared=_SHARED,
    categories=st.lists(st.sampled_from(CATEGORIES), max_size=2, unique=True),
    occasion=st.sampled_from(OCCASIONS),
)
def test_no_input_breaks_a_limit_or_prints_an_empty_slot(
    profile: ProfileRecord,
    me: MeProfile,
    goal: GoalSpec | None,
    shared: SharedContext | None,
    categories: list[str],
    occasion: str,
) -> None:
    contact = ContactSnapshot(id=1, profile=profile, categories=categories)
    first_name = first_name_of(profile.name)
    for channel in CHANNELS:
        rules = channel_for(channel, me)
        count = counter_for(rules.counting)

        draft = compose_draft(
            contact, channel, me, goal, shared=shared, occasion=occasion, today=TODAY
        )

        assert_clean(draft)
        assert "…" not in draft.body
        assert draft.body.strip()
        if rules.body_limit is not None:
            assert draft.length == count(draft.body) <= rules.body_limit
        if rules.subject_limit is not None:
            assert draft.subject and count(draft.subject) <= rules.subject_limit
        if first_name:
            assert first_name in draft.body
        assert 3 <= len(draft.questions) <= 5


def test_a_field_that_just_says_none_is_treated_as_empty():
    from helper.drafting.context import clean_text

    assert [clean_text(v) for v in ("none", "N/A", " - ", "None.", "Nonetheless")] == [
        "",
        "",
        "",
        "",
        "Nonetheless",
    ]
