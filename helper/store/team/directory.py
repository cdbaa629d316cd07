"""The team database opened: its own tables and, per member, their book as a `Store`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from helper.config import DEFAULT_BUSY_TIMEOUT_MS
from helper.db import Store, make_engine
from helper.db.books import (
    book_member_ids,
    book_schema,
    is_team_database,
    require_team_database,
    upgrade_team_schema,
)
from helper.errors import TeamModeUnavailable
from helper.private_files import private_folder
from helper.resources import head_in_scripts
from helper.store.me import get_me, update_me
from helper.store.opening import open_store, unavailable
from helper.store.team.members import member_by_email

BOOKS_FOLDER = "books"


@dataclass
class Team:
    """An opened team database: the engine of its `team` schema and where books live."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    data_dir: Path

    def close(self) -> None:
        self.engine.dispose()

    def open_book(self, member_id: int) -> Store:
        """A member's book: the same store a single user has, in the member's own schema,
        with caches and uploads in a folder of its own."""
        folder = private_folder(self.data_dir / BOOKS_FOLDER / str(int(member_id)))
        return open_store(
            folder,
            url=self.url,
            busy_timeout_ms=DEFAULT_BUSY_TIMEOUT_MS,
            schema=book_schema(member_id),
        )


def start_book(team: Team, member_id: int, name: str, email: str) -> None:
    """Make a new member's book, its "Me" starting with their name and address, so drafts
    are signed and their own mail is told apart from the first day."""
    book = team.open_book(member_id)
    try:
        with book.sessions() as session:
            me = get_me(session)
            if not me.name:
                update_me(session, {"name": name, "emails": [*me.emails, email]})
            session.commit()
    finally:
        book.close()


def open_team(data_dir: Path, url: str, *, engine: Engine | None = None) -> Team:
    """The team database at `url` (through `engine` when one is made already), its team
    schema made or brought to the newest revision."""
    engine = engine or make_engine(url)
    try:
        require_team_database(engine)
        upgrade_team_schema(engine)
    except OperationalError as error:
        engine.dispose()
        raise unavailable(url, error) from error
    except BaseException:
        engine.dispose()
        raise
    return Team(url, engine, sessionmaker(bind=engine, expire_on_commit=False), data_dir)


def open_member_book(data_dir: Path, url: str, member_email: str) -> Store | None:
    """The book of the member `member_email` names when `url` is a team database; None when
    it is a single user's store and no member was named."""
    engine = make_engine(url)
    if not _holds_a_team(engine, url):
        engine.dispose()
        if member_email:
            raise TeamModeUnavailable(
                "This database holds no team: --user chooses a member's book in a team "
                "database only (set one up with `outreach-helper db upgrade --team`)."
            )
        return None
    if not member_email:
        engine.dispose()
        raise TeamModeUnavailable(
            "This is a team database: say whose book with --user EMAIL (or the "
            "OUTREACH_HELPER_USER variable), e.g. outreach-helper --user ann@example.com contacts"
        )
    team = open_team(data_dir, url, engine=engine)
    try:
        with team.sessions() as session:
            member = member_by_email(session, member_email)
            if member.disabled_at is not None:
                raise TeamModeUnavailable(f"{member.email} is disabled on this team.")
            member_id = member.id
        return team.open_book(member_id)
    finally:
        team.close()


def is_team_url(url: str) -> bool:
    engine = make_engine(url)
    try:
        return _holds_a_team(engine, url)
    finally:
        engine.dispose()


def _holds_a_team(engine: Engine, url: str) -> bool:
    try:
        return is_team_database(engine)
    except OperationalError as error:
        engine.dispose()
        raise unavailable(url, error) from error


def upgrade_team_database(data_dir: Path, url: str) -> dict[str, object]:
    """The team schema and every member's book brought to this version's revisions."""
    team = open_team(data_dir, url)
    try:
        members = book_member_ids(team.engine)
        for member_id in members:
            team.open_book(member_id).close()
        return {
            "engine": team.engine.dialect.name,
            "database": team.engine.url.render_as_string(hide_password=True),
            "revision": head_in_scripts(),
            "books": len(members),
        }
    finally:
        team.close()
