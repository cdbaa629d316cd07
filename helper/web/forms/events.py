"""The forms of the events and follow-ups pages (Flask-WTF: each carries a CSRF token)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import URL, DataRequired, Length, Optional, ValidationError

from helper.store.events import STORABLE_YEARS, EventInput
from helper.store.followups import FollowUpChanges
from helper.vocabulary import CHANNELS, EVENT_KINDS
from helper.web.forms.fields import select_choices, validate_emails, validate_timezone

# datetime-local inputs send minutes, and seconds when the browser's step allows them.
LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
YEARS = STORABLE_YEARS


def within_years(_form: FlaskForm, field: DateTimeLocalField) -> None:
    if field.data and field.data.year not in YEARS:
        raise ValidationError(f"Pick a date between the years {YEARS[0]} and {YEARS[-1]}.")


def _text(value: str | None) -> str:
    return (value or "").strip()


class EventForm(FlaskForm):
    name = StringField(
        "Event name", validators=[DataRequired("Give the event a name."), Length(max=300)]
    )
    kind = SelectField(
        "Kind of event",
        choices=select_choices(EVENT_KINDS),
        default="other",
    )
    starts_at = DateTimeLocalField(
        "Starts",
        format=LOCAL_FORMATS,
        validators=[DataRequired("Give the date and time the event starts."), within_years],
    )
    ends_at = DateTimeLocalField(
        "Ends", format=LOCAL_FORMATS, validators=[Optional(), within_years]
    )
    timezone = StringField(
        "Time zone of these times", validators=[DataRequired(), validate_timezone], default="UTC"
    )
    place = StringField("Place", validators=[Optional(), Length(max=300)])
    url = StringField(
        "Link (for a virtual event or the event's page)",
        validators=[Optional(), URL(message="Give a full web address starting with https://.")],
    )
    notes = TextAreaField("Notes", validators=[Optional(), Length(max=20_000)])

    def validate_ends_at(self, field) -> None:
        if field.data and self.starts_at.data and field.data <= self.starts_at.data:
            raise ValidationError("The event must end after it starts.")

    def to_input(self) -> EventInput:
        return EventInput(
            name=_text(self.name.data),
            kind=self.kind.data,
            starts_at=self.starts_at.data,
            ends_at=self.ends_at.data,
            timezone=_text(self.timezone.data),
            place=_text(self.place.data),
            url=_text(self.url.data),
            notes=_text(self.notes.data),
        )


class MetExistingForm(FlaskForm):
    contact_id = IntegerField("Contact", validators=[DataRequired()])
    note = TextAreaField("What you discussed", validators=[Optional(), Length(max=5_000)])


class MetNewForm(FlaskForm):
    name = StringField(
        "Name", validators=[DataRequired("Give the person's name."), Length(max=300)]
    )
    email = StringField("Email address (optional)", validators=[Optional(), validate_emails])
    note = TextAreaField("What you discussed", validators=[Optional(), Length(max=5_000)])


class NoteForm(FlaskForm):
    note = TextAreaField("What you discussed", validators=[Optional(), Length(max=5_000)])


class DueForm(FlaskForm):
    due = DateTimeLocalField(
        "New date and time",
        format=LOCAL_FORMATS,
        validators=[DataRequired("Pick a date."), within_years],
    )


class FollowUpForm(FlaskForm):
    title = StringField(
        "Title", validators=[DataRequired("Give the follow-up a title."), Length(max=300)]
    )
    due = DateTimeLocalField(
        "Due",
        format=LOCAL_FORMATS,
        validators=[DataRequired("Give the date and time."), within_years],
    )
    channel = SelectField("Channel", choices=select_choices(CHANNELS))
    draft = TextAreaField("Draft message", validators=[Optional(), Length(max=20_000)])

    def to_changes(self) -> FollowUpChanges:
        return FollowUpChanges(
            title=_text(self.title.data),
            due=self.due.data,
            channel=self.channel.data,
            draft=self.draft.data or "",
        )


class SuggestionForm(FlaskForm):
    """Which suggestion of an event's plan a button acts on."""

    contact_id = IntegerField(validators=[DataRequired()])
    kind = StringField(validators=[DataRequired(), Length(max=30)])
