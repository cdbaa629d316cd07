"""The forms of the draft pages; choices (channels, goals, introducers) are set per request."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from helper.store.drafts import MAX_BODY_CHARS, MAX_SUBJECT_CHARS


class DraftChoiceForm(FlaskForm):
    channel = RadioField("Channel", validators=[DataRequired("Choose a channel.")])
    goal = SelectField("Goal", coerce=int, default=0)


class IntroForm(FlaskForm):
    introducer = SelectField(
        "Who could introduce you",
        coerce=int,
        validators=[DataRequired("Choose who could introduce you.")],
    )
    channel = SelectField("Channel for the request", default="email")
    goal = SelectField("Goal for the introduction", coerce=int, default=0)
    double_opt_in = BooleanField("Ask them to check with the contact first (double opt-in)")


class DraftEditForm(FlaskForm):
    subject = StringField("Subject", validators=[Optional(), Length(max=MAX_SUBJECT_CHARS)])
    body = TextAreaField(
        "Message",
        validators=[
            DataRequired("The message is empty; write something or compose it again."),
            Length(max=MAX_BODY_CHARS),
        ],
    )
    chase = BooleanField("Remind me to chase if there is no reply", default=True)
    chase_days = IntegerField(
        "Days to wait for a reply",
        validators=[Optional(), NumberRange(min=1, max=90, message="Wait 1 to 90 days.")],
    )
