"""The Sync page's forms: the server to sign in to, what to sync with it, and which version to
keep of something changed on the server."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField, ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from helper.store.sync.run import ServerOffer
from helper.vocabulary import CATEGORIES, SYNC_KEEPS, TIERS
from helper.web.forms.fields import MultiCheckboxField, select_choices

NONE_CHOSEN = ""


def _web_address(_form, field) -> None:
    text = (field.data or "").strip()
    if text and not text.lower().startswith(("https://", "http://")):
        raise ValidationError("Enter the server's address, starting with https://.")


class ServerForm(FlaskForm):
    """Where the server is and who signs in; the password is never sent back to the page."""

    url = StringField(
        "Server address",
        validators=[DataRequired("Enter the server's address."), _web_address, Length(max=500)],
    )
    user = StringField(
        "User name", validators=[DataRequired("Enter your user name."), Length(max=200)]
    )
    password = PasswordField("App password", validators=[Optional(), Length(max=500)])
    contacts_url = StringField(
        "Contacts server address (only if your provider has one apart)",
        validators=[Optional(), _web_address, Length(max=500)],
    )


class ChoicesForm(FlaskForm):
    """Which calendar and address book, by the names the server gives them, and which
    contacts (none ticked: all)."""

    calendar = SelectField("Calendar for your follow-ups")
    address_book = SelectField("Address book for your contacts")
    categories = MultiCheckboxField("Categories", choices=select_choices(CATEGORIES))
    tiers = MultiCheckboxField("Relationships", choices=select_choices(TIERS))

    def offer(self, offer: ServerOffer) -> ChoicesForm:
        """The server's collections become the choices, after "None"."""
        self.calendar.choices = _collections(offer.calendars, "None: no follow-ups")
        self.address_book.choices = _collections(offer.address_books, "None: no contacts")
        return self

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.calendar.data == NONE_CHOSEN and self.address_book.data == NONE_CHOSEN:
            self.form_errors.append("Choose a calendar, an address book or both.")
            return False
        return True


def _collections(collections: list, none: str) -> list[SelectChoice]:
    return [
        SelectChoice(NONE_CHOSEN, none),
        *(SelectChoice(c.name, c.name) for c in collections),
    ]


class KeepForm(FlaskForm):
    """Which version of a conflict to keep: "local" or "server"."""

    keep = SelectField(choices=select_choices(SYNC_KEEPS))
