"""`outreach-helper users …`: the people of a team server (PostgreSQL, `serve --team`)."""

from __future__ import annotations

from pathlib import Path

import click

from helper.commands import data_dir_option, emit_json, reports_errors
from helper.config import DEFAULT_PORT, database_url, resolve_data_dir
from helper.db import transaction
from helper.store.team.directory import Team, open_team, start_book
from helper.store.team.members import add_member, list_members, member_by_email, new_password_link

LINK_PATH = "/set-password/{token}"


def _team(data_dir: Path | None) -> Team:
    folder = resolve_data_dir(data_dir)
    team = open_team(folder, database_url(folder))
    click.get_current_context().call_on_close(team.close)
    return team


def _link(base_url: str, token: str) -> str:
    return base_url.rstrip("/") + LINK_PATH.format(token=token)


BASE_URL = click.option(
    "--base-url",
    default=f"http://127.0.0.1:{DEFAULT_PORT}",
    show_default=True,
    envvar="OUTREACH_HELPER_BASE_URL",
    help="The address people open the team server at (the link is made with it).",
)


@click.group()
def users() -> None:
    """People who may sign in to the team server."""


@users.command("add")
@click.argument("email")
@click.option("--name", required=True, help="The person's name, as teammates see it.")
@click.option("--admin", is_flag=True, help="May add, disable and remove people.")
@BASE_URL
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@data_dir_option
@reports_errors
def add(
    email: str, name: str, admin: bool, base_url: str, as_json: bool, data_dir: Path | None
) -> None:
    """Add EMAIL to the team and print a one-time link to set a password."""
    team = _team(data_dir)
    with transaction(team.sessions) as session:
        created = add_member(session, email, name, admin=admin)
        member_id, address = created.member.id, created.member.email
    start_book(team, member_id, name.strip(), address)
    link = _link(base_url, created.token)
    if as_json:
        emit_json(
            {
                "id": member_id,
                "email": address,
                "name": name.strip(),
                "admin": admin,
                "link": link,
                "link_expires_at": created.expires_at.isoformat(),
            }
        )
        return
    click.echo(f"Added {name.strip()} <{address}>{' as an admin' if admin else ''}.")
    click.echo(f"Send them this link to set a password (it works once, for 7 days):\n{link}")


@users.command("link")
@click.argument("email")
@BASE_URL
@data_dir_option
@reports_errors
def link(email: str, base_url: str, data_dir: Path | None) -> None:
    """Print a new one-time link for EMAIL to set a password (a forgotten one)."""
    team = _team(data_dir)
    with transaction(team.sessions) as session:
        created = new_password_link(session, member_by_email(session, email))
    click.echo(_link(base_url, created.token))


@users.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@data_dir_option
@reports_errors
def list_(as_json: bool, data_dir: Path | None) -> None:
    """The people on the team."""
    team = _team(data_dir)
    with team.sessions() as session:
        rows = [
            {
                "id": m.id,
                "email": m.email,
                "name": m.name,
                "admin": m.is_admin,
                "active": m.disabled_at is None,
                "password_set": bool(m.password_hash),
                "index_sharing": m.index_sharing,
            }
            for m in list_members(session)
        ]
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        state = "active" if row["active"] else "disabled"
        role = "admin" if row["admin"] else "member"
        click.echo(f"{row['id']:>4}  {row['name']} <{row['email']}>  {role}, {state}")
