"""The page forms, one module per feature; `fields` holds what they share.

Every form is a Flask-WTF form, so each state-changing one carries a CSRF token."""

from flask_wtf import FlaskForm


class ConfirmForm(FlaskForm):
    """A form with nothing but its CSRF token, for buttons such as Delete."""
