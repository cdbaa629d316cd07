"""Add from profile: paste or choose a saved page, check the editable preview, confirm."""

import io

import pytest
from sqlalchemy import func, select

from helper.db.models import Contact
from tests.conftest import csrf_token_from, submitted


@pytest.fixture
def paste(client):
    """Submit the "Add from profile" page with pasted text or a chosen file."""

    def send(text: str = "", *, file: tuple[bytes, str] | None = None):
        token = csrf_token_from(client.get("/profiles/new").get_data(as_text=True))
        data = {"text": text, "csrf_token": token}
        if file is not None:
            data["page_file"] = (io.BytesIO(file[0]), file[1])
        return client.post(
            "/profiles/new", data=data, content_type="multipart/form-data", follow_redirects=True
        )

    return send


@pytest.fixture
def profile_text(data_path):
    def read(name: str) -> str:
        return (data_path / "profiles" / "text" / name).read_text(encoding="utf-8")

    return read


def contacts(store) -> list[Contact]:
    with store.sessions() as session:
        return list(session.scalars(select(Contact).order_by(Contact.id)))


def contact_count(store) -> int:
    with store.sessions() as session:
        return session.scalar(select(func.count(Contact.id)))


def test_the_page_offers_one_labelled_text_box_and_a_file_picker(client):
    page = client.get("/profiles/new").get_data(as_text=True)
    assert '<label for="text">Profile text or page source</label>' in page
    assert '<label for="page_file">Or choose a saved profile page (.html)</label>' in page
    assert 'enctype="multipart/form-data"' in page


def test_pasting_shows_every_parsed_field_and_the_suggestions_and_stores_nothing(
    paste, profile_text, store
):
    response = paste(profile_text("chromium_grouped_roles_duplicated.txt"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Check before saving: Daniel Okafor" in page
    assert 'value="Head of Talent Acquisition"' in page
    assert 'value="Senior Technical Recruiter"' in page
    assert 'value="University of Birmingham"' in page
    assert "Technical Recruiting\nTalent Acquisition</textarea>" in page
    assert "Suggested: headline says &#39;Talent Acquisition&#39;" in page
    assert 'value="recruiter" id="category-recruiter" checked' in page
    assert "This will add a new contact." in page
    assert contact_count(store) == 0


def test_confirming_adds_the_contact_with_its_categories_and_opens_it(
    client, paste, profile_text, store
):
    preview = paste(profile_text("chromium_grouped_roles_duplicated.txt")).get_data(as_text=True)
    response = client.post("/profiles/confirm", data=submitted(preview), follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Daniel Okafor is added." in page
    assert "Head of Talent Acquisition at Contoso Ltd" in page
    [contact] = contacts(store)
    with store.sessions() as session:
        stored = session.get(Contact, contact.id)
        assert [(c.key, c.source) for c in stored.categories] == [("recruiter", "suggested")]
        assert len(stored.positions) == 4


def test_pasting_the_same_profile_again_offers_to_update_not_to_duplicate(
    client, paste, profile_text, store
):
    text = profile_text("chromium_single_role.txt")
    client.post("/profiles/confirm", data=submitted(paste(text).get_data(as_text=True)))
    moved = text.replace("Manchester, England, United Kingdom", "Leeds, England, United Kingdom", 1)
    page = paste(moved).get_data(as_text=True)
    assert "Priya Raman is already in your contacts — this will update her record" in page
    assert "Matched by similar name at the same company." in page
    assert (
        "<td>Manchester, England, United Kingdom</td><td>Leeds, England, United Kingdom</td>"
        in page
    )
    response = client.post("/profiles/confirm", data=submitted(page), follow_redirects=True)
    assert "Priya Raman&#39;s record is updated." in response.get_data(as_text=True)
    [contact] = contacts(store)
    assert contact.location == "Leeds, England, United Kingdom"


def test_edits_and_category_choices_on_the_preview_are_what_is_stored(
    client, paste, profile_text, store
):
    preview = paste(profile_text("chromium_grouped_roles_duplicated.txt")).get_data(as_text=True)
    data = submitted(
        preview,
        current_title="VP Talent",
        emails="Daniel@Contoso.example",
        categories=["friend_family"],
        **{"positions-3-title": "", "positions-3-company": ""},
    )
    client.post("/profiles/confirm", data=data)
    with store.sessions() as session:
        contact = session.scalar(select(Contact))
        assert contact.current_title == "VP Talent"
        assert [e.email for e in contact.emails] == ["daniel@contoso.example"]
        assert [(c.key, c.source) for c in contact.categories] == [("friend_family", "user")]
        assert [p.title for p in contact.positions] == [
            "Head of Talent Acquisition",
            "Senior Technical Recruiter",
            "Senior Consultant",
        ]


def test_a_bad_value_on_the_preview_is_named_and_nothing_is_stored(
    client, paste, profile_text, store
):
    preview = paste(profile_text("chromium_single_role.txt")).get_data(as_text=True)
    response = client.post("/profiles/confirm", data=submitted(preview, emails="priya-at-x"))
    page = response.get_data(as_text=True)
    assert "&#39;priya-at-x&#39; is not a valid email address." in page
    assert 'value="Senior Product Manager"' in page
    assert contact_count(store) == 0


def test_choosing_a_saved_page_reads_the_file(paste, data_path):
    html = (data_path / "profiles" / "html" / "public_jsonld_2024.html").read_bytes()
    page = paste(file=(html, "lucia.html")).get_data(as_text=True)
    assert "Check before saving: Lucía Fernández Ortega" in page
    assert 'value="https://www.linkedin.com/in/lucia-fernandez-ortega/"' in page


def test_a_two_megabyte_saved_page_pasted_as_text_is_read(paste, data_path):
    html = (data_path / "profiles" / "html" / "logged_in_2024.html").read_text(encoding="utf-8")
    padding = "<!-- " + "x" * 2_100_000 + " -->"
    big = html.replace("</body>", padding + "</body>", 1)
    assert len(big.encode()) > 2_000_000
    response = paste(big)
    assert response.status_code == 200
    assert "Check before saving: Amara Nwosu" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "The input is empty: paste a profile&#39;s text or a saved page."),
        ("\x01\x02\x03" * 50, "This looks like binary data (control characters), not text."),
        ("x" * 20_000_001, "The input is 20.0 MB; a profile is at most 20 MB"),
        (
            "<!doctype html><html><head><title>News</title></head><body><h1>Weather</h1>"
            "<p>Rain today.</p></body></html>",
            "This page is not a LinkedIn profile and names no person",
        ),
        (
            "<html><body><script>alert('pwned')</script></body></html>",
            "This page is not a LinkedIn profile and names no person",
        ),
    ],
    ids=["empty", "binary", "20 MB", "another site", "only scripts"],
)
def test_bad_input_shows_the_readers_message_keeps_the_text_and_stores_nothing(
    paste, store, text, message
):
    response = paste(text)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Nothing was saved." in page
    assert message in page
    assert "<script>alert" not in page
    if text.strip() and len(text) < 1000:
        assert (
            text.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("'", "&#39;")
            in page
        )
    assert contact_count(store) == 0


