"""Shared fixtures: flaskr-style `app`, `client`, `runner`, plus paths to sample files."""

from __future__ import annotations

import base64
import gc
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tarfile
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest

from helper.web.session import solo_workspace

REPO_ROOT = Path(__file__).resolve().parents[1]
TEST_DATA = REPO_ROOT / "tests" / "data"
# CI clones the repository beside a read-only copy of shared/, as the session has it.
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
# Test modules that never open a store (no store, web or command code, no store fixture:
# tests/test_code_quality.py checks), so the PostgreSQL pass leaves them out: on either engine
# they run the same code. A module missing here just runs in both passes.
ENGINE_INDEPENDENT = frozenset(
    {
        "test_bare_clone",
        "test_cadence",
        "test_calendar",
        "test_classify",
        "test_classify_table",
        "test_config",
        "test_contacts_csv",
        "test_detect",
        "test_docs",
        "test_drafting",
        "test_drafting_facts",
        "test_drafting_fit",
        "test_drafting_golden",
        "test_drafting_questions",
        "test_drafting_rubric",
        "test_drafting_templates",
        "test_drafting_warm_intro",
        "test_duplicate_index",
        "test_eml",
        "test_exporters_csv",
        "test_exporters_vcard",
        "test_extension_manifest",
        "test_followup_plan",
        "test_identity",
        "test_importers_text",
        "test_linkedin_csv",
        "test_linkedin_zip",
        "test_mail_archive",
        "test_mail_headers",
        "test_match_context",
        "test_match_profile",
        "test_match_updates",
        "test_matching",
        "test_matching_labelled",
        "test_mbox",
        "test_normalize",
        "test_normalize_intl_email",
        "test_profile_freeform",
        "test_profile_html",
        "test_profile_sections",
        "test_profile_text",
        "test_profiles",
        "test_progress",
        "test_relationships",
        "test_relevance",
        "test_vcard",
    }
)
# The suite runs on SQLite unless this names a PostgreSQL server (any database on it the role
# may connect to); each test then gets a database of its own, copied from a migrated template.
TEST_SERVER_ENV = "OUTREACH_HELPER_TEST_DATABASE_URL"
TEST_SERVER_URL = os.environ.get(TEST_SERVER_ENV, "")


def pytest_collection_modifyitems(config, items):
    """On PostgreSQL, leave out the modules whose tests run the same code on either engine."""
    if not TEST_SERVER_URL:
        return
    left_out = [
        item for item in items if item.module.__name__.rsplit(".", 1)[-1] in ENGINE_INDEPENDENT
    ]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if item not in left_out]


@pytest.fixture
def data_path() -> Path:
    """Fixtures written for this project: tests/data/<format>/<file>."""
    return TEST_DATA


@pytest.fixture
def corpus_path() -> Path:
    """The public sample files of ../shared/corpus (see its MANIFEST.md).

    A bare clone has no corpus beside it: the corpus tests then skip, as every quirk they check
    is also checked on a fixture of our own under tests/data. CI always has the corpus, so
    there (CI=true) a missing corpus is a failure, not a skip.
    """
    if not CORPUS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the public corpus is missing at {CORPUS}")
        pytest.skip(
            f"public corpus not found at {CORPUS}; "
            "the project's own fixtures under tests/data cover the same cases"
        )
    return CORPUS


@pytest.fixture(scope="session")
def blank_store_file(tmp_path_factory) -> Path:
    """A new, empty store made once per run: each app starts from a copy of it, which is
    three times quicker than creating the schema again."""
    from helper.config import DATABASE_FILE
    from helper.store.opening import open_store

    folder = tmp_path_factory.mktemp("blank-store")
    open_store(folder).close()
    return folder / DATABASE_FILE


def names_in_backup(backup: Path) -> list[str]:
    """The contact names a backup holds, sorted: a SQLite file, or the JSON document a store on
    PostgreSQL is backed up as."""
    import json
    import sqlite3

    if backup.suffix == ".json":
        contacts = json.loads(backup.read_text(encoding="utf-8"))["tables"]["contact"]
        return sorted(row["name"] for row in contacts)
    with sqlite3.connect(backup) as connection:
        return sorted(name for (name,) in connection.execute("SELECT name FROM contact"))


def _admin_connection():
    """An autocommit connection to the test server, for creating and dropping databases."""
    import psycopg
    from sqlalchemy import make_url

    url = make_url(TEST_SERVER_URL).set(drivername="postgresql")
    return psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)


