"""The page forms (Flask-WTF: every state-changing form carries a CSRF token)."""

from __future__ import annotations

from zoneinfo import available_timezones

from flask_wtf import FlaskForm
from wtforms import (
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from helper.normalize import normalize_email, normalize_linkedin_url, normalize_phone
from helper.records import CATEGORY_KEYS, CATEGORY_LABELS, TIERS
from helper.store.contacts import ContactInput

TIER_LABELS = {
    "unset": "Not decided",
    "strengthen": "Strengthen",
    "maintain": "Maintain",
    "let_go": "Let go",
}


def lines(text: str | None) -> list[str]:
    """One value per line (commas also separate), blanks dropped."""
    values = (part.strip() for line in (text or "").splitlines() for part in line.split(","))
    return [v for v in values if v]


def _normalised_lines(text: str | None, normalise, what: str) -> list[str]:
    result = []
    for value in lines(text):
        normal = normalise(value)
        if normal is None:
            raise ValidationError(f"'{value}' is not a valid {what}.")
        result.append(normal)
    return result


def normalised_emails(text: str | None) -> list[str]:
    return _normalised_lines(text, normalize_email, "email address")


def normalised_phones(text: str | None) -> list[str]:
    return _normalised_lines(text, normalize_phone, "phone number (add the country code, e.g. +44)")


def validate_emails(_form, field) -> None:
    normalised_emails(field.data)


def validate_phones(_form, field) -> None:
    normalised_phones(field.data)


def validate_linkedin(_form, field) -> None:
    if field.data and normalize_linkedin_url(field.data) is None:
        raise ValidationError(
            "This is not a LinkedIn profile URL; it should look like "
            "https://www.linkedin.com/in/your-name/."
        )


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ContactForm(FlaskForm):
    name = StringField(
        "Name", validators=[DataRequired("Give the contact a name."), Length(max=300)]
    )
    pronouns = StringField("Pronouns", validators=[Optional(), Length(max=50)])
    headline = StringField("Headline", validators=[Optional(), Length(max=500)])
    current_title = StringField("Current title", validators=[Optional(), Length(max=300)])
    current_company = StringField("Current company", validators=[Optional(), Length(max=300)])
    location = StringField("Location", validators=[Optional(), Length(max=300)])
    linkedin_url = StringField("LinkedIn URL", validators=[Optional(), validate_linkedin])
    emails = TextAreaField("Email addresses (one per line)", validators=[validate_emails])
    phones = TextAreaField("Phone numbers (one per line)", validators=[validate_phones])
    categories = MultiCheckboxField(
        "Categories", choices=[SelectChoice(key, CATEGORY_LABELS[key]) for key in CATEGORY_KEYS]
    )
    tier = RadioField(
        "Relationship", choices=[SelectChoice(t, TIER_LABELS[t]) for t in TIERS], default="unset"
    )
    about = TextAreaField("About", validators=[Optional(), Length(max=20_000)])
    notes = TextAreaField("Notes", validators=[Optional(), Length(max=100_000)])

    def to_input(self) -> ContactInput:
        linkedin = normalize_linkedin_url(self.linkedin_url.data or "") or ""
        return ContactInput(
            name=self.name.data.strip(),
            pronouns=(self.pronouns.data or "").strip(),
            headline=(self.headline.data or "").strip(),
            current_title=(self.current_title.data or "").strip(),
            current_company=(self.current_company.data or "").strip(),
            location=(self.location.data or "").strip(),
            about=(self.about.data or "").strip(),
            linkedin_url=linkedin,
            tier=self.tier.data or "unset",
            notes=(self.notes.data or "").strip(),
            emails=normalised_emails(self.emails.data),
            phones=normalised_phones(self.phones.data),
            categories=list(self.categories.data or []),
        )


def validate_timezone(_form, field) -> None:
    if field.data not in available_timezones() and field.data != "UTC":
        raise ValidationError(f"'{field.data}' is not a time zone name such as Europe/London.")


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
        }


class MergeForm(FlaskForm):
    other_id = IntegerField("Id of the contact to merge into this one", validators=[DataRequired()])


class ConfirmForm(FlaskForm):
    """A form with nothing but its CSRF token, for buttons such as Delete."""
