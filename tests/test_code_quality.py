"""The code is formatted and linted with ruff (configured in pyproject.toml)."""

import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT


def ruff(*args: str) -> subprocess.CompletedProcess:
    executable = shutil.which("ruff")
    command = [executable] if executable else [sys.executable, "-m", "ruff"]
    return subprocess.run(
        [*command, *args], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("check", [("check", "."), ("format", "--check", ".")])
def test_ruff_finds_nothing_to_fix(check):
    result = ruff(*check)
    assert result.returncode == 0, result.stdout + result.stderr
