"""A team server on PostgreSQL: people are added with a one-time link, sign in to their own
book, and find who on the team knows someone at an organisation."""

from __future__ import annotations

import html
import re

import pytest

from helper import create_app
from helper.store.team.directory import open_team
from tests.conftest import add_person, csrf_token_from, member_client, set_password, share, sign_in


def test_a_team_server_refuses_to_start_on_sqlite(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(ValueError, match="Team mode needs a PostgreSQL database"):
        create_app({"DATA_DIR": tmp_path / "data", "TESTING": True, "TEAM": True})


def test_every_page_of_a_team_server_asks_to_sign_in_first(team_app):
    client = team_app.test_client()
    response = client.get("/contacts")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")
    assert client.post("/contacts/new", data={}).status_code in (400, 401)


def test_a_one_time_link_sets_the_password_once_and_then_signs_in(team_app):
    _member_id, token = add_person(team_app, "ann@example.com", "Ann Example")
    client = team_app.test_client()
    assert set_password(client, token).status_code == 302
    assert client.get(f"/set-password/{token}").status_code == 404  # spent
    assert sign_in(client, "Ann@Example.com").status_code == 302
    home = client.get("/")
    assert home.status_code == 200
    assert "Signed in as Ann Example" in home.text


def test_a_wrong_password_gets_one_reason_and_too_many_stop_even_the_right_one(team_app):
    _member, token = add_person(team_app, "ben@example.com", "Ben Example")
    client = team_app.test_client()
    set_password(client, token)
    for _ in range(5):
        refused = sign_in(client, "ben@example.com", "wrong password")
        assert refused.status_code == 200
        assert "do not match an active account" in refused.text
    throttled = sign_in(client, "ben@example.com")
    assert "Too many failed sign-ins" in throttled.text
    assert client.get("/contacts").status_code == 302


def test_signing_in_again_gives_a_new_session_and_signing_out_ends_it(team_app):
    _member, client = member_client(team_app, "cat@example.com", "Cat Example")
    with client.session_transaction() as cookie:
        first = cookie["member_session"]
    home = client.get("/")
    client.post("/sign-out", data={"csrf_token": csrf_token_from(home.text)})
    assert client.get("/contacts").status_code == 302
    sign_in(client, "cat@example.com")
    with client.session_transaction() as cookie:
        assert cookie["member_session"] != first
        cookie["member_session"] = first  # an old cookie replayed
    assert client.get("/contacts").status_code == 302


def test_each_member_sees_only_their_own_book(team_app):
    _ann, ann = member_client(team_app, "ann@example.com", "Ann Example")
    _ben, ben = member_client(team_app, "ben@example.com", "Ben Example")
    page = ann.get("/contacts/new")
    created = ann.post(
        "/contacts/new",
        data={"csrf_token": csrf_token_from(page.text), "name": "Priya Raman"},
    )
    assert created.status_code == 302
    contact_path = created.headers["Location"]
    assert "Priya Raman" in ann.get("/contacts").text
    assert "Priya Raman" not in ben.get("/contacts").text
    assert ben.get(contact_path).status_code == 404


def test_disabling_a_member_ends_their_session_at_once(team_app):
    _admin, admin = member_client(team_app, "boss@example.com", "Boss", admin=True)
    member_id, member = member_client(team_app, "dan@example.com", "Dan Example")
    assert member.get("/contacts").status_code == 200
    page = admin.get("/team/people")
    admin.post(f"/team/people/{member_id}/disable", data={"csrf_token": csrf_token_from(page.text)})
    assert member.get("/contacts").status_code == 302
    assert "do not match an active account" in sign_in(member, "dan@example.com").text


def test_an_admin_adds_someone_and_sees_the_link_once(team_app):
    _admin, admin = member_client(team_app, "boss@example.com", "Boss", admin=True)
    page = admin.get("/team/people")
    added = admin.post(
        "/team/people",
        data={"csrf_token": csrf_token_from(page.text), "email": "eve@example.com", "name": "Eve"},
    )
    link = re.search(r"http://localhost/set-password/[\w-]+", added.text)
    assert link is not None
    assert "Eve" in admin.get("/team/people").text
    assert link.group(0) not in admin.get("/team/people").text


def test_people_who_are_not_admins_find_no_admin_page(team_app):
    _member, client = member_client(team_app, "fay@example.com", "Fay Example")
    assert client.get("/team/people").status_code == 404


def test_the_team_index_shows_what_each_owner_allows(team_app):
    ann_id, ann = member_client(team_app, "ann@example.com", "Ann Example")
    ben_id, ben = member_client(team_app, "ben@example.com", "Ben Example")
    _cat_id, cat = member_client(team_app, "cat@example.com", "Cat Example")
    for client, name in ((ann, "Priya Raman"), (ben, "Tom Okafor")):
        add_contact(
            client, name, "Monzo Bank Ltd", "Head of Data", notes="secret note about " + name
        )
    share(ann, "strength")
    share(ben, "names")
    found = cat.get("/team", query_string={"q": "who knows someone at Monzo"}).text
    assert "Priya Raman" in found and "Tom Okafor" in found
    assert "secret note" not in found
    assert found.count("strength-") == 1  # Ann shares strength, Ben names only
    share(ann, "off")
    found = cat.get("/team", query_string={"q": "who knows someone at Monzo"}).text
    assert "Priya Raman" not in found and "Tom Okafor" in found
    own = ben.get("/team", query_string={"q": "Monzo"}).text
    assert "Tom Okafor" not in own  # one's own book is not "through the team"
    assert ann_id != ben_id


def test_the_same_person_in_two_books_is_one_person_known_by_two(team_app):
    _ann, ann = member_client(team_app, "ann@example.com", "Ann Example")
    _ben, ben = member_client(team_app, "ben@example.com", "Ben Example")
    _cat, cat = member_client(team_app, "cat@example.com", "Cat Example")
    for client, company in ((ann, "Monzo"), (ben, "Monzo Bank Ltd")):
        add_contact(
            client,
            "Priya Raman",
            company,
            linkedin_url="https://www.linkedin.com/in/priya-raman-12345/",
        )
        share(client, "strength")
    found = cat.get("/team", query_string={"q": "who knows Priya Raman"}).text
    assert "1 person for" in found
    assert "Known to <strong>Ann Example" in found and "Known to <strong>Ben Example" in found


def test_the_command_line_works_on_the_book_of_the_member_it_names(team_app, runner):
    add_person(team_app, "ann@example.com", "Ann Example")
    add_person(team_app, "ben@example.com", "Ben Example")
    from helper.cli import main

    data_dir = team_app.config["DATA_DIR"]
    added = runner.invoke(
        main,
        ["--user", "ann@example.com", "add-profile", "--data-dir", data_dir, "-"],
        input="Priya Raman\nHead of Data at Monzo\n",
    )
    assert added.exit_code == 0, added.output
    ann = runner.invoke(
        main, ["--user", "ann@example.com", "contacts", "--json", "--data-dir", data_dir]
    )
    ben = runner.invoke(
        main, ["--user", "ben@example.com", "contacts", "--json", "--data-dir", data_dir]
    )
    assert "Priya Raman" in ann.output
    assert "Priya Raman" not in ben.output
    nobody = runner.invoke(main, ["contacts", "--json", "--data-dir", data_dir])
    assert nobody.exit_code != 0
    assert "say whose book with --user" in nobody.output


def test_users_add_prints_a_one_time_link(team_database_url, runner, tmp_path):
    from helper.cli import main

    data_dir = str(tmp_path / "data")
    result = runner.invoke(
        main,
        [
            "users",
            "add",
            "zoe@example.com",
            "--name",
            "Zoe Example",
            "--admin",
            "--data-dir",
            data_dir,
        ],
    )
    assert result.exit_code == 0, result.output
    assert re.search(r"http://127\.0\.0\.1:8765/set-password/[\w-]+", result.output)
    twice = runner.invoke(
        main, ["users", "add", "zoe@example.com", "--name", "Zoe", "--data-dir", data_dir]
    )
    assert twice.exit_code == 1
    assert "already on the team" in twice.output
    team = open_team(tmp_path / "data", team_database_url)
    team.close()


def add_contact(client, name: str, company: str, title: str = "", **more: str) -> None:
    page = client.get("/contacts/new")
    response = client.post(
        "/contacts/new",
        data={
            "csrf_token": csrf_token_from(page.text),
            "name": name,
            "current_company": company,
            "current_title": title,
            **more,
        },
    )
    assert response.status_code == 302, response.text


def test_a_goal_page_lists_teammates_who_know_people_at_its_organisations(team_app):
    _ann, ann = member_client(team_app, "ann@example.com", "Ann Example")
    _ben, ben = member_client(team_app, "ben@example.com", "Ben Example")
    _cat, cat = member_client(team_app, "cat@example.com", "Cat Example")
    add_contact(ben, "Tom Okafor", "Monzo Bank", "Head of Payments", tier="strengthen")
    add_contact(ben, "Lena Vogel", "Contoso Analytics", "Engineer")
    add_contact(cat, "Sara Lind", "Monzo", "Recruiter")
    share(ben, "strength")
    share(cat, "names")
    page = ann.get("/goals/new")
    created = ann.post(
        "/goals/new",
        data={
            "csrf_token": csrf_token_from(page.text),
            "title": "Find a fintech role",
            "purpose": "career",
            "priority": "1",
            "strategy": "both",
            "scope": "both",
            "organisations": "Monzo",
            "status": "active",
        },
    )
    assert created.status_code == 302, created.text
    goal_page = ann.get(created.headers["Location"]).text
    section = goal_page[goal_page.index('id="team-heading"') :]
    assert "Tom Okafor" in section and "Sara Lind" in section
    assert "Lena Vogel" not in section  # not at a target organisation
    assert section.index("Ben Example") < section.index("Cat Example")  # strength first
    intro_link = re.search(r'href="(/team/intro/\d+\?goal=\d+)"', section)
    assert intro_link is not None
    draft = ann.get(intro_link.group(1).replace("&amp;", "&"))
    assert draft.status_code == 200
    body = re.search(r'<textarea id="body"[^>]*>(.*?)</textarea>', draft.text, re.S)
    assert body is not None
    text = html.unescape(body.group(1))
    assert "Ben" in text and "Tom" in text and "Monzo" in text
    assert "{{" not in text and "None" not in text


def test_removing_someone_can_hand_their_contacts_to_a_teammate(team_app):
    _admin, admin = member_client(team_app, "boss@example.com", "Boss", admin=True)
    leaving_id, leaving = member_client(team_app, "dan@example.com", "Dan Example")
    heir_id, heir = member_client(team_app, "eve@example.com", "Eve Example")
    add_contact(leaving, "Priya Raman", "Monzo", "Head of Data")
    page = admin.get(f"/team/people/{leaving_id}/remove")
    assert "Delete it" in page.text
    unanswered = admin.post(
        f"/team/people/{leaving_id}/remove", data={"csrf_token": csrf_token_from(page.text)}
    )
    assert "Say what happens to their book." in unanswered.text
    removed = admin.post(
        f"/team/people/{leaving_id}/remove",
        data={"csrf_token": csrf_token_from(page.text), "book": "hand_over", "heir": heir_id},
    )
    assert removed.status_code == 302, removed.text
    assert "Priya Raman" in heir.get("/contacts").text
    assert leaving.get("/contacts").status_code == 302  # signed out for good
    assert "dan@example.com" not in admin.get("/team/people").text


def test_the_last_admin_cannot_be_disabled_or_remove_themselves(team_app):
    admin_id, admin = member_client(team_app, "boss@example.com", "Boss", admin=True)
    page = admin.get(f"/team/people/{admin_id}/remove")
    refused = admin.post(
        f"/team/people/{admin_id}/remove",
        data={"csrf_token": csrf_token_from(page.text), "book": "delete"},
    )
    assert "You cannot disable or remove yourself" in refused.text
    assert admin.get("/contacts").status_code == 200


def test_the_browser_extension_is_told_a_team_server_does_not_take_its_requests(team_app):
    _member, client = member_client(team_app, "ann@example.com", "Ann Example")
    answer = team_app.test_client().post("/api/bridge/pair", json={"code": "ABCD-2345"})
    assert answer.status_code == 404
    assert "running on this computer" in answer.get_json()["error"]
    assert "cannot pair with this team server" in client.get("/me/extension").text


def test_serve_team_and_users_add_on_sqlite_say_team_mode_needs_postgresql(
    runner, monkeypatch, tmp_path
):
    from helper.cli import main

    monkeypatch.delenv("DATABASE_URL", raising=False)
    data_dir = str(tmp_path / "data")
    served = runner.invoke(main, ["serve", "--team", "--no-browser", "--data-dir", data_dir])
    added = runner.invoke(
        main, ["users", "add", "a@example.com", "--name", "A", "--data-dir", data_dir]
    )
    for result in (served, added):
        assert result.exit_code == 1
        assert "Team mode needs a PostgreSQL database" in result.output


def test_a_member_cannot_point_the_sync_at_the_team_servers_own_machine(team_app):
    member_id, client = member_client(team_app, "gus@example.com", "Gus Example")
    page = client.get("/me/sync")
    answer = client.post(
        "/me/sync/connection",
        data={
            "csrf_token": csrf_token_from(page.text),
            "url": "http://127.0.0.1:5432/",
            "user": "gus",
            "password": "anything",
        },
        follow_redirects=True,
    )
    assert "a team server does not sync with &#39;127.0.0.1&#39;" in answer.text
    folder = team_app.extensions["outreach_workspaces"].of_member(member_id).store.data_dir
    assert not (folder / "sync.toml").exists()
    assert not (folder / "sync.secret").exists()
