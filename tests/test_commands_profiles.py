"""`outreach-helper parse-profile FILE|- --json`: the profile JSON of the CLI contract, classified
against "Me" of the selected store, with one-line errors."""

import json

import pytest

from helper.cli import main
from helper.db.models import Contact
from helper.store.contacts import ContactInput, update_contact
from helper.web.session import solo_workspace

PROFILE_FIELDS = [
    "name",
    "pronouns",
    "headline",
    "location",
    "current_title",
    "current_company",
    "about",
    "linkedin_url",
    "emails",
    "phones",
    "positions",
    "education",
    "skills",
    "categories",
]


def parse(runner, *args, stdin=None):
    result = runner.invoke(main, ["parse-profile", *map(str, args)], input=stdin)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "path",
    [
        "text/chromium_single_role.txt",
        "text/non_latin_name.txt",
        "html/public_jsonld_2024.html",
        "html/logged_in_2024.html",
    ],
)
def test_a_fixture_prints_its_expected_json_in_the_contract_spelling(runner, data_path, path):
    source = data_path / "profiles" / path
    expected = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))
    document = parse(runner, source, "--json")
    assert list(document) == PROFILE_FIELDS
    without_categories = {k: v for k, v in document.items() if k != "categories"}
    assert without_categories == {k: v for k, v in expected.items() if k != "categories"}
    assert all(set(c) == {"key", "reason"} for c in document["categories"])


def test_a_dash_reads_standard_input(runner, data_path):
    text = (data_path / "profiles" / "text" / "chromium_single_role.txt").read_text("utf-8")
    assert parse(runner, "-", "--json", stdin=text)["name"] == "Priya Raman"


def test_my_former_employer_in_the_selected_store_makes_a_colleague(runner, data_path, tmp_path):
    store = tmp_path / "elsewhere"
    source = data_path / "profiles" / "text" / "chromium_grouped_roles_duplicated.txt"
    before = parse(runner, source, "--json", "--data-dir", store)
    assert "colleague" not in [c["key"] for c in before["categories"]]
    set_me = ["me", "set", "--former-employer", "Contoso Ltd", "--data-dir", str(store)]
    assert runner.invoke(main, set_me).exit_code == 0
    after = parse(runner, source, "--json", "--data-dir", store)
    assert {"key": "colleague", "reason": "works at Contoso Ltd, your former employer"} in after[
        "categories"
    ]


def test_my_current_employer_makes_a_colleague_too(runner, data_path):
    assert runner.invoke(main, ["me", "set", "--employer", "Fabrikam"]).exit_code == 0
    source = data_path / "profiles" / "text" / "chromium_single_role.txt"
    keys = [c["key"] for c in parse(runner, source, "--json")["categories"]]
    assert "colleague" in keys


def test_without_json_a_person_reads_the_name_role_and_categories(runner, data_path):
    source = data_path / "profiles" / "text" / "chromium_grouped_roles_duplicated.txt"
    result = runner.invoke(main, ["parse-profile", str(source)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "Daniel Okafor — Head of Talent Acquisition at Contoso Ltd"
    )
    assert "  recruiter: headline says 'Talent Acquisition'" in result.stdout


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("   \n", "Error: The input is empty: paste a profile's text or a saved page."),
        (b"%PDF-1.7 rest", "Error: This is a PDF document, not profile text or a saved page."),
        (b"a\x00b", "Error: This is binary data (it contains NUL bytes), not text."),
        (b"x" * 20_000_001, "Error: The input is over 20 MB, so it is not one profile."),
    ],
    ids=["blank", "pdf", "nul-bytes", "over-20-mb"],
)
def test_bad_input_fails_with_one_line_and_status_1(runner, stdin, message):
    result = runner.invoke(main, ["parse-profile", "-", "--json"], input=stdin)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [message]
    assert result.stdout == ""


def test_a_missing_file_is_named(runner, tmp_path):
    result = runner.invoke(main, ["parse-profile", str(tmp_path / "nope.txt"), "--json"])
    assert result.exit_code != 0
    assert "nope.txt" in result.stderr


def add(runner, *args, stdin=None):
    result = runner.invoke(main, ["add-profile", *map(str, args)], input=stdin)
    assert result.exit_code == 0, result.output
    return result


def test_add_profile_saves_the_page_and_prints_the_contact_json(runner, data_path):
    source = data_path / "profiles" / "i18n" / "de_full_page.txt"
    document = json.loads(add(runner, source, "--json").stdout)
    assert list(document) == ["id", *PROFILE_FIELDS, "tier"]
    assert (document["name"], document["tier"]) == ("Anna Weber", "unset")
    listed = json.loads(runner.invoke(main, ["contacts", "--json"]).stdout)
    assert [c["id"] for c in listed] == [document["id"]]


def test_adding_the_same_page_again_updates_the_one_contact_and_keeps_my_edits(
    runner, data_path, app
):
    source = data_path / "profiles" / "text" / "chromium_single_role.txt"
    first = json.loads(add(runner, source, "--json").stdout)
    store = solo_workspace(app).store
    with store.sessions() as session:
        contact = session.get(Contact, first["id"])
        update_contact(session, contact, ContactInput(name=contact.name, headline="Mine"))
        session.commit()
    result = add(runner, source)
    assert result.stdout.startswith(
        "Updated, matched by similar name at the same company: Priya Raman, contact "
    )
    again = json.loads(add(runner, source, "--json").stdout)
    assert again["id"] == first["id"]
    assert again["headline"] == "Mine"


def test_add_profile_reads_standard_input_and_names_the_guessed_fields(runner):
    result = add(runner, "-", stdin="Priya Raman\nHead of Data at Fabrikam\npriya@example.com\n")
    assert result.stdout.startswith("Added: Priya Raman, contact ")
    assert result.stderr.strip() == (
        "Check these, read without a label on the page: name, current_title, current_company"
    )


def test_add_profile_refuses_what_holds_no_person_and_stores_nothing(runner):
    result = runner.invoke(main, ["add-profile", "-", "--json"], input="just some words\n")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: No person found")
    assert json.loads(runner.invoke(main, ["contacts", "--json"]).stdout) == []