class EmptiedDatabase:
    """One PostgreSQL database per test worker, put back to its just-migrated contents before
    each test: emptying the tables takes a fraction of copying a template database, and one
    batch of statements on a connection kept open a fraction of a round trip per table."""

    def __init__(self, name: str, url: str, data_dir: Path) -> None:
        from sqlalchemy import MetaData, create_engine

        from helper.store.opening import open_store

        self.name, self.url = name, url
        open_store(data_dir, url=url).close()
        # pre_ping: a test that ends every connection to the database may have ended this one.
        self.engine = create_engine(url, pool_size=1, max_overflow=0, pool_pre_ping=True)
        tables = MetaData()
        tables.reflect(self.engine)
        with self.engine.connect() as connection:
            seeded = {
                table: [row._asdict() for row in connection.execute(table.select())]
                for table in tables.sorted_tables
            }
        self.emptying = "; ".join(self._emptying_statements(tables, seeded, self.engine.dialect))

    @staticmethod
    def _emptying_statements(tables, seeded, dialect) -> list[str]:
        # DELETE and a sequence reset: TRUNCATE makes new files for every table, ten times
        # slower on the few rows a test leaves.
        statements = [f'DELETE FROM "{table.name}"' for table in reversed(tables.sorted_tables)]
        statements.append(
            "SELECT setval(c.oid, 1, false) FROM pg_class c "
            "WHERE c.relkind = 'S' AND c.relnamespace = 'public'::regnamespace"
        )
        statements += [
            str(
                table.insert()
                .values(rows)
                .compile(dialect=dialect, compile_kwargs={"literal_binds": True})
            )
            for table, rows in seeded.items()
            if rows
        ]
        return statements

    def reset(self) -> None:
        from sqlalchemy import text

        with self.engine.begin() as connection:
            # A store a previous test left inside a transaction would hold locks the deletes
            # wait for; idle connections hold none and close with their engines.
            ended = connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    "AND state <> 'idle'"
                )
            ).all()
            connection.exec_driver_sql(self.emptying)
        if ended:
            # The pools of the ended connections log an error when collected; collected later,
            # inside werkzeug's building of a rule with `ast`, formatting that traceback trips
            # CPython 3.11's "AST constructor recursion depth mismatch". So collect them now.
            gc.collect()


def _worker_database(name: str, data_dir: Path):
    """A new database `name` on the test server at the newest revision, dropped when done."""
    from sqlalchemy import make_url

    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    url = make_url(TEST_SERVER_URL).set(database=name).render_as_string(hide_password=False)
    database = EmptiedDatabase(name, url, data_dir)
    yield database
    database.engine.dispose()
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# One name per run, so two runs against the same server (a developer's and a helper's) never
# drop or empty each other's databases: xdist gives its workers one id, a plain run its pid.
RUN_ID = os.environ.get("PYTEST_XDIST_TESTRUNUID", str(os.getpid()))[:12]


@pytest.fixture(scope="session")
def postgres_database(worker_id, tmp_path_factory):
    """The test worker's PostgreSQL database, dropped at the end of the run."""
    name = f"outreach_test_{RUN_ID}_{worker_id}"
    yield from _worker_database(name, tmp_path_factory.mktemp("pg"))


@pytest.fixture(scope="session")
def postgres_second_database(worker_id, tmp_path_factory):
    """A second one, for the tests that move data between two stores."""
    name = f"outreach_test_{RUN_ID}_{worker_id}_b"
    yield from _worker_database(name, tmp_path_factory.mktemp("pg"))


@pytest.fixture
def second_database_url(request, database_engine) -> str | None:
    """The database of a second store in a test (an export's source, say): None on SQLite,
    where each data folder has its own file, else a second emptied PostgreSQL database. Pass it
    as `open_store(..., url=...)` or as the CLI's `DATABASE_URL`."""
    if database_engine == "sqlite":
        return None
    database = request.getfixturevalue("postgres_second_database")
    database.reset()
    return database.url


@pytest.fixture(autouse=True)
def database_engine(request, monkeypatch):
    """Every test's store on the engine the run was asked for: a SQLite file in the test's data
    folder by default, or the worker's emptied PostgreSQL database named by `DATABASE_URL`."""
    if not TEST_SERVER_URL:
        monkeypatch.delenv("DATABASE_URL", raising=False)
        return "sqlite"
    only = request.node.get_closest_marker("sqlite_only")
    if only is not None:
        pytest.skip(f"SQLite only: {only.kwargs['reason']}")
    database = request.getfixturevalue("postgres_database")
    database.reset()
    monkeypatch.setenv("DATABASE_URL", database.url)
    return "postgresql"


