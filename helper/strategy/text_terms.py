"""Words as the text model reads them: folded, stemmed, stop words dropped, with adjacent
pairs for phrases; and the parameters of the model (`Bm25Settings`). The index that scores
them is `helper.strategy.relevance`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
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


@lru_cache(maxsize=100_000)
def segment_keys(segment: str) -> tuple[int, tuple[str, ...]]:
    """(words, terms and adjacent pairs) of one segment; skills, titles and company names
    repeat across contacts, so this is cached."""
    stems = tokenize(segment)
    return len(stems), (*stems, *map(_pair, stems, stems[1:]))
