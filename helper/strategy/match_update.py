"""A `ContactIndex` brought up to date for a few changed contacts, at the cost of those
contacts rather than of all of them.

`update_index` takes the index and, per changed contact id, the contact as it is now (None for
one deleted) and gives a new index; the old one is left untouched for the readers that still
hold it (each table a change touches is copied, the rest shared). The result ranks every goal
exactly as `build_index` over the same contacts in id order: the text model keeps counts and
length totals and works its weights out from them (`helper.strategy.relevance`), a company is
still named as its lowest document writes it, and document numbers keep the ids' order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import datetime

from helper.records import ContactSnapshot
from helper.strategy.match_index import ContactIndex, MatchDocument, match_document, record_of
from helper.strategy.profile_fields import CompanyTable, company_key, domain_name, email_domain
from helper.strategy.relevance import fold

Changes = Mapping[int, ContactSnapshot | None]


def update_index(index: ContactIndex, changed: Changes) -> ContactIndex | None:
    """`index` with the changed contacts re-read, the new ones added and the deleted ones
    taken out; None when that cannot keep the numbers in id order (a new contact with an id
    below one the index holds, as an undone deletion brings back), and the whole index must be
    built again."""
    numbers = index.numbers
    newest = index.newest_id or 0
    old: dict[int, MatchDocument] = {}
    new: dict[int, MatchDocument] = {}
    top = len(index.records)
    for contact_id in sorted(changed):
        snapshot = changed[contact_id]
        doc = numbers.get(contact_id)
        if doc is not None:
            old[doc] = index.document(doc)
        elif snapshot is None:
            continue
        elif contact_id < newest:
            return None
        else:
            doc, top = top, top + 1
        if snapshot is not None:
            new[doc] = match_document(snapshot)
    return _updated(index, old, new, top)


def _updated(
    index: ContactIndex, old: dict[int, MatchDocument], new: dict[int, MatchDocument], top: int
) -> ContactIndex:
    records: list[tuple | None] = list(index.records) + [None] * (top - len(index.records))
    names = list(index.sort_names) + [""] * (top - len(index.sort_names))
    for doc in old:
        records[doc], names[doc] = None, ""
    for doc, document in new.items():
        records[doc], names[doc] = record_of(document), fold(document.name)
    let_go = (index.let_go - old.keys()) | {d for d, doc in new.items() if doc.tier == "let_go"}
    return replace(
        index,
        records=tuple(records),
        text=index.text.updated(_fields(old), _fields(new)),
        past_titles=index.past_titles.updated(_past_titles(old), _past_titles(new)),
        by_category=_regrouped(index.by_category, old, new, lambda d: d.categories),
        current_companies=_companies(index, old, new, current=True),
        past_companies=_companies(index, old, new, current=False),
        by_domain=_regrouped(index.by_domain, old, new, _domains),
        by_domain_name=_regrouped(index.by_domain_name, old, new, _domain_names),
        let_go=frozenset(let_go),
        sort_names=tuple(names),
        _strengths=_kept(index._strengths, old.keys() | new.keys()),
        _documents={},
        _everyone=None,
        _numbers=None,
    )


def _kept(
    strengths: dict[datetime, dict[int, float]], changed: set[int]
) -> dict[datetime, dict[int, float]]:
    """The relationship strengths worked out for the others, which their history alone
    decides. Each table is copied in one step first: requests still ranking with the old index
    add to them meanwhile, and a loop over a growing dict fails."""
    return {
        now: {doc: value for doc, value in table.copy().items() if doc not in changed}
        for now, table in strengths.copy().items()
    }


def _fields(documents: dict[int, MatchDocument]) -> dict[int, dict[str, list[str]]]:
    return {doc: document.fields() for doc, document in documents.items()}


def _past_titles(documents: dict[int, MatchDocument]) -> dict[int, dict[str, list[str]]]:
    return {doc: {"titles": [r.title for r in d.past_roles]} for doc, d in documents.items()}


def _domains(document: MatchDocument) -> list[str]:
    return [email_domain(address) for address in document.emails]


def _domain_names(document: MatchDocument) -> list[str]:
    return [name for domain in _domains(document) if (name := domain_name(domain))]


def _regrouped(
    groups: dict[str, set[int]],
    old: dict[int, MatchDocument],
    new: dict[int, MatchDocument],
    keys_of: Callable[[MatchDocument], Iterable[str]],
) -> dict[str, set[int]]:
    """Key -> documents with the old documents' keys taken off and the new ones' put on; a
    set that changes is a new set, and a key left with none goes."""
    changed = dict(groups)
    for doc, document in old.items():
        for key in keys_of(document):
            rest = changed.get(key, set()) - {doc}
            if rest:
                changed[key] = rest
            else:
                changed.pop(key, None)
    for doc, document in new.items():
        for key in keys_of(document):
            changed[key] = changed.get(key, set()) | {doc}
    return changed


def _companies(
    index: ContactIndex,
    old: dict[int, MatchDocument],
    new: dict[int, MatchDocument],
    *,
    current: bool,
) -> CompanyTable:
    """The current or past employers' table, with the old documents' companies taken off
    (while the others' records still say how they write theirs) and the new ones' put on."""
    table = (index.current_companies if current else index.past_companies).copy()

    def companies(document: MatchDocument) -> list[str]:
        if current:
            return list(document.current_companies)
        return [role.company for role in document.past_roles]

    def name_at(doc: int, key: str) -> str:
        document = old.get(doc) or index.document(doc)
        return next(name for name in companies(document) if company_key(name) == key)

    for doc, document in old.items():
        for name in companies(document):
            table.discard(name, doc, name_at)
    for doc, document in sorted(new.items()):
        for name in companies(document):
            table.insert(name, doc)
    return table
