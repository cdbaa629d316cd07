"""One real server, eight threads, twenty seconds: pages, form posts, bridge captures and imports
at once over real HTTP. Nothing may fail with a 5xx or "database is locked", and every write
must be there afterwards.

Each thread is one browser: its own cookie jar (the CSRF token belongs to the session cookie).
The loop stops after a fixed number of operations or a fixed time, whichever comes first; how
fast it went is not asserted (speed lives in bench/).
"""

from __future__ import annotations

import csv
import http.cookiejar
import json
import re
import string
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from bench.generate_contacts import write_connections_csv
from helper.db.models import Contact, ImportRun
from helper.normalize import normalize_linkedin_url
from helper.store.bridge import new_pairing_code, pair
from helper.store.opening import open_store
from tests.conftest import csrf_token_from, wait_for

THREADS = 8
RUN_FOR_S = 20
MAX_OPERATIONS = 400  # per thread: the loop ends by count even on a very fast machine
IMPORT_ROWS = 200
JOB_WAIT_S = 120  # only a guard against a hung job, never a measured threshold
EXTENSION = "chrome-extension://" + "b" * 32
VIEWS = ("/", "/contacts", "/goals", "/due", "/followups")
LOCKED = "database is locked"


def letters(number: int) -> str:
    """0 -> "A", 27 -> "Bb": names the profile reader takes as a name (it refuses digits)."""
    out = ""
    while True:
        number, digit = divmod(number, 26)
        out = string.ascii_lowercase[digit] + out
        if number == 0:
            return out.capitalize()


@dataclass
class Outcome:
    """What one thread saw and wrote."""

    failures: list[str] = field(default_factory=list)
    added: dict[int, str] = field(default_factory=dict)  # contact id -> its latest name
    captured: list[str] = field(default_factory=list)  # normalised profile URLs
    imported: list[Path] = field(default_factory=list)
    operations: int = 0


class Browser:
    """One user's browser: cookies kept, redirects followed, every answer checked."""

    def __init__(self, base: str, outcome: Outcome) -> None:
        self.base = base
        self.outcome = outcome
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def send(self, request: urllib.request.Request) -> tuple[int, str, str]:
        """(status, final URL, body); a 5xx or a locked database is recorded as a failure."""
        try:
            with self.opener.open(request, timeout=120) as response:
                status, url, body = response.status, response.url, response.read()
        except urllib.error.HTTPError as error:
            status, url, body = error.code, error.url, error.read()
        text = body.decode("utf-8", errors="replace")
        where = f"{request.get_method()} {request.full_url}"
        if status >= 500:
            self.outcome.failures.append(f"{where} answered {status}: {text[:300]}")
        if LOCKED in text:
            self.outcome.failures.append(f"{where} said {LOCKED!r}")
        return status, url, text

    def get(self, path: str) -> tuple[int, str, str]:
        return self.send(urllib.request.Request(self.base + path))

    def post_form(self, path: str, fields: dict[str, str]) -> tuple[int, str, str]:
        """Fetch the form's page for its CSRF token, then post it like a browser."""
        token = csrf_token_from(self.get(path)[2])
        body = urllib.parse.urlencode({**fields, "csrf_token": token}).encode()
        return self.send(urllib.request.Request(self.base + path, data=body, method="POST"))

    def upload(self, path: str, file: Path) -> tuple[int, str, str]:
        token = csrf_token_from(self.get(path)[2])
        boundary = uuid.uuid4().hex
        body = b"".join(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
                f'{token}\r\n--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                f'filename="{file.name}"\r\nContent-Type: text/csv\r\n\r\n'.encode(),
                file.read_bytes(),
                f"\r\n--{boundary}--\r\n".encode(),
            )
        )
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        return self.send(request)

    def post_json(self, path: str, document: dict, token: str) -> tuple[int, str, str]:
        headers = {
            "Content-Type": "application/json",
            "Origin": EXTENSION,
            "Authorization": f"Bearer {token}",
        }
        body = json.dumps(document).encode()
        return self.send(urllib.request.Request(self.base + path, data=body, headers=headers))


def add_contact(browser: Browser, name: str) -> None:
    status, url, _ = browser.post_form("/contacts/new", {"name": name, "tier": "unset"})
    match = re.search(r"/contacts/(\d+)$", urllib.parse.urlsplit(url).path)
    if status != 200 or match is None:
        browser.outcome.failures.append(f"adding {name} ended at {url} ({status})")
        return
    browser.outcome.added[int(match.group(1))] = name


def edit_contact(browser: Browser, contact_id: int) -> None:
    name = f"{browser.outcome.added[contact_id]} edited"
    status, url, _ = browser.post_form(
        f"/contacts/{contact_id}/edit", {"name": name, "tier": "strengthen"}
    )
    if status != 200 or not url.endswith(f"/contacts/{contact_id}"):
        browser.outcome.failures.append(f"editing contact {contact_id} ended at {url} ({status})")
        return
    browser.outcome.added[contact_id] = name


