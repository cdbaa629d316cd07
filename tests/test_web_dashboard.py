"""The home dashboard."""


def test_the_dashboard_counts_contacts_by_category(tmp_path):
    from helper import create_app

    client = create_app({"DATA_DIR": tmp_path, "DEMO": True}).test_client()
    page = client.get("/").get_data(as_text=True)
    assert "40 contacts in all" in page
    assert "Hello, Alex" in page
    assert "Demo store" in page


def test_placeholder_panels_say_what_will_appear_there(client):
    page = client.get("/").get_data(as_text=True)
    assert "progress towards its short, medium and long-term targets" in page
    assert "up to ten concrete next actions" in page
