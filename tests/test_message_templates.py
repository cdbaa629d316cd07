"""Where the user's own message templates are found, from a folder or from a store's session."""

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from helper.store.message_templates import message_overrides, session_overrides


def test_overrides_live_in_the_data_folder(tmp_path):
    assert message_overrides(tmp_path) == tmp_path / "templates" / "messages"


def test_a_store_session_knows_its_overrides_folder(store, session):
    assert session_overrides(session) == store.data_dir / "templates" / "messages"


def test_a_session_without_a_store_has_none():
    with Session(create_engine("sqlite://")) as bare:
        assert session_overrides(bare) is None
