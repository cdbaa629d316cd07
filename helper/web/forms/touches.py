"""The "Log a touch" form: how you were in touch, when, what about, and for which goal."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from helper.store.touches import MAX_NOTE_CHARS
from helper.vocabulary import TOUCH_KINDS


def _today():
    return datetime.now(UTC).date()


class TouchForm(FlaskForm):
    kind = SelectField(
        "How you were in touch",
        choices=[SelectChoice(key, TOUCH_KINDS.label(key)) for key in TOUCH_KINDS],
        validators=[DataRequired("Choose how you were in touch.")],
    )
    day = DateField(
        "When", default=_today, validators=[DataRequired("Give the day, e.g. 2026-12-02.")]
    )
    note = TextAreaField(
        "What you talked about (optional)", validators=[Optional(), Length(max=MAX_NOTE_CHARS)]
    )
    goal = SelectField("Goal it moves on", coerce=int, default=0)
