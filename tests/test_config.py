"""Where the store lives and which hosts count as this machine."""

import pytest

from helper.config import database_url, is_loopback, resolve_data_dir


def test_the_data_dir_option_wins_over_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("OUTREACH_HELPER_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "cli") == (tmp_path / "cli").resolve()
    assert resolve_data_dir(None) == (tmp_path / "env").resolve()


def test_without_either_the_platform_user_data_folder_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv("OUTREACH_HELPER_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_data_dir() == (tmp_path / "xdg" / "outreach-helper").resolve()


def test_database_url_overrides_the_sqlite_file_but_never_the_demo_store(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://team/outreach")
    assert database_url(tmp_path) == "postgresql://team/outreach"
    assert database_url(tmp_path, demo=True) == f"sqlite:///{tmp_path / 'demo.sqlite3'}"


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("localhost", True),
        ("LOCALHOST", True),
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("127.0.0.1.evil.example", False),
        ("localhost.evil.example", False),
        ("0.0.0.0", False),
        ("192.168.0.2", False),
        ("", False),
    ],
)
def test_only_loopback_names_and_addresses_count_as_this_machine(host, expected):
    assert is_loopback(host) is expected
