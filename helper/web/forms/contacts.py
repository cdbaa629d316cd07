"""The contact forms: add or edit a contact, merge another into it, confirm a deletion."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    FieldList,
    FormField,
    IntegerField,
    RadioField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from helper.config import LARGEST_ROW_ID
from helper.normalize import normalize_linkedin_url
from helper.store.contacts import ContactInput
from helper.vocabulary import CATEGORIES, TIERS
from helper.web.forms.entries import EducationForm, PositionForm
from helper.web.forms.fields import (
    MultiCheckboxField,
    normalised_emails,
    normalised_phones,
    select_choices,
    validate_emails,
    validate_linkedin,
    validate_phones,
)


class ContactForm(FlaskForm):
    name = StringField(
        "Name", validators=[DataRequired("Give the contact a name."), Length(max=300)]
    )
    honorific = StringField("Honorific", validators=[Optional(), Length(max=50)])
    pronouns = StringField("Pronouns", validators=[Optional(), Length(max=50)])
    headline = StringField("Headline", validators=[Optional(), Length(max=500)])
    current_title = StringField("Current title", validators=[Optional(), Length(max=300)])
    current_company = StringField("Current company", validators=[Optional(), Length(max=300)])
    location = StringField("Location", validators=[Optional(), Length(max=300)])
    linkedin_url = StringField("LinkedIn URL", validators=[Optional(), validate_linkedin])
    emails = TextAreaField("Email addresses (one per line)", validators=[validate_emails])
    phones = TextAreaField("Phone numbers (one per line)", validators=[validate_phones])
    categories = MultiCheckboxField("Categories", choices=select_choices(CATEGORIES))
    tier = RadioField("Relationship", choices=select_choices(TIERS), default="unset")
    about = TextAreaField("About", validators=[Optional(), Length(max=20_000)])
    notes = TextAreaField("Notes", validators=[Optional(), Length(max=100_000)])
    positions = FieldList(FormField(PositionForm), label="Experience", min_entries=1)
    education = FieldList(FormField(EducationForm), label="Education", min_entries=1)
    # "yes" from the page that shows the roles (a hidden input in its template): a post
    # without it, from a script, leaves the stored roles and schools alone.
    entries_shown = StringField()

    def to_input(self) -> ContactInput:
        linkedin = normalize_linkedin_url(self.linkedin_url.data or "") or ""
        return ContactInput(
            name=self.name.data.strip(),
            honorific=(self.honorific.data or "").strip(),
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
            positions=self._entries(self.positions, "to_position"),
            education=self._entries(self.education, "to_education"),
        )

    def _entries(self, entries: FieldList, convert: str) -> list | None:
        if self.entries_shown.data != "yes":
            return None
        return [value for entry in entries if (value := getattr(entry.form, convert)())]


class MergeForm(FlaskForm):
    other_id = IntegerField(
        "Id of the contact to merge into this one",
        validators=[
            DataRequired(),
            NumberRange(min=1, max=LARGEST_ROW_ID, message="There is no contact with that id."),
        ],
    )
