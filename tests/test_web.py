"""The web layer's shared pieces: a form's store write is committed, or refused with its reason."""

from flask_wtf import FlaskForm
from sqlalchemy import select

from helper.db.models import Contact
from helper.errors import OutreachError
from helper.web.session import commit_or_report, db


def test_a_form_write_is_committed_and_its_result_returned(app, store):
    def write():
        contact = Contact(name="Ada")
        db().add(contact)
        return contact

    with app.test_request_context("/", method="POST"):
        form = FlaskForm(meta={"csrf": False})
        saved = commit_or_report(form, write)
        assert (saved.name, form.form_errors) == ("Ada", [])
    with store.sessions() as session:
        assert session.scalars(select(Contact.name)).all() == ["Ada"]


def test_a_refused_write_is_rolled_back_and_its_reason_put_on_the_form(app, store):
    def refused():
        db().add(Contact(name="Grace"))
        db().flush()
        raise OutreachError("that name is taken")

    with app.test_request_context("/", method="POST"):
        form = FlaskForm(meta={"csrf": False})
        assert commit_or_report(form, refused) is None
        assert form.form_errors == ["that name is taken"]
    with store.sessions() as session:
        assert session.scalars(select(Contact.name)).all() == []
