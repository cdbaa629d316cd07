"""The "Me" form: who the user is, what they offer, and their keep-in-touch cadences."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from helper.normalize import normalize_linkedin_url
from helper.store.chases import DEFAULT_CHASE_DAYS
from helper.vocabulary import CHANNELS
from helper.web.forms.fields import (
    lines,
    normalised_emails,
    validate_emails,
    validate_linkedin,
    validate_timezone,
)


def _chase_field(channel: str) -> IntegerField:
    return IntegerField(
        CHANNELS.label(channel),
        validators=[NumberRange(1, 90, "Enter a number of days from 1 to 90.")],
        default=DEFAULT_CHASE_DAYS[channel],
    )


class MeForm(FlaskForm):
    name = StringField("Your name", validators=[Optional(), Length(max=200)])
    headline = StringField("Your headline", validators=[Optional(), Length(max=500)])
    location = StringField("Where you are based", validators=[Optional(), Length(max=200)])
    employers = TextAreaField("Current employers (one per line)")
    former_employers = TextAreaField("Former employers (one per line)")
    schools = TextAreaField("Schools and universities (one per line)")
    emails = TextAreaField("Your email addresses (one per line)", validators=[validate_emails])
    domains = TextAreaField("Your organisations' email domains (one per line)")
    linkedin_url = StringField(
        "Your LinkedIn profile URL", validators=[Optional(), validate_linkedin]
    )
    pitch = TextAreaField("Your 60-second pitch", validators=[Optional(), Length(max=5_000)])
    offer = TextAreaField("What you can offer", validators=[Optional(), Length(max=5_000)])
    signature = TextAreaField("Email signature", validators=[Optional(), Length(max=2_000)])
    timezone = StringField(
        "Time zone", validators=[DataRequired(), validate_timezone], default="UTC"
    )
    linkedin_note_limit = SelectField(
        "LinkedIn invitation note limit",
        choices=[
            SelectChoice("300", "300 characters (Premium)"),
            SelectChoice("200", "200 characters (free account)"),
        ],
        default="300",
    )
    strengthen_days = IntegerField(
        "Strengthen: days between touches",
        validators=[NumberRange(1, 365, "Enter a number of days from 1 to 365.")],
        default=14,
    )
    maintain_days = IntegerField(
        "Maintain: days between touches",
        validators=[NumberRange(1, 730, "Enter a number of days from 1 to 730.")],
        default=90,
    )
    overdue_percent = IntegerField(
        "Overdue after (% of the period)",
        validators=[NumberRange(100, 500, "Enter a percentage from 100 to 500.")],
        default=150,
    )

    chase_linkedin_connect = _chase_field("linkedin_connect")
    chase_linkedin_message = _chase_field("linkedin_message")
    chase_linkedin_inmail = _chase_field("linkedin_inmail")
    chase_email = _chase_field("email")
    chase_x_dm = _chase_field("x_dm")

    def chase_fields(self) -> list[IntegerField]:
        return [getattr(self, f"chase_{channel}") for channel in DEFAULT_CHASE_DAYS]

    def changes(self) -> dict[str, object]:
        return {
            "name": (self.name.data or "").strip(),
            "headline": (self.headline.data or "").strip(),
            "location": (self.location.data or "").strip(),
            "employers": lines(self.employers.data),
            "former_employers": lines(self.former_employers.data),
            "schools": lines(self.schools.data),
            "emails": normalised_emails(self.emails.data),
            "domains": [d.lower().lstrip("@") for d in lines(self.domains.data)],
            "linkedin_url": normalize_linkedin_url(self.linkedin_url.data or "") or "",
            "pitch": (self.pitch.data or "").strip(),
            "offer": (self.offer.data or "").strip(),
            "signature": (self.signature.data or "").strip(),
            "timezone": self.timezone.data.strip(),
            "linkedin_note_limit": int(self.linkedin_note_limit.data),
            "strengthen_days": self.strengthen_days.data,
            "maintain_days": self.maintain_days.data,
            "overdue_percent": self.overdue_percent.data,
            "chase_days": {
                channel: getattr(self, f"chase_{channel}").data for channel in DEFAULT_CHASE_DAYS
            },
        }
