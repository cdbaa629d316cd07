"""The package installs without the source tree: a wheel carries every file the app reads."""

import subprocess
import sys
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_holds_the_templates_static_files_migrations_and_demo_data(tmp_path):
    command = [sys.executable, "-m", "pip", "wheel", str(REPO_ROOT), "--no-deps"]
    subprocess.run(
        [*command, "--quiet", "--wheel-dir", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("outreach_helper-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "helper/templates/pages/base.html",
        "helper/templates/messages/_shared/_default.txt",
        "helper/static/css/app.css",
        "helper/migrations/env.py",
        "helper/demo_people.csv",
    ):
        assert needed in names, needed
