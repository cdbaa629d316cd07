"""The code is formatted and linted with ruff (configured in pyproject.toml)."""

import ast
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ENGINE_INDEPENDENT, REPO_ROOT

# What opens a store: the store, database, web and command code, and the fixtures made on them.
STORE_CODE = re.compile(
    r"helper\.(db|store|web|cli|app|commands)\b|create_app|open_store|build_app"
)
STORE_FIXTURES = frozenset(
    {
        "app", "client", "store", "session", "runner", "post_form", "team_app", "sync_data_dir",
        "serve_process", "second_database_url", "team_database_url", "empty_database_url",
        "database_engine", "postgres_database", "postgres_second_database", "radicale_server",
        "book_path", "blank_store_file", "started_mbox_readers", "live_server", "start_server",
    }
)  # fmt: skip


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


@pytest.mark.parametrize("module", sorted(ENGINE_INDEPENDENT))
def test_a_module_left_out_of_the_postgresql_pass_never_opens_a_store(module):
    source = (REPO_ROOT / "tests" / f"{module}.py").read_text(encoding="utf-8")
    assert STORE_CODE.search(source) is None
    parameters = {
        argument.arg
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef)
        for argument in node.args.args
    }
    assert parameters.isdisjoint(STORE_FIXTURES)
