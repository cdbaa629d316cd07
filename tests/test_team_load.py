"""Ten signed-in people importing, editing and browsing a team server at once for half a
minute: no server error, no lost write, every import complete."""

from __future__ import annotations

import io
import threading
import time
from dataclasses import dataclass, field

from sqlalchemy import select

from helper.db.models import Contact
from tests.conftest import csrf_token_from, member_client

PEOPLE = 10
SECONDS = 30.0
CSV_HEADER = "First Name,Last Name,E-mail 1 - Value,Organization Name\r\n"


@dataclass
class Work:
    """What one person did, to be checked against their book afterwards."""

    member_id: int
    created: list[str] = field(default_factory=list)
    imported: list[str] = field(default_factory=list)
    jobs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: int = 0


def _csv(person: int, round_: int) -> bytes:
    rows = [
        # A firm of its own each: names this alike at one firm are one person to the importer.
        f"Imported{person}x{round_}n{n},Person,p{person}r{round_}n{n}@example.com,"
        f"Firm {person}-{round_}-{n}\r\n"
        for n in range(20)
    ]
    return (CSV_HEADER + "".join(rows)).encode()


def _check(work: Work, response, expected: tuple[int, ...] = (200, 302)) -> None:
    work.requests += 1
    if response.status_code not in expected:
        work.errors.append(
            f"{response.request.method} {response.request.path}: {response.status_code}"
        )


def _act(client, work: Work, person: int, round_: int) -> None:
    contacts = client.get("/contacts")
    _check(work, contacts)
    name = f"Edited{person}x{round_} Person"
    created = client.post(
        "/contacts/new",
        data={
            "csrf_token": csrf_token_from(contacts.text),
            "name": name,
            "current_company": "Monzo",
        },
    )
    _check(work, created, (302,))
    if created.status_code == 302:
        work.created.append(name)
        _check(work, client.get(created.headers["Location"]))
    _check(work, client.get("/"))
    if round_ % 3 == 0:
        page = client.get("/imports")
        upload = client.post(
            "/imports",
            data={
                "csrf_token": csrf_token_from(page.text),
                "file": (io.BytesIO(_csv(person, round_)), f"contacts-{person}-{round_}.csv"),
            },
            content_type="multipart/form-data",
        )
        _check(work, upload, (302,))
        if upload.status_code == 302:
            work.jobs.append(upload.headers["Location"].rsplit("/", 1)[1])
            work.imported += [f"Imported{person}x{round_}n{n} Person" for n in range(20)]
    _check(work, client.get("/contacts", query_string={"q": "Monzo"}))


def _person(client, work: Work, person: int, until: float) -> None:
    round_ = 0
    try:
        while time.monotonic() < until:
            _act(client, work, person, round_)
            round_ += 1
    except Exception as error:  # a server error propagates in testing: record it
        work.errors.append(f"{type(error).__name__}: {error}")


def test_ten_people_working_at_once_lose_nothing_and_see_no_server_error(team_app):
    signed_in = [member_client(team_app, f"p{n}@example.com", f"Person {n}") for n in range(PEOPLE)]
    works = [Work(member_id) for member_id, _client in signed_in]
    until = time.monotonic() + SECONDS
    threads = [
        threading.Thread(target=_person, args=(client, work, n, until))
        for n, ((_id, client), work) in enumerate(zip(signed_in, works, strict=True))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    workspaces = team_app.extensions["outreach_workspaces"]
    for work in works:
        assert work.errors == []
        workspace = workspaces.of_member(work.member_id)
        for job_id in work.jobs:
            workspace.import_jobs.wait(job_id, timeout_s=120)
            snapshot = workspace.import_jobs.get(job_id).snapshot()
            assert snapshot.status == "done"
        with workspace.store.sessions() as session:
            names = set(session.scalars(select(Contact.name)))
        assert set(work.created) <= names
        assert set(work.imported) <= names
        others = {name for other in works if other is not work for name in other.created}
        assert not names & others
    total = sum(work.requests for work in works)
    print(
        f"{total} requests by {PEOPLE} people in {SECONDS:.0f} s, "
        f"{sum(len(w.jobs) for w in works)} imports, no error"
    )
