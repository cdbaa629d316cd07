"""What the page forms share: list fields, normalising validators and choices from the
vocabulary. Every form is a Flask-WTF form, so each state-changing one carries a CSRF token."""

from __future__ import annotations

from zoneinfo import available_timezones

from wtforms import SelectMultipleField, ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from helper.normalize import (
    normalize_email,
    normalize_link,
    normalize_linkedin_url,
    normalize_phone,
)
from helper.vocabulary import Vocabulary


def select_choices(vocabulary: Vocabulary) -> list[SelectChoice]:
    """A vocabulary's keys with their labels, in its order."""
    return [SelectChoice(key, vocabulary.label(key)) for key in vocabulary]


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


def _require_web_link(value: str) -> None:
    if normalize_link(value) is None:
        raise ValidationError(
            f"'{value.strip()}' is not a web link; use an address that starts with https:// "
            "or http://."
        )


def validate_links(_form, field) -> None:
    """One link per line (commas belong to URLs, so they do not separate links here)."""
    for line in (field.data or "").splitlines():
        if line.strip():
            _require_web_link(line)


def validate_linkedin(_form, field) -> None:
    if not field.data:
        return
    _require_web_link(field.data)  # `javascript://www.linkedin.com/in/…` is refused as such
    if normalize_linkedin_url(field.data) is None:
        raise ValidationError(
            "This is not a LinkedIn profile URL; it should look like "
            "https://www.linkedin.com/in/your-name/."
        )


class MultiCheckboxField(SelectMultipleField):
    """Several choices as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def validate_timezone(_form, field) -> None:
    if field.data not in available_timezones() and field.data != "UTC":
        raise ValidationError(f"'{field.data}' is not a time zone name such as Europe/London.")
