"""Ranking contacts for a goal: the hand-made set, each signal, and the rules that always hold."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helper.errors import OutreachError
from helper.records import (
    ContactSnapshot,
    GoalSpec,
    MeProfile,
    Position,
    ProfileRecord,
    RelationshipStats,
)
from helper.strategy.matching import (
    MatchWeights,
    Suggestion,
    build_index,
    category_advice,
    default_categories,
    rank_contacts,
)
from helper.strategy.profile_fields import company_key, current_companies, organisation_matches
from helper.strategy.progress import wanted_categories
from helper.strategy.relevance import tokenize
from helper.vocabulary import CATEGORIES, PURPOSES

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
ME = MeProfile(name="Sam Taylor", employers=["Northwind Analytics"], domains=["northwind.io"])


# --- the hand-made set: tests/data/matching/ ------------------------------------------------


def _stats(raw: dict | None) -> RelationshipStats:
    raw = raw or {}
    when = {
        k: datetime.fromisoformat(raw[k]) for k in ("first_contact", "last_contact") if k in raw
    }
    return RelationshipStats(
        sent=raw.get("sent", 0), received=raw.get("received", 0), met=raw.get("met", 0), **when
    )


def _contact(raw: dict) -> ContactSnapshot:
    profile = ProfileRecord(
        name=raw["name"],
        headline=raw.get("headline", ""),
        current_title=raw.get("current_title", ""),
        current_company=raw.get("current_company", ""),
        about=raw.get("about", ""),
        emails=raw.get("emails", []),
        positions=[Position(**p) for p in raw.get("positions", [])],
        skills=raw.get("skills", []),
    )
    return ContactSnapshot(
        id=raw["id"],
        profile=profile,
        categories=raw.get("categories", []),
        tier=raw.get("tier", "unset"),
        stats=_stats(raw.get("stats")),
    )


@pytest.fixture(scope="module")
def handmade() -> dict:
    folder = Path(__file__).parent / "data" / "matching"
    contacts_file = json.loads((folder / "contacts.json").read_text(encoding="utf-8"))
    goals_file = json.loads((folder / "goals.json").read_text(encoding="utf-8"))
    contacts = [_contact(raw) for raw in contacts_file["contacts"]]
    return {
        "contacts": contacts,
        "me": MeProfile(**contacts_file["me"]),
        "now": datetime.fromisoformat(contacts_file["now"]),
        "goals": {g["id"]: GoalSpec(**g) for g in goals_file["goals"]},
        "expected": json.loads((folder / "expected.json").read_text(encoding="utf-8")),
        "index": build_index(contacts),
    }


def _rank_handmade(handmade: dict, goal_id: int) -> list[Suggestion]:
    return rank_contacts(
        handmade["goals"][goal_id],
        handmade["contacts"],
        handmade["me"],
        now=handmade["now"],
        index=handmade["index"],
    )


def test_the_handmade_set_has_at_least_30_contacts_and_4_goals(handmade):
    assert len(handmade["contacts"]) >= 30
    assert len(handmade["goals"]) >= 4
    assert all(len(top) == 5 for top in handmade["expected"]["top5"].values())


@pytest.mark.parametrize("goal_id", [1, 2, 3, 4])
def test_each_expected_contact_ranks_in_the_top_ten(handmade, goal_id):
    top_ten = [s.contact_id for s in _rank_handmade(handmade, goal_id)[:10]]
    for expected in handmade["expected"]["top5"][str(goal_id)]:
        assert expected in top_ten


@pytest.mark.parametrize("goal_id", [1, 2, 3, 4])
def test_contacts_without_a_signal_and_let_go_contacts_are_never_suggested(handmade, goal_id):
    suggested = {s.contact_id for s in _rank_handmade(handmade, goal_id)}
    assert suggested.isdisjoint(handmade["expected"]["never"][str(goal_id)])


@pytest.mark.parametrize("goal_id", [1, 2, 3, 4])
def test_every_reason_shown_is_true_of_the_contact(handmade, goal_id):
    goal = handmade["goals"][goal_id]
    contacts = {c.id: c for c in handmade["contacts"]}
    suggestions = _rank_handmade(handmade, goal_id)
    assert suggestions
    for suggestion in suggestions:
        contact = contacts[suggestion.contact_id]
        for reason in suggestion.reasons:
            assert _reason_is_true(reason, contact, goal, handmade["me"]), (contact.id, reason)


def test_the_seed_round_ranking_explains_its_best_contact(handmade):
    best = _rank_handmade(handmade, 1)[0]
    assert best.contact_id == 1
    assert best.reasons == [
        "introducer — goal wants introducers",
        "works at Seedcamp, a target organisation",
        "about section mentions 'seed'",
        "skills include 'Venture Capital'",
        "headline mentions 'fintech'",
        "external: outside your organisation",
        "tier: you chose to strengthen this relationship",
    ]


# The checker below reads each reason back against the contact's data, so a reason that names
# a word, organisation or number the contact does not have fails the test above.
_FIELD_TEXT = {
    "headline": lambda p: [p.headline],
    "job title": lambda p: [p.current_title, *(x.title for x in p.positions)],
    "skills": lambda p: list(p.skills),
    "about section": lambda p: [p.about],
    "company name": lambda p: [p.current_company, *(x.company for x in p.positions)],
}
_MENTION = re.compile(r"^(headline|job title|skills|about section|company name) \w+ '(.+)'$")
_WORKS = re.compile(r"^works at (.+), a target organisation$")
_WORKED = re.compile(r"^worked at (.+) until (.+), a target organisation$")
_HISTORY = re.compile(
    r"(?:you exchanged (\d+) emails?)?(?: and )?(?:(?:you )?met (once|\d+ times))?"
)


def _reason_is_true(reason: str, contact: ContactSnapshot, goal: GoalSpec, me: MeProfile) -> bool:
    profile = contact.profile
    targets = [company_key(o) for o in goal.organisations]
    singular = {CATEGORIES.term(key).noun: key for key in CATEGORIES}
    if " — goal wants " in reason:
        key = singular[reason.split(" — ")[0]]
        return key in contact.categories and key in wanted_categories(goal)
    if match := _MENTION.match(reason):
        field, words = match.groups()
        in_field = any(words in text for text in _FIELD_TEXT[field](profile))
        return in_field and tokenize(words) in [tokenize(k) for k in goal.keywords]
    if match := _WORKS.match(reason):
        name = match.group(1)
        hits = any(organisation_matches(t, company_key(name)) for t in targets)
        return name in current_companies(profile) and hits
    if match := _WORKED.match(reason):
        name, end = match.groups()
        return any(
            p.company == name
            and p.end == end
            and any(organisation_matches(t, company_key(name)) for t in targets)
            for p in profile.positions
        )
    return _context_reason_is_true(reason, contact, me)


def _context_reason_is_true(reason: str, contact: ContactSnapshot, me: MeProfile) -> bool:
    profile, stats = contact.profile, contact.stats
    domains = {e.rpartition("@")[2] for e in profile.emails}
    works_with_me = any(
        company_key(c) == company_key(e) for c in current_companies(profile) for e in me.employers
    )
    internal = works_with_me or bool(domains & set(me.domains))
    if reason.startswith("internal: same employer as you"):
        return works_with_me
    if match := re.match(r"^internal: email at (\S+), your domain", reason):
        return match.group(1) in domains and match.group(1) in me.domains
    if reason.startswith("external:"):
        return not internal
    if reason.startswith("no history with you yet"):
        return stats.total == 0
    if reason == "tier: you chose to strengthen this relationship":
        return contact.tier == "strengthen"
    history = reason.removeprefix("little history (")
    emails, met = _HISTORY.match(history).groups()
    if not emails and not met:
        return False
    met_count = 0 if met is None else 1 if met == "once" else int(met.split()[0])
    return int(emails or 0) == stats.sent + stats.received and met_count == stats.met


# --- one signal at a time --------------------------------------------------------------------


def person(
    contact_id: int,
    name: str = "",
    *,
    headline: str = "",
    company: str = "",
    positions: list[Position] | None = None,
    categories: list[str] | None = None,
    tier: str = "unset",
    stats: RelationshipStats | None = None,
    emails: list[str] | None = None,
) -> ContactSnapshot:
    return ContactSnapshot(
        id=contact_id,
        profile=ProfileRecord(
            name=name or f"Person {contact_id}",
            headline=headline,
            current_company=company,
            positions=positions or [],
            emails=emails or [],
        ),
        categories=categories or [],
        tier=tier,
        stats=stats or RelationshipStats(),
    )


def goal_for(**fields: object) -> GoalSpec:
    base = GoalSpec(id=7, title="Raise a seed round", purpose="business", categories=["introducer"])
    return replace(base, **fields)


def rank(goal: GoalSpec, contacts: list[ContactSnapshot], me: MeProfile = ME, **options: object):
    return rank_contacts(goal, contacts, me, now=NOW, **options)


def by_id(suggestions: list[Suggestion]) -> dict[int, Suggestion]:
    return {s.contact_id: s for s in suggestions}


def test_a_wanted_category_makes_a_suggestion_with_its_reason():
    result = rank(goal_for(categories=["recruiter"]), [person(1, categories=["recruiter"])])
    assert [s.reasons for s in result] == [["recruiter — goal wants recruiters"]]


def test_a_goal_without_categories_uses_its_purposes_defaults():
    goal = goal_for(purpose="career", categories=[])
    result = rank(goal, [person(1, categories=["mentor"]), person(2, categories=["customer"])])
    assert [s.contact_id for s in result] == [1]
    assert result[0].reasons == ["mentor — goal wants mentors"]


def test_two_wanted_categories_score_higher_than_one():
    goal = goal_for(categories=["introducer", "club"])
    result = by_id(
        rank(
            goal,
            [person(1, categories=["introducer"]), person(2, categories=["introducer", "club"])],
        )
    )
    assert result[2].score > result[1].score


def test_a_keyword_matches_through_stemming_and_quotes_the_word_as_written():
    goal = goal_for(categories=["club"], keywords=["founder"])
    result = rank(goal, [person(1, headline="Helping Founders raise money")])
    assert result[0].reasons == ["headline mentions 'Founders'"]


def test_a_keyword_phrase_needs_its_words_together():
    goal = goal_for(categories=["club"], keywords=["data science"])
    contacts = [
        person(1, headline="The science of clean data"),
        person(2, headline="Head of Data Science"),
    ]
    assert [s.contact_id for s in rank(goal, contacts)] == [2]


def test_a_keyword_in_the_headline_outranks_one_in_a_company_name():
    goal = goal_for(categories=["club"], keywords=["fintech"])
    contacts = [person(1, company="Fintech Partners"), person(2, headline="Fintech operator")]
    result = rank(goal, contacts)
    assert [s.contact_id for s in result] == [2, 1]
    assert result[1].reasons == ["company name mentions 'Fintech'"]


def test_more_keywords_matched_score_higher():
    goal = goal_for(categories=["club"], keywords=["fintech", "payments"])
    contacts = [person(1, headline="Fintech"), person(2, headline="Fintech payments")]
    result = by_id(rank(goal, contacts))
    assert result[2].score > result[1].score


def test_a_current_target_organisation_is_named_as_the_contact_writes_it():
    goal = goal_for(organisations=["Monzo"])
    result = rank(goal, [person(1, company="Monzo Bank Ltd")])
    assert result[0].reasons[0] == "works at Monzo Bank Ltd, a target organisation"


def test_a_past_target_organisation_says_until_when():
    past = Position(title="Product Lead", company="Monzo", start="2016", end="2021")
    result = rank(goal_for(organisations=["Monzo"]), [person(1, positions=[past])])
    assert result[0].reasons[0] == "worked at Monzo until 2021, a target organisation"


def test_working_at_a_target_now_outranks_having_worked_there():
    past = Position(title="Engineer", company="Monzo", end="2021")
    contacts = [person(1, positions=[past]), person(2, company="Monzo")]
    assert [s.contact_id for s in rank(goal_for(organisations=["Monzo"]), contacts)] == [2, 1]


def test_a_target_does_not_match_a_name_that_merely_contains_it():
    assert rank(goal_for(organisations=["Bank"]), [person(1, company="Monzo Bank")]) == []


def test_an_internal_goal_prefers_a_colleague_at_your_employer():
    goal = goal_for(categories=["colleague"], scope="internal")
    contacts = [
        person(1, categories=["colleague"], company="Elsewhere Ltd"),
        person(2, categories=["colleague"], company="Northwind Analytics Ltd"),
        person(3, categories=["colleague"], emails=["kim@northwind.io"]),
    ]
    result = rank(goal, contacts)
    assert [s.contact_id for s in result][2] == 1
    reasons = by_id(result)
    assert "internal: same employer as you" in reasons[2].reasons
    assert "internal: email at northwind.io, your domain" in reasons[3].reasons
    assert "external: the goal prefers internal contacts" in reasons[1].reasons


def test_an_external_goal_prefers_people_outside_your_organisation():
    goal = goal_for(categories=["colleague"], scope="external")
    contacts = [
        person(1, categories=["colleague"], company="Northwind Analytics"),
        person(2, categories=["colleague"], company="Elsewhere"),
    ]
    result = rank(goal, contacts)
    assert [s.contact_id for s in result] == [2, 1]
    assert result[0].reasons[-1] == "external: outside your organisation"
    assert result[1].reasons[-1] == (
        "internal: same employer as you — the goal prefers external contacts"
    )


def test_scope_says_nothing_until_you_say_where_you_work():
    goal = goal_for(categories=["colleague"], scope="internal")
    result = rank(goal, [person(1, categories=["colleague"])], me=MeProfile())
    assert result[0].reasons == ["colleague — goal wants colleagues"]


def _history(sent: int, received: int, days_ago: int, met: int = 0) -> RelationshipStats:
    when = NOW - timedelta(days=days_ago)
    return RelationshipStats(
        sent=sent, received=received, met=met, first_contact=when, last_contact=when
    )


def test_cement_existing_prefers_people_you_write_to_and_says_how_much():
    goal = goal_for(strategy="cement_existing")
    contacts = [
        person(1, categories=["introducer"]),
        person(2, categories=["introducer"], stats=_history(12, 11, 21)),
    ]
    result = rank(goal, contacts)
    assert [s.contact_id for s in result] == [2, 1]
    assert result[0].reasons[-1] == (
        "you exchanged 23 emails, last 3 weeks ago — fits 'cement existing'"
    )
    assert result[1].reasons[-1] == (
        "no history with you yet — 'cement existing' prefers people you know"
    )


def test_develop_new_prefers_people_with_little_or_no_history():
    goal = goal_for(strategy="develop_new")
    contacts = [
        person(1, categories=["introducer"], stats=_history(20, 20, 3, met=5)),
        person(2, categories=["introducer"], stats=_history(1, 0, 400)),
        person(3, categories=["introducer"]),
    ]
    result = rank(goal, contacts)
    assert [s.contact_id for s in result] == [3, 2, 1]
    assert result[0].reasons[-1] == "no history with you yet — fits 'develop new'"
    assert result[1].reasons[-1] == (
        "little history (you sent 1 email, last 13 months ago) — fits 'develop new'"
    )
    assert result[2].reasons[-1] == (
        "you exchanged 40 emails and met 5 times, last 3 days ago "
        "— 'develop new' prefers people you know less"
    )


def test_the_strengthen_tier_gets_a_small_boost():
    contacts = [
        person(1, categories=["introducer"]),
        person(2, categories=["introducer"], tier="strengthen"),
    ]
    result = rank(goal_for(), contacts)
    assert [s.contact_id for s in result] == [2, 1]
    assert result[0].score == pytest.approx(result[1].score / (1 - MatchWeights().tier_boost))
    assert result[0].reasons[-1] == "tier: you chose to strengthen this relationship"


def test_let_go_contacts_are_never_suggested_whatever_they_match():
    goal = goal_for(keywords=["fintech"], organisations=["Monzo"])
    perfect = person(
        1, headline="Fintech", company="Monzo", categories=["introducer"], tier="let_go"
    )
    assert rank(goal, [perfect]) == []


def test_a_plumber_is_never_a_suggestion_for_a_seed_round_however_short_the_list():
    plumber = person(
        1,
        "Bob Miller",
        headline="Plumber — emergency repairs and boiler servicing",
        company="Northwind Analytics",
        categories=["supplier"],
        tier="strengthen",
        stats=_history(40, 40, 2, met=10),
    )
    goal = goal_for(
        keywords=["seed", "venture capital"],
        organisations=["Seedcamp"],
        categories=["introducer", "club"],
        scope="internal",
        strategy="cement_existing",
    )
    assert rank(goal, [plumber]) == []


def test_a_contact_matching_everything_outranks_each_partial_match_and_nears_one():
    goal = goal_for(
        keywords=["fintech"],
        organisations=["Monzo"],
        categories=["introducer", "club"],
        scope="internal",
    )
    fields = {"headline": "Fintech", "company": "Monzo", "categories": ["introducer", "club"]}
    best = person(1, **fields, tier="strengthen")
    partial = [
        person(2, **{**fields, "headline": ""}, tier="strengthen"),
        person(3, **{**fields, "company": "Acme"}, tier="strengthen"),
        person(4, **{**fields, "categories": ["introducer"]}, tier="strengthen"),
        person(5, **fields),
    ]
    result = rank(goal, [best, *partial], me=MeProfile(employers=["Monzo"]))
    assert result[0].contact_id == 1
    assert 0.9 < result[0].score <= 1.0
    assert all(s.score < result[0].score for s in result[1:])


def test_equal_scores_are_ordered_by_name():
    contacts = [
        person(1, "Zoë Adams", categories=["introducer"]),
        person(2, "Ann Bell", categories=["introducer"]),
    ]
    assert [s.name for s in rank(goal_for(), contacts)] == ["Ann Bell", "Zoë Adams"]


def test_a_limit_keeps_the_best_first_in_the_same_order():
    contacts = [
        person(n, categories=["introducer"], tier="strengthen" if n % 3 else "unset")
        for n in range(1, 13)
    ]
    full = rank(goal_for(), contacts)
    assert rank(goal_for(), contacts, limit=4) == full[:4]
    assert rank(goal_for(), contacts, limit=0) == []
    assert rank(goal_for(), contacts, limit=100) == full


def test_a_negative_limit_is_refused():
    with pytest.raises(OutreachError, match="limit must be 0 or more"):
        rank(goal_for(), [], limit=-1)


def test_one_index_serves_every_goal_and_gives_what_a_fresh_one_gives(handmade):
    for goal in handmade["goals"].values():
        fresh = rank_contacts(goal, handmade["contacts"], handmade["me"], now=handmade["now"])
        assert fresh == _rank_handmade(handmade, goal.id)


def test_an_index_of_other_contacts_is_refused():
    index = build_index([person(1)])
    with pytest.raises(ValueError, match="built for other contacts"):
        rank(goal_for(), [person(2)], index=index)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"scope": "everyone"}, "unknown scope 'everyone'"),
        ({"strategy": "random"}, "unknown strategy 'random'"),
        ({"categories": ["plumber"]}, "unknown category 'plumber'"),
        ({"categories": [], "purpose": "fun"}, "unknown purpose 'fun'"),
    ],
)
def test_a_goal_with_an_unknown_setting_is_refused_clearly(fields, message):
    with pytest.raises(OutreachError, match=message):
        rank(goal_for(**fields), [person(1)])


def test_a_suggestion_serialises_to_the_cli_json_shape():
    suggestion = Suggestion(3, "Ada", 0.123456, ["recruiter — goal wants recruiters"])
    assert suggestion.to_json() == {
        "contact_id": 3,
        "name": "Ada",
        "score": 0.1235,
        "reasons": ["recruiter — goal wants recruiters"],
    }


# --- defaults and advice ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("purpose", "categories"),
    [
        ("career", ["recruiter", "mentor", "colleague", "introducer"]),
        ("business", ["customer", "introducer", "club", "supplier"]),
        ("industry_insight", ["specialist", "colleague", "club", "introducer"]),
        ("trade_support", ["supplier", "specialist", "club", "colleague"]),
        ("sponsorship", ["mentor", "introducer", "customer"]),
        ("expert_team", ["specialist", "colleague", "recruiter"]),
        ("team_bonding", ["colleague", "friend_family", "club"]),
    ],
)
def test_each_purpose_has_sensible_default_categories(purpose, categories):
    assert default_categories(purpose) == categories


def test_every_purpose_has_defaults_and_every_category_has_advice():
    assert all(default_categories(purpose) for purpose in PURPOSES)
    assert all(category_advice(key) for key in CATEGORIES)


def test_the_introducer_advice_is_the_methods():
    assert category_advice("introducer") == (
        "Introducers are associates of the people you want to meet — often accountants, "
        "solicitors, bank managers and non-executive directors. Make a list of the ones you "
        "already know."
    )


def test_unknown_purposes_and_categories_are_refused():
    with pytest.raises(OutreachError, match="unknown purpose 'hobby'"):
        default_categories("hobby")
    with pytest.raises(OutreachError, match="unknown category 'plumber'"):
        category_advice("plumber")


# --- properties ------------------------------------------------------------------------------

_WORDS = ["fintech", "seed", "solar", "grid", "data science", "recruiter", "Monzo", "the"]
_profiles = st.builds(
    lambda words, company, categories, tier, sent, received, days: (
        " ".join(words),
        company,
        categories,
        tier,
        RelationshipStats(
            sent=sent,
            received=received,
            last_contact=NOW - timedelta(days=days) if sent or received else None,
        ),
    ),
    st.lists(st.sampled_from(_WORDS), max_size=4),
    st.sampled_from(["", "Monzo", "Monzo Bank", "Northwind Analytics", "Acme"]),
    st.lists(st.sampled_from(CATEGORIES), max_size=3, unique=True),
    st.sampled_from(["strengthen", "maintain", "let_go", "unset"]),
    st.integers(0, 50),
    st.integers(0, 50),
    st.integers(0, 2000),
)
_goals = st.builds(
    lambda keywords, organisations, categories, scope, strategy: goal_for(
        keywords=keywords,
        organisations=organisations,
        categories=categories,
        scope=scope,
        strategy=strategy,
    ),
    st.lists(st.sampled_from(_WORDS), max_size=3),
    st.lists(st.sampled_from(["Monzo", "Acme", "Seedcamp"]), max_size=2),
    st.lists(st.sampled_from(CATEGORIES), max_size=3, unique=True),
    st.sampled_from(["internal", "external", "both"]),
    st.sampled_from(["cement_existing", "develop_new", "both"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_profiles, max_size=12), _goals)
def test_scores_stay_in_0_1_best_first_with_a_signal_and_no_let_go(profiles, goal):
    contacts = [
        ContactSnapshot(
            id=number,
            profile=ProfileRecord(name=f"P{number}", headline=text, current_company=company),
            categories=categories,
            tier=tier,
            stats=stats,
        )
        for number, (text, company, categories, tier, stats) in enumerate(profiles, start=1)
    ]
    tiers = {c.id: c.tier for c in contacts}
    result = rank(goal, contacts)
    scores = [s.score for s in result]
    assert all(0.0 <= score <= 1.0 for score in scores)
    assert scores == sorted(scores, reverse=True)
    assert all(tiers[s.contact_id] != "let_go" for s in result)
    signal = re.compile(r"goal wants|a target organisation|mentions|include")
    assert all(any(signal.search(r) for r in s.reasons) for s in result)
