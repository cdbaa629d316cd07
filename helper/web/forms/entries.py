"""The repeated parts of a person's forms: one role of their experience, one school.

The profile preview and the contact's Edit form both use them, so a role reads and checks the
same wherever it is corrected. Each entry has a "Remove" box, and an entry left without a
title and company (or a school) is not kept: the blank one at the end is for adding.
"""

from __future__ import annotations

import re

from wtforms import BooleanField, Form, StringField, TextAreaField
from wtforms.validators import Length, Optional, ValidationError

from helper.records import Education, Position

# Dates as the reader stores them (ISO 8601 calendar dates, reduced precision allowed).
_DATE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")
DATE_HINT = "Write a date as 2021 or 2021-03."


def _check_date(field: StringField) -> None:
    if field.data and not _DATE.match(field.data.strip()):
        raise ValidationError(DATE_HINT)


def _ends_before_start(start: str, end: str) -> bool:
    """Whether `end` is before `start`, compared at the precision both have."""
    precision = min(len(start), len(end))
    return bool(start and end) and end[:precision] < start[:precision]


def _text(field: StringField | TextAreaField) -> str:
    return (field.data or "").strip()


class PositionForm(Form):
    title = StringField("Title", validators=[Optional(), Length(max=300)])
    company = StringField("Company", validators=[Optional(), Length(max=300)])
    location = StringField("Location", validators=[Optional(), Length(max=300)])
    # No Optional() on the dates: an empty one is checked too (a current role needs a start,
    # a role that started must end or be current).
    start = StringField("From", validators=[Length(max=40)])
    end = StringField("To", validators=[Length(max=40)])
    employment_type = StringField("Employment type", validators=[Optional(), Length(max=60)])
    description = TextAreaField("Description", validators=[Optional(), Length(max=20_000)])
    current = BooleanField("Current role")
    remove = BooleanField("Remove this role")

    def validate_start(self, field: StringField) -> None:
        if self.remove.data:
            return  # a role being removed need not add up
        _check_date(field)
        if self.current.data and not _text(field) and (_text(self.title) or _text(self.company)):
            raise ValidationError("Give when the current role started.")

    def validate_end(self, field: StringField) -> None:
        if self.remove.data:
            return
        _check_date(field)
        end = _text(field)
        if self.current.data and end:
            raise ValidationError("A current role has no end: clear this or untick Current role.")
        if _ends_before_start(_text(self.start), end):
            raise ValidationError("The role ends before it starts.")
        if _text(self.start) and not end and not self.current.data:
            raise ValidationError("Give when the role ended, or tick Current role.")

    @staticmethod
    def data_of(position: Position) -> dict[str, object]:
        """The form's values for a stored or parsed role."""
        return {**vars(position), "current": bool(position.start and not position.end)}

    def to_position(self) -> Position | None:
        """The role as edited; None when removed or left blank."""
        if self.remove.data or not (_text(self.title) or _text(self.company)):
            return None
        return Position(
            title=_text(self.title),
            company=_text(self.company),
            start=_text(self.start),
            end="" if self.current.data else _text(self.end),
            location=_text(self.location),
            employment_type=_text(self.employment_type),
            description=_text(self.description),
        )


class EducationForm(Form):
    school = StringField("School", validators=[Optional(), Length(max=300)])
    degree = StringField("Degree", validators=[Optional(), Length(max=300)])
    start = StringField("From", validators=[Optional(), Length(max=40)])
    end = StringField("To", validators=[Optional(), Length(max=40)])
    remove = BooleanField("Remove this school")

    def validate_start(self, field: StringField) -> None:
        if not self.remove.data:
            _check_date(field)

    def validate_end(self, field: StringField) -> None:
        if self.remove.data:
            return
        _check_date(field)
        if _ends_before_start(_text(self.start), _text(field)):
            raise ValidationError("The course ends before it starts.")

    def to_education(self) -> Education | None:
        if self.remove.data or not _text(self.school):
            return None
        return Education(
            school=_text(self.school),
            degree=_text(self.degree),
            start=_text(self.start),
            end=_text(self.end),
        )
