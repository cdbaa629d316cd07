"""The README stays true: every setting is documented, and CI runs its test command verbatim."""

import re

from helper.config import SETTINGS
from tests.conftest import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_every_setting_is_in_the_readme():
    for setting in SETTINGS:
        assert f"`{setting.name}`" in README, setting.name


def test_the_quick_start_is_two_commands_one_to_serve_one_to_test():
    commands = quick_start_commands()
    assert len(commands) == 2
    assert "outreach-helper serve" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_verbatim_on_postgresql_then_on_sqlite():
    ci_lines = (REPO_ROOT / ".ci" / "run").read_text().strip().splitlines()
    assert ci_lines[-1] == quick_start_commands()[1]
    assert ci_lines[-3].startswith("OUTREACH_HELPER_TEST_DATABASE_URL=")
    assert ci_lines[-2].strip() == quick_start_commands()[1]


def test_the_readme_screenshots_exist():
    for path in re.findall(r"\]\((docs/screenshots/[^)]+)\)", README):
        assert (REPO_ROOT / path).is_file(), path
