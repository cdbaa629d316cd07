"""`outreach-helper extension path` and `extension pack`."""

from __future__ import annotations

import json
import zipfile

from helper.cli import main
from helper.resources import EXTENSION_DIR
from tests.conftest import REPO_ROOT


def test_path_prints_the_folder_to_load_unpacked(runner):
    result = runner.invoke(main, ["extension", "path"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(REPO_ROOT / "extension_bridge")
    assert (EXTENSION_DIR / "manifest.json").is_file()


def test_path_as_json(runner):
    result = runner.invoke(main, ["extension", "path", "--json"])
    assert json.loads(result.output) == {"path": str(REPO_ROOT / "extension_bridge")}


def test_pack_zips_the_extension_with_the_manifest_at_the_root(runner, tmp_path):
    out = tmp_path / "upload" / "outreach-helper.zip"
    result = runner.invoke(main, ["extension", "pack", "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
    assert json.loads(result.output) == {"path": str(out), "files": names}
    assert {"manifest.json", "service_worker.js", "content.js", "popup.html"} <= set(names)
    assert "icons/icon-128.png" in names
    assert not [name for name in names if name.startswith(".") or "/." in name]
    assert manifest["manifest_version"] == 3


def test_two_packs_of_the_same_folder_are_identical(runner, tmp_path):
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    runner.invoke(main, ["extension", "pack", "--out", str(first)])
    runner.invoke(main, ["extension", "pack", "--out", str(second)])
    assert first.read_bytes() == second.read_bytes()


def test_pack_refuses_a_name_that_is_not_a_zip(runner, tmp_path):
    result = runner.invoke(main, ["extension", "pack", "--out", str(tmp_path / "ext.crx")])
    assert result.exit_code == 1
    assert "should end in .zip" in result.output
    assert not (tmp_path / "ext.crx").exists()
