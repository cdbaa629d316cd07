"""`outreach-helper extension path` and `extension pack`: the browser extension's folder, and
a zip of it for a browser's add-on store."""

from __future__ import annotations

import zipfile
from pathlib import Path

import click

from helper.commands import data_dir_option, emit_json, reports_errors
from helper.errors import OutreachError
from helper.resources import EXTENSION_DIR

# Editors' and tools' leftovers that must not reach a store upload.
SKIPPED_NAMES = {"__pycache__", "node_modules", ".DS_Store", ".web-extension-id"}


def _existing_folder() -> Path:
    folder = EXTENSION_DIR
    if not (folder / "manifest.json").is_file():
        raise OutreachError(
            f"The extension is not at {folder}: run Outreach Helper from its source folder "
            "(pip install -e .) to use the browser extension."
        )
    return folder


def extension_files(folder: Path) -> list[Path]:
    """The files to ship, in a stable order so two packs of the same folder are identical."""
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and path.suffix != ".zip" and not _skipped(path.relative_to(folder))
    )


def _skipped(relative: Path) -> bool:
    return any(part in SKIPPED_NAMES or part.startswith(".") for part in relative.parts)


def pack_extension(folder: Path, out: Path) -> list[str]:
    """Zip `folder` with manifest.json at the root, as the add-on stores require."""
    names = []
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in extension_files(folder):
            name = path.relative_to(folder).as_posix()
            # A fixed timestamp keeps the archive the same from one pack to the next.
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
            names.append(name)
    return names


@click.group()
def extension() -> None:
    """The browser extension that sends LinkedIn profiles to Outreach Helper."""


@extension.command("path")
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@reports_errors
def path_command(data_dir: Path | None, as_json: bool) -> None:
    """Print the folder to load as an unpacked extension."""
    folder = _existing_folder()
    if as_json:
        emit_json({"path": str(folder)})
    else:
        click.echo(str(folder))


@extension.command("pack")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The .zip file to write.",
)
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@reports_errors
def pack(out: Path, data_dir: Path | None, as_json: bool) -> None:
    """Zip the extension for upload to the Chrome Web Store or addons.mozilla.org."""
    if out.suffix.lower() != ".zip":
        raise OutreachError(f"{out} should end in .zip: the add-on stores take a zip file.")
    names = pack_extension(_existing_folder(), out)
    if as_json:
        emit_json({"path": str(out), "files": names})
    else:
        click.echo(f"Wrote {out} ({len(names)} files).", err=True)
