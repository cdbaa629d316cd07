"""The demo store shows every page with something in it; screenshots for the README."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_server(start_server):
    return start_server(demo=True)


def test_demo_pages_show_contacts_of_every_category(page, demo_server, screenshot):
    page.goto(demo_server + "/")
    expect(page.get_by_text("40 contacts in all")).to_be_visible()
    screenshot("dashboard")
    page.get_by_role("link", name="Contacts", exact=True).click()
    expect(page.get_by_role("table")).to_be_visible()
    screenshot("contacts")
    page.get_by_label("Category", exact=True).select_option("introducer")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="William Clarke")).to_be_visible()
    page.goto(demo_server + "/me")
    expect(page.get_by_role("heading", name="Readiness for steps 5–6")).to_be_visible()
    screenshot("me")
