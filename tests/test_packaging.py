"""The package installs without the source tree: a wheel carries every file the app reads,
and an app run from the unpacked wheel alone renders its pages and drafts."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

# The installed copy must not fall back to the checkout: run from elsewhere, wheel first.
_RUN_FROM_WHEEL = """
import sys, tempfile
from pathlib import Path
import helper
from helper import create_app
from helper.resources import TEMPLATES_DIR
assert Path(helper.__file__).is_relative_to(sys.argv[1]), helper.__file__
assert TEMPLATES_DIR.is_relative_to(sys.argv[1]), TEMPLATES_DIR
app = create_app({"DATA_DIR": Path(tempfile.mkdtemp()) / "data", "DEMO": True, "TESTING": True})
client = app.test_client()
for page in ("/", "/contacts", "/goals", "/contacts/1/draft"):
    assert client.get(page).status_code == 200, page
print("ok")
"""


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> tuple[Path, set[str]]:
    wheel_dir = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", str(REPO_ROOT), "--no-deps"]
    subprocess.run(
        [*command, "--quiet", "--wheel-dir", str(wheel_dir)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = wheel_dir.glob("outreach_helper-*.whl")
    return wheel, set(zipfile.ZipFile(wheel).namelist())


def test_the_wheel_holds_every_module_template_static_file_migration_and_the_demo_data(
    wheel_names,
):
    _wheel, names = wheel_names
    expected = {path.relative_to(REPO_ROOT).as_posix() for path in _package_files()}
    expected |= {
        "helper/templates/" + path.relative_to(REPO_ROOT / "templates").as_posix()
        for path in (REPO_ROOT / "templates").rglob("*")
        if path.is_file()
    }
    assert "helper/templates/pages/base.html" in expected
    assert "helper/db/migrations/env.py" in expected
    assert "helper/store/demo_people.csv" in expected
    assert sorted(expected - names) == []


def test_an_app_run_from_the_unpacked_wheel_alone_renders_its_pages(wheel_names, tmp_path):
    wheel, _names = wheel_names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    result = subprocess.run(
        [sys.executable, "-c", _RUN_FROM_WHEEL, str(site)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.stdout.strip() == "ok", result.stderr


def _package_files() -> list[Path]:
    return [
        path
        for path in (REPO_ROOT / "helper").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    ]
