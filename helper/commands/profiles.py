"""`outreach-helper parse-profile FILE|-`: pasted profile text or a saved page -> profile JSON."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import click

from helper.commands import data_dir_option, emit_json, reports_errors, store_at
from helper.db import transaction
from helper.errors import ProfileUnreadable
from helper.people import classify
from helper.profiles import MAX_INPUT_BYTES, parse_profile
from helper.store.profiles import my_profile


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
        record.categories = classify(record, my_profile(session))
    if as_json:
        emit_json(record.to_json())
        return
    role = " at ".join(part for part in (record.current_title, record.current_company) if part)
    click.echo(f"{record.name}{f' — {role}' if role else ''}")
    for category in record.categories:
        click.echo(f"  {category.key}: {category.reason}")
    if record.missing_fields:
        click.echo(f"Not found: {', '.join(record.missing_fields)}", err=True)
