"""Every number that shapes a ranking, in one place: the signals' weights, the context's
adjustments, how relationship strength is measured, and the text model."""

from __future__ import annotations

from dataclasses import dataclass, field

from helper.strategy.relevance import Bm25Settings


def _text_settings() -> Bm25Settings:
    return Bm25Settings(
        field_weights={
            "headline": 3.0,
            "titles": 2.5,
            "skills": 2.0,
            "history": 1.5,
            "about": 1.0,
        },
        # What people say they do now and what you talked about, against the skills they
        # list (kept from every job they had): a keyword found only there counts less.
        marked_fields=("headline", "titles", "history", "about"),
    )


@dataclass(frozen=True)
class MatchWeights:
    """Signals add up to a relevance in [0, 1]; the tier is a factor in (0, 1] that scales
    it, so a score never leaves [0, 1]. Scope and strategy are not weights: scope filters
    (an internal goal shows only people of your organisation) and strategy orders (people you
    know first for "cement", new people first for "develop")."""

    category: float = 0.25
    """Weight of the wanted-category signal among the signals the goal asks for."""

    keyword: float = 0.45
    """Weight of the keyword signal (BM25F per keyword, combined over keywords)."""

    keyword_certainty: float = 0.85
    """Evidence from one keyword at its best match; several keywords together approach 1."""

    organisation: float = 0.45
    """Weight of working, or having worked, at a target organisation."""

    first_category: float = 0.8
    """Category signal for one wanted category; each further one adds the remainder."""

    past_organisation: float = 0.6
    """Organisation signal for a past employer, against 1.0 for a current one."""

    skills_only: float = 0.5
    """Share of the keyword evidence kept when it is only in the skills someone lists (and
    they are of a wanted category; without one, it is no goal-specific match at all)."""

    weak: float = 0.25
    """Below this share of the best suggestion's score, a match is too weak to rank among the
    suggestions and goes to "Could also help"."""

    organisation_alone: float = 0.4
    """Share of the score kept by someone whose only link to the goal is working at a target
    organisation: a support agent at the bank you want to join is a weaker lead than anyone
    whose work or history matches the goal too."""

    tier_boost: float = 0.08
    """Share of the score lost by contacts not marked 'strengthen' — their small boost."""

    full_history_interactions: int = 30
    """Interactions (mails both ways and meetings) at which the history counts as full."""

    recency_half_life_days: float = 180.0
    """Days after which the recency part of a relationship's strength halves."""

    recency_share: float = 0.5
    """Part of a relationship's strength that fades with time; the rest is its volume."""

    little_history: float = 0.25
    """Strength below which 'develop new' counts a relationship as new."""

    well_known: float = 0.45
    """Strength from which 'develop new' leaves a person to "Could also help": someone you
    already write to and meet often is not a new relationship."""

    text: Bm25Settings = field(default_factory=_text_settings)
    """BM25F parameters and field weights of the keyword signal."""
