"""Counting as each platform counts, and the layout of a rendered message.

A rendered template is a `Layout`: paragraphs of lines of `Part`s. A part is either required
(`drop_rank is None`) or optional with a rank. When the text is over the limit, `fit` drops
optional parts one at a time, lowest rank first and, within a rank, the last one in the text
first, until the text fits. It never cuts a sentence: the composer makes drafts fit by choosing
shorter sentences, and a part is either all there or gone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from helper.drafting.channels import Counting

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# Anything X might auto-link, bare domains included, so weighted counting never undercounts.
_LINKISH = re.compile(r"(?:https?://|www\.)\S+|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?", re.I)
# developer.x.com "Counting characters" (twitter-text v3 config): code points in the ranges
# 0-4351, 8192-8205, 8208-8223 and 8242-8247 weigh 1, every other code point 2, and a link 23
# whatever its length.
_X_HEAVY = re.compile("[^\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")
_X_LINK_WEIGHT = 23

Counter = Callable[[str], int]


def _x_weight(text: str) -> int:
    return len(text) + len(_X_HEAVY.findall(text))


def _x_weighted_length(text: str) -> int:
    total = 0
    position = 0
    for link in _LINKISH.finditer(text):
        total += _x_weight(text[position : link.start()])
        # max() keeps the count safe whether or not X decides the token is a link.
        total += max(_X_LINK_WEIGHT, _x_weight(link.group(0)))
        position = link.end()
    return total + _x_weight(text[position:])


def counter_for(counting: Counting) -> Counter:
    """The function that measures text the way the platform does."""
    if counting is Counting.UTF16:
        return lambda text: len(text.encode("utf-16-le")) // 2
    if counting is Counting.X_WEIGHTED:
        return _x_weighted_length
    if counting is Counting.WORDS:
        return lambda text: len(text.split())
    return len


@dataclass
class Part:
    text: str
    drop_rank: int | None = None
    dropped: bool = False


@dataclass
class Layout:
    """Paragraphs (blank line between) of lines (line break between) of parts (run together)."""

    paragraphs: list[list[list[Part]]] = field(default_factory=list)

    def parts(self) -> Iterator[Part]:
        for paragraph in self.paragraphs:
            for line in paragraph:
                yield from line

    def render(self) -> str:
        rendered_paragraphs = []
        for paragraph in self.paragraphs:
            lines = [tidy("".join(p.text for p in line if not p.dropped)) for line in paragraph]
            kept_lines = [line for line in lines if line]
            if kept_lines:
                rendered_paragraphs.append("\n".join(kept_lines))
        return "\n\n".join(rendered_paragraphs)


_SPACE_RUN = re.compile(r"\s+")
_SPACE_BEFORE_MARK = re.compile(r" +([,.;:!?])")
_DOUBLED_STOP = re.compile(r"(?<![.])([.!?,;:])\.(?!\.)")
_MARK_BEFORE_QUESTION = re.compile(r"(?<![.])[.,;:]([?!])")
_LEADING_MARKS = re.compile(r"^[\s,;:]+")


def _tidy_prose(text: str) -> str:
    text = _SPACE_BEFORE_MARK.sub(r"\1", text)
    text = _DOUBLED_STOP.sub(r"\1", text)
    return _MARK_BEFORE_QUESTION.sub(r"\1", text)


def tidy(line: str) -> str:
    """One space between words, no space before punctuation, no doubled full stop.

    URLs are left exactly as written.
    """
    line = _SPACE_RUN.sub(" ", line).strip()
    pieces = []
    position = 0
    for url in _URL.finditer(line):
        pieces.append(_tidy_prose(line[position : url.start()]))
        pieces.append(url.group(0))
        position = url.end()
    pieces.append(_tidy_prose(line[position:]))
    return _LEADING_MARKS.sub("", "".join(pieces))


@dataclass(frozen=True)
class FitResult:
    text: str
    dropped: int


def _drop_order(layout: Layout) -> list[Part]:
    optional = [
        (part.drop_rank, -index, part)
        for index, part in enumerate(layout.parts())
        if part.drop_rank is not None and not part.dropped
    ]
    return [part for _, _, part in sorted(optional, key=lambda item: (item[0], item[1]))]


def fit(layout: Layout, limit: int | None, count: Counter) -> FitResult:
    """Render `layout`, dropping optional parts while it is over `limit` units of `count`; the
    text may still be over the limit when nothing optional is left."""
    text = layout.render()
    dropped = 0
    for part in _drop_order(layout):
        if limit is None or count(text) <= limit:
            break
        part.dropped = True
        dropped += 1
        text = layout.render()
    return FitResult(text, dropped)
