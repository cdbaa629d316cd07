"""What a contact's profile says, as matching reads it: the text fields the keyword signal
indexes, current and past employers, and reasons that quote the profile as written."""

from __future__ import annotations

from functools import lru_cache

from helper.normalize import normalize_company
from helper.records import Position, ProfileRecord
from helper.strategy.relevance import find_phrase

FIELD_REASONS: dict[str, str] = {
    "headline": "headline mentions '{}'",
    "titles": "job title mentions '{}'",
    "skills": "skills include '{}'",
    "about": "about section mentions '{}'",
    "companies": "company name mentions '{}'",
}

# A position whose end reads like one of these is held now (LinkedIn writes "Present").
_PRESENT = frozenset({"", "present", "now", "current", "today"})


# Company names repeat across thousands of contacts; normalising each once saves most of the
# index's build time.
company_key = lru_cache(maxsize=50_000)(normalize_company)


def organisation_matches(target_key: str, candidate_key: str) -> bool:
    """Whether a normalised company name is the target or a longer name of it."""
    return candidate_key == target_key or candidate_key.startswith(target_key + " ")


def is_current(position: Position) -> bool:
    return position.end.strip().casefold() in _PRESENT


def current_companies(profile: ProfileRecord) -> list[str]:
    names = [profile.current_company, *(p.company for p in profile.positions if is_current(p))]
    return [name for name in dict.fromkeys(names) if name.strip()]


def profile_fields(profile: ProfileRecord) -> dict[str, list[str]]:
    """The contact's text by field, as the keyword signal indexes it."""
    titles = [profile.current_title, *(p.title for p in profile.positions)]
    companies = [profile.current_company, *(p.company for p in profile.positions)]
    return {
        "headline": [profile.headline],
        "titles": [t for t in dict.fromkeys(titles) if t],
        "skills": list(profile.skills),
        "about": [profile.about],
        "companies": [c for c in dict.fromkeys(companies) if c],
    }


def email_domain(address: str) -> str:
    return address.rpartition("@")[2].strip().lower()


class CompanyTable:
    """Organisation key -> contacts; a target also finds longer names that start with it
    ("Monzo" finds "Monzo Bank Ltd"), looked up by first word."""

    def __init__(self) -> None:
        self._docs: dict[str, set[int]] = {}
        self._by_first_word: dict[str, set[str]] = {}

    def add(self, key: str, doc: int) -> None:
        if key:
            self._docs.setdefault(key, set()).add(doc)
            self._by_first_word.setdefault(key.split(" ", 1)[0], set()).add(key)

    def docs_for(self, target_key: str) -> set[int]:
        found: set[int] = set()
        if not target_key:
            return found
        for key in self._by_first_word.get(target_key.split(" ", 1)[0], ()):
            if organisation_matches(target_key, key):
                found |= self._docs[key]
        return found


def organisation_reasons(organisations: list[str], profile: ProfileRecord) -> list[str]:
    targets = [key for key in (company_key(n) for n in organisations) if key]

    def is_target(company: str) -> bool:
        key = company_key(company)
        return any(organisation_matches(target, key) for target in targets)

    now_at = [name for name in current_companies(profile) if is_target(name)]
    if now_at:
        return [f"works at {name}, a target organisation" for name in now_at]
    now_keys = {company_key(name) for name in current_companies(profile)}
    return [
        f"worked at {p.company} until {p.end.strip()}, a target organisation"
        for p in profile.positions
        if not is_current(p) and is_target(p.company) and company_key(p.company) not in now_keys
    ][:1]


def keyword_reason(phrase: str, fields: dict[str, list[str]]) -> str | None:
    """'<field> mentions '<the words as the contact wrote them>'', naming the first field (in
    `fields` order) that holds the whole phrase; None when no field does."""
    for name, segments in fields.items():
        for segment in segments:
            words = find_phrase(segment, phrase)
            if words:
                return FIELD_REASONS[name].format(words)
    return None
