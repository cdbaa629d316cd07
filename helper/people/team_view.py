"""What a teammate may know of a person in someone's book, worked out from plain data: how
strong the relationship is, the keys that say two books hold the same person, and what a
search of the team index asks for."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from hashlib import blake2b

from helper.normalize import normalize_company, normalize_name

# Points out of 100: how the member rated the relationship, how much they exchanged, how
# recently. A "strengthen" contact emailed last week is strong; an imported name is not.
TIER_POINTS = {"strengthen": 30, "maintain": 20, "unset": 10, "let_go": 0}
VOLUME_POINTS = 40  # reached at FULL_VOLUME touches, on a log scale
FULL_VOLUME = 30
RECENCY_POINTS = ((30, 30), (90, 22), (365, 12), (1095, 4))  # (within days, points)
STRENGTH_LABELS = ((60, "Strong"), (35, "Good"), (0, "Slight"))
_WHO_KNOWS = r"(?:who\s+(?:on\s+the\s+team\s+|here\s+)?knows\s+)"
_SOMEONE_AT = r"(?:(?:someone|anyone|people|somebody)\s+(?:at|from|in)\s+)"
_ASKING = re.compile(rf"^{_WHO_KNOWS}?{_SOMEONE_AT}?", re.IGNORECASE)
_AT_ORGANISATION = re.compile(rf"^{_WHO_KNOWS}?{_SOMEONE_AT}", re.IGNORECASE)


def relationship_score(tier: str, touches: int, last_touch: datetime | None, now: datetime) -> int:
    """0–100 from the member's tier, the number of logged or imported touches and the last."""
    volume = min(1.0, math.log1p(touches) / math.log1p(FULL_VOLUME)) * VOLUME_POINTS
    recency = 0
    if last_touch is not None:
        age = (now - last_touch).days
        recency = next((points for within, points in RECENCY_POINTS if age <= within), 0)
    return round(min(100.0, TIER_POINTS.get(tier, 10) + volume + recency))


def strength_label(score: float | None) -> str:
    if score is None:
        return ""
    return next(label for floor, label in STRENGTH_LABELS if score >= floor)


def identity_keys(
    linkedin_url: str | None, emails: Iterable[str], name: str, company: str
) -> list[str]:
    """Short digests of what names one person in any book: the LinkedIn address, each email,
    and the name at the company. Digests, so the team's table holds no address itself."""
    raw = [f"in:{linkedin_url}"] if linkedin_url else []
    raw += [f"mail:{email}" for email in emails]
    name_key, company_key = normalize_name(name), normalize_company(company)
    if name_key and company_key:
        raw.append(f"name:{name_key}@{company_key}")
    return [blake2b(key.encode(), digest_size=8).hexdigest() for key in raw]


@dataclass(frozen=True)
class TeamQuery:
    """A search of the team index: people at an organisation, or a person by name."""

    text: str
    organisation_text: str  # as typed, for `target_matches`
    organisation: str  # its normalize_company key
    name: str  # normalize_name key, when it may name a person


def read_team_query(text: str) -> TeamQuery:
    """ "who knows someone at Monzo" asks for an organisation only; "who knows Priya Raman"
    or a bare "Monzo" may be either, so both are searched."""
    cleaned = " ".join(text.split()).strip(" ?")
    at_organisation = _AT_ORGANISATION.match(cleaned)
    rest = _ASKING.sub("", cleaned).strip(" ?")
    return TeamQuery(
        text=cleaned,
        organisation_text=rest,
        organisation=normalize_company(rest) if rest else "",
        name="" if at_organisation else normalize_name(rest),
    )


def grouped_by_person(keys_of: dict[int, list[str]]) -> list[list[int]]:
    """Entries (by id) that share any identity key, grouped: one person in several books."""
    parent = {entry: entry for entry in keys_of}

    def root(entry: int) -> int:
        while parent[entry] != entry:
            parent[entry] = parent[parent[entry]]
            entry = parent[entry]
        return entry

    owner_of_key: dict[str, int] = {}
    for entry, keys in keys_of.items():
        for key in keys:
            if key in owner_of_key:
                parent[root(entry)] = root(owner_of_key[key])
            else:
                owner_of_key[key] = entry
    groups: dict[int, list[int]] = {}
    for entry in keys_of:
        groups.setdefault(root(entry), []).append(entry)
    return list(groups.values())
