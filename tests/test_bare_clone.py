"""The repository stands on its own: a copy of it with nothing beside it collects every test
and passes a module whose extra layer reads the public sample corpus outside the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT


@pytest.fixture(scope="module")
def bare_clone(tmp_path_factory):
    """What a clone of this checkout would hold (tracked files, and new ones git does not
    ignore, as they are now), in a folder with nothing beside it."""
    if not (REPO_ROOT / ".git").exists():
        pytest.skip("not a git checkout, so there is no repository to clone")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO_ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    clone = tmp_path_factory.mktemp("alone") / "outreach-helper"
    for name in filter(None, listed.split("\0")):
        source = REPO_ROOT / name
        if source.is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clone / name)
    assert not (clone.parent / "shared").exists()
    return clone


def pytest_in(folder, *args: str) -> subprocess.CompletedProcess:
    # Outside CI, so the corpus layer may skip; the clone's own package comes first on the path.
    environment = {key: value for key, value in os.environ.items() if key != "CI"}
    environment["PYTHONPATH"] = str(folder)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-n", "0", *args],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_a_bare_clone_collects_every_test_and_passes_the_vcard_module_without_the_corpus(
    bare_clone,
):
    # One run: the whole suite is collected (an error in any module fails it) and the vcard
    # tests, whose extra layer reads the corpus, are run.
    result = pytest_in(bare_clone, "tests", "-k", "test_vcard", "-rs")
    output = result.stdout[-3000:] + result.stderr[-3000:]
    assert result.returncode == 0, output
    assert "error" not in result.stdout.splitlines()[-1], output
    skipped = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED")]
    assert skipped, "the corpus tests should skip where the corpus is missing"
    assert all("public corpus not found" in line for line in skipped), skipped
