"""A person imports their LinkedIn connections through the Import page in real Chromium."""

import pytest
from playwright.sync_api import expect

from bench.generate_contacts import write_connections_csv

pytestmark = pytest.mark.browser
# Large enough that the import takes a moment, so the progress page is seen before the result.
ROWS = 20_000


def unlabelled_fields(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
              .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
              .map(el => el.name || el.id)"""
    )


def test_upload_watch_the_progress_and_read_the_result(page, live_server, screenshot, tmp_path):
    connections = tmp_path / "Connections.csv"
    write_connections_csv(connections, ROWS, seed=11)
    page.goto(live_server + "/")
    page.get_by_role("link", name="Import", exact=True).click()
    expect(page.get_by_role("heading", name="Import contacts or mail")).to_be_visible()
    assert unlabelled_fields(page) == []

    page.get_by_label("File to import").set_input_files(str(connections))
    page.get_by_role("button", name="Import", exact=True).click()

    expect(page.get_by_role("heading", name="Importing Connections.csv")).to_be_visible()
    expect(page.get_by_role("progressbar")).to_be_visible()
    expect(page.get_by_role("button", name="Cancel the import")).to_be_visible()
    screenshot("import-progress")

    expect(page.get_by_role("heading", name="Import of Connections.csv")).to_be_visible(
        timeout=120_000
    )
    expect(page.get_by_text("Imported.", exact=True)).to_be_visible()
    counts = page.locator("ul.result-counts")
    expect(counts).to_contain_text(f"{ROWS:,} created")
    screenshot("import-result")

    page.get_by_role("link", name="Import history").click()
    history = page.locator("table.imports")
    expect(history).to_contain_text("Connections.csv")
    expect(history).to_contain_text("LinkedIn Connections.csv")
    expect(history).to_contain_text("Imported")
    screenshot("import-history")


def test_a_file_that_is_not_an_export_says_why_on_the_result_page(page, live_server, tmp_path):
    binary = tmp_path / "contacts.vcf"
    binary.write_bytes(bytes(range(256)) * 64)
    page.goto(live_server + "/imports")
    page.get_by_label("File to import").set_input_files(str(binary))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text("This file could not be imported; nothing was stored.")).to_be_visible(
        timeout=60_000
    )
