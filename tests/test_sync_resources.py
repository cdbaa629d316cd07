"""What a sync decides without a server: when two copies of a resource say the same, where a
new resource goes, and which contacts the settings pick."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helper.errors import SyncFailed
from helper.exporters.vcard import escape_text, fold
from helper.store.sync.contacts import CARDS
from helper.store.sync.resources import resource_url, same_content
from helper.store.sync.settings import (
    SyncSettings,
    check_shared_server_address,
    load_settings,
    save_settings,
)

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:c9b0@x\r\nFN:Priya Raman\r\nN:Raman;Priya;;;\r\n"
    "ORG:Monzo\r\nTITLE:Head of Data\r\nEND:VCARD\r\n"
)


def test_a_copy_the_server_sorted_and_wrote_with_plain_newlines_is_the_same():
    lines = CARD.strip().split("\r\n")
    resorted = "\n".join([lines[0], *sorted(lines[1:-1]), lines[-1]])
    assert same_content(CARD, resorted)


def test_a_changed_value_is_not_the_same():
    assert not same_content(CARD, CARD.replace("Head of Data", "Chief Data Officer"))


def test_the_stamps_a_writer_adds_on_each_write_do_not_count():
    stamped = CARD.replace("END:VCARD", "REV:20261202T101010Z\r\nPRODID:-//Apple//EN\r\nEND:VCARD")
    assert same_content(CARD, stamped)


@given(st.text(min_size=1, max_size=300))
def test_any_note_is_the_same_folded_or_not(note):
    line = f"NOTE:{escape_text(note)}"
    folded = CARD.replace("END:VCARD\r\n", fold(line) + "END:VCARD\r\n")
    unfolded = CARD.replace("END:VCARD\r\n", line + "\r\nEND:VCARD\r\n")
    assert same_content(folded, unfolded)


def test_a_new_resource_is_named_by_its_uid_with_slashes_and_at_signs_encoded():
    url = resource_url("https://dav.example/ann/contacts", "a/b@c", CARDS)
    assert url == "https://dav.example/ann/contacts/a%2Fb%40c.vcf"


def test_no_category_or_tier_chosen_picks_every_contact():
    settings = SyncSettings("https://dav.example/", "ann", address_book="Contacts")
    assert settings.picks_contact([], "unset")


def test_chosen_categories_or_tiers_pick_a_contact_in_any_of_them():
    settings = SyncSettings("https://d/", "ann", categories=("mentor",), tiers=("strengthen",))
    assert settings.picks_contact(["mentor", "club"], "unset")
    assert settings.picks_contact([], "strengthen")
    assert not settings.picks_contact(["club"], "maintain")


def test_an_unknown_category_is_refused_by_name():
    with pytest.raises(SyncFailed, match="no category or tier is called 'friends'"):
        SyncSettings("https://d/", "ann", categories=("friends",))


def test_settings_read_back_as_they_were_saved(tmp_path):
    settings = SyncSettings(
        "https://dav.example/", "ann « A »", "Work", "Contacts", ("mentor",), ("maintain",)
    )
    save_settings(tmp_path, settings)
    assert load_settings(tmp_path) == settings


def test_settings_with_a_control_character_are_refused(tmp_path):
    with pytest.raises(SyncFailed, match="cannot hold control characters"):
        save_settings(tmp_path, SyncSettings("https://d/\n[x]", "ann"))


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:5232/",
        "https://localhost/dav/",
        "http://169.254.169.254/",
        "http://[::1]/",
    ],
)
def test_a_team_server_refuses_to_sync_with_its_own_machine_or_the_metadata_service(url):
    with pytest.raises(SyncFailed, match="a team server does not sync with"):
        check_shared_server_address(url)


def test_a_team_server_may_sync_with_a_host_of_its_own_network():
    check_shared_server_address("https://10.1.2.3/remote.php/dav")
    check_shared_server_address("https://192.168.1.20:5232/")


def test_an_unknown_server_name_is_refused_by_name():
    with pytest.raises(SyncFailed, match=r"the server name 'no-such-host\.invalid' is not known"):
        check_shared_server_address("https://no-such-host.invalid/dav")
