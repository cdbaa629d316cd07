"""Reading on after a CSV row the csv module refused.

The csv module stops at a field over its limit (`csv.field_size_limit`) and goes on from the next
physical line. Inside a quoted field that line is the rest of the field: its text would be read
as rows, and its closing quote would open a field that swallows the rows after it. So the lines
of the row being read are kept, and after a refusal the rest of the row is skipped by following
its quotes as the csv module does (RFC 4180 §2: a `"` opens a field only at the field's start,
and `""` inside a quoted field is one quote).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable


class RowLines:
    """An iterator over `lines` that keeps the lines taken since the last `new_row()`."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = iter(lines)
        self.taken: list[str] = []

    def __iter__(self) -> RowLines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.taken.append(line)
        return line

    def new_row(self) -> None:
        self.taken.clear()

    def skip_rest_of_row(self, delimiter: str) -> int:
        """Reads past the lines that still belong to the row taken so far; returns how many."""
        quoted = False
        for line in self.taken:
            quoted = _quoted_at_end(line, delimiter, quoted)
        skipped = 0
        while quoted and (line := next(self._lines, None)) is not None:
            skipped += 1
            quoted = _quoted_at_end(line, delimiter, quoted)
        return skipped


def _quoted_at_end(line: str, delimiter: str, quoted: bool) -> bool:
    """Whether a quoted field is still open at the end of `line`, which starts inside one when
    `quoted` is true and at the start of a row otherwise."""
    position, field_start = 0, not quoted
    while True:
        if quoted:
            close = line.find('"', position)
            if close < 0:
                return True
            if line.startswith('"', close + 1):
                position = close + 2
                continue
            quoted, position, field_start = False, close + 1, False
        elif field_start and line.startswith('"', position):
            quoted, position = True, position + 1
        else:
            next_field = line.find(delimiter, position)
            if next_field < 0:
                return False
            position, field_start = next_field + 1, True


def refusal(error: csv.Error) -> str:
    """What to tell the user about a row the csv module refused."""
    # The csv module says which limit only in its message; a field over it is the usual cause.
    if "field limit" in str(error):
        return (
            f"a field is longer than {csv.field_size_limit():,} characters, the most a CSV field "
            "may hold; the row was left out"
        )
    return f"unreadable CSV row: {error}"
