"""The forms of "Add from profile": the paste (or saved page), and the editable preview.

The preview carries every parsed field as a form field, so what is saved is exactly what
the user saw and edited; the pasted text itself is never sent back to the browser as HTML.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.datastructures import FileStorage
from wtforms import FieldList, FormField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from helper.errors import ProfileUnreadable
from helper.normalize import (
    normalize_email,
    normalize_link,
    normalize_linkedin_url,
    normalize_phone,
)
from helper.profiles import MAX_INPUT_BYTES
from helper.records import PERSON_TEXT_FIELDS, ProfileRecord
from helper.store.profiles import ProfilePreview
from helper.vocabulary import CATEGORIES
from helper.web.forms.entries import EducationForm, PositionForm
from helper.web.forms.fields import (
    MultiCheckboxField,
    lines,
    select_choices,
    validate_emails,
    validate_linkedin,
    validate_links,
    validate_phones,
)

NOTE_SECTIONS = (
    ("languages", "Languages"),
    ("certifications", "Licences and certifications"),
    ("volunteering", "Volunteering"),
)


class PasteForm(FlaskForm):
    text = TextAreaField("Profile text or page source")
    page_file = FileField("Or choose a saved profile page (.html)")

    def pasted(self) -> str | bytes:
        """The chosen file's bytes when a file was chosen, else the pasted text."""
        upload = self.page_file.data
        if isinstance(upload, FileStorage) and upload.filename:
            data = upload.stream.read(MAX_INPUT_BYTES + 1)
            if len(data) > MAX_INPUT_BYTES:
                raise ProfileUnreadable(
                    f"{upload.filename} is over {MAX_INPUT_BYTES // 1_000_000} MB; "
                    "a saved profile page is smaller than that."
                )
            return data
        return self.text.data or ""


def _each_line(text: str | None) -> list[str]:
    return list(dict.fromkeys(line.strip() for line in (text or "").splitlines() if line.strip()))


def _links(text: str | None) -> list[str]:
    """The web links among the lines; any other is left out (validation names it)."""
    return list(dict.fromkeys(link for line in _each_line(text) if (link := normalize_link(line))))


class ProfileForm(FlaskForm):
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
    other_urls = TextAreaField("Other links (one per line)", validators=[validate_links])
    emails = TextAreaField("Email addresses (one per line)", validators=[validate_emails])
    phones = TextAreaField("Phone numbers (one per line)", validators=[validate_phones])
    about = TextAreaField("About", validators=[Optional(), Length(max=20_000)])
    positions = FieldList(FormField(PositionForm), label="Experience")
    education = FieldList(FormField(EducationForm), label="Education")
    skills = TextAreaField("Skills (one per line)")
    notes = TextAreaField("Notes", validators=[Optional(), Length(max=100_000)])
    categories = MultiCheckboxField("Categories", choices=select_choices(CATEGORIES))

    @classmethod
    def from_preview(cls, preview: ProfilePreview) -> ProfileForm:
        record = preview.record
        data = {
            **{name: getattr(record, name) for name in _SCALARS},
            "other_urls": "\n".join(record.other_urls),
            "emails": "\n".join(record.emails),
            "phones": "\n".join(record.phones),
            "skills": "\n".join(record.skills),
            "positions": [PositionForm.data_of(p) for p in record.positions],
            "education": [vars(e) for e in record.education],
            "notes": _notes(record),
            "categories": preview.checked_categories,
        }
        return cls(formdata=None, data=data)

    def to_record(self) -> ProfileRecord:
        """The edited profile; invalid emails, phones and links are left out (validation names
        them)."""
        record = ProfileRecord(
            **{name: (getattr(self, name).data or "").strip() for name in _SCALARS},
            emails=[e for e in map(normalize_email, lines(self.emails.data)) if e],
            phones=[p for p in map(normalize_phone, lines(self.phones.data)) if p],
            other_urls=_links(self.other_urls.data),
            skills=_each_line(self.skills.data),
            notes=(self.notes.data or "").strip(),
        )
        record.linkedin_url = normalize_linkedin_url(record.linkedin_url) or ""
        record.positions = [p for e in self.positions if (p := e.form.to_position())]
        record.education = [s for e in self.education if (s := e.form.to_education())]
        return record


_SCALARS = ("name", *PERSON_TEXT_FIELDS, "linkedin_url")


def _notes(record: ProfileRecord) -> str:
    """Sections the contact has no field for are kept in its notes rather than dropped."""
    parts = [record.notes] if record.notes else []
    parts += [
        f"{label}: {'; '.join(getattr(record, name))}"
        for name, label in NOTE_SECTIONS
        if getattr(record, name)
    ]
    return "\n".join(parts)
