"""`outreach-helper contacts set`: tiers and categories chosen from the command line stick,
and a bad request changes nothing."""

from __future__ import annotations

import json

import pytest

from helper.cli import main

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical Engines,Data Analyst,08 Feb 2026\n"
    "Grace,Hopper,https://www.linkedin.com/in/grace,,Remington Rand,Talent Acquisition Lead,"
    "09 Feb 2026\n"
)


@pytest.fixture
def two_contacts(runner, tmp_path):
    """Ada (an analyst: a specialist) and Grace (a recruiter), imported from a Connections.csv;
    returns the export, for importing it again."""
    export = tmp_path / "Connections.csv"
    export.write_text(CONNECTIONS, encoding="utf-8")
    result = runner.invoke(main, ["import", str(export)])
    assert result.exit_code == 0, result.output
    return export


def listed(runner) -> dict[str, dict]:
    result = runner.invoke(main, ["contacts", "--json"])
    assert result.exit_code == 0, result.output
    return {document["name"]: document for document in json.loads(result.stdout)}


def keys(document: dict) -> list[str]:
    return [category["key"] for category in document["categories"]]


def test_a_tier_and_a_category_set_on_two_contacts_come_back_as_the_contract_spells_them(
    runner, two_contacts
):
    ids = [str(document["id"]) for document in listed(runner).values()]

    result = runner.invoke(
        main, ["contacts", "set", *ids, "--tier", "maintain", "--add-category", "mentor", "--json"]
    )

    assert result.exit_code == 0, result.output
    changed = json.loads(result.stdout)
    assert [(c["name"], c["tier"]) for c in changed] == [
        ("Ada Lovelace", "maintain"),
        ("Grace Hopper", "maintain"),
    ]
    assert all("mentor" in keys(c) for c in changed)
    assert {c["name"]: keys(c) for c in changed} == {n: keys(d) for n, d in listed(runner).items()}


def test_what_was_chosen_survives_importing_the_same_export_again(runner, two_contacts):
    ada = listed(runner)["Ada Lovelace"]
    assert keys(ada) == ["specialist"]
    chosen = ["--tier", "strengthen", "--remove-category", "specialist"]
    result = runner.invoke(
        main, ["contacts", "set", str(ada["id"]), *chosen, "--add-category", "colleague"]
    )
    assert result.exit_code == 0, result.output

    again = runner.invoke(main, ["import", str(two_contacts)])

    assert again.exit_code == 0, again.output
    ada = listed(runner)["Ada Lovelace"]
    assert (ada["tier"], keys(ada)) == ("strengthen", ["colleague"])


def test_an_unknown_id_among_several_changes_none_of_them(runner, two_contacts):
    ada = listed(runner)["Ada Lovelace"]

    result = runner.invoke(main, ["contacts", "set", str(ada["id"]), "9999", "--tier", "let_go"])

    assert result.exit_code == 1
    assert "no contact with id 9999; nothing was changed" in result.output
    assert listed(runner)["Ada Lovelace"]["tier"] == ada["tier"]


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        ([], "Nothing to change: give --tier, --add-category or --remove-category."),
        (
            ["--add-category", "mentor", "--remove-category", "mentor"],
            "'mentor' is both added and removed; choose one.",
        ),
        (["--tier", "best_friend"], "'best_friend' is not one of"),
        (["--add-category", "plumber"], "'plumber' is not one of"),
    ],
)
def test_a_request_that_says_nothing_clear_is_refused_with_its_reason(
    runner, two_contacts, options, reason
):
    before = listed(runner)

    result = runner.invoke(main, ["contacts", "set", "1", *options])

    assert result.exit_code == 2
    assert reason in result.output
    assert listed(runner) == before


def test_the_list_still_takes_its_options_beside_the_set_command(runner, two_contacts):
    result = runner.invoke(main, ["contacts", "--category", "recruiter", "--json"])

    assert result.exit_code == 0, result.output
    assert [c["name"] for c in json.loads(result.stdout)] == ["Grace Hopper"]
