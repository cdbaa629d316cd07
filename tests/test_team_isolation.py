"""Nobody reads or changes another member's book: every route of the URL map and every
command taking an id, used by member B with member A's object ids, finds nothing."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import click
import pytest
from werkzeug.routing import IntegerConverter

from helper.cli import main
from helper.commands import ROW_ID
from helper.db.models import BridgeToken, Draft, FollowUp, utcnow
from helper.store.demo import seed_demo_store
from tests.conftest import TEST_DATA, csrf_token_from
from tests.test_team_mode import add_person, member_client, share

# Arguments that are not object ids: which export to download is the same for everyone.
NOT_OBJECTS = {("exports.download", "kind"), ("followups.feed", "token"), ("static", "filename")}
# Not found, said on the page a redirect leads to: a pasted profile's preview.
GONE_REDIRECTS = {"profiles.preview"}
# What each id-taking command needs besides its ids.
COMMAND_ARGS = {
    "goals show": ["goals", "show", "{id}"],
    "match": ["match", "{id}"],
    "draft": ["draft", "{id}", "--goal", "{id}", "--channel", "email"],
    "log": ["log", "{id}", "--goal", "{id}", "--kind", "email"],
    "events add": "events add --name Meetup --kind meetup --start 2026-12-01T18:00 --met {id}",
    "export": ["export", "ics", "--event", "{id}"],
    "contacts set": ["contacts", "set", "{id}", "--tier", "maintain"],
}


@pytest.fixture
def two_books(team_app):
    """A's book full of every kind of object; B's empty. Both signed in."""
    a_id, a_client = member_client(team_app, "ann@example.com", "Ann Example")
    _b_id, b_client = member_client(team_app, "ben@example.com", "Ben Example")
    book = team_app.extensions["outreach_workspaces"].of_member(a_id).store
    seed_demo_store(book.sessions)
    with book.sessions() as session:
        now = utcnow()
        session.add(Draft(contact_id=1, channel="email", subject="Hello", body="Hi there"))
        session.add(FollowUp(contact_id=1, due_at=now + timedelta(days=3), title="Check in"))
        session.add(
            BridgeToken(token_sha256="0" * 64, origin="chrome-extension://abcdefghijklmnop")
        )
        session.commit()
    page = a_client.get("/imports")
    upload = a_client.post(
        "/imports",
        data={
            "csrf_token": csrf_token_from(page.text),
            "file": (io.BytesIO(vcard_bytes()), "cards.vcf"),
        },
        content_type="multipart/form-data",
    )
    job_id = upload.headers["Location"].rsplit("/", 1)[1]
    workspace = team_app.extensions["outreach_workspaces"].of_member(a_id)
    workspace.import_jobs.wait(job_id, timeout_s=60)
    page = a_client.get("/profiles/new")
    preview = a_client.post(
        "/profiles/new",
        data={
            "csrf_token": csrf_token_from(page.text),
            "text": "Priya Raman\nHead of Data at Monzo",
        },
    )
    key = preview.headers.get("Location", "").rsplit("/", 1)[-1]
    return team_app, a_client, b_client, {"job_id": job_id, "key": key, "uid": "no-such-uid"}


def vcard_bytes() -> bytes:
    return next((TEST_DATA / "vcard").glob("*.vcf")).read_bytes()


def url_for_rule(rule, strings: dict[str, str], object_id: int) -> str:
    values: dict[str, object] = {}
    for argument in rule.arguments:
        converter = rule._converters[argument]
        if isinstance(converter, IntegerConverter):
            values[argument] = object_id
        elif hasattr(converter, "items"):  # any(...): the first choice
            values[argument] = next(iter(converter.items)) if converter.items else ""
        else:
            values[argument] = strings[argument]
    return rule.build(values, append_unknown=False)[1]


def owned_routes(app):
    for rule in app.url_map.iter_rules():
        arguments = {name for name in rule.arguments if (rule.endpoint, name) not in NOT_OBJECTS}
        if arguments and not rule.endpoint.startswith(("accounts.", "team.")):
            yield rule


def test_every_route_with_an_object_id_is_not_found_for_another_member(two_books):
    app, a_client, b_client, strings = two_books
    checked = 0
    for rule in owned_routes(app):
        url = url_for_rule(rule, strings, 1)
        token = csrf_token_from(b_client.get("/contacts").text)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if method == "GET":
                own = a_client.get(url)
                assert own.status_code < 500, (url, own.status_code)
                response = b_client.get(url)
            else:
                response = b_client.post(url, data={"csrf_token": token, "contact_id": "1"})
            if rule.endpoint in GONE_REDIRECTS and response.status_code == 302:
                # A preview not found sends the browser back to paste, saying it is gone.
                gone = b_client.get(response.headers["Location"]).text
                assert "That preview is gone" in gone
                continue
            assert response.status_code == 404, (method, url, response.status_code)
            checked += 1
    assert checked >= 40


def test_a_feed_address_with_another_members_number_finds_no_calendar(two_books):
    app, a_client, b_client, _strings = two_books
    page = a_client.get("/followups").text
    feed = re.search(r"/calendar/(\d+)\.([\w-]+)\.ics", page)
    assert feed is not None
    assert a_client.get(feed.group(0)).status_code == 200
    other_member = int(feed.group(1)) + 1
    assert b_client.get(f"/calendar/{other_member}.{feed.group(2)}.ics").status_code == 404
    assert app.test_client().get(f"/calendar/{feed.group(2)}.ics").status_code == 404


def commands_with_ids(group: click.Group, path: tuple[str, ...] = ()):
    for name in group.list_commands(click.Context(group)):
        command = group.get_command(click.Context(group), name)
        if isinstance(command, click.Group):
            yield from commands_with_ids(command, (*path, name))
        elif any(param.type is ROW_ID for param in command.params):
            yield " ".join((*path, name))


def test_every_command_taking_an_id_finds_nothing_of_another_members_book(two_books, runner):
    app, _a, _b, _strings = two_books
    found = set(commands_with_ids(main))
    assert found == set(COMMAND_ARGS), "a new command takes ids: add it to COMMAND_ARGS"
    data_dir = app.config["DATA_DIR"]
    for path, args in COMMAND_ARGS.items():
        words = args.split() if isinstance(args, str) else args
        argv = [arg.replace("{id}", "1") for arg in words]
        own = runner.invoke(main, ["--user", "ann@example.com", *argv, "--data-dir", data_dir])
        result = runner.invoke(main, ["--user", "ben@example.com", *argv, "--data-dir", data_dir])
        assert result.exit_code == 1, (path, result.output)
        assert re.search(r"(?i)\bno\b|not found", result.output), (path, result.output)
        assert own.output != result.output


def test_the_team_index_never_shows_a_book_whose_owner_shares_nothing(two_books):
    app, a_client, b_client, _strings = two_books
    found = b_client.get("/team", query_string={"q": "who knows someone at Fictional Bank"}).text
    assert "Known to" not in found
    share(a_client, "names")
    found = b_client.get("/team", query_string={"q": "who knows someone at Fictional Bank"}).text
    assert "Known to <strong>Ann Example" in found
    assert 'class="strength' not in found and "last in touch 20" not in found
    add_person(app, "cy@example.com", "Cy Example")


# What A's book holds and nobody else may see: people, A's name, a goal.
A_SECRETS = (
    "Priya Raman",
    "Ann Example",
    "Fictional Bank",
    "engineering leadership",
    "Demo FinTech Week",
)
# Every command that lists or exports what a book holds, with what it needs to run.
LISTING_COMMANDS = (
    "contacts --json",
    "me --json",
    "goals list --json",
    "events --json",
    "followups --json",
    "export json",
    "export vcard",
    "export csv",
    "export ics",
)


def test_every_listing_command_shows_another_member_nothing_of_a_book(two_books, runner):
    app, _a, _b, _strings = two_books
    data_dir = app.config["DATA_DIR"]
    for command in LISTING_COMMANDS:
        argv = [*command.split(), "--data-dir", data_dir]
        own = runner.invoke(main, ["--user", "ann@example.com", *argv])
        other = runner.invoke(main, ["--user", "ben@example.com", *argv])
        assert own.exit_code == 0 and other.exit_code == 0, (command, other.output)
        assert any(secret in own.output for secret in A_SECRETS), command
        for secret in A_SECRETS:
            assert secret not in other.output, (command, secret)
