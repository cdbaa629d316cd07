"""Forms of team mode: signing in, setting a password, adding people, sharing, searching."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length

from helper.store.team.members import MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS
from helper.vocabulary import INDEX_SHARING
from helper.web.forms.fields import select_choices


class SignInForm(FlaskForm):
    email = EmailField("Email address", validators=[DataRequired(), Length(max=320)])
    password = PasswordField("Password", validators=[DataRequired()])


class SetPasswordForm(FlaskForm):
    password = PasswordField(
        "New password",
        validators=[DataRequired(), Length(min=MIN_PASSWORD_CHARS, max=MAX_PASSWORD_CHARS)],
    )
    repeat = PasswordField(
        "The same password again",
        validators=[DataRequired(), EqualTo("password", message="The two passwords differ.")],
    )


class AddMemberForm(FlaskForm):
    email = EmailField("Email address", validators=[DataRequired(), Length(max=320)])
    name = StringField("Name", validators=[DataRequired(), Length(max=200)])
    admin = BooleanField("Admin: may add, disable and remove people")


class RemoveMemberForm(FlaskForm):
    book = RadioField(
        "Their book",
        choices=[SelectChoice("delete", "Delete it"), SelectChoice("hand_over", "Hand it over")],
        validators=[DataRequired(message="Say what happens to their book.")],
    )
    heir = RadioField("Hand over to", coerce=int, validate_choice=False)


class SharingForm(FlaskForm):
    sharing = RadioField(
        "What teammates see of my book",
        choices=select_choices(INDEX_SHARING),
        validators=[DataRequired()],
    )


class TeamSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search changes nothing

    q = StringField("Who knows someone at… / who knows…", validators=[Length(max=200)])
