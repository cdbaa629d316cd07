"""The contact list's bulk form: the people ticked, or every contact the list's filter
matches, and what to do with them; and the form that undoes a deletion."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, HiddenField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from helper.db.models import Goal
from helper.store.bulk import SELECTION_FORMATS
from helper.store.contacts import ContactFilter
from helper.store.exports.render import EXPORTERS
from helper.vocabulary import CATEGORIES, TIERS
from helper.web.forms.fields import select_choices

# What the bulk form's buttons do, by the value each sends as `action`.
ACTIONS = ("goal", "tier", "add_category", "remove_category", "export", "delete")


class IdListField(Field):
    """The ids of the ticked checkboxes, which all share one name."""

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = []
        for value in valuelist:
            if not value.isdigit() or len(value) > 18:
                raise ValueError("A ticked person was not understood; tick them again.")
            self.data.append(int(value))


class BulkForm(FlaskForm):
    contact_ids = IdListField("People", default=list)
    all_matching = BooleanField("Every contact matching this filter")
    # The list the form was sent from, to act on "every contact matching" and to go back to.
    q = HiddenField()
    category = HiddenField()
    tier = HiddenField()
    sort = HiddenField()
    page = HiddenField()
    # Each action reads only its own choice, which the store checks; one button's form
    # must not fail for another action's field.
    goal_id = SelectField("Goal", coerce=int, validate_choice=False)
    new_tier = SelectField("New relationship", choices=select_choices(TIERS), validate_choice=False)
    category_key = SelectField(
        "Category to add or remove", choices=select_choices(CATEGORIES), validate_choice=False
    )
    export_format = SelectField(
        "File format",
        choices=[SelectChoice(kind, EXPORTERS[kind].label) for kind in SELECTION_FORMATS],
        validate_choice=False,
    )
    action = SelectField(choices=ACTIONS, validators=[DataRequired()])

    def contact_filter(self) -> ContactFilter:
        """The filter of the list the form was on (its page and order do not matter)."""
        return ContactFilter(
            q=(self.q.data or "")[:200],
            category=self.category.data or "",
            tier=self.tier.data or "",
        )


def bulk_form(goals: list[Goal], flt: ContactFilter) -> BulkForm:
    """The form for the list `flt` shows, offering the given goals."""
    form = BulkForm(
        data={"q": flt.q, "category": flt.category, "tier": flt.tier, "sort": flt.sort}
        | {"page": str(flt.page)}
    )
    form.goal_id.choices = [SelectChoice(goal.id, goal.title) for goal in goals]
    return form


class UndoForm(FlaskForm):
    token = HiddenField(validators=[DataRequired()])
