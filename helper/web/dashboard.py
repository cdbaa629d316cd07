"""The home dashboard."""

from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import func, select

from helper.db.models import Contact, Event, FollowUp
from helper.store.contacts import category_counts
from helper.store.goal_views import goal_summaries, this_hour, this_week
from helper.store.me import get_me, readiness
from helper.vocabulary import CATEGORIES
from helper.web.session import db, match_cache

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
        category_keys=CATEGORIES,
        goals=goal_summaries(session, active_only=True),
        actions=this_week(session, match_cache(), this_hour()),
        open_followups=session.scalar(
            select(func.count(FollowUp.id)).where(FollowUp.status == "open")
        )
        or 0,
        events=list(session.scalars(select(Event).order_by(Event.starts_at.desc()).limit(3))),
    )
