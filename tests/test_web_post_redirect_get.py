"""Post/redirect/get: every POST that saves answers a redirect, so the browser's Back and Reload
never offer to send a form again. Every POST route of the app is either saved through here or
named, with the reason, among those that answer something other than a page."""

import io
import re
import time

import pytest
from sqlalchemy import select

from helper.db.models import Contact, Event, FollowUp
from helper.store.bridge import current_pairing_code, pair
from helper.store.followups import event_plan
from helper.vocabulary import TOUCH_KINDS
from helper.web.session import solo_workspace
from tests.conftest import TEST_DATA, csrf_token_from, submitted

REDIRECTS = (302, 303)
# POST routes that answer a script or the browser extension, not a browser's form.
NOT_PAGES = {
    "bridge.capture": "the extension's JSON API",
    "bridge.pair_extension": "the extension's JSON API",
    "drafts.copied": "the draft page's script records a copy and reads the JSON answer",
    "access.enter": "only served with an access token; tests/test_web_access.py follows it",
    "sync.connection": "needs a DAV server; tests/test_web_sync.py checks each sync POST",
    "sync.choices": "needs a DAV server; tests/test_web_sync.py checks each sync POST",
    "sync.now": "needs a DAV server; tests/test_web_sync.py checks each sync POST",
    "sync.settle_conflict": "needs a DAV server; tests/test_web_sync.py checks each sync POST",
}
PROFILE = TEST_DATA / "profiles" / "text" / "chromium_single_role.txt"


@pytest.fixture
def demo(tmp_path):
    from helper import create_app

    app = create_app({"DATA_DIR": tmp_path / "data", "DEMO": True, "TESTING": True})
    yield app
    solo_workspace(app).store.close()


class Saver:
    """Sends each saving form as the browser does and records each POST route's answer."""

    def __init__(self, app) -> None:
        self.app = app
        self.client = app.test_client()
        self.token = csrf_token_from(self.client.get("/me").get_data(as_text=True))
        self.answers: dict[str, int] = {}
        self.refusals: dict[str, list[str]] = {}

    def post(self, path: str, data: dict | None = None, **options):
        data = {"csrf_token": self.token, **(data or {})}
        response = self.client.post(path, data=data, **options)
        endpoint = self.app.url_map.bind("localhost").match(path.split("?")[0], method="POST")[0]
        self.answers[f"{endpoint} {path}"] = response.status_code
        # A handler that refuses may redirect too: its error message shows it did not save.
        with self.client.session_transaction() as cookie:
            errors = [text for kind, text in cookie.pop("_flashes", []) if kind == "error"]
        if errors:
            self.refusals[f"{endpoint} {path}"] = errors
        return response

    def post_page_form(self, page: str, action: str, button: str = "", **changes):
        """The form posting to `action` on `page`, as rendered, with `changes` typed in; sent
        to `button`'s own address (its formaction) when given."""
        html = self.client.get(page).get_data(as_text=True)
        return self.post(button or action, submitted(html, action, **changes))

    def rows(self, model, **where):
        with solo_workspace(self.app).store.sessions() as session:
            return list(session.scalars(select(model).filter_by(**where).order_by(model.id)))


def new_id(response) -> int:
    return int(re.search(r"/(\d+)(?:#.*)?$", response.location).group(1))


def wait_for_job(s: Saver, job: str, done) -> None:
    """Until the background import at `job` reaches a status `done` accepts."""
    deadline = time.monotonic() + 60
    while not done(s.client.get(job + "/progress").get_json()["status"]):
        assert time.monotonic() < deadline, f"{job} never finished"
        time.sleep(0.05)


