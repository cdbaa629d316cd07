"""The extension's manifest: minimal permissions, checked here and by Mozilla's web-ext lint."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess

import pytest

from tests.conftest import REPO_ROOT

EXTENSION = REPO_ROOT / "extension_bridge"
# Pinned so that a new web-ext release cannot change what CI accepts behind our back.
WEB_EXT_VERSION = "10.7.0"
LINT_TIMEOUT_S = 600


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))


def web_ext_command() -> list[str]:
    installed = shutil.which("web-ext")
    if installed:
        return [installed]
    npx = shutil.which("npx")
    if npx:
        return [npx, "--yes", f"web-ext@{WEB_EXT_VERSION}"]
    message = "web-ext lint needs Node.js: install npm, then `npm install -g web-ext@10.7.0`"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but neither web-ext nor npx is on PATH. {message}")
    pytest.skip(message)


def test_permissions_are_storage_and_the_local_service_only(manifest):
    assert manifest["manifest_version"] == 3
    assert manifest["permissions"] == ["storage"]
    assert manifest["host_permissions"] == ["http://127.0.0.1:8765/*"]
    assert "optional_permissions" not in manifest
    assert "externally_connectable" not in manifest


def test_the_content_script_runs_on_linkedin_profiles_only(manifest):
    (script,) = manifest["content_scripts"]
    assert script["matches"] == ["https://www.linkedin.com/in/*"]
    assert script["js"] == ["content.js"]


def test_the_content_script_never_reaches_the_service_itself():
    content = (EXTENSION / "content.js").read_text(encoding="utf-8")
    assert "fetch(" not in content and "XMLHttpRequest" not in content
    assert "127.0.0.1" not in content


def test_only_the_service_worker_calls_the_app():
    callers = [path.name for path in EXTENSION.glob("*.js") if "fetch(" in path.read_text("utf-8")]
    assert callers == ["service_worker.js"]


def test_the_background_works_in_chromium_and_firefox(manifest):
    background = manifest["background"]
    assert background["service_worker"] == "service_worker.js"
    assert background["scripts"] == ["service_worker.js"]
    assert background["type"] == "module"
    assert manifest["browser_specific_settings"]["gecko"]["id"]


def test_every_file_the_manifest_names_exists(manifest):
    named = [
        manifest["background"]["service_worker"],
        manifest["action"]["default_popup"],
        manifest["options_ui"]["page"],
        *manifest["content_scripts"][0]["js"],
        *manifest["icons"].values(),
        *manifest["action"]["default_icon"].values(),
    ]
    assert [name for name in named if not (EXTENSION / name).is_file()] == []


def test_the_icons_are_pngs_of_their_stated_size(manifest):
    for size, name in manifest["icons"].items():
        data = (EXTENSION / name).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n"), name
        width, height = struct.unpack(">II", data[16:24])
        assert (width, height) == (int(size), int(size)), name


def test_web_ext_lint_finds_no_errors():
    command = [
        *web_ext_command(),
        "lint",
        "--source-dir",
        str(EXTENSION),
        "--self-hosted",
        "--output",
        "json",
        "--no-input",
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=LINT_TIMEOUT_S, check=False
    )
    report = json.loads(result.stdout[result.stdout.index("{") :])
    errors = [f"{e['code']}: {e['description']}" for e in report["errors"]]
    assert errors == []
    assert report["summary"]["errors"] == 0
