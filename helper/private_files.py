"""The data folder is its owner's alone: the folder and its subfolders 0700, every file 0600,
whatever the umask. The store holds the whole network, the calendar feed's secret and the
extension's pairing code, and a common umask (022) would let every local user read them.

On Windows the modes mean little (the user profile's ACLs protect the folder); `os.chmod`
there only sets the read-only flag, so nothing is changed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
_OPEN_TO_OTHERS = stat.S_IRWXG | stat.S_IRWXO
_MODES_APPLY = os.name == "posix"

logger = logging.getLogger(__name__)


def private_folder(path: Path) -> Path:
    """`path` created if missing (with its parents), readable by its owner only."""
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    _tighten(path, FOLDER_MODE)
    return path


def keep_data_folder_private(data_dir: Path) -> None:
    """Create the data folder for its owner alone, and take back what other users could read
    in one made before (or by hand), saying so."""
    data_dir.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    opened = tighten_folder(data_dir)
    if opened:
        logger.warning(
            "Made %s readable by you only: %d files and folders in it could be read by other "
            "users of this computer.",
            data_dir,
            len(opened),
        )


def create_private_file(path: Path) -> None:
    """An empty file only its owner can read, unless one is there already; a file SQLite
    then opens keeps that mode and gives it to its journal and WAL files."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))


@contextlib.contextmanager
def replaced_whole(path: Path, *, private: bool = True) -> Iterator[Path]:
    """A file beside `path` to write in the block, renamed over `path` when the block ends and
    removed if it fails, so no reader ever finds half a file. `private`: made readable by its
    owner only before anything is in it (a backup, a password), not a moment later."""
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)  # left by a crash: it would keep its old mode
    if private:
        create_private_file(partial)
    try:
        yield partial
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def make_private(path: Path) -> None:
    """A file made by another library (SQLite's backup) readable by its owner only."""
    _tighten(path, FILE_MODE)


def tighten_folder(folder: Path) -> list[Path]:
    """Take group and other permissions off `folder` and everything in it (symbolic links
    are not followed); returns what was changed, so the caller can say so."""
    changed = [folder] if _tighten(folder, FOLDER_MODE) else []
    for root, folders, files in os.walk(folder):
        for name in folders:
            path = Path(root, name)
            if not path.is_symlink() and _tighten(path, FOLDER_MODE):
                changed.append(path)
        for name in files:
            path = Path(root, name)
            if not path.is_symlink() and _tighten(path, FILE_MODE):
                changed.append(path)
    return changed


def _tighten(path: Path, mode: int) -> bool:
    if not _MODES_APPLY:
        return False
    try:
        current = stat.S_IMODE(path.lstat().st_mode)
    except FileNotFoundError:
        return False  # gone meanwhile: a temporary file of a running import
    if not current & _OPEN_TO_OTHERS:
        return False
    os.chmod(path, mode)
    return True
