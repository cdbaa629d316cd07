"""BM25F text relevance over short, fielded documents (contact profiles), with Snowball stems.

The index is built once and queried many times: each query phrase walks only the posting lists
of its own terms, so a query costs what its terms' postings cost, not what the corpus costs.
It is updated for a few changed documents at their cost (`RelevanceIndex.updated`): it keeps
term counts per field and field length totals, and works the weights out from them, so an
updated index scores exactly as one built anew.
Multi-word phrases ("machine learning") match through adjacent-term pairs indexed beside the
single terms, so "the science of clean data" does not match "data science".

Scoring is BM25F (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and
Beyond", 2009, §3.4): per-field term frequencies are length-normalised, weighted and summed
before one saturation, then multiplied by the term's inverse document frequency.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from helper.strategy.text_terms import (
    STOP_WORDS,
    Bm25Settings,
    find_phrase,
    fold,
    phrase_keys,
    segment_keys,
    stem,
    tokenize,
)

__all__ = [
    "STOP_WORDS",
    "Bm25Settings",
    "RelevanceIndex",
    "find_phrase",
    "fold",
    "phrase_keys",
    "stem",
    "tokenize",
]

Fields = Mapping[str, Sequence[str]]
# Per document and term, how often the term is in each field, packed `_BITS` bits a field:
# one integer instead of a tuple per posting. A term repeated more often than `_MOST` times in
# one field counts `_MOST` times; its weight saturated long before.
_BITS = 12
_MOST = (1 << _BITS) - 1


@dataclass
class _Posting:
    docs: array  # sorted document numbers
    counts: array  # per document, the term's packed counts per field
    marked: array  # the documents that hold the key in a marked field


class _Terms(NamedTuple):
    """One document as the index holds it: each field's length in words, and each term's
    packed counts per field, with the terms found in a marked field."""

    lengths: tuple[int, ...]
    counts: dict[str, int]
    marked: set[str]


class RelevanceIndex:
    """An inverted index of fielded documents: build once, `query` many times, and `updated`
    for a few changed documents at the cost of those documents.

    It keeps per-field term counts and per-field length totals rather than final weights: the
    weights depend on the average field lengths and on how many documents hold a term, which
    any change moves. They are worked out from those counts when first asked for (the build
    works them all out at once) with the same arithmetic, so an updated index scores exactly
    as one built from scratch."""

    def __init__(
        self,
        settings: Bm25Settings,
        postings: dict[str, _Posting],
        lengths: list[array],
        size: int,
    ) -> None:
        self.settings = settings
        self.size = size  # documents held (a removed document's number stays unused)
        self._postings = postings
        self._lengths = lengths  # per field, per document number: its length in words
        self._totals = [sum(per_doc) for per_doc in lengths]
        self._weights: dict[str, array] = {}
        self._shares: list[list[float]] | None = None

    @classmethod
    def build(cls, documents: Sequence[Fields], settings: Bm25Settings) -> RelevanceIndex:
        """Index documents given as field name -> segments (e.g. one segment per skill),
        numbered in order.

        Adjacent-word pairs never cross a segment, so two skills do not make a phrase.
        """
        index = _build(documents, settings)
        index.weigh_all()
        return index

    def __getstate__(self) -> dict:
        """What is kept on disk: the counts, not the weights worked out from them."""
        return {**self.__dict__, "_weights": {}, "_shares": None}

    def query(self, phrases: Sequence[str]) -> list[dict[int, float]]:
        """Per phrase, the BM25F score of each document that matches it; others are absent."""
        return [self.score_phrase(phrase) for phrase in phrases]

    def score_phrase(self, phrase: str) -> dict[int, float]:
        """Document index -> BM25F score, for the documents that match `phrase`."""
        match_keys, score_keys = phrase_keys(phrase)
        scores = dict.fromkeys(self._docs_with_all(match_keys), 0.0)
        if scores:
            for key in score_keys:
                self._accumulate(key, scores)
        return scores

    def marked(self, phrase: str) -> set[int]:
        """The documents that hold `phrase` in one of the settings' marked fields."""
        return self._docs_with_all(phrase_keys(phrase)[0], marked=True)

    def in_field(self, phrase: str, name: str) -> set[int]:
        """The documents that hold `phrase` in the field `name` (its words side by side)."""
        shift = list(self.settings.field_weights).index(name) * _BITS
        found: set[int] | None = None
        for key in phrase_keys(phrase)[0]:
            posting = self._postings.get(key)
            if posting is None:
                return set()
            docs = {
                doc
                for doc, packed in zip(posting.docs, posting.counts, strict=True)
                if (packed >> shift) & _MOST
            }
            found = docs if found is None else found & docs
            if not found:
                return set()
        return found or set()

    def _docs_with_all(self, keys: Sequence[str], *, marked: bool = False) -> set[int]:
        postings = [self._postings[key] for key in keys if key in self._postings]
        if not keys or len(postings) < len(keys):
            return set()
        lists = [posting.marked if marked else posting.docs for posting in postings]
        lists.sort(key=len)
        docs = set(lists[0])
        for docs_of_key in lists[1:]:
            docs.intersection_update(docs_of_key)
        return docs

    def _accumulate(self, key: str, scores: dict[int, float]) -> None:
        posting = self._postings.get(key)
        if posting is None:
            return
        weights = self._weights.get(key)
        if weights is None:
            weights = self._weights[key] = self._weigh(posting)
        frequency = len(posting.docs)
        # BM25's idf in the form that never goes negative (as Lucene uses it).
        idf = math.log(1.0 + (self.size - frequency + 0.5) / (frequency + 0.5))
        if len(scores) * 8 < len(posting.docs):
            # Few matching documents against a long posting list: look each one up.
            for doc in scores:
                where = bisect_left(posting.docs, doc)
                if where < len(posting.docs) and posting.docs[where] == doc:
                    scores[doc] += idf * weights[where]
            return
        for doc, weight in zip(posting.docs, weights, strict=True):
            if doc in scores:
                scores[doc] += idf * weight

    def weigh_all(self) -> None:
        """Work out every term's weights now rather than when first asked for."""
        self._weights = {key: self._weigh(posting) for key, posting in self._postings.items()}

    def _weigh(self, posting: _Posting) -> array:
        """The saturated BM25F weight of the term in each of its documents: per field, the
        count times the field's weight over its length normalisation, added up one occurrence
        at a time, field by field, then saturated."""
        shares = self._field_shares()
        k1, fields = self.settings.k1, range(len(shares))
        # Most terms are once in one field: their frequency is that field's share.
        once = {1 << (slot * _BITS): shares[slot] for slot in fields}
        weights = array("d")
        for doc, packed in zip(posting.docs, posting.counts, strict=True):
            alone = once.get(packed)
            if alone is not None:
                tf = alone[doc]
            else:
                tf = 0.0
                for slot in fields:
                    count = (packed >> (slot * _BITS)) & _MOST
                    if count:
                        share = shares[slot][doc]
                        for _ in range(count):
                            tf += share
            weights.append(tf / (k1 + tf))
        return weights

    def _field_shares(self) -> list[list[float]]:
        """Per field and document, what one occurrence of a term adds before saturation."""
        if self._shares is None:
            b, size = self.settings.b, self.size
            shares = []
            for slot, weight in enumerate(self.settings.field_weights.values()):
                total = self._totals[slot]
                average = total / size if size and total else 1.0
                shares.append([weight / (1.0 - b + b * n / average) for n in self._lengths[slot]])
            self._shares = shares
        return self._shares

    def updated(self, removed: Mapping[int, Fields], added: Mapping[int, Fields]) -> RelevanceIndex:
        """A new index with the `removed` documents (as they were indexed) taken out and the
        `added` ones put in under their numbers; this one is left as it was, for readers that
        still hold it. A changed document is in both."""
        lengths = [array("i", per_doc) for per_doc in self._lengths]
        top = max(added, default=-1) + 1
        for per_doc in lengths:
            per_doc.extend([0] * (top - len(per_doc)))
        size = self.size - len(removed) + len(added)
        changes: dict[str, _Change] = {}
        for doc, fields in removed.items():
            for key in _terms(fields, self.settings).counts:
                changes.setdefault(key, _Change()).removed.add(doc)
            for per_doc in lengths:
                per_doc[doc] = 0
        for doc, fields in added.items():
            terms = _terms(fields, self.settings)
            for key, packed in terms.counts.items():
                changes.setdefault(key, _Change()).added[doc] = (packed, key in terms.marked)
            for slot, length in enumerate(terms.lengths):
                lengths[slot][doc] = length
        postings = dict(self._postings)
        for key, change in changes.items():
            posting = change.applied(postings.get(key))
            if posting is None:
                postings.pop(key, None)
            else:
                postings[key] = posting
        index = RelevanceIndex(self.settings, postings, lengths, size)
        index._kept_weights(self, changes.keys())
        return index

    def _kept_weights(self, before: RelevanceIndex, changed: Iterable[str]) -> None:
        """When the update moved neither the number of documents nor any field's length
        total (a tier, categories, history without words), every other term's weights are
        what they were: keep them rather than work them out again."""
        if self.size != before.size or self._totals != before._totals:
            return
        weights = dict(before._weights)
        for key in changed:
            weights.pop(key, None)
        self._weights = weights


