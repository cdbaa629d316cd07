"""The "Browser extension" page under Me: pairing codes and the list of paired extensions."""

from __future__ import annotations

import re

from helper.db.models import BridgeToken
from helper.store.bridge import new_pairing_code, pair

EXTENSION = "moz-extension://0f6ab2c4-3d1e-4b5a-9c8d-7e6f5a4b3c2d"


def paired_token(session) -> BridgeToken:
    pair(session, new_pairing_code(session).code, EXTENSION)
    session.commit()
    return session.query(BridgeToken).one()


def test_the_me_page_links_to_the_extension_page(client):
    page = client.get("/me").get_data(as_text=True)
    assert 'href="/me/extension"' in page


def test_the_page_tells_how_to_install_and_offers_a_code(client):
    page = client.get("/me/extension").get_data(as_text=True)
    assert "Load unpacked" in page and "Load Temporary Add-on" in page
    assert "extension_bridge" in page
    assert "Make a pairing code" in page
    assert "No extension is paired yet." in page


def test_making_a_code_shows_it_with_its_expiry(post_form):
    page = post_form("/me/extension/code", {}, page="/me/extension").get_data(as_text=True)
    assert re.search(r'id="pairing-code">[A-Z2-9]{4}-[A-Z2-9]{4}<', page)
    assert "It works once, until" in page
    assert "Make a new code" in page


def test_making_a_code_needs_the_form_token(client):
    response = client.post("/me/extension/code")
    assert response.status_code == 400
    assert 'id="pairing-code"' not in client.get("/me/extension").get_data(as_text=True)


def test_paired_extensions_are_listed_and_can_be_revoked(post_form, client, session):
    token = paired_token(session)
    page = client.get("/me/extension").get_data(as_text=True)
    assert EXTENSION in page and "Firefox extension" in page and "never" in page
    after = post_form(f"/me/extension/{token.id}/revoke", {}, page="/me/extension")
    text = after.get_data(as_text=True)
    assert f"Firefox extension ({EXTENSION}) can no longer reach Outreach Helper." in text
    assert "Revoked" in text
    session.refresh(token)
    assert token.revoked_at is not None


def test_revoking_an_unknown_extension_is_a_clear_404(post_form):
    response = post_form("/me/extension/41/revoke", {}, page="/me/extension", follow=False)
    assert response.status_code == 404
    assert "no paired extension with id 41" in response.get_data(as_text=True)
