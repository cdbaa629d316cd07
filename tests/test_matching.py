"""Ranking contacts for a goal, one rule at a time, and the rules that always hold."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta

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
    Topic,
)
from helper.strategy.matching import (
    MatchWeights,
    Suggestion,
    build_index,
    category_advice,
    default_categories,
    rank_contacts,
)
from helper.vocabulary import CATEGORIES, PURPOSES

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
ME = MeProfile(name="Sam Taylor", employers=["Northwind Analytics"], domains=["northwind.io"])


def person(
    contact_id: int,
    name: str = "",
    *,
    headline: str = "",
    company: str = "",
    positions: list[Position] | None = None,
    skills: list[str] | None = None,
    about: str = "",
    categories: list[str] | None = None,
    tier: str = "unset",
    stats: RelationshipStats | None = None,
    emails: list[str] | None = None,
    topics: list[Topic] | None = None,
) -> ContactSnapshot:
    return ContactSnapshot(
        id=contact_id,
        profile=ProfileRecord(
            name=name or f"Person {contact_id}",
            headline=headline,
            current_company=company,
            positions=positions or [],
            skills=skills or [],
            about=about,
            emails=emails or [],
        ),
        categories=categories or [],
        tier=tier,
        stats=stats or RelationshipStats(),
        topics=topics or [],
    )


def goal_for(**fields: object) -> GoalSpec:
    base = GoalSpec(id=7, title="Raise a seed round", purpose="business", categories=["introducer"])
    return replace(base, **fields)


def rank(goal: GoalSpec, contacts: list[ContactSnapshot], me: MeProfile = ME, **options: object):
    return rank_contacts(goal, build_index(contacts), me, now=NOW, **options).suggestions


def also(goal: GoalSpec, contacts: list[ContactSnapshot], me: MeProfile = ME):
    return rank_contacts(goal, build_index(contacts), me, now=NOW).also


def ids(suggestions: list[Suggestion]) -> list[int]:
    return [s.contact_id for s in suggestions]


def by_id(suggestions: list[Suggestion]) -> dict[int, Suggestion]:
    return {s.contact_id: s for s in suggestions}


def _history(sent: int, received: int, days_ago: int, met: int = 0) -> RelationshipStats:
    when = NOW - timedelta(days=days_ago)
    return RelationshipStats(
        sent=sent, received=received, met=met, first_contact=when, last_contact=when
    )


# --- what puts someone among the suggestions ---------------------------------------------------


def test_a_wanted_category_alone_is_only_someone_who_could_also_help():
    goal = goal_for(categories=["recruiter"], keywords=["fintech"])
    contacts = [person(1, categories=["recruiter"])]
    assert rank(goal, contacts) == []
    [maybe] = also(goal, contacts)
    assert (maybe.contact_id, maybe.also, maybe.reasons) == (
        1,
        True,
        ["recruiter — goal wants recruiters"],
    )


def test_a_category_adds_to_a_keyword_match_with_its_reason():
    goal = goal_for(categories=["recruiter"], keywords=["fintech"])
    contacts = [
        person(1, headline="Fintech recruiter", categories=["recruiter"]),
        person(2, headline="Fintech operator"),
    ]
    result = rank(goal, contacts)
    assert ids(result) == [1, 2]
    assert result[0].reasons == ["recruiter — goal wants recruiters", "headline mentions 'Fintech'"]


def test_a_keyword_matches_through_stemming_and_quotes_the_word_as_written():
    goal = goal_for(keywords=["founder"])
    result = rank(goal, [person(1, headline="Helping Founders raise money")])
    assert result[0].reasons == ["headline mentions 'Founders'"]


def test_a_keyword_phrase_needs_its_words_together():
    goal = goal_for(keywords=["data science"])
    contacts = [
        person(1, headline="The science of clean data"),
        person(2, headline="Head of Data Science"),
    ]
    assert ids(rank(goal, contacts)) == [2]


@pytest.mark.parametrize(
    ("keyword", "headline", "quoted"),
    [
        ("CTO", "Chief Technology Officer at a scale-up", "Chief Technology Officer"),
        ("Chief Technology Officer", "CTO | Payments", "CTO"),
        ("VP", "Vice President, Sales", "Vice President"),
        ("PM", "Senior Product Manager, Payments", "Product Manager"),
        ("HR", "People Partner for engineering", "People Partner"),
        ("managing director", "Geschäftsführerin der Stadtwerke", "Geschäftsführerin"),
        ("DRH", "Directrice des ressources humaines", "Directrice des ressources humaines"),
    ],
)
def test_abbreviations_and_titles_match_each_other_and_the_reason_says_for_what(
    keyword, headline, quoted
):
    result = rank(goal_for(keywords=[keyword]), [person(1, headline=headline)])
    assert result[0].reasons == [f"headline mentions '{quoted}' (for '{keyword}')"]


def test_a_french_keyword_keeps_to_french_titles():
    goal = goal_for(keywords=["acheteur"])
    contacts = [
        person(1, headline="Acheteuse dispositifs médicaux"),
        person(2, headline="Procurement Manager"),
    ]
    assert ids(rank(goal, contacts)) == [1]


def test_what_you_emailed_or_talked_about_is_matched_with_when():
    subject = Topic("Re: Head of Data Platform roles", "email_received", datetime(2026, 3, 4))
    note = Topic("Monzo will hire a Director of Data", "event", datetime(2026, 6, 2), "DataConf")
    goal = goal_for(keywords=["Head of Data Platform", "Director of Data"])
    result = rank(goal, [person(1, topics=[subject]), person(2, topics=[note])])
    assert by_id(result)[1].reasons == ["they emailed you about 'Head of Data Platform' in March"]
    assert by_id(result)[2].reasons == ["at DataConf in June, you discussed 'Director of Data'"]


def test_a_keyword_only_in_listed_skills_needs_a_wanted_category_and_counts_less():
    goal = goal_for(keywords=["data quality"], categories=["specialist"])
    contacts = [
        person(1, headline="Head of Sales, wine merchant", skills=["Data Quality"]),
        person(2, headline="Consultant", skills=["Data Quality"], categories=["specialist"]),
        person(3, headline="Data Quality Engineer", categories=["specialist"]),
    ]
    result = rank(goal, contacts)
    assert ids(result) == [3, 2]
    assert 1 in ids(also(goal, contacts))


def test_a_past_title_is_no_reason_to_rank_but_could_also_help_saying_formerly():
    goal = goal_for(keywords=["Head of Data Platform"], categories=["club"])
    potter = person(
        1,
        headline="Founder, Clay & Kiln | ex-Head of Data Platform, Barclays",
        positions=[Position("Head of Data Platform", "Barclays", "2015", "2021")],
    )
    assert rank(goal, [potter]) == []
    [maybe] = also(goal, [potter])
    assert maybe.reasons == ["formerly 'Head of Data Platform' at Barclays until 2021"]


def test_the_employer_in_a_headline_is_no_keyword_match():
    goal = goal_for(keywords=["analytics"], categories=["colleague"])
    contacts = [
        person(1, headline="Office Manager at Contoso Analytics", company="Contoso Analytics"),
        person(2, headline="Analytics Engineer", company="Contoso Analytics"),
    ]
    assert ids(rank(goal, contacts)) == [2]


# --- organisations -----------------------------------------------------------------------------


def test_a_current_target_organisation_is_named_as_the_contact_writes_it():
    goal = goal_for(organisations=["Monzo"], keywords=["payments"])
    result = rank(goal, [person(1, headline="Payments lead", company="Monzo Bank Ltd")])
    assert result[0].reasons[0] == "works at Monzo Bank Ltd, a target organisation"


def test_an_address_at_the_targets_domain_counts_as_working_there():
    goal = goal_for(organisations=["Contoso Analytics"], keywords=["payments"])
    result = rank(
        goal, [person(1, emails=["yuki@contoso-analytics.com"], categories=["introducer"])]
    )
    assert result[0].reasons[1] == "email at contoso-analytics.com, a target organisation"


def test_a_past_target_organisation_says_until_when():
    past = Position(title="Product Lead", company="Monzo", start="2016", end="2021")
    result = rank(goal_for(organisations=["Monzo"]), [person(1, positions=[past])])
    assert result[0].reasons[0] == "worked at Monzo until 2021, a target organisation"


def test_working_at_a_target_now_outranks_having_worked_there():
    past = Position(title="Engineer", company="Monzo", end="2021")
    contacts = [person(1, positions=[past]), person(2, company="Monzo")]
    assert ids(rank(goal_for(organisations=["Monzo"]), contacts)) == [2, 1]


def test_a_company_named_as_keyword_and_target_counts_once():
    goal = goal_for(keywords=["Monzo", "payments"], organisations=["Monzo"], categories=[])
    junior = person(1, headline="Support Associate at Monzo", company="Monzo")
    payments = person(2, headline="Head of Payments", company="Acme")
    result = rank(goal, [junior, payments], me=MeProfile())
    assert ids(result) == [2, 1]
    assert by_id(result)[1].reasons == ["works at Monzo, a target organisation"]


def test_someone_linked_only_by_their_employer_ranks_below_a_match_on_their_work():
    goal = goal_for(keywords=["payments"], organisations=["Monzo"])
    contacts = [person(1, company="Monzo"), person(2, headline="Payments product lead")]
    assert ids(rank(goal, contacts, me=MeProfile())) == [2, 1]


def test_a_target_does_not_match_a_name_that_merely_contains_it():
    goal = goal_for(organisations=["Bank"])
    assert rank(goal, [person(1, company="Monzo Bank")]) == []


# --- scope, strategy and tier ------------------------------------------------------------------


def test_an_internal_goal_shows_only_people_of_your_organisation():
    goal = goal_for(categories=["colleague"], scope="internal", keywords=["data"])
    contacts = [
        person(1, headline="Data lead", categories=["colleague"], company="Elsewhere Ltd"),
        person(2, headline="Data engineer", company="Northwind Analytics Ltd"),
        person(3, headline="Data analyst", emails=["kim@northwind.io"]),
        person(
            4,
            headline="Data scientist",
            company="Fabrikam",
            emails=["jo@northwind.io"],
            positions=[Position("Analyst", "Northwind Analytics", "2019", "2024")],
        ),
    ]
    # Kim has no employer on record but your domain; Jo left for Fabrikam and kept the address.
    assert sorted(ids(rank(goal, contacts))) == [2, 3]


def test_in_an_internal_goal_a_colleague_with_nothing_goal_specific_could_only_also_help():
    goal = goal_for(categories=["colleague"], scope="internal", keywords=["kafka"])
    contacts = [
        person(1, headline="Kafka platform lead", company="Northwind Analytics"),
        person(2, headline="Office manager", categories=["colleague"], company="Northwind"),
    ]
    ranking = rank_contacts(goal, build_index(contacts), ME, now=NOW)
    assert ids(ranking.suggestions) == [1]
    assert ids(ranking.also) == [2]
    assert not any("your organisation" in r for s in ranking.suggestions for r in s.reasons)


def test_an_old_work_address_at_a_target_counts_as_having_worked_there_not_as_working_there():
    goal = goal_for(organisations=["Barclays"], keywords=["risk"])
    contacts = [
        person(
            1,
            headline="Risk lead",
            company="Fabrikam",
            emails=["rita@barclays.com"],
            positions=[Position("Risk analyst", "Barclays", "2012", "2019")],
        ),
        person(2, headline="Risk analyst", emails=["sam@barclays.com"]),
    ]
    result = rank(goal, contacts)
    assert ids(result) == [2, 1]
    assert "worked at Barclays until 2019, a target organisation" in result[1].reasons
    assert not any(r.startswith(("works at", "email at")) for r in result[1].reasons)


def test_a_keyword_and_its_abbreviation_score_alike():
    goal = goal_for(keywords=["CTO"])
    contacts = [
        person(1, headline="CTO", company="Fabrikam"),
        person(2, headline="Chief Technology Officer", company="Contoso"),
    ]
    first, second = rank(goal, contacts)
    assert abs(first.score - second.score) < 0.05


def test_an_abbreviation_with_another_meaning_is_found_only_when_it_is_the_keyword():
    contacts = [
        person(1, headline="MD, orthopaedic surgeon"),
        person(2, headline="Managing Director"),
    ]
    assert ids(rank(goal_for(keywords=["managing director"]), contacts)) == [2]
    assert sorted(ids(rank(goal_for(keywords=["MD"]), contacts))) == [1, 2]


def test_a_mail_provider_never_stands_for_a_target_organisation():
    goal = goal_for(organisations=["The"], keywords=["sales"])
    contacts = [person(1, headline="Sales lead", emails=["ann@gmail.com"])]
    assert not any("target organisation" in r for r in rank(goal, contacts)[0].reasons)


def test_an_external_goal_shows_only_people_outside_your_organisation():
    goal = goal_for(scope="external", keywords=["data"])
    contacts = [
        person(1, headline="Data lead", company="Northwind Analytics"),
        person(2, headline="Data lead", company="Elsewhere"),
    ]
    assert ids(rank(goal, contacts)) == [2]


def test_scope_applies_only_once_you_say_where_you_work():
    goal = goal_for(scope="internal", keywords=["data"])
    assert ids(rank(goal, [person(1, headline="Data lead")], me=MeProfile())) == [1]


def test_cement_existing_puts_people_you_know_first_and_says_how_much():
    goal = goal_for(strategy="cement_existing", keywords=["seed"])
    contacts = [
        person(1, headline="Seed investor", categories=["introducer"]),
        person(2, headline="Seed stage", stats=_history(12, 11, 21)),
    ]
    result = rank(goal, contacts)
    assert ids(result) == [2, 1]
    assert result[0].reasons[-1] == (
        "you exchanged 23 emails, last 3 weeks ago — fits 'cement existing'"
    )


def test_develop_new_puts_new_people_first_and_leaves_close_ones_to_could_also_help():
    goal = goal_for(strategy="develop_new", keywords=["seed"])
    contacts = [
        person(1, headline="Seed investor", stats=_history(20, 20, 3, met=5)),
        person(2, headline="Seed investor", stats=_history(1, 0, 400)),
        person(3, headline="Seed scout"),
    ]
    result = rank(goal, contacts)
    assert ids(result) == [3, 2]
    assert 1 in ids(also(goal, contacts))
    assert result[1].reasons[-1] == (
        "little history (you sent 1 email, last 13 months ago) — fits 'develop new'"
    )


def test_develop_new_keeps_those_already_working_on_the_goal_with_you_among_the_first():
    """A recruiter briefed for the hire knows you well, and is still the first to show;
    a close friend whose work only mentions the words is not."""
    goal = goal_for(strategy="develop_new", keywords=["partner manager"], categories=["recruiter"])
    briefing = Topic("Briefing: two Partner Managers", "call", datetime(2026, 10, 23))
    busy = _history(20, 20, 3, met=5)
    contacts = [
        person(
            1, headline="Recruiter, SaaS", categories=["recruiter"], stats=busy, topics=[briefing]
        ),
        person(2, headline="Partner Manager at Litware", categories=["recruiter"], stats=busy),
        person(3, headline="Partner Manager at Fabrikam"),
    ]
    assert ids(rank(goal, contacts)) == [1, 3]
    assert 2 in ids(also(goal, contacts))


def test_develop_new_leaves_a_friend_to_could_also_help_however_little_the_store_has_seen():
    goal = goal_for(strategy="develop_new", keywords=["computer vision"], categories=["specialist"])
    contacts = [
        person(1, headline="Computer Vision Engineer", categories=["friend_family", "specialist"]),
        person(2, headline="Computer Vision Engineer", categories=["specialist"]),
    ]
    assert ids(rank(goal, contacts)) == [2]
    assert 1 in ids(also(goal, contacts))


def test_someone_who_is_only_family_is_no_match_for_a_goal_that_wants_no_family():
    """Your sister the toy product manager is no peer for a circle of insurance product
    managers; a friend who is also a former colleague still counts as the colleague."""
    goal = goal_for(keywords=["product manager"], categories=["colleague", "club"])
    contacts = [
        person(
            1, headline="Product Manager, toys", categories=["friend_family"], tier="strengthen"
        ),
        person(2, headline="Product Manager", categories=["friend_family", "colleague"]),
        person(3, headline="Product Manager"),
    ]
    assert ids(rank(goal, contacts)) == [2, 3]
    assert 1 in ids(also(goal, contacts))
    bonding = goal_for(keywords=["product manager"], categories=["friend_family", "colleague"])
    assert 1 in ids(rank(bonding, contacts))


def test_the_strengthen_tier_gets_a_small_boost():
    contacts = [
        person(1, headline="Seed investor"),
        person(2, headline="Seed investor", tier="strengthen"),
    ]
    result = rank(goal_for(keywords=["seed"]), contacts)
    assert ids(result) == [2, 1]
    assert result[0].score == pytest.approx(result[1].score / (1 - MatchWeights().tier_boost))
    assert result[0].reasons[-1] == "tier: you chose to strengthen this relationship"


def test_a_context_reason_every_suggestion_shares_is_left_out():
    goal = goal_for(keywords=["seed"], strategy="develop_new")
    contacts = [person(1, headline="Seed investor"), person(2, headline="Seed scout")]
    assert [s.reasons for s in rank(goal, contacts)] == [
        ["headline mentions 'Seed'"],
        ["headline mentions 'Seed'"],
    ]


def test_let_go_contacts_are_never_suggested_whatever_they_match():
    goal = goal_for(keywords=["fintech"], organisations=["Monzo"])
    perfect = person(
        1, headline="Fintech", company="Monzo", categories=["introducer"], tier="let_go"
    )
    assert rank(goal, [perfect]) == [] == also(goal, [perfect])


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
        strategy="cement_existing",
    )
    assert rank(goal, [plumber]) == []


def test_a_contact_matching_everything_outranks_each_partial_match_and_nears_one():
    goal = goal_for(
        keywords=["fintech"], organisations=["Monzo"], categories=["introducer", "club"]
    )
    fields = {"headline": "Fintech", "company": "Monzo", "categories": ["introducer", "club"]}
    best = person(1, **fields, tier="strengthen")
    partial = [
        person(2, **{**fields, "headline": ""}, tier="strengthen"),
        person(3, **{**fields, "company": "Acme"}, tier="strengthen"),
        person(4, **{**fields, "categories": ["introducer"]}, tier="strengthen"),
        person(5, **fields),
    ]
    result = rank(goal, [best, *partial], me=MeProfile())
    assert result[0].contact_id == 1
    assert 0.9 < result[0].score <= 1.0
    assert all(s.score < result[0].score for s in result[1:])


def test_equal_scores_are_ordered_by_name():
    contacts = [person(1, "Zoë Adams", headline="Seed"), person(2, "Ann Bell", headline="Seed")]
    assert [s.name for s in rank(goal_for(keywords=["seed"]), contacts)] == [
        "Ann Bell",
        "Zoë Adams",
    ]


def test_a_limit_keeps_the_best_first_in_the_same_order():
    contacts = [
        person(n, headline="Seed" + " investor" * (n % 3), tier="strengthen" if n % 2 else "unset")
        for n in range(1, 13)
    ]
    full = rank(goal_for(keywords=["seed"]), contacts)
    assert rank(goal_for(keywords=["seed"]), contacts, limit=4) == full[:4]
    assert rank(goal_for(keywords=["seed"]), contacts, limit=0) == []


def test_a_negative_limit_is_refused():
    with pytest.raises(OutreachError, match="limit must be 0 or more"):
        rank(goal_for(), [], limit=-1)


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
    ranked = Suggestion(3, "Ada", 0.123456, ["headline mentions 'Seed'"])
    assert ranked.to_json() == {
        "contact_id": 3,
        "name": "Ada",
        "score": 0.1235,
        "reasons": ["headline mentions 'Seed'"],
    }
    maybe = Suggestion(4, "Bo", 0.8, ["recruiter — goal wants recruiters"], also=True)
    assert maybe.to_json()["also"] is True


# --- defaults and advice -----------------------------------------------------------------------


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


# --- properties --------------------------------------------------------------------------------

_WORDS = ["fintech", "seed", "solar", "grid", "data science", "recruiter", "Monzo", "the", "CTO"]
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
def test_suggestions_score_in_0_1_with_a_goal_specific_signal_and_never_repeat(profiles, goal):
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
    maybe = also(goal, contacts)
    assert all(0.0 <= s.score <= 1.0 for s in result + maybe)
    assert all(tiers[s.contact_id] != "let_go" for s in result + maybe)
    assert not set(ids(result)) & set(ids(maybe))
    assert all(len(s.reasons) == len(set(s.reasons)) for s in result + maybe)
    specific = re.compile(
        r"a target organisation|your organisation|your domain|mentions|include|about|discussed"
    )
    assert all(any(specific.search(r) for r in s.reasons) for s in result)