def capture(browser: Browser, thread: int, number: int, token: str) -> None:
    url = f"https://www.linkedin.com/in/concurrent-capture-{thread}-{number}/"
    text = f"Captured {letters(thread)} {letters(number)}\nHead of Data at Contoso\nLondon"
    status, _, body = browser.post_json("/api/bridge/capture", {"url": url, "text": text}, token)
    if status != 200:
        browser.outcome.failures.append(f"capture of {url} answered {status}: {body[:300]}")
        return
    browser.outcome.captured.append(normalize_linkedin_url(url) or url)


def import_connections(browser: Browser, file: Path) -> None:
    status, url, _ = browser.upload("/imports", file)
    job = re.search(r"/imports/jobs/([^/?#]+)$", urllib.parse.urlsplit(url).path)
    if job is None:
        browser.outcome.failures.append(f"the upload of {file.name} ended at {url} ({status})")
        return
    deadline = time.monotonic() + JOB_WAIT_S
    while time.monotonic() < deadline:
        _, _, body = browser.get(f"/imports/jobs/{job.group(1)}/progress")
        if json.loads(body).get("status") != "running":
            browser.outcome.imported.append(file)
            return
        time.sleep(0.2)
    browser.outcome.failures.append(f"the import of {file.name} did not finish")


def work(base: str, thread: int, token: str, file: Path, outcome: Outcome, stop: float) -> None:
    """A mix in a fixed order: view, add, view, edit, capture, ...; the first thread starts
    with the import, so it runs while the others post."""
    browser = Browser(base, outcome)
    try:
        if thread == 0:
            import_connections(browser, file)
        for number in range(MAX_OPERATIONS):
            if time.monotonic() > stop:
                break
            step = number % 5
            if step in (0, 2):
                own = list(outcome.added)
                path = VIEWS[number % len(VIEWS)]
                browser.get(f"/contacts/{own[-1]}" if own and step == 2 else path)
            elif step == 1:
                add_contact(browser, f"Concurrent {thread}-{number}")
            elif step == 3 and outcome.added:
                edit_contact(browser, list(outcome.added)[number % len(outcome.added)])
            elif step == 4:
                capture(browser, thread, number, token)
            outcome.operations += 1
    except Exception as error:  # any escape is a failure the test must report
        outcome.failures.append(f"thread {thread} stopped: {error!r}")


def paired_token(data_dir: Path) -> str:
    store = open_store(data_dir)
    try:
        with store.sessions() as session:
            token = pair(session, new_pairing_code(session).code, EXTENSION)
            session.commit()
            return token
    finally:
        store.engine.dispose()


def connection_urls(file: Path) -> set[str]:
    lines = file.read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("First Name,"))
    return {normalize_linkedin_url(row["URL"]) for row in csv.DictReader(lines[start:])}


def test_eight_threads_of_mixed_traffic_leave_no_error_and_every_write_visible(
    serve_process, tmp_path
):
    data_dir = tmp_path / "data"
    token = paired_token(data_dir)
    file = tmp_path / "Connections.csv"
    write_connections_csv(file, IMPORT_ROWS, seed=11)
    process, port = serve_process()
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/")

    outcomes = [Outcome() for _ in range(THREADS)]
    stop = time.monotonic() + RUN_FOR_S
    threads = [
        threading.Thread(target=work, args=(base, n, token, file, outcomes[n], stop), daemon=True)
        for n in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=RUN_FOR_S + JOB_WAIT_S + 120)
    assert not any(thread.is_alive() for thread in threads), "a worker thread hung"

    process.terminate()
    _, stderr = process.communicate(timeout=30)
    failures = [failure for outcome in outcomes for failure in outcome.failures]
    # The server's own account of a failure is what tells its cause.
    assert failures == [], stderr.decode("utf-8", errors="replace")[-3000:]
    assert LOCKED not in stderr.decode("utf-8", errors="replace")
    assert b"Traceback" not in stderr

    added = {cid: name for outcome in outcomes for cid, name in outcome.added.items()}
    captured = {url for outcome in outcomes for url in outcome.captured}
    imported = [file for outcome in outcomes for file in outcome.imported]
    assert added and captured and imported == [file]
    assert any(name.endswith(" edited") for name in added.values())

    store = open_store(data_dir)
    try:
        with store.sessions() as session:
            names = dict(session.execute(select(Contact.id, Contact.name)).all())
            urls = set(session.scalars(select(Contact.linkedin_url)))
            runs = session.scalars(select(ImportRun.status)).all()
    finally:
        store.engine.dispose()
    assert {cid: names.get(cid) for cid in added} == added
    assert captured <= urls
    assert connection_urls(file) <= urls
    assert runs == ["done"]
