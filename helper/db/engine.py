"""The engine, its SQLite settings, sessions and schema upgrades."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    Engine,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    create_engine,
    event,
    insert,
    inspect,
    text,
)
from sqlalchemy.orm import Session, sessionmaker

from helper.config import DEFAULT_BUSY_TIMEOUT_MS
from helper.db.changes import count_watched_writes, forget_change, take_change_before_flush
from helper.db.models import Base, ChangeCounter
from helper.resources import MIGRATIONS_DIR, head_in_scripts

# Alembic is imported only when a schema has to change or its scripts are read: importing it
# (with Mako and Pygments) was a fifth of every command's start-up on a current store.
if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# Alembic's version table exactly as `alembic stamp` creates it (alembic/runtime/migration.py),
# so that a store stamped here and one stamped by Alembic cannot be told apart.
VERSION_TABLE = Table(
    "alembic_version",
    MetaData(),
    Column("version_num", String(32), nullable=False),
    PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
)


@dataclass
class Store:
    """An opened store: its engine, a factory of sessions and the data folder it lives in."""

    engine: Engine
    sessions: sessionmaker[Session]
    data_dir: Path

    def close(self) -> None:
        """Close the pooled connections; SQLite folds its write-ahead log into the file."""
        self.engine.dispose()


def make_engine(
    url: str, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS, schema: str | None = None
) -> Engine:
    """An engine; SQLite gets WAL (readers never wait for a writer), foreign keys and a
    busy timeout so a second writer waits instead of failing at once.

    `schema` (PostgreSQL) is a team member's book: every connection's search path is that
    schema alone, so each statement, raw SQL included, reads and writes only that book."""
    is_sqlite = url.startswith("sqlite")
    connect_args: dict[str, object] = (
        {"timeout": busy_timeout_ms / 1000, "check_same_thread": False} if is_sqlite else {}
    )
    pool: dict[str, int] = {}
    if schema is not None:
        connect_args["options"] = f"-c search_path={schema}"
        # A server keeps one engine per signed-in member: small pools stay within
        # PostgreSQL's default limit of 100 connections for a team of twenty.
        pool = {"pool_size": 2, "max_overflow": 6}
    engine = create_engine(url, connect_args=connect_args, **pool)
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


def make_session_factory(engine: Engine, data_dir: Path | None = None) -> sessionmaker[Session]:
    """Sessions on `engine`; each carries its store's data folder in `Session.info`, where the
    store code finds the user's own files (message templates) without passing it everywhere."""
    info = {"data_dir": data_dir} if data_dir is not None else {}
    factory = sessionmaker(bind=engine, expire_on_commit=False, info=info)
    event.listen(factory, "before_flush", take_change_before_flush)
    event.listen(factory, "after_flush", count_watched_writes)
    event.listen(factory, "after_transaction_end", forget_change)
    return factory


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


def begin_read_snapshot(session: Session) -> None:
    """Make every later read of `session` see the store as of one moment, whatever other
    connections commit meanwhile: an export or a list built from several queries must not
    mix rows from before and after a write. Call it before the session's first query.

    SQLite's Python driver opens no transaction for reads, so each SELECT would see the
    newest data; an explicit BEGIN makes the first read fix a snapshot (WAL mode) until the
    session ends. PostgreSQL's default, READ COMMITTED, takes a snapshot per statement."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        if not connection.connection.driver_connection.in_transaction:
            connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")


def align_id_sequences(session: Session) -> None:
    """After rows were written with their ids given (a restore), make each table's next id
    follow the largest one stored. SQLite takes the next id from the table itself; PostgreSQL
    keeps a sequence per table that explicit ids do not move."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        if "id" not in table.c or not table.c.id.autoincrement:
            continue
        connection.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                f"coalesce((SELECT max(id) FROM {table.name}), 1), "
                f"(SELECT count(*) FROM {table.name}) > 0)"
            ),
            {"table": table.name},
        )


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    config.attributes["engine"] = engine
    return config


def migrating_engine(config: Config) -> Engine:
    """The engine an Alembic run works on: the application's own, or one made from the URL
    (`alembic` run by hand)."""
    engine = config.attributes.get("engine")
    if engine is not None:
        return engine
    return create_engine(config.get_main_option("sqlalchemy.url") or "")


def upgrade_to_head(
    engine: Engine, *, before_migrating: Callable[[str], object] | None = None
) -> None:
    """Bring the schema to the newest revision; a no-op when it is already there.

    `before_migrating(revision)` runs first when a store that holds data is at an older
    revision, so the caller can back it up (a backup before every migration)."""
    head = head_in_scripts()
    if head is not None and stored_revision(engine) == head:
        return  # current: nothing for Alembic to do, so it is not even imported
    if _has_no_tables(engine):
        _create_at_head(engine, head or head_revision())
        return
    from alembic import command

    if before_migrating is not None:
        revision = _older_revision_with_data(engine)
        if revision is not None:
            before_migrating(revision)
    command.upgrade(alembic_config(engine), "head")


def _create_at_head(engine: Engine, head: str) -> None:
    """A new store: the models create the schema in one step and it is stamped as `head`,
    which is Alembic's recipe for new databases. Replaying every revision took about half a
    second of each first start, and importing Alembic only to stamp a quarter of one.
    tests/test_migrations.py keeps the revisions and the models equal, and the stamp equal
    to Alembic's, so both routes give the same store."""
    with engine.begin() as connection:
        Base.metadata.create_all(connection)
        VERSION_TABLE.create(connection)
        connection.execute(insert(VERSION_TABLE).values(version_num=head))
        connection.execute(insert(ChangeCounter).values(id=1, contacts=0))  # as revision 0012


def _has_no_tables(engine: Engine) -> bool:
    with engine.connect() as connection:
        return not inspect(connection).get_table_names()


def _older_revision_with_data(engine: Engine) -> str | None:
    """The store's revision when it is older than head and some table has a row, else None
    (a new, empty or current store)."""
    from alembic.migration import MigrationContext

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


def stored_revision(engine: Engine) -> str | None:
    """The store's one revision, or None (a new store, or several branch heads)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        versions = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    return versions[0][0] if len(versions) == 1 else None


def _script_directory() -> ScriptDirectory:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

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