def save_everything(s: Saver) -> None:
    """One valid submission of every saving form, in an order that gives each what it needs."""
    people = [c.id for c in s.rows(Contact)]
    first, second, third, fourth, fifth = people[:5]
    s.post(
        "/me",
        {
            "name": "Alex Example",
            "timezone": "UTC",
            "linkedin_note_limit": "300",
            "strengthen_days": "14",
            "maintain_days": "90",
            "overdue_percent": "150",
        },
    )
    s.post("/me/forget-corrections", {"confirm": "yes"})
    s.post("/me/extension/code")
    with solo_workspace(s.app).store.sessions() as session:
        pair(session, current_pairing_code(session).code, "chrome-extension://" + "a" * 32)
        session.commit()
    s.post("/me/extension/1/revoke")

    contact = new_id(s.post("/contacts/new", {"name": "Tom Baker", "tier": "maintain"}))
    s.post_page_form(f"/contacts/{contact}/edit", f"/contacts/{contact}/edit", headline="Chef")
    s.post(f"/contacts/{contact}/merge", {"other_id": str(fourth)})
    s.post(
        f"/contacts/{contact}/touch",
        {"kind": next(iter(TOUCH_KINDS)), "day": "2026-01-02", "goal": "0"},
    )
    draft = new_id(s.post_page_form(f"/contacts/{first}/draft", f"/contacts/{first}/draft"))
    s.post_page_form(f"/drafts/{draft}", f"/drafts/{draft}", subject="Hello")
    s.post_page_form(f"/drafts/{draft}", f"/drafts/{draft}", button=f"/drafts/{draft}/sent")
    introducer = s.rows(Contact, id=third)[0].name
    intro = s.post(
        f"/contacts/{second}/introduction?find={introducer}",
        {"intro-introducer": str(third), "intro-channel": "email", "intro-goal": "0"},
    )
    s.post(f"/drafts/{new_id(intro)}/delete")

    goal_form = {
        "title": "Find a mentor",
        "purpose": "career",
        "priority": "2",
        "strategy": "both",
        "scope": "both",
        "status": "active",
    }
    goal = new_id(s.post("/goals/new", goal_form))
    s.post(f"/goals/{goal}/edit", {**goal_form, "title": "Find two mentors"})
    s.post(f"/goals/{goal}/shortlist", {"contact_id": str(first)})
    s.post(f"/goals/{goal}/stage", {"contact_id": str(first), "stage": "contacted"})
    s.post(f"/contacts/{second}/goals", {"goal_id": str(goal), "stage": "shortlisted"})
    bulk = {
        "goal_id": str(goal),
        "new_tier": "maintain",
        "category_key": "mentor",
        "export_format": "csv",
    }
    s.post("/contacts/bulk", {**bulk, "contact_ids": [str(third)], "action": "tier"})
    s.post("/contacts/bulk", {**bulk, "contact_ids": [str(contact)], "action": "delete"})
    listing = s.client.get("/contacts").get_data(as_text=True)
    s.post("/contacts/bulk/undo", {"token": re.search(r'name="token" value="([^"]+)"', listing)[1]})

    event = new_id(
        s.post(
            "/events/new",
            {
                "name": "Meetup",
                "kind": "meetup",
                "timezone": "UTC",
                "starts_at": "2026-03-04T18:00",
            },
        )
    )
    s.post(
        f"/events/{event}/edit",
        {"name": "Meetup 2", "kind": "meetup", "timezone": "UTC", "starts_at": "2026-03-04T18:00"},
    )
    s.post(f"/events/{event}/people", {"existing-contact_id": str(second)})
    s.post(f"/events/{event}/people/new", {"new-name": "Una New", "new-email": "una@example.com"})
    s.post(f"/events/{event}/people/{second}/note", {"note": "Talked about gardens"})
    with solo_workspace(s.app).store.sessions() as session:
        plan = [
            (i.contact.id, i.planned.kind) for i in event_plan(session, session.get(Event, event))
        ]
    (who, kind), (who_2, kind_2), (who_3, kind_3), *_ = plan
    s.post(f"/events/{event}/plan/accept", {"contact_id": str(who), "kind": kind})
    s.post(f"/events/{event}/plan/drop", {"contact_id": str(who_2), "kind": kind_2})
    s.post(
        f"/events/{event}/plan/reschedule",
        {"contact_id": str(who_3), "kind": kind_3, "due": "2026-03-10T09:00"},
    )
    s.post_page_form(f"/events/{event}", f"/events/{event}/plan/accept-all")
    s.post(f"/events/{event}/people/{second}/remove")
    other_event = s.rows(Event)[0]
    with solo_workspace(s.app).store.sessions() as session:
        waiting = next(
            i for i in event_plan(session, session.get(Event, other_event.id)) if i.followup is None
        )
        suggestion = f"contact_id={waiting.contact.id}&kind={waiting.planned.kind}"
    s.post(
        f"/events/{other_event.id}/plan/edit?{suggestion}",
        {"title": "Say thanks", "due": "2026-03-11T09:00", "channel": "email", "draft": "Hi"},
    )

    s.post("/followups/cadences")
    done, moved, dropped, edited = [f.id for f in s.rows(FollowUp, status="open")][:4]
    s.post(f"/followups/{done}/done")
    s.post(f"/followups/{moved}/reschedule", {"due": "2026-04-01T09:00"})
    s.post(f"/followups/{dropped}/drop")
    s.post(
        f"/followups/{edited}/edit",
        {"title": "Check in", "due": "2026-04-02T09:00", "channel": "email", "draft": ""},
    )
    s.post("/followups/calendar-token")

    s.post("/duplicates/merge", {"first_id": str(third), "second_id": str(fifth)})
    s.post("/duplicates/undo")
    s.post("/duplicates/not-same", {"first_id": str(third), "second_id": str(fifth)})

    s.post(f"/contacts/{contact}/delete", {"confirm": "yes"})
    s.post("/export/backup")
    upload = {"file": (io.BytesIO(b"Name,Email\nAda Lovelace,ada@example.com\n"), "people.csv")}
    job = s.post("/imports", upload, content_type="multipart/form-data")
    s.post(job.location + "/cancel")
    wait_for_job(s, job.location, lambda status: status != "running")
    export = s.client.get("/export/download/json").data
    waiting = []
    for _ in range(2):
        upload = {"file": (io.BytesIO(export), "outreach-helper.json")}
        job = s.post("/imports", upload, content_type="multipart/form-data")
        wait_for_job(s, job.location, lambda status: status == "choice")
        waiting.append(job.location)
    s.post(f"{waiting[0]}/drop")
    merging = s.post(f"{waiting[1]}/merge")
    wait_for_job(s, merging.location, lambda status: status not in ("chosen", "running"))
    preview = s.post("/profiles/new", {"text": PROFILE.read_text(encoding="utf-8")})
    s.post_page_form(preview.location, "/profiles/confirm")


