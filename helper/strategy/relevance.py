"""BM25F text relevance over short, fielded documents (contact profiles), with Snowball stems.

The index is built once and queried many times: each query phrase walks only the posting lists
of its own terms, so a query costs what its terms' postings cost, not what the corpus costs.
Multi-word phrases ("machine learning") match through adjacent-term pairs indexed beside the
single terms, so "the science of clean data" does not match "data science".

Scoring is BM25F (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and
Beyond", 2009, §3.4): per-field term frequencies are length-normalised, weighted and summed
before one saturation, then multiplied by the term's inverse document frequency.
"""

from __future__ import annotations

import math
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

import snowballstemmer

_WORD = re.compile(r"[^\W_]+")
_STEMMER = snowballstemmer.stemmer("english")

# Snowball's English stop word list (snowballstem.org/algorithms/english/stop.txt) without its
# contractions, plus the pieces a contraction splits into at the apostrophe ("don't" -> "don",
# "t"), and minus "it": in a profile it is mostly "IT".
_STOP_WORDS_TEXT = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself its itself they them their theirs themselves what which who whom this
    that these those am is are was were be been being have has had having do does did doing
    would should could ought a an the and but if or because as until while of at by for with
    about against between into through during before after above below to from up down in out
    on off over under again further then once here there when where why how all any both each
    few more most other some such no nor not only own same so than too very s t don d ll m o
    re ve y