@dataclass
class _Change:
    """What an update does to one term's posting list."""

    removed: set[int] = field(default_factory=set)
    added: dict[int, tuple[int, bool]] = field(default_factory=dict)

    def applied(self, posting: _Posting | None) -> _Posting | None:
        docs, counts, marked = (
            (array("i", posting.docs), array("q", posting.counts), array("i", posting.marked))
            if posting is not None
            else (array("i"), array("q"), array("i"))
        )
        for doc in self.removed:
            where = bisect_left(docs, doc)
            if where < len(docs) and docs[where] == doc:
                del docs[where], counts[where]
            where = bisect_left(marked, doc)
            if where < len(marked) and marked[where] == doc:
                del marked[where]
        for doc, (packed, is_marked) in sorted(self.added.items()):
            where = bisect_left(docs, doc)
            docs.insert(where, doc)
            counts.insert(where, packed)
            if is_marked:
                marked.insert(bisect_left(marked, doc), doc)
        return _Posting(docs, counts, marked) if docs else None


def _terms(document: Fields, settings: Bm25Settings) -> _Terms:
    counts: dict[str, int] = {}
    marked: set[str] = set()
    lengths = []
    for slot, name in enumerate(settings.field_weights):
        segments = [segment_keys(segment) for segment in document.get(name, ())]
        lengths.append(sum(words for words, _ in segments))
        unit, shift = 1 << (slot * _BITS), slot * _BITS
        for _, keys in segments:
            for key in keys:
                packed = counts.get(key, 0)
                if (packed >> shift) & _MOST < _MOST:
                    counts[key] = packed + unit
        if name in settings.marked_fields:
            marked.update(key for _, keys in segments for key in keys)
    return _Terms(tuple(lengths), counts, marked)


def _build(documents: Sequence[Fields], settings: Bm25Settings) -> RelevanceIndex:
    """One pass: each document's terms appended to their posting lists, in document order."""
    lengths = [array("i") for _ in settings.field_weights]
    # Plain lists while appending (fast), packed into arrays at the end (small).
    postings: dict[str, tuple[list[int], list[int], list[int]]] = {}
    for doc, document in enumerate(documents):
        terms = _terms(document, settings)
        for slot, length in enumerate(terms.lengths):
            lengths[slot].append(length)
        for key, packed in terms.counts.items():
            entry = postings.get(key)
            if entry is None:
                entry = postings[key] = ([], [], [])
            entry[0].append(doc)
            entry[1].append(packed)
            if key in terms.marked:
                entry[2].append(doc)
    index = {
        key: _Posting(array("i", docs), array("q", counts), array("i", marked))
        for key, (docs, counts, marked) in postings.items()
    }
    return RelevanceIndex(settings, index, lengths, len(documents))