def test_every_saving_post_answers_a_redirect(demo):
    saver = Saver(demo)
    save_everything(saver)
    assert saver.refusals == {}
    assert {call: status for call, status in saver.answers.items() if status not in REDIRECTS} == {}


def test_every_post_route_is_saved_above_or_named_as_no_page(demo):
    saver = Saver(demo)
    save_everything(saver)
    reached = {call.split(" ")[0] for call in saver.answers}
    routes = {rule.endpoint for rule in demo.url_map.iter_rules() if "POST" in rule.methods}
    assert routes - reached - set(NOT_PAGES) == set()


def test_the_profile_preview_is_a_page_of_its_own_and_is_gone_once_saved(demo):
    saver = Saver(demo)
    preview = saver.post("/profiles/new", {"text": PROFILE.read_text(encoding="utf-8")})
    assert preview.status_code == 303
    assert re.fullmatch(r"/profiles/preview/[\w-]+", preview.location)
    again = saver.client.get(preview.location)
    assert "Check before saving" in again.get_data(as_text=True)
    saver.post_page_form(preview.location, "/profiles/confirm")
    back = saver.client.get(preview.location, follow_redirects=True)
    assert back.request.path == "/profiles/new"
    assert "That preview is gone: it was saved" in back.get_data(as_text=True)
