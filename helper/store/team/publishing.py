"""Keeping the team index current: each member who shares has their book published again
when its change count moved; a failure for one book leaves the others to go on."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from helper.db import Store, transaction
from helper.db.team_models import Member, PublishedBook
from helper.store.team.directory import Team
from helper.store.team.index import publish_book

log = logging.getLogger(__name__)


def publish_changed_books(team: Team, book_of: Callable[[int], Store]) -> int:
    """Publish every book whose content or sharing setting changed; how many were."""
    with team.sessions() as session:
        wanted = session.scalars(
            select(Member.id)
            .outerjoin(PublishedBook, PublishedBook.member_id == Member.id)
            .where(
                Member.disabled_at.is_(None),
                (Member.index_sharing != "off") | (PublishedBook.sharing != "off"),
            )
        ).all()
    published = 0
    for member_id in wanted:
        try:
            published += publish_member(team, book_of(member_id), member_id)
        except SQLAlchemyError:
            log.exception("publishing member %s's book to the team index failed", member_id)
    return published


def publish_member(team: Team, book: Store, member_id: int) -> bool:
    with transaction(team.sessions) as session, book.sessions() as book_session:
        member = session.get(Member, member_id)
        return member is not None and publish_book(session, book_session, member)
