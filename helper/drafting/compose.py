"""Drafts from the Jinja2 text templates in templates/messages/, fitted to the channel's
limit.

Template lookup, first file found wins, and a file of the same relative name in `override_dir`
(the user's copy of templates/messages/) wins over the built-in one:
`<channel>/<occasion>.txt`, `<channel>/<purpose>.txt`, `<channel>/_default.txt`,
`_shared/<occasion>.txt`, `_shared/<purpose>.txt`, `_shared/_default.txt`.

A template places the sentence slots of `helper.drafting.slots`; while the text is over the
channel's limit the slots step down to shorter forms (see `fit_draft`), so a draft is made to
fit by composition, never by cutting a sentence.

Markup beyond plain Jinja2 (autoescape off, undefined names are errors, `lstrip_blocks` on, and
a line holding only tags or a comment prints nothing, not even its line break):
- `{% subject %}…{% endsubject %}` holds the subject line of channels that have one.
- `{% optional N %}…{% endoptional %}` marks text `fit` may drop, rank 1 first (not nested).
- `{% keeplines %}…{% endkeeplines %}` keeps its line breaks (sign-off and signature).
A blank line in the template file starts a paragraph (a line that merely renders empty does
not), a line starting with "- " starts a new line, and other line breaks are joined with a
space, so a template can hold one sentence per line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from jinja2.sandbox import SandboxedEnvironment

from helper.drafting.channels import Channel, channel_for
from helper.drafting.context import SharedContext, build_context
from helper.drafting.fit import Counter, Layout, Part, counter_for, fit
from helper.drafting.questions import questions_from
from helper.drafting.slot import Slot
from helper.drafting.slots import (
    GIVE_WAY_ORDER,
    LAST_RESORT,
    OCCASIONS,
    agenda_for,
    build_slots,
    draft_facts,
    greeting_for,
)
from helper.errors import OutreachError
from helper.records import ContactSnapshot, GoalSpec, MeProfile
from helper.resources import MESSAGE_TEMPLATES_DIR
from helper.vocabulary import PURPOSES

# Control characters never survive context.clean_text, so they cannot come from user data.
_OPEN, _RANK_END, _CLOSE = "\x02", "\x03", "\x04"
_HARD_BREAK = "\x05"
_PARAGRAPH = "\x06"
_SUBJECT_OPEN, _SUBJECT_CLOSE = "\x0e", "\x0f"
_MARK = re.compile(f"{_OPEN}(\\d+){_RANK_END}|{_CLOSE}")
_TAG_ONLY_LINE = re.compile(
    r"^[ \t]*((?:\{%(?:(?!%\}).)*%\}[ \t]*|\{#(?s:.*?)#\}[ \t]*)+)\n", re.MULTILINE
)
_SUBJECT = re.compile(f"{_SUBJECT_OPEN}(.*?){_SUBJECT_CLOSE}", re.DOTALL)


@dataclass
class Draft:
    channel: str
    subject: str
    body: str
    questions: list[str] = field(default_factory=list)
    length: int = 0
    limit: int | None = None
    warnings: list[str] = field(default_factory=list)
    unit: str = "characters"

    def to_json(self) -> dict[str, object]:
        """The draft as `outreach-helper draft --json` prints it."""
        return {
            "channel": self.channel,
            "subject": self.subject,
            "body": self.body,
            "questions": list(self.questions),
            "length": self.length,
            "limit": self.limit,
        }


class DraftMarkup(Extension):
    """The `subject`, `optional` and `keeplines` tags described in the module docstring."""

    tags: ClassVar[set[str]] = {"subject", "optional", "keeplines"}

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        lines = [_PARAGRAPH if not line.strip() else line for line in source.split("\n")]
        return _TAG_ONLY_LINE.sub(r"\1", "\n".join(lines))

    def parse(self, parser: Parser) -> nodes.Node:
        token = next(parser.stream)
        args = [parser.parse_expression()] if token.value == "optional" else []
        body = parser.parse_statements((f"name:end{token.value}",), drop_needle=True)
        call = self.call_method(f"_{token.value}", args)
        return nodes.CallBlock(call, [], [], body).set_lineno(token.lineno)

    def _subject(self, caller: Callable[[], str]) -> str:
        return f"{_SUBJECT_OPEN}{caller()}{_SUBJECT_CLOSE}"

    def _optional(self, rank: object, caller: Callable[[], str]) -> str:
        if not isinstance(rank, int) or isinstance(rank, bool) or rank < 1:
            raise TemplateError(f"optional needs a whole-number rank from 1, not {rank!r}")
        # Ending the text with a line break keeps the next sentence from running into it
        # when the tag closes mid-line (tidy removes a space left before punctuation).
        text = caller().rstrip("\n")
        return f"{_OPEN}{rank}{_RANK_END}{text}\n{_CLOSE}"

    def _keeplines(self, caller: Callable[[], str]) -> str:
        return caller().strip("\n").replace("\n", _HARD_BREAK)


def _refuse_none(value: object) -> object:
    if value is None:
        raise TemplateError("a template printed None; the context must give a string")
    return value


@lru_cache(maxsize=8)
def _environment(override_dir: str) -> Environment:
    search_path = (
        [override_dir, str(MESSAGE_TEMPLATES_DIR)] if override_dir else [MESSAGE_TEMPLATES_DIR]
    )
    # Sandboxed: an override is a file in the data folder, and a message template has no
    # business reaching Python internals.
    return SandboxedEnvironment(
        loader=FileSystemLoader(search_path),
        autoescape=False,
        undefined=StrictUndefined,
        lstrip_blocks=True,
        extensions=[DraftMarkup],
        finalize=_refuse_none,
    )


def template_names(channel: str, purpose: str, occasion: str = "") -> list[str]:
    """The files tried for a channel, goal purpose and follow-up occasion, most specific
    first."""
    topics = [occasion] if occasion else []
    topics += [purpose] if purpose else []
    specific = [f"{channel}/{topic}.txt" for topic in topics]
    shared = [f"_shared/{topic}.txt" for topic in topics]
    return [*specific, f"{channel}/_default.txt", *shared, "_shared/_default.txt"]


def render_first(names: list[str], context: dict[str, object], override_dir: Path | None) -> str:
    """The raw rendered text (with markup characters) of the first template found."""
    environment = _environment(str(override_dir) if override_dir else "")
    try:
        template = environment.select_template(names)
        return template.render(context)
    except TemplateError as error:
        raise OutreachError(
            f"the message template could not be used: {error}", location=" or ".join(names[:2])
        ) from error


class _LayoutBuilder:
    def __init__(self) -> None:
        self.layout = Layout()
        self.paragraph: list[list[Part]] = []
        self.line: list[Part] = []
        self.rank: int | None = None

    def close_line(self) -> None:
        if self.line:
            self.paragraph.append(self.line)
        self.line = []

    def close_paragraph(self) -> None:
        self.close_line()
        if self.paragraph:
            self.layout.paragraphs.append(self.paragraph)
        self.paragraph = []

    def add(self, text: str) -> None:
        position = 0
        if self.line and _MARK.sub("", text).strip():
            self.line.append(Part(" "))
        for mark in _MARK.finditer(text):
            if mark.start() > position:
                self.line.append(Part(text[position : mark.start()], self.rank))
            self.rank = int(mark.group(1)) if mark.group(1) is not None else None
            position = mark.end()
        if position < len(text):
            self.line.append(Part(text[position:], self.rank))


def parse_layout(rendered: str) -> Layout:
    """Paragraphs, lines and optional parts of rendered template text (module docstring)."""
    builder = _LayoutBuilder()
    for raw_line in rendered.split("\n"):
        if _PARAGRAPH in raw_line:
            builder.close_paragraph()
            raw_line = raw_line.replace(_PARAGRAPH, "")
        if not raw_line.strip():
            continue
        for index, segment in enumerate(raw_line.split(_HARD_BREAK)):
            if index or _MARK.sub("", segment).lstrip().startswith("- "):
                builder.close_line()
            builder.add(segment)
    builder.close_paragraph()
    return builder.layout


def split_subject(rendered: str) -> tuple[str, str]:
    """(subject markup, body markup) of a rendered template."""
    match = _SUBJECT.search(rendered)
    if match is None:
        return "", rendered
    body = rendered[: match.start()] + rendered[match.end() :]
    subject = re.sub(f"[\n{_HARD_BREAK}{_PARAGRAPH}]", " ", match.group(1))
    return subject, body


def _subject_warnings(subject: str, channel: Channel, warnings: list[str]) -> None:
    count = counter_for(channel.counting)
    if not subject:
        warnings.append("The template gives no subject; add one before sending.")
    elif channel.subject_soft_limit and count(subject) > channel.subject_soft_limit:
        warnings.append(
            f"The subject is {count(subject)} characters; inboxes show about "
            f"{channel.subject_soft_limit}."
        )


def _body_steps(slots: dict[str, Slot]) -> Iterator[Callable[[], None]]:
    """Each way the body can get shorter, least important first: slots step down to their
    shorter forms, then a second fact, the hook and the reason go as a last resort."""
    for name in GIVE_WAY_ORDER:
        slot = slots.get(name)
        while slot is not None and slot.can_give_way:
            yield slot.give_way
    for name in LAST_RESORT:
        if name in slots:
            yield slots[name].drop


def _subject_steps(slots: dict[str, Slot]) -> Iterator[Callable[[], None]]:
    slot = slots.get("subject")
    while slot is not None and slot.can_give_way:
        yield slot.give_way


def _shortest(
    measure: Callable[[], str],
    limit: int | None,
    count: Counter,
    steps: Iterator[Callable[[], None]],
) -> str:
    """The text `measure` gives once it fits `limit`, taking `steps` only while it does not."""
    text = measure()
    for step in steps:
        if limit is None or count(text) <= limit:
            break
        step()
        text = measure()
    return text


def fit_draft(
    rules: Channel,
    render: Callable[[], str],
    slots: dict[str, Slot],
    questions: list[str],
    warnings: list[str],
) -> Draft:
    """The richest draft within the channel's limits: slots step down to shorter forms, then
    a template's optional parts go; no sentence is ever cut."""
    notes = list(warnings)
    count = counter_for(rules.counting)
    limit = rules.body_limit

    def body_markup() -> str:
        return split_subject(render())[1]

    _shortest(lambda: parse_layout(body_markup()).render(), limit, count, _body_steps(slots))
    result = fit(parse_layout(body_markup()), limit, count)
    body, length = result.text, count(result.text)
    if result.dropped:
        notes.append(f"Left out {result.dropped} optional sentence(s) to stay within {limit}.")
    if limit is not None and length > limit:
        notes.append(f"The message is {length} {rules.unit}, over the limit of {limit}.")
    if rules.body_soft_limit and length > rules.body_soft_limit:
        notes.append(
            f"The message is {length} {rules.unit}; keep it under about {rules.body_soft_limit}."
        )
    subject = ""
    if rules.has_subject:

        def subject_text() -> str:
            markup = split_subject(render())[0]
            return parse_layout(markup).render().replace("\n", " ")

        subject = _shortest(subject_text, rules.subject_limit, count, _subject_steps(slots))
        _subject_warnings(subject, rules, notes)
    return Draft(
        channel=rules.key,
        subject=subject,
        body=body,
        questions=questions,
        length=length,
        limit=limit,
        warnings=notes,
        unit=rules.unit,
    )


