"""A person's name as a profile shows it, made the name a contact is filed under.

Members decorate their name: an honorific ("Dr.", "Prof. Dr."), credentials after a comma
(", PhD, CFA"), an emoji ("🚀"), pronouns in brackets ("(Elle)", "(She/Her)"). The record keeps
the plain name; the honorific is kept apart, for a formal greeting ("Dear Dr Weber"), and the
pronouns in their own field.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Pronoun words in the languages the reader knows, for lines such as "She/Her", "Sie/ihr",
# "Elle" or "(il/lui)".
_PRONOUN = (
    r"(?:she|her|hers|he|him|his|they|them|theirs|ze|zir|xe|xem|hir|any|pronouns|"
    r"sie|ihr|er|ihm|elle|il|lui|iel|eux)"
)
PRONOUNS = re.compile(rf"^\(?\s*({_PRONOUN}(?:\s*/\s*{_PRONOUN})*)\s*\)?$", re.IGNORECASE)
# Pronouns can stand alone only with a slash or in brackets: "Er" alone is not a pronoun line.
_SAFE_PRONOUNS = re.compile(rf"^(?:\(\s*{_PRONOUN}.*\)|.*/.*)$", re.IGNORECASE)
_PRONOUNS_AFTER_NAME = re.compile(
    rf"\s*\((?P<p>{_PRONOUN}(?:\s*/\s*{_PRONOUN})*)\)\s*$", re.IGNORECASE
)
_HONORIFICS = {
    "dr": "Dr", "prof": "Prof", "professor": "Professor", "mr": "Mr", "mrs": "Mrs",
    "ms": "Ms", "mx": "Mx", "sir": "Sir", "dame": "Dame", "maître": "Maître",
    "dipl.-ing": "Dipl.-Ing.", "dr.-ing": "Dr.-Ing.",
}  # fmt: skip
# Short honorifics that are also names ("Ing Kwee Tan", "Me Linh"): only with their full stop.
_DOTTED_HONORIFICS = {"me.": "Maître", "ing.": "Ing.", "mag.": "Mag."}
_CREDENTIALS = frozenset(
    {
        "phd", "ph.d", "dphil", "mba", "cfa", "cpa", "aca", "fca", "acca", "fcca", "cima",
        "md", "msc", "bsc", "ma", "ba", "meng", "beng", "llm", "llb", "pmp", "cissp", "frsa",
        "fcipd", "mcipd", "chfc", "esq", "mrics", "frics", "ceng", "pe", "cta", "cfp",
        "dipl", "mbe", "obe", "cbe", "frs", "fhea", "shrm-scp", "scrum master",
    }
)  # fmt: skip
_CREDENTIAL_KEYS = frozenset(c.replace(".", "").replace(" ", "") for c in _CREDENTIALS)


@dataclass(frozen=True)
class PersonName:
    name: str
    honorific: str = ""
    pronouns: str = ""


def pronouns_of(line: str) -> str:
    """The pronouns a line states ("She/Her", "(Elle)"), or ""."""
    match = PRONOUNS.match(line.strip())
    return match[1] if match and _SAFE_PRONOUNS.match(line.strip()) else ""


def pronoun_words(line: str) -> str:
    """The pronouns of a line of pronoun words only, even without a slash or brackets
    ("Elle", "They"): for where a pronoun line is expected, right under a name."""
    match = PRONOUNS.match(line.strip())
    return match[1] if match else ""


def _without_symbols(text: str) -> str:
    """Emoji and other pictographs removed; letters of every script kept."""
    kept = [
        " " if unicodedata.category(ch) in ("So", "Sk", "Cs", "Co") or ch == "\ufe0f" else ch
        for ch in text
    ]
    return " ".join("".join(kept).split())


def _credential(token: str) -> bool:
    return token.casefold().replace(".", "").replace(" ", "") in _CREDENTIAL_KEYS


def _bare_credential(token: str) -> bool:
    """A credential written after a name without a comma: in capitals or with full stops
    ("MBA", "Ph.D."), so that a family name such as "Ba" or "Ma" is never taken for one."""
    shaped = token.isupper() or "." in token or token in ("PhD", "DPhil", "MSc", "BSc")
    return shaped and _credential(token)


def _honorific(token: str) -> str:
    folded = token.casefold()
    return _DOTTED_HONORIFICS.get(folded) or _HONORIFICS.get(folded.rstrip("."), "")


def clean_name(line: str) -> PersonName:
    """The plain name, the honorific and the pronouns of a name line."""
    text = _without_symbols(line)
    pronouns = ""
    found = _PRONOUNS_AFTER_NAME.search(text)
    if found:
        pronouns, text = found["p"], text[: found.start()]
    head, _, tail = text.partition(",")
    if tail and all(_credential(part.strip()) for part in tail.split(",") if part.strip()):
        text = head  # "Sarah Chen, PhD, CFA"
    tokens = text.split()
    while tokens and _bare_credential(tokens[-1]) and len(tokens) > 2:
        tokens.pop()  # "Sarah Chen PhD"
    honorifics = []
    while len(tokens) > 2 and _honorific(tokens[0]):
        honorifics.append(_honorific(tokens.pop(0)))
    honorific = " ".join(honorifics)
    return PersonName(" ".join(tokens).strip(" ,·|-–"), honorific, pronouns)
