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

from helper.progress import DEFAULT_CATEGORIES
from helper.records import CATEGORY_KEYS, CATEGORY_LABELS, GOAL_STAGES, HORIZONS, PURPOSES
from helper.store.goals import GOAL_STATUSES, GoalInput
from helper.web.forms import MultiCheckboxField, lines

PURPOSE_LABELS = {
    "career": "Career: a new role or promotion",
    "business": "Business: customers, partners, investors",
    "industry_insight": "Industry insight: learn how a field works",
    "trade_support": "Trade support: suppliers and practical help",
    "sponsorship": "Sponsorship: someone to speak up for you",
    "expert_team": "Expert team: people to build a team with",
    "team_bonding": "Team bonding: closer ties inside your team",
}
STRATEGY_LABELS = {
    "cement_existing": "Cement existing relationships",
    "develop_new": "Develop new relationships",
    "both": "Both",
}
SCOPE_LABELS = {
    "internal": "Internal: inside your organisation",
    "external": "External: outside it",
    "both": "Both",
}
STATUS_LABELS = {
    "active": "Active",
    "paused": "Paused",
    "achieved": "Achieved",
    "abandoned": "Abandoned",
}
STAGE_LABELS = {
    "suggested": "Suggested",
    "shortlisted": "Shortlisted",
    "contacted": "Contacted",
    "replied": "Replied",
    "met": "Met",
    "ongoing": "Ongoing",
    "dropped": "Dropped",
}
HORIZON_LABELS = {"short": "Short term", "medium": "Medium term", "long": "Long term"}

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


def _choices(labels: dict[str, str], keys) -> list[SelectChoice]:
    return [SelectChoice(key, labels[key]) for key in keys]


class GoalForm(FlaskForm):
    title = StringField(
        "Title",
        validators=[DataRequired("Give the goal a title."), Length(max=300)],
    )
    purpose = SelectField("Purpose", choices=_choices(PURPOSE_LABELS, PURPOSES), default="career")
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
    strategy = RadioField(
        "Strategy", choices=_choices(STRATEGY_LABELS, STRATEGY_LABELS), default="both"
    )
    scope = RadioField("Scope", choices=_choices(SCOPE_LABELS, SCOPE_LABELS), default="both")
    keywords = TextAreaField("Keywords (one per line)", validators=[Length(max=5_000)])
    organisations = TextAreaField(
        "Target organisations (one per line)", validators=[Length(max=5_000)]
    )
    categories = MultiCheckboxField(
        "Wanted categories",
        choices=[SelectChoice(key, CATEGORY_LABELS[key]) for key in CATEGORY_KEYS],
    )
    deadline = _date_field("Deadline")
    status = SelectField(
        "Status", choices=_choices(STATUS_LABELS, GOAL_STATUSES), validators=[InputRequired()]
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
    stage = SelectField("Move to", choices=_choices(STAGE_LABELS, GOAL_STAGES))