def purpose_of(goal: GoalSpec | None) -> str:
    if goal is None:
        return ""
    if goal.purpose not in PURPOSES:
        known = ", ".join(PURPOSES)
        raise OutreachError(
            f"unknown goal purpose {goal.purpose!r}; use one of {known}", value=goal.purpose
        )
    return goal.purpose


def compose_draft(
    contact: ContactSnapshot,
    channel: str,
    me: MeProfile,
    goal: GoalSpec | None = None,
    *,
    shared: SharedContext | None = None,
    override_dir: Path | None = None,
    today: date | None = None,
    occasion: str = "",
) -> Draft:
    """A draft for this person on this channel, within the channel's hard limit.

    `occasion` is "" for a first message, or the follow-up after an event it is for:
    "thank_you", "check_in" or "keep_in_touch"."""
    rules = channel_for(channel, me)
    purpose = purpose_of(goal)
    if occasion not in OCCASIONS:
        raise OutreachError(f"unknown occasion {occasion!r}; use one of {', '.join(OCCASIONS)}")
    facts = draft_facts(contact, rules.key, me, goal, shared, today or date.today(), occasion)
    slots = build_slots(facts)
    questions, warnings = questions_from(facts)
    if goal is not None and goal.aim and not goal.aim_checked:
        # The reviewers' "finding first clients in medical devices", told to a prospect.
        warnings.append(
            f"The goal's aim (“{goal.aim}”) was suggested from its title: check how it reads "
            "to this person on the goal's page before sending."
        )
    context = build_context(contact, rules, me, goal, shared) | slots
    if facts.person.family:
        # No business signature to a brother or a friend.
        first = facts.me.first_name
        context |= {"me_name": first, "signature_lines": [first] if first else []}
        if rules.sign_off:
            context["sign_off"] = "Cheers,"
    context |= {
        "greeting": greeting_for(facts, rules.greeting_unknown),
        "occasion": occasion,
        "agenda": agenda_for(facts),
        "questions": questions,
    }
    names = template_names(channel, purpose, occasion)
    return fit_draft(
        rules, lambda: render_first(names, context, override_dir), slots, questions, warnings
    )
