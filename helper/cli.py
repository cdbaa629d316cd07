"""The command line, a contract scripts rely on. `--json` prints one JSON document on stdout;
human text and progress go to stderr; a failure exits non-zero with a one-line reason."""

from __future__ import annotations

import atexit
import gc
import sys

import click

from helper.commands import LazyGroup
from helper.version import __version__

# Each command's module is imported only when that command runs: importing all of them
# (Flask, the parsers, the matching model) cost about 2 s on every invocation.
COMMANDS: dict[str, str] = {
    "serve": "helper.commands.service:serve",
    "me": "helper.commands.me:me",
    "contacts": "helper.commands.contacts:contacts",
    "import": "helper.commands.imports:import_",
    "parse-profile": "helper.commands.profiles:parse_profile_command",
    "add-profile": "helper.commands.profiles:add_profile_command",
    "goals": "helper.commands.goals:goals",
    "match": "helper.commands.goals:match",
    "draft": "helper.commands.drafts:draft",
    "log": "helper.commands.touches:log",
    "events": "helper.commands.events:events",
    "followups": "helper.commands.events:followups",
    "export": "helper.commands.exports:export",
    "backup": "helper.commands.backup:backup",
    "restore": "helper.commands.backup:restore",
    "db": "helper.commands.database:db",
    "users": "helper.commands.users:users",
    "extension": "helper.commands.extension:extension",
    "sync": "helper.commands.sync:sync",
}


@click.group(
    cls=LazyGroup, lazy_commands=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="outreach-helper")
@click.option(
    "--user",
    envvar="OUTREACH_HELPER_USER",
    metavar="EMAIL",
    help="In a team database: whose book the command works on.",
)
def main(user: str | None) -> None:
    """Outreach Helper: a local, private networking assistant."""


def run() -> None:
    """The `outreach-helper` process: `main`, with Python's cyclic collector kept out of the
    way at start-up and at exit.

    Loading a command's modules (SQLAlchemy, the models, the parsers) allocates hundreds of
    thousands of objects that live as long as the process, and the collector walked them again
    and again while they loaded: about a tenth of a second of every command. So it is off while
    they load, and what they made is then frozen out of its sight.

    At exit, while modules are torn down, the collector walks every object left (the
    normalisers' caches included) several times: half a second after a 30,000-contact import
    (bench/import_contacts.py). The process is ending and the OS takes back its memory, so
    everything is frozen first. Commands close their stores before this (`store_at`), so no
    connection is left to the collector to close."""
    gc.disable()
    try:
        if len(sys.argv) > 1:  # the command named first: its modules load now
            main.get_command(click.Context(main), sys.argv[1])
    finally:
        gc.freeze()
        gc.enable()
    atexit.register(gc.freeze)
    sys.exit(main())
