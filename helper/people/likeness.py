"""Whether two people's names and employers say they may be one person, in words a user
reads on the Possible duplicates page: "same name, Tom is short for Thomas, same company
(Whitfield & Grey)".

Names match by a nickname or another spelling of the given name (`given_names`), by an
initial ("A. Smith" and "Anna Smith") or with the surname missing on one ("Tom"); companies
match as one organisation written two ways ("Monzo" and "Monzo Bank", "Whitfield & Grey" and
"Whitfield and Grey LLP").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from helper.normalize import normalize_company, same_organisation
from helper.people.given_names import family, is_initial, relation, split_name

# An address book holds a few hundred employers written the same way many times over.
_company_key = lru_cache(maxsize=1 << 14)(normalize_company)


@dataclass(frozen=True)
class Naming:
    """What likeness compares of one person, computed once per person."""

    full: str  # the name as written
    shown: str  # the given name as written
    given: str
    surname: str
    companies: tuple[tuple[str, str], ...]  # (normalize_company key, as written)

    @classmethod
    def of(cls, name: str, companies: Iterable[str]) -> Naming:
        shown, given, surname = split_name(name)
        written = {}
        for company in companies:
            text = company.strip()
            if text and (key := _company_key(company)):
                written[key] = text
        return cls(
            full=" ".join(name.split()),
            shown=shown,
            given=given,
            surname=surname,
            companies=tuple(sorted(written.items())) if len(written) > 1 else (*written.items(),),
        )

    def block_keys(self) -> Iterator[tuple[str, ...]]:
        """Keys that any person this one may be shares with it: the first word of the
        employer (which `same_organisation` keeps), then the surname and the given name's
        family, or the initial, or the given name alone for a name without a surname."""
        if not self.given:
            return
        given, surname = family(self.given), self.surname
        words = [key.split(maxsplit=1)[0] for key, _ in self.companies]
        for word in sorted(set(words)) if len(words) > 1 else words:
            if surname:
                yield ("kin", word, surname, given)
                yield ("initial", word, surname, self.given[0])
            yield ("given", word, given)


def same_company(first: Naming, second: Naming) -> str | None:
    """The employer both have, as the shorter of its two spellings ("Monzo" for "Monzo" and
    "Monzo Bank"), or None."""
    return _company_in_both(first.companies, second.companies)


# The duplicates search asks about the same few hundred employers and names over and over.
@lru_cache(maxsize=1 << 16)
def _company_in_both(
    first: tuple[tuple[str, str], ...], second: tuple[tuple[str, str], ...]
) -> str | None:
    for key_a, written_a in first:
        for key_b, written_b in second:
            if key_a == key_b or same_organisation(key_a, key_b) or same_organisation(key_b, key_a):
                return min(written_a, written_b, key=lambda text: (len(text), text))
    return None


def name_likeness(first: Naming, second: Naming) -> list[str] | None:
    """Why the two names may name one person, clause by clause ("same name", "Tom is short
    for Thomas"), or None when they name two people."""
    clauses = _name_clauses(
        (first.full, first.shown, first.given, first.surname),
        (second.full, second.shown, second.given, second.surname),
    )
    return None if clauses is None else list(clauses)


_Name = tuple[str, str, str, str]  # Naming's full, shown, given and surname


@lru_cache(maxsize=1 << 16)
def _name_clauses(first: _Name, second: _Name) -> tuple[str, ...] | None:
    (first_full, first_shown, first_given, first_surname) = first
    (second_full, second_shown, second_given, second_surname) = second
    if not (first_given and second_given):
        return None
    if first_surname and second_surname and first_surname != second_surname:
        return None
    both_full = bool(first_surname and second_surname)
    if is_initial(first_given) != is_initial(second_given):
        initial, named = (first, second) if is_initial(first_given) else (second, first)
        if not both_full or not named[2].startswith(initial[2]):
            return None
        return ("same surname", f"{initial[1]}. may stand for {named[1]}")
    how = relation(first_shown, second_shown)
    if how is None:
        return None
    one_only = first_surname != second_surname  # one of them has no surname
    clauses = ["same first name" if one_only else "same name", *([how] if how else [])]
    if one_only:
        clauses.append(f"no surname on {second_full if first_surname else first_full}")
    return tuple(clauses)


def likeness(first: Naming, second: Naming) -> str | None:
    """The reason two people may be one, names then employer, or None."""
    clauses = name_likeness(first, second)
    company = same_company(first, second) if clauses else None
    if clauses is None or company is None:
        return None
    return ", ".join([*clauses, f"same company ({company})"])
