"""Alembic revisions are the schema's source of truth: they must match the models exactly."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from helper.db.engine import head_revision, make_engine, stored_revision, upgrade_to_head
from helper.db.models import Base


def test_replaying_every_revision_on_an_empty_database_equals_the_models(empty_database_url):
    from alembic import command

    from helper.db.engine import alembic_config

    engine = make_engine(empty_database_url)
    command.upgrade(alembic_config(engine), "head")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        assert context.get_current_revision() == head_revision()


def test_a_new_store_is_created_from_the_models_and_stamped_at_head(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    upgrade_to_head(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        assert context.get_current_revision() == head_revision()


def test_a_new_store_is_stamped_exactly_as_alembic_stamps(tmp_path):
    from alembic import command

    from helper.db.engine import alembic_config

    ours = make_engine(f"sqlite:///{tmp_path / 'ours.sqlite3'}")
    upgrade_to_head(ours)
    theirs = make_engine(f"sqlite:///{tmp_path / 'theirs.sqlite3'}")
    command.stamp(alembic_config(theirs), "head")

    def version_table(engine):
        with engine.connect() as connection:
            ddl = connection.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE name = 'alembic_version'"
            ).scalar()
            rows = connection.exec_driver_sql("SELECT * FROM alembic_version").all()
        return ddl, rows

    assert version_table(ours) == version_table(theirs)
    assert version_table(ours)[1] == [(head_revision(),)]


def test_upgrading_twice_is_a_no_op(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'twice.sqlite3'}")
    upgrade_to_head(engine)
    upgrade_to_head(engine)
    with engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == head_revision()


def test_the_store_runs_with_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'p.sqlite3'}", busy_timeout_ms=1234)
    with engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == 1234


def test_every_entity_of_the_design_has_a_table(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 't.sqlite3'}")
    upgrade_to_head(engine)
    tables = set(inspect(engine).get_table_names())
    assert {
        "me",
        "contact",
        "contact_email",
        "contact_phone",
        "position",
        "education",
        "skill",
        "contact_category",
        "interaction",
        "goal",
        "goal_contact",
        "event",
        "event_contact",
        "follow_up",
        "draft",
        "import_run",
    } <= tables


def test_the_head_read_from_the_scripts_is_alembics_head():
    from helper.resources import head_in_scripts

    assert head_in_scripts() == head_revision()


def test_a_current_store_is_opened_without_running_alembic(tmp_path, monkeypatch):
    import alembic.command

    engine = make_engine(f"sqlite:///{tmp_path / 'current.sqlite3'}")
    upgrade_to_head(engine)
    calls = []
    monkeypatch.setattr(alembic.command, "upgrade", lambda *args: calls.append(args))
    upgrade_to_head(engine)
    assert calls == []


def test_a_current_team_schema_is_opened_without_running_alembic(team_database_url, monkeypatch):
    import alembic.command

    from helper.db.books import upgrade_team_schema

    engine = make_engine(team_database_url)
    upgrade_team_schema(engine)
    calls = []
    monkeypatch.setattr(alembic.command, "upgrade", lambda *args: calls.append(args))
    upgrade_team_schema(engine)
    assert calls == []
    engine.dispose()


def test_the_team_schemas_revisions_equal_its_models(team_database_url):
    from helper.db.books import upgrade_team_schema
    from helper.db.team_models import TEAM_SCHEMA, TeamBase

    engine = make_engine(team_database_url)
    upgrade_team_schema(engine)
    upgrade_team_schema(engine)  # a second upgrade is a no-op
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "include_schemas": True,
                "include_name": lambda name, kind, _parents: (
                    kind != "schema" or name == TEAM_SCHEMA
                ),
                "version_table_schema": TEAM_SCHEMA,
            },
        )
        assert compare_metadata(context, TeamBase.metadata) == []
    engine.dispose()


def test_a_members_book_has_the_same_tables_and_revision_as_a_single_store(
    team_database_url, tmp_path
):
    from helper.store.team.directory import open_team

    team = open_team(tmp_path, team_database_url)
    book = team.open_book(7)
    with book.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT current_schema()").scalar() == "book_7"
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, Base.metadata) == []
    assert stored_revision(book.engine) == head_revision()
    book.close()
    team.close()
