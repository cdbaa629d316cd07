"""The home dashboard."""

from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import func, select

from helper.models import Contact, Event, FollowUp, Goal
from helper.records import CATEGORY_KEYS, CATEGORY_LABELS
from helper.store.contacts import category_counts
from helper.store.me import get_me, readiness
from helper.web import db

bp = Blueprint("dashboard", __name__)


@bp.get("/")
def index():
    session = db()
    me = get_me(session)
    session.commit()
    return render_template(
        "pages/dashboard/index.html",
        me=me,
        readiness=readiness(me),
        contact_total=session.scalar(select(func.count(Contact.id))) or 0,
        counts=category_counts(session),
        category_keys=CATEGORY_KEYS,
        category_labels=CATEGORY_LABELS,
        goals=list(
            session.scalars(select(Goal).where(Goal.status == "active").order_by(Goal.priority))
        ),
        open_followups=session.scalar(
            select(func.count(FollowUp.id)).where(FollowUp.status == "open")
        )
        or 0,
        events=list(session.scalars(select(Event).order_by(Event.starts_at.desc()).limit(3))),
    )
