"""A person uploads an Outreach Helper JSON export into a store that holds data, in real
Chromium: a page asks whether to merge or to replace, and merging opens the result."""

import pytest
from playwright.sync_api import expect

from helper.db import transaction
from helper.store.contacts import ContactInput, create_contact
from helper.store.json_document import dumps
from helper.store.opening import open_store

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_server(start_server):
    return start_server(demo=True)


@pytest.fixture
def export(tmp_path):
    """Another store's export: a demo person at the same company, and someone new."""
    other = open_store(tmp_path / "other")
    with transaction(other.sessions) as session:
        create_contact(
            session,
            ContactInput(
                name="Priya Raman",
                current_company="Fictional Bank Ltd",
                emails=["priya.raman@bank.test"],
            ),
        )
        create_contact(session, ContactInput(name="Ada Lovelace", emails=["ada@engines.test"]))
    path = tmp_path / "outreach-helper-export.json"
    with other.sessions() as session:
        path.write_text(dumps(session), encoding="utf-8")
    other.close()
    return path


def test_an_export_into_the_demo_store_asks_then_merges_and_shows_the_result(
    page, demo_server, export, screenshot
):
    page.goto(demo_server + "/imports")
    page.get_by_label("File to import").set_input_files(str(export))
    page.get_by_role("button", name="Import", exact=True).click()

    expect(
        page.get_by_text("This is an Outreach Helper export and your store already holds")
    ).to_be_visible(timeout=60_000)
    merge = page.get_by_role("button", name="Merge its contacts into this store")
    expect(merge).to_be_visible()
    expect(page.get_by_role("button", name="Replace this store with the export")).to_be_visible()
    screenshot("import-json-choice")

    merge.click()
    expect(page.get_by_role("heading", name="Import of outreach-helper-export.json")).to_be_visible(
        timeout=60_000
    )
    expect(page.get_by_text("Imported.", exact=True)).to_be_visible()
    counts = page.locator("ul.result-counts")
    expect(counts).to_contain_text("1 created")
    expect(counts).to_contain_text("1 merged into existing contacts")
    screenshot("import-json-result")

    page.get_by_role("link", name="Import history").click()
    history = page.locator("table.imports")
    expect(history).to_contain_text("outreach-helper-export.json")
    expect(history).to_contain_text("Outreach Helper export (JSON)")
