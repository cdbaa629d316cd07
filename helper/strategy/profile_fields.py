"""Who works where, as matching reads it: current and past employers, and whether one is a
goal's target organisation, written as loosely as people write company names.

A target matches a company by these rules, so that "Monzo" finds "Monzo Bank Ltd" and "EDF"
finds "Électricité de France (EDF)", while "Wise" does not find "Wise Owl Tutoring":
- the same name, once case, accents, punctuation and legal forms are set aside;
- the target's words followed by words every company uses ("Bank", "Group", "Data") or a
  branch's ("UK", "Deutschland"); after an acronym-like target ("EnBW", "TÜV SÜD") any words;
- a distinctive shortening of the target ("Halden" for "Halden Medical");
- any organisation of a kind the target names ("Stadtwerke": "Stadtwerke Lindenau GmbH");
- an acronym target that the company writes in brackets or that its words' initials spell
  ("AP-HP": "Assistance Publique – Hôpitaux de Paris").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from helper.normalize import (
    BRANCH_WORDS,
    GENERIC_COMPANY_WORDS,
    ORGANISATION_KINDS,
    normalize_company,
    same_organisation,
)
from helper.records import Position

# A position whose end reads like one of these is held now (LinkedIn writes "Present").
_PRESENT = frozenset({"", "present", "now", "current", "today"})
# Words an acronym of a name skips: "Assistance Publique – Hôpitaux de Paris" is AP-HP.
_SMALL_WORDS = frozenset(
    {"of", "the", "and", "for", "de", "du", "des", "la", "le", "les", "et", "fur", "der", "die"}
    | {"das", "und", "in", "im", "a", "an", "&"}
)
_BRACKETED = re.compile(r"\(([^\W_][\w.&-]{1,15})\)")

# Company names repeat across thousands of contacts; normalising each once saves most of the
# index's build time.
company_key = lru_cache(maxsize=50_000)(normalize_company)


def is_current(position: Position) -> bool:
    return position.end.strip().casefold() in _PRESENT


def email_domain(address: str) -> str:
    return address.rpartition("@")[2].strip().lower()


# Mail providers anyone can use: an address there says nothing of an employer.
_SHARED_PROVIDERS = frozenset(
    {
        *("gmail", "googlemail", "outlook", "hotmail", "live", "yahoo", "icloud", "me", "aol"),
        *("protonmail", "proton", "gmx", "web", "orange", "free", "laposte", "wanadoo", "mail"),
    }
)


# Second-level labels under which countries register organisations ("co.uk", "com.au").
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "or", "ne", "gv", "nhs"})


def domain_name(domain: str) -> str:
    """The organisation a mail domain names, as a company key without spaces:
    "contoso-analytics.co.uk" -> "contosoanalytics"; "" for a shared provider."""
    labels = [label for label in domain.split(".") if label]
    if len(labels) > 1:
        labels.pop()  # the top-level domain: "uk", "com", "de"
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels.pop()  # "co.uk", "com.au", "ac.uk"
    name = labels[-1] if labels else ""  # "uk.ibm.com" -> "ibm"
    return "" if name in _SHARED_PROVIDERS else name.replace("-", "")


def target_key(target: str) -> str:
    """A target organisation as `domain_name` would spell it: "Contoso Analytics" ->
    "contosoanalytics"."""
    return re.sub(r"[^\w]", "", company_key(target))


def _acronym_of(target: str) -> str:
    """The target as an acronym ("ap-hp" -> "aphp"), or "" when it reads as words: an
    acronym has two capitals or more in each of its words ("EDF", "UniHA", "TÜV SÜD")."""
    words = target.split()
    if not words or not all(sum(ch.isupper() for ch in word) >= 2 for word in words):
        return ""
    return target_key(target).casefold()


def _acronyms_of_company(name: str, key: str) -> set[str]:
    """What a company's name may be abbreviated to: a bracketed acronym, and the initials of
    its words (three or more, small words skipped)."""
    found = {target_key(bracketed) for bracketed in _BRACKETED.findall(name)}
    initials = "".join(
        word[0] for word in key.split() if word[0].isalpha() and word not in _SMALL_WORDS
    )
    if len(initials) >= 3:
        found.add(initials)
    return {acronym for acronym in found if acronym}


@lru_cache(maxsize=200_000)
def target_matches(target: str, company: str) -> bool:
    """Whether `company` (as a contact writes it) is the target organisation `target`; a
    department written after a dash or bar is still the organisation ("Landeshauptstadt
    München — Referat für Bildung")."""
    organisation = _DEPARTMENT_FOLLOWS.split(company, maxsplit=1)[0]
    if organisation != company and _names_target(target, organisation):
        return True
    return _names_target(target, company)


# A dash or bar between spaces, or a middle dot, ends an organisation's name in a company line.
_DEPARTMENT_FOLLOWS = re.compile(r"\s+[—–|·-]\s+")


def _names_target(target: str, company: str) -> bool:
    wanted, key = company_key(target), company_key(company)
    if not wanted or not key:
        return False
    if wanted == key:
        return True
    words, target_words = key.split(), wanted.split()
    acronym = _acronym_of(target)
    if words[: len(target_words)] == target_words:
        rest = set(words[len(target_words) :])
        kind = target_words[0] in ORGANISATION_KINDS and len(target_words) == 1
        return bool(acronym) or kind or rest <= GENERIC_COMPANY_WORDS | BRANCH_WORDS
    if same_organisation(wanted, key):
        return True
    return bool(acronym) and len(acronym) >= 3 and acronym in _acronyms_of_company(company, key)


class CompanyTable:
    """Company names -> contacts, with what a target is looked up by: the first word of each
    name and its acronyms."""

    def __init__(self) -> None:
        self._docs: dict[str, set[int]] = {}
        self._names: dict[str, str] = {}
        self._by_first_word: dict[str, set[str]] = {}
        self._by_acronym: dict[str, set[str]] = {}

    def add(self, name: str, doc: int) -> None:
        key = company_key(name)
        if not key:
            return
        self._docs.setdefault(key, set()).add(doc)
        if key not in self._names:
            self._names[key] = name
            self._by_first_word.setdefault(key.split()[0], set()).add(key)
            for acronym in _acronyms_of_company(name, key):
                self._by_acronym.setdefault(acronym, set()).add(key)

    def copy(self) -> CompanyTable:
        """A table that `insert` and `discard` change without changing this one."""
        table = CompanyTable()
        table._docs, table._names = dict(self._docs), dict(self._names)
        table._by_first_word, table._by_acronym = dict(self._by_first_word), dict(self._by_acronym)
        return table

    def insert(self, name: str, doc: int) -> None:
        """`add` for a table that another still shares sets with: each set changed is a new
        one. A company is looked up by its name at its lowest document, as `add` in document
        order leaves it."""
        key = company_key(name)
        if not key:
            return
        docs = self._docs.get(key, set())
        if doc in docs:
            return
        self._docs[key] = docs | {doc}
        if not docs:
            _put(self._by_first_word, key.split()[0], key)
        if not docs or doc < min(docs):
            self._name(key, name)

    def discard(self, name: str, doc: int, name_at: Callable[[int, str], str]) -> None:
        """Take `doc` off the company `name`; `name_at(doc, key)` says how another document
        writes the company, should it become the lowest."""
        key = company_key(name)
        docs = self._docs.get(key, set())
        if doc not in docs:
            return
        rest = docs - {doc}
        if rest:
            self._docs[key] = rest
            if doc < min(rest):
                self._name(key, name_at(min(rest), key))
            return
        del self._docs[key]
        _take(self._by_first_word, key.split()[0], key)
        for acronym in _acronyms_of_company(self._names.pop(key), key):
            _take(self._by_acronym, acronym, key)

    def _name(self, key: str, name: str) -> None:
        old = self._names.get(key)
        if old is not None:
            for acronym in _acronyms_of_company(old, key):
                _take(self._by_acronym, acronym, key)
        self._names[key] = name
        for acronym in _acronyms_of_company(name, key):
            _put(self._by_acronym, acronym, key)

    def docs_for(self, target: str) -> set[int]:
        """The contacts at any company that is `target`."""
        wanted = company_key(target)
        if not wanted:
            return set()
        keys = set(self._by_first_word.get(wanted.split()[0], ()))
        keys |= self._by_acronym.get(_acronym_of(target), set())
        found: set[int] = set()
        for key in keys:
            if target_matches(target, self._names[key]):
                found |= self._docs[key]
        return found


def _put(table: dict[str, set[str]], word: str, key: str) -> None:
    table[word] = table.get(word, set()) | {key}


def _take(table: dict[str, set[str]], word: str, key: str) -> None:
    rest = table.get(word, set()) - {key}
    if rest:
        table[word] = rest
    else:
        table.pop(word, None)