"""
STOP_WORDS: frozenset[str] = frozenset(_STOP_WORDS_TEXT.split())


@dataclass(frozen=True)
class Bm25Settings:
    """Parameters of the text model; `MatchWeights.text` carries the values in use."""

    k1: float = 1.2
    """Term-frequency saturation: repeats of a word add less and less (BM25's usual 1.2)."""

    b: float = 0.75
    """Length normalisation: a word in a short field counts more than in a long one (0..1)."""

    field_weights: Mapping[str, float] = field(
        default_factory=lambda: {
            "headline": 3.0,
            "titles": 2.0,
            "skills": 2.0,
            "about": 1.0,
        }
    )
    """How much one occurrence in each field counts; the headline is what a person chose to say
    about themselves in one line, the about section is long and loose."""

    marked_fields: tuple[str, ...] = ()
    """Fields a query can ask about on their own (`RelevanceIndex.marked`)."""


def fold(text: str) -> str:
    """Case-folded text without accents: "Sofía GARCÍA" -> "sofia garcia"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball English stem of one folded word."""
    return _STEMMER.stemWord(word)


def tokenize(text: str) -> list[str]:
    """Stems of the words of `text`, stop words dropped, in order."""
    if text.isascii():
        return [stem(word) for word in _WORD.findall(text.lower()) if word not in STOP_WORDS]
    return [term for term, _, _ in _spans(text)]


def _spans(text: str) -> Iterator[tuple[str, int, int]]:
    """(stem, start, end) of each non-stop word, offsets into `text` composed to NFC."""
    # Words are found in the text as written and folded one at a time, so that the offsets stay
    # true when folding changes a length ("ß" -> "ss", "½" -> "1⁄2"); NFC first, so that an
    # accent typed as a separate combining mark does not split its word.
    composed = unicodedata.normalize("NFC", text)
    for match in _WORD.finditer(composed):
        for piece in _WORD.findall(fold(match.group())):
            if piece not in STOP_WORDS:
                yield stem(piece), match.start(), match.end()


def find_phrase(text: str, phrase: str) -> str | None:
    """The words of `text` (in NFC) that match `phrase` (stems adjacent, stop words skipped),
    as written.

    `find_phrase("Head of Machine-Learning", "machine learning")` is "Machine-Learning".
    """
    wanted = tokenize(phrase)
    if not wanted:
        return None
    composed = unicodedata.normalize("NFC", text)
    spans = list(_spans(composed))
    for start in range(len(spans) - len(wanted) + 1):
        window = spans[start : start + len(wanted)]
        if [term for term, _, _ in window] == wanted:
            found = composed[window[0][1] : window[-1][2]]
            # One character can fold to several words ("¾" is "3⁄4"): the span must be exactly
            # the phrase, or a reason would quote more than matched.
            if tokenize(found) == wanted:
                return found
    return None


def _pair(first: str, second: str) -> str:
    return f"{first} {second}"


def phrase_keys(phrase: str) -> tuple[list[str], list[str]]:
    """(match keys, score keys) of a query phrase.

    A one-word phrase matches on its stem; a longer one on all its adjacent pairs. Scoring adds
    the single stems to the pairs so a phrase match also earns its words' weight.
    """
    stems = tokenize(phrase)
    if len(stems) <= 1:
        return stems, stems
    pairs = [_pair(a, b) for a, b in pairwise(stems)]
    return pairs, list(dict.fromkeys(pairs + stems))


@dataclass
class _Posting:
    docs: array
    weights: array
    marked: array  # the documents that hold the key in a marked field


class RelevanceIndex:
    """An inverted index of fielded documents: build once, `query` many times."""

    def __init__(self, postings: dict[str, _Posting], size: int) -> None:
        self.size = size
        self._postings = postings

    @classmethod
    def build(
        cls, documents: Sequence[Mapping[str, Sequence[str]]], settings: Bm25Settings
    ) -> RelevanceIndex:
        """Index documents given as field name -> segments (e.g. one segment per skill).

        Adjacent-word pairs never cross a segment, so two skills do not make a phrase.
        """
        return _IndexBuilder(settings).add_all(documents).finish()

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
        frequency = len(posting.docs)
        # BM25's idf in the form that never goes negative (as Lucene uses it).
        idf = math.log(1.0 + (self.size - frequency + 0.5) / (frequency + 0.5))
        if len(scores) * 8 < len(posting.docs):
            # Few matching documents against a long posting list: look each one up.
            for doc in scores:
                where = bisect_left(posting.docs, doc)
                if where < len(posting.docs) and posting.docs[where] == doc:
                    scores[doc] += idf * posting.weights[where]
            return
        for doc, weight in zip(posting.docs, posting.weights, strict=True):
            if doc in scores:
                scores[doc] += idf * weight


class _IndexBuilder:
    """Two passes: tokenise every document and measure its fields, then, with the average field
    lengths known, turn each document's term counts into final BM25F weights."""

    def __init__(self, settings: Bm25Settings) -> None:
        self.settings = settings
        self.fields = tuple(settings.field_weights)
        self.field_weights = [settings.field_weights[name] for name in self.fields]
        # per document, per field: (length in words, every term and adjacent pair in it)
        self.documents: list[list[tuple[int, list[str]]]] = []
        self.totals = [0] * len(self.fields)
        self.marked_slots = [
            n for n, name in enumerate(self.fields) if name in settings.marked_fields
        ]

    def add_all(self, documents: Sequence[Mapping[str, Sequence[str]]]) -> _IndexBuilder:
        for document in documents:
            fields = []
            for slot, name in enumerate(self.fields):
                segments = [_segment_keys(segment) for segment in document.get(name, ())]
                length = sum(words for words, _ in segments)
                self.totals[slot] += length
                fields.append((length, [key for _, keys in segments for key in keys]))
            self.documents.append(fields)
        return self

    def finish(self) -> RelevanceIndex:
        size = len(self.documents)
        averages = [total / size if size and total else 1.0 for total in self.totals]
        # Plain lists while appending (fast), packed into arrays at the end (small).
        postings: dict[str, tuple[list[int], list[float], list[int]]] = {}
        for doc, fields in enumerate(self.documents):
            marked = {key for slot in self.marked_slots for key in fields[slot][1]}
            for key, weight in self._document_terms(fields, averages).items():
                entry = postings.get(key)
                if entry is None:
                    entry = postings[key] = ([], [], [])
                entry[0].append(doc)
                entry[1].append(weight)
                if key in marked:
                    entry[2].append(doc)
        self.documents.clear()
        index = {
            key: _Posting(array("i", docs), array("d", weights), array("i", marked))
            for key, (docs, weights, marked) in postings.items()
        }
        return RelevanceIndex(index, size)

    def _document_terms(
        self, fields: list[tuple[int, list[str]]], averages: list[float]
    ) -> dict[str, float]:
        """Term -> saturated BM25F weight of the term in this document."""
        k1, b = self.settings.k1, self.settings.b
        combined: dict[str, float] = {}
        for slot, (length, keys) in enumerate(fields):
            share = self.field_weights[slot] / (1.0 - b + b * length / averages[slot])
            for key in keys:
                combined[key] = combined.get(key, 0.0) + share
        return {key: tf / (k1 + tf) for key, tf in combined.items()}


@lru_cache(maxsize=100_000)
def _segment_keys(segment: str) -> tuple[int, tuple[str, ...]]:
    """(words, terms and adjacent pairs) of one segment; skills, titles and company names
    repeat across contacts, so this is cached."""
    stems = tokenize(segment)
    return len(stems), (*stems, *map(_pair, stems, stems[1:]))