def test_a_binary_file_is_refused_by_its_kind(paste, store):
    page = paste(file=(b"%PDF-1.7\n...", "profile.pdf")).get_data(as_text=True)
    assert "This is a PDF document, not profile text or a saved page." in page
    assert contact_count(store) == 0


def test_markup_in_a_profile_is_shown_as_text_and_stored_verbatim(
    client, paste, profile_text, store
):
    hostile = "Builds teams. <script>alert('x')</script> <img src=x onerror=alert(1)>"
    text = profile_text("chromium_single_role.txt")
    about_line = next(line for line in text.splitlines() if line.startswith("I lead"))
    preview = paste(text.replace(about_line, hostile)).get_data(as_text=True)
    assert "<script>alert" not in preview and "<img src=x" not in preview
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in preview
    detail = client.post("/profiles/confirm", data=submitted(preview), follow_redirects=True)
    assert "<script>alert" not in detail.get_data(as_text=True)
    [contact] = contacts(store)
    assert contact.about.startswith(hostile + "\n")


def test_a_script_inside_a_saved_page_is_never_echoed(paste, data_path):
    html = (data_path / "profiles" / "html" / "logged_in_2024.html").read_text(encoding="utf-8")
    page = paste(html.replace("</body>", "<script>alert('saved')</script></body>", 1))
    body = page.get_data(as_text=True)
    assert "Check before saving: Amara Nwosu" in body
    assert "alert(&#39;saved&#39;)" not in body and "alert('saved')" not in body


def test_a_form_without_its_security_token_is_refused(client, store):
    response = client.post("/profiles/confirm", data={"name": "Mallory"})
    assert response.status_code == 400
    assert contact_count(store) == 0


def test_a_paste_over_the_form_limit_is_explained_on_the_same_page(paste, store):
    response = paste("x" * 22_000_000)
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "What was sent is over 20 MB, larger than any profile page" in page
    assert '<label for="text">Profile text or page source</label>' in page
    assert contact_count(store) == 0


def test_a_field_read_without_a_label_is_flagged_on_the_preview(paste, data_path):
    text = (data_path / "profiles" / "i18n" / "en_minimal_paste.txt").read_text("utf-8")
    page = paste(text).get_data(as_text=True)
    assert "Check these first: location." in page
    assert "Guessed: nothing on the page labelled this. Check it." in page
    assert page.count(' guessed"') == 1


def test_the_honorific_is_shown_apart_from_the_name_and_stored(client, paste, data_path, store):
    text = (data_path / "profiles" / "i18n" / "de_full_page.txt").read_text("utf-8")
    preview = paste(text).get_data(as_text=True)
    assert 'name="name" required type="text" value="Anna Weber"' in preview
    assert 'name="honorific" type="text" value="Dr"' in preview
    client.post("/profiles/confirm", data=submitted(preview))
    with store.sessions() as session:
        contact = session.scalar(select(Contact))
        assert (contact.honorific, contact.name) == ("Dr", "Anna Weber")
