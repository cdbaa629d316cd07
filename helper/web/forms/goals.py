"""The goal form and the small forms of the goal page (each carries a CSRF token)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from helper.db.models import Goal
from helper.store.goals import GoalInput
from helper.strategy.progress import DEFAULT_CATEGORIES
from helper.vocabulary import (
    CATEGORIES,
    GOAL_STAGES,
    GOAL_STATUSES,
    HORIZONS,
    PURPOSES,
    SCOPES,
    STRATEGIES,
)
from helper.web.forms.fields import MultiCheckboxField, lines, select_choices

_TARGET = [Optional(), NumberRange(min=0, max=10_000, message="Enter a number from 0 to 10,000.")]


class DayField(DateField):
    """A date that says how to write it when it cannot be read."""

    def process_formdata(self, valuelist: list[str]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(
                f"'{valuelist[0]}' is not a date; write it as YYYY-MM-DD, or leave it empty."
            ) from error


def _date_field(label: str) -> DayField:
    return DayField(label, validators=[Optional()])


class GoalForm(FlaskForm):
    title = StringField(
        "Title",
        validators=[DataRequired("Give the goal a title."), Length(max=300)],
    )
    purpose = SelectField("Purpose", choices=select_choices(PURPOSES), default="career")
    priority = SelectField(
        "Priority",
        choices=[SelectChoice(str(n), f"{n}{' (highest)' if n == 1 else ''}") for n in range(1, 6)],
        default="3",
    )
    short_target = IntegerField("Short-term target (people)", validators=_TARGET)
    short_ends = _date_field("Short term ends")
    medium_target = IntegerField("Medium-term target (people)", validators=_TARGET)
    medium_ends = _date_field("Medium term ends")
    long_target = IntegerField("Long-term target (people)", validators=_TARGET)
    long_ends = _date_field("Long term ends")
    strategy = RadioField("Strategy", choices=select_choices(STRATEGIES), default="both")
    scope = RadioField("Scope", choices=select_choices(SCOPES), default="both")
    keywords = TextAreaField("Keywords (one per line)", validators=[Length(max=5_000)])
    organisations = TextAreaField(
        "Target organisations (one per line)", validators=[Length(max=5_000)]
    )
    categories = MultiCheckboxField(
        "Wanted categories",
        choices=select_choices(CATEGORIES),
    )
    deadline = _date_field("Deadline")
    aim = StringField("Your aim, in your words", validators=[Length(max=300)])
    pitch = TextAreaField("Pitch for this goal", validators=[Length(max=5_000)])
    offer = TextAreaField("What you offer for this goal", validators=[Length(max=5_000)])
    ask = TextAreaField("What to ask for", validators=[Length(max=5_000)])
    status = SelectField(
        "Status",
        choices=select_choices(GOAL_STATUSES),
        validators=[InputRequired()],
    )

    def to_input(self) -> GoalInput:
        return GoalInput(
            title=(self.title.data or "").strip(),
            purpose=self.purpose.data,
            priority=int(self.priority.data),
            targets={h: getattr(self, f"{h}_target").data or 0 for h in HORIZONS},
            horizon_ends={h: getattr(self, f"{h}_ends").data for h in HORIZONS},
            strategy=self.strategy.data,
            scope=self.scope.data,
            keywords=lines(self.keywords.data),
            organisations=lines(self.organisations.data),
            categories=list(self.categories.data or []),
            deadline=self.deadline.data,
            status=self.status.data,
            aim=(self.aim.data or "").strip(),
            pitch=(self.pitch.data or "").strip(),
            offer=(self.offer.data or "").strip(),
            ask=(self.ask.data or "").strip(),
        )


def goal_form_data(data: GoalInput) -> dict:
    values = {
        "title": data.title,
        "purpose": data.purpose,
        "priority": str(data.priority),
        "strategy": data.strategy,
        "scope": data.scope,
        "keywords": "\n".join(data.keywords),
        "organisations": "\n".join(data.organisations),
        "categories": list(data.categories),
        "deadline": data.deadline,
        "status": data.status,
        "aim": data.aim,
        "pitch": data.pitch,
        "offer": data.offer,
        "ask": data.ask,
    }
    for horizon in HORIZONS:
        values[f"{horizon}_target"] = data.targets.get(horizon) or None
        values[f"{horizon}_ends"] = data.horizon_ends.get(horizon)
    return values


def new_goal_data() -> dict:
    """A new goal starts as a career goal with that purpose's usual categories ticked."""
    return {"purpose": "career", "categories": list(DEFAULT_CATEGORIES["career"])}


class ShortlistForm(FlaskForm):
    contact_id = HiddenField(validators=[DataRequired()])


class StageForm(FlaskForm):
    contact_id = HiddenField(validators=[DataRequired()])
    stage = SelectField("Move to", choices=select_choices(GOAL_STAGES))


class AddToGoalForm(FlaskForm):
    """The contact page's "Add to a goal": one of the active goals, at a stage."""

    goal_id = SelectField("Goal", coerce=int, validate_choice=False)
    stage = SelectField("Stage", choices=select_choices(GOAL_STAGES), default="shortlisted")

    def offer(self, goals: list[Goal]) -> AddToGoalForm:
        self.goal_id.choices = [SelectChoice(goal.id, goal.title) for goal in goals]
        return self