def _drop_team_schemas(url: str) -> None:
    """The team schema and every book, so the database is a single store again."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as connection:
        schemas = connection.execute(
            text("SELECT nspname FROM pg_namespace WHERE nspname = 'team' OR nspname LIKE 'book%'")
        ).scalars()
        for schema in list(schemas):
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture
def started_mbox_readers(monkeypatch) -> list:
    """Every parallel mbox reader the imports of a test start, in order."""
    from helper.importers import read_ahead

    readers: list = []
    original = read_ahead.ParallelMbox

    def counted(*args, **options):
        reader = original(*args, **options)
        readers.append(reader)
        return reader

    monkeypatch.setattr(read_ahead, "ParallelMbox", counted)
    return readers


@pytest.fixture
def team_database_url(database_engine):
    """A team database: the run's PostgreSQL database without a team or any book yet, and a
    single store again after the test (every other test's commands would otherwise be asked
    whose book they mean). Team mode needs PostgreSQL's schemas, so on a SQLite run these
    tests are skipped."""
    if database_engine != "postgresql":
        pytest.skip("team mode needs PostgreSQL: set OUTREACH_HELPER_TEST_DATABASE_URL")
    url = os.environ["DATABASE_URL"]
    _drop_team_schemas(url)
    yield url
    gc.collect()  # the test's engines, so no idle connection holds a book's tables
    _drop_team_schemas(url)


@pytest.fixture
def empty_database_url(tmp_path, database_engine) -> str:
    """A database with no tables on the run's engine: a new SQLite file, or the worker's
    PostgreSQL database emptied of its schema (it is at head again when the test ends, or
    the next test's reset fails loudly)."""
    if database_engine == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    url = os.environ["DATABASE_URL"]
    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture
def app(tmp_path, blank_store_file, database_engine):
    """An application on a fresh store in a temporary data folder."""
    from helper import create_app

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    if database_engine == "sqlite":
        shutil.copyfile(blank_store_file, data_dir / blank_store_file.name)
    return create_app({"DATA_DIR": data_dir, "TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def plans_made_on_the_event_evening(monkeypatch):
    """Event plans made at 20:00 UTC on Friday 20 November 2026, the evening of the events
    these tests record: a plan suggests no day already past when it is made."""
    from helper.store import followups

    evening = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)
    monkeypatch.setattr(followups, "planning_time", lambda: evening)


@pytest.fixture
def runner(tmp_path, monkeypatch):
    """The CLI, pointed at a temporary data folder through the environment."""
    from click.testing import CliRunner

    monkeypatch.setenv("OUTREACH_HELPER_DATA_DIR", str(tmp_path / "data"))
    return CliRunner()


@pytest.fixture
def store(app):
    return solo_workspace(app).store


@pytest.fixture
def session(store):
    with store.sessions() as db_session:
        yield db_session


class FormFields(HTMLParser):
    """What a browser submits from the form that posts to `action`, as it was rendered."""

    def __init__(self, action: str) -> None:
        super().__init__(convert_charrefs=True)
        self.action, self.inside, self.textarea = action, False, None
        self.fields: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "form":
            self.inside = found.get("action") == self.action
        elif self.inside and tag == "input" and "name" in found:
            kind = found.get("type", "text")
            if kind not in ("file", "submit") and (
                kind not in ("checkbox", "radio") or "checked" in found
            ):
                self.fields.append((found["name"], found.get("value", "")))
        elif self.inside and tag == "textarea":
            self.textarea = [found["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            name, value = self.textarea
            self.fields.append((name, value.removeprefix("\n")))
            self.textarea = None
        elif tag == "form":
            self.inside = False


def submitted(html: str, action: str = "/profiles/confirm", **changes) -> dict:
    """The preview form's fields as a browser would send them, with `changes` applied."""
    parser = FormFields(action)
    parser.feed(html)
    data: dict[str, list[str]] = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    data.update(
        {name: value if isinstance(value, list) else [value] for name, value in changes.items()}
    )
    return data


def classify(profile, me=None, lessons=None):
    """The categories a profile suggests, as an import or a paste would suggest them."""
    from helper.people import Classifier

    return Classifier(me, lessons).classify(profile)


def tgz_bytes(members: dict[str, bytes]) -> bytes:
    """A gzipped tar holding `members` (name -> content), as a Takeout .tgz is."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def csrf_token_from(html: str) -> str:
    marker = 'name="csrf_token" type="hidden" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


@pytest.fixture
def post_form(client):
    """POST a page's form the way a browser does: fetch the page, send its CSRF token."""

    def post(url: str, data: dict, *, page: str | None = None, follow: bool = True):
        token = csrf_token_from(client.get(page or url).get_data(as_text=True))
        return client.post(url, data={**data, "csrf_token": token}, follow_redirects=follow)

    return post


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout_s: float = 60) -> bytes:
    """The body at `url` once the server answers; raises after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


DAV_USER, DAV_PASSWORD = "ann", "s3cret"


class Radicale:
    """A running Radicale 3 server, and what a phone does to it: plain WebDAV requests signed
    in as ann, made without the code under test."""

    def __init__(self, url: str) -> None:
        self.url = url

    def request(
        self, method: str, path: str, body: str = "", headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], str]:
        token = base64.b64encode(f"{DAV_USER}:{DAV_PASSWORD}".encode()).decode()
        request = urllib.request.Request(
            urllib.parse.urljoin(self.url, path),
            data=body.encode("utf-8") if body else None,
            method=method,
            headers={"Authorization": f"Basic {token}", **(headers or {})},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, dict(response.headers), response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode("utf-8", "replace")

    def make_collection(self, slug: str, name: str, resource_type: str) -> str:
        """An address book (`C:addressbook`) or calendar (`CAL:calendar`) of ann's, by
        extended MKCOL (RFC 5689); returns its path."""
        path = f"/{DAV_USER}/{slug}/"
        body = (
            '<?xml version="1.0" encoding="utf-8"?><D:mkcol xmlns:D="DAV:" '
            'xmlns:C="urn:ietf:params:xml:ns:carddav" xmlns:CAL="urn:ietf:params:xml:ns:caldav">'
            f"<D:set><D:prop><D:resourcetype><D:collection/><{resource_type}/></D:resourcetype>"
            f"<D:displayname>{name}</D:displayname></D:prop></D:set></D:mkcol>"
        )
        status, _headers, text = self.request("MKCOL", path, body)
        assert status == 201, text
        return path

    def resources(self, collection: str) -> dict[str, str]:
        """The text of every resource in the collection, by its path."""
        listing = (
            '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop>'
            "<D:getetag/></D:prop></D:propfind>"
        )
        status, _headers, text = self.request("PROPFIND", collection, listing, {"Depth": "1"})
        assert status == 207, text
        hrefs = [
            urllib.parse.unquote(href.text or "")
            for href in ElementTree.fromstring(text).iter("{DAV:}href")
        ]
        found = {}
        for href in hrefs:
            if href.rstrip("/") != collection.rstrip("/"):
                status, _headers, body = self.request("GET", urllib.parse.quote(href))
                assert status == 200, body
                found[href] = body
        return found

    def put(self, path: str, text: str, content_type: str = "text/vcard") -> None:
        status, _headers, body = self.request(
            "PUT", urllib.parse.quote(path), text, {"Content-Type": content_type}
        )
        assert status in (201, 204), body

    def delete(self, path: str) -> None:
        status, _headers, body = self.request("DELETE", urllib.parse.quote(path))
        assert status in (200, 204), body


@pytest.fixture
def radicale_server(tmp_path):
    """A Radicale 3 server (the test extra) on a free local port with one user, ann (password
    s3cret), and nothing else; stopped after the test."""
    pytest.importorskip("radicale", reason="radicale (the test extra) runs the DAV server")
    users = tmp_path / "radicale-users"
    users.write_text(f"{DAV_USER}:{DAV_PASSWORD}\n", encoding="utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    command = [
        sys.executable, "-m", "radicale", "--config", "",
        "--server-hosts", f"127.0.0.1:{port}",
        "--storage-filesystem-folder", str(tmp_path / "radicale-collections"),
        "--auth-type", "htpasswd",
        "--auth-htpasswd-filename", str(users),
        "--auth-htpasswd-encryption", "plain",
        # Radicale slows each refused sign-in by about a second against guessing; every
        # client's first request goes without credentials and is refused.
        "--auth-delay", "0",
    ]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_until_serving(url, server)
        yield Radicale(url)
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stderr is not None:
            server.stderr.close()


def _wait_until_serving(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"radicale exited: {server.stderr.read().decode(errors='replace')}")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return  # it answers, if only to refuse an anonymous request
        except OSError:
            time.sleep(0.1)
    pytest.fail("radicale did not start within 20 seconds")


# Priya as a contact the sync tests push: every field a card carries has a value.
PRIYA_FIELDS = {
    "name": "Priya Raman",
    "current_title": "Head of Data",
    "current_company": "Monzo",
    "emails": ["priya@monzo.example"],
    "phones": ["+447700900123"],
    "categories": ["colleague"],
}


@pytest.fixture
def book_path(radicale_server) -> str:
    """The path of ann's empty address book "Contacts", her empty calendar "Follow-ups"
    beside it."""
    radicale_server.make_collection("follow-ups", "Follow-ups", "CAL:calendar")
    return radicale_server.make_collection("contacts", "Contacts", "C:addressbook")


@pytest.fixture
def sync_data_dir(tmp_path) -> Path:
    """The store the `runner` fixture points at, with the user's time zone set."""
    from helper.store.me import update_me
    from helper.store.opening import open_store

    store = open_store(tmp_path / "data")
    with store.sessions() as session:
        update_me(session, {"timezone": "Europe/London", "name": "Sam Lee"})
        session.commit()
    store.close()
    return tmp_path / "data"


def sync_setup(runner, url: str, *extra: str, password: str = DAV_PASSWORD):
    """`outreach-helper sync setup` as ann, the password given as the environment gives it."""
    from helper.cli import main

    return runner.invoke(
        main,
        ["sync", "setup", "--url", url, "--user", DAV_USER, *extra],
        env={"OUTREACH_HELPER_DAV_PASSWORD": password},
    )


def sync_json(runner) -> dict:
    """What `outreach-helper sync --json` reports; the sync must succeed."""
    from helper.cli import main

    result = runner.invoke(main, ["sync", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def serve_process(tmp_path):
    """Start `outreach-helper serve` on a free port; returns (process, port). Killed at the end."""
    started: list[subprocess.Popen] = []

    def start(*extra: str) -> tuple[subprocess.Popen, int]:
        port = free_port()
        command = [sys.executable, "-m", "helper", "serve", "--no-browser", "--port", str(port)]
        if "--data-dir" not in extra:
            command += ["--data-dir", str(tmp_path / "data")]
        process = subprocess.Popen(
            [*command, *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        started.append(process)
        return process, port

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


PASSWORD = "correct horse battery"


@pytest.fixture
def team_app(tmp_path, team_database_url):
    """A team server (`serve --team`) on the run's PostgreSQL database, nobody on it yet."""
    from helper import create_app

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    app = create_app({"DATA_DIR": data_dir, "TESTING": True, "TEAM": True})
    yield app
    app.extensions["outreach_workspaces"].close()


def add_person(app, email: str, name: str, *, admin: bool = False) -> tuple[int, str]:
    """A new member of `app`'s team: their id and the token of their password link."""
    from helper.db import transaction
    from helper.store.team.directory import start_book
    from helper.store.team.members import add_member

    team = app.extensions["outreach_workspaces"].team
    with transaction(team.sessions) as session:
        link = add_member(session, email, name, admin=admin)
        member_id = link.member.id
    start_book(team, member_id, name, email)
    return member_id, link.token


def set_password(client, token: str, password: str = PASSWORD):
    page = client.get(f"/set-password/{token}")
    assert page.status_code == 200
    return client.post(
        f"/set-password/{token}",
        data={"csrf_token": csrf_token_from(page.text), "password": password, "repeat": password},
    )


def sign_in(client, email: str, password: str = PASSWORD):
    page = client.get("/sign-in")
    return client.post(
        "/sign-in",
        data={"csrf_token": csrf_token_from(page.text), "email": email, "password": password},
    )


def member_client(app, email: str, name: str, *, admin: bool = False):
    """A new member, signed in: their id and a test client with their session."""
    member_id, token = add_person(app, email, name, admin=admin)
    client = app.test_client()
    set_password(client, token)
    assert sign_in(client, email).status_code == 302
    return member_id, client


def share(client, setting: str) -> None:
    """The signed-in member's team index setting, saved from the Me page."""
    page = client.get("/me/")
    response = client.post(
        "/team/sharing", data={"csrf_token": csrf_token_from(page.text), "sharing": setting}
    )
    assert response.status_code == 302
