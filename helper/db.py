"""The engine, its SQLite settings, sessions and schema upgrades."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
DEFAULT_BUSY_TIMEOUT_MS = 5000


def make_engine(url: str, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Engine:
    """An engine; SQLite gets WAL (readers never wait for a writer), foreign keys and a
    busy timeout so a second writer waits instead of failing at once."""
    is_sqlite = url.startswith("sqlite")
    connect_args = (
        {"timeout": busy_timeout_ms / 1000, "check_same_thread": False} if is_sqlite else {}
    )
    engine = create_engine(url, connect_args=connect_args)
    if is_sqlite:
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout_ms))
    return engine


def _sqlite_pragmas(busy_timeout_ms: int):
    def apply(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return apply


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commits on success, rolls everything back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    config.attributes["engine"] = engine
    return config


def upgrade_to_head(
    engine: Engine, *, before_migrating: Callable[[str], object] | None = None
) -> None:
    """Bring the schema to the newest revision; a no-op when it is already there.

    `before_migrating(revision)` runs first when a store that holds data is at an older
    revision, so the caller can back it up (issue 10: a backup before every migration)."""
    if before_migrating is not None:
        revision = _older_revision_with_data(engine)
        if revision is not None:
            before_migrating(revision)
    command.upgrade(alembic_config(engine), "head")


def _older_revision_with_data(engine: Engine) -> str | None:
    """The store's revision when it is older than head and some table has a row, else None
    (a new, empty or current store)."""
    with engine.connect() as connection:
        revision = MigrationContext.configure(connection).get_current_revision()
        if revision is None or revision == head_revision():
            return None
        tables = [
            name for name in inspect(connection).get_table_names() if name != "alembic_version"
        ]
        for name in tables:
            quoted = connection.dialect.identifier_preparer.quote(name)
            if connection.exec_driver_sql(f"SELECT 1 FROM {quoted} LIMIT 1").first():
                return revision
    return None


def _script_directory() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def head_revision() -> str:
    head = _script_directory().get_current_head()
    if head is None:
        raise RuntimeError(f"no migration revisions found in {MIGRATIONS_DIR}")
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in _script_directory().walk_revisions()}
