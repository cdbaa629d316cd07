"""The "Me" page and its readiness panel."""

from helper.store.me import get_me


def test_saving_me_keeps_lists_and_normalises_addresses(client, post_form, store):
    page = post_form(
        "/me",
        {
            "name": "Alex Example",
            "employers": "Contoso Ltd\nFabrikam",
            "former_employers": "Northwind",
            "emails": "Alex@Example.com",
            "domains": "@contoso.com",
            "timezone": "Europe/London",
            "linkedin_note_limit": "200",
        },
    ).get_data(as_text=True)
    assert "Your profile is saved." in page
    with store.sessions() as session:
        me = get_me(session)
        assert me.employers == ["Contoso Ltd", "Fabrikam"]
        assert me.emails == ["alex@example.com"]
        assert me.domains == ["contoso.com"]
        assert me.linkedin_note_limit == 200


def test_an_unknown_time_zone_is_refused_by_name(client, post_form):
    page = post_form("/me", {"timezone": "Mars/Olympus", "linkedin_note_limit": "300"})
    assert "&#39;Mars/Olympus&#39; is not a time zone name" in page.get_data(as_text=True)


def test_the_readiness_panel_says_what_is_missing_and_links_to_the_field(client):
    page = client.get("/me").get_data(as_text=True)
    assert '<a href="#pitch">Write your 60-second pitch.</a>' in page
    assert '<a href="#offer">' in page and '<a href="#signature">' in page
    assert '<a href="#linkedin_url">' in page


def test_a_pitch_over_150_words_is_flagged_with_its_word_count(client, post_form):
    pitch = " ".join(["word"] * 170)
    page = post_form("/me", {"pitch": pitch, "timezone": "UTC", "linkedin_note_limit": "300"})
    assert "Your pitch has 170 words; cut it to at most 150" in page.get_data(as_text=True)


def test_every_me_field_has_a_label(client):
    page = client.get("/me").get_data(as_text=True)
    for name in (
        "name",
        "headline",
        "employers",
        "former_employers",
        "emails",
        "pitch",
        "offer",
        "signature",
        "timezone",
        "linkedin_note_limit",
        "linkedin_url",
    ):
        assert f'<label for="{name}">' in page
