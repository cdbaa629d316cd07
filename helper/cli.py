"""The command line: a contract (DESIGN.md). `--json` prints one JSON document on stdout;
human text and progress go to stderr; a failure exits non-zero with a one-line reason."""

from __future__ import annotations

import sys

import click

from helper import __version__
from helper.commands import (
    backup,
    contacts,
    drafts,
    events,
    exports,
    goals,
    imports,
    me,
    profiles,
    service,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="outreach-helper")
def main() -> None:
    """Outreach Helper: a local, private networking assistant."""


for command in (
    service.serve,
    me.me,
    contacts.contacts,
    imports.import_,
    profiles.parse_profile_command,
    backup.backup,
    backup.restore,
    exports.export,
    goals.goals,
    goals.match,
    drafts.draft,
    events.events,
    events.followups,
):
    main.add_command(command)


if __name__ == "__main__":
    sys.exit(main())
