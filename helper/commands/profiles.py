"""`outreach-helper parse-profile FILE|-`: pasted profile text or a saved page -> profile JSON;
`outreach-helper add-profile FILE|-`: the same, saved as the preview's confirm saves it."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import click

from helper.commands import data_dir_option, emit_json, reports_errors
from helper.commands.stores import store_at
from helper.db import transaction
from helper.errors import ProfileUnreadable
from helper.profiles import MAX_INPUT_BYTES, parse_profile
from helper.store.convert import contact_json
from helper.store.lessons import classifier_for
from helper.store.profiles import preview_profile, save_profile


def read_bounded(stream: BinaryIO) -> bytes:
    """The input, refused (without reading it all) when it is larger than a profile can be."""
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise ProfileUnreadable(
            f"The input is over {MAX_INPUT_BYTES // 1_000_000} MB, so it is not one profile."
        )
    return data


@click.command("parse-profile")
@click.argument("source", type=click.File("rb"))
@click.option("--json", "as_json", is_flag=True, help="Print the profile JSON.")
@data_dir_option
@reports_errors
def parse_profile_command(source: BinaryIO, as_json: bool, data_dir: Path | None) -> None:
    """Read a profile from FILE (or - for standard input): copied text or a saved page.

    Categories are suggested against "Me" in the store, so your current and former
    employers make a person a colleague. Nothing is stored."""
    record = parse_profile(read_bounded(source))
    with transaction(store_at(data_dir).sessions) as session:
        record.categories = classifier_for(session).classify(record)
    if as_json:
        emit_json(record.to_json())
        return
    role = " at ".join(part for part in (record.current_title, record.current_company) if part)
    click.echo(f"{record.name}{f' — {role}' if role else ''}")
    for category in record.categories:
        click.echo(f"  {category.key}: {category.reason}")
    if record.missing_fields:
        click.echo(f"Not found: {', '.join(record.missing_fields)}", err=True)


@click.command("add-profile")
@click.argument("source", type=click.File("rb"))
@click.option("--json", "as_json", is_flag=True, help="Print the saved contact's JSON.")
@data_dir_option
@reports_errors
def add_profile_command(source: BinaryIO, as_json: bool, data_dir: Path | None) -> None:
    """Read a profile from FILE (or - for standard input) and save it as the preview's
    confirm does: a person already stored is updated field by field, keeping your own edits,
    and the suggested categories are ticked. For a folder of saved pages:

        for page in pages/*.html; do outreach-helper add-profile "$page"; done
    """
    record = parse_profile(read_bounded(source))
    with transaction(store_at(data_dir).sessions) as session:
        preview = preview_profile(session, record)
        saved = save_profile(session, record, preview.checked_categories)
        document = contact_json(saved.contact)
    if as_json:
        emit_json(document)
    else:
        verb = "Added" if saved.created else f"Updated, matched by {preview.match_reason}"
        click.echo(f"{verb}: {document['name']}, contact {document['id']}")
        for category in document["categories"]:
            click.echo(f"  {category['key']}: {category['reason']}")
    if record.guessed_fields:
        guessed = ", ".join(record.guessed_fields)
        click.echo(f"Check these, read without a label on the page: {guessed}", err=True)
