"""`outreach-helper goals add|list|show` and `outreach-helper match`."""

from __future__ import annotations

import json

import pytest

from helper.cli import main
from helper.store.contacts import ContactInput, create_contact
from helper.store.opening import open_store


def run(runner, *args: str):
    return runner.invoke(main, list(args), catch_exceptions=False)


def add_goal(runner, *extra: str) -> dict:
    result = run(
        runner, "goals", "add", "--title", "Seed round", "--purpose", "business", "--json", *extra
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def people(tmp_path, runner):
    store = open_store(tmp_path / "data")
    with store.sessions() as session:
        ids = [
            create_contact(session, ContactInput(name=name, headline=headline, **fields)).id
            for name, headline, fields in [
                ("Ivy Investor", "Seed investor in fintech", {"categories": ["introducer"]}),
                ("Sol Solicitor", "Startup solicitor", {"categories": ["introducer"]}),
                ("Pete Plumber", "Boiler repairs", {}),
                ("Lee Let-go", "Seed investor", {"categories": ["introducer"], "tier": "let_go"}),
            ]
        ]
        session.commit()
    store.engine.dispose()
    return dict(zip(["ivy", "sol", "pete", "lee"], ids, strict=True))


def test_goals_add_prints_the_goal_json(runner):
    document = add_goal(
        runner,
        "--priority",
        "1",
        "--keyword",
        "seed",
        "--keyword",
        "fintech",
        "--organisation",
        "Seedcamp",
        "--scope",
        "external",
        "--strategy",
        "develop_new",
        "--target",
        "short=3",
        "--target",
        "long=20",
    )
    assert document["id"] == 1
    assert document["title"] == "Seed round"
    assert document["purpose"] == "business"
    assert document["priority"] == 1
    assert document["keywords"] == ["seed", "fintech"]
    assert document["organisations"] == ["Seedcamp"]
    assert (document["scope"], document["strategy"], document["status"]) == (
        "external",
        "develop_new",
        "active",
    )
    assert document["targets"] == {"short": 3, "long": 20}
    assert [p["remaining"] for p in document["progress"]] == [3, 20]


def test_goals_add_takes_an_aim_pitch_offer_and_ask_and_show_prints_them(runner):
    document = add_goal(
        runner,
        "--aim",
        "finding three pilot customers",
        "--pitch",
        "I run a two-person data consultancy.",
        "--offer",
        "a free pipeline review",
        "--ask",
        "Who owns data quality on your side?",
    )
    shown = json.loads(run(runner, "goals", "show", str(document["id"]), "--json").stdout)
    for document_ in (document, shown):
        assert document_["aim"] == "finding three pilot customers"
        assert document_["aim_checked"] is True
        assert document_["pitch"] == "I run a two-person data consultancy."
        assert document_["offer"] == "a free pipeline review"
        assert document_["ask"] == "Who owns data quality on your side?"


def test_goals_add_without_an_aim_suggests_one_to_check(runner):
    document = add_goal(runner)
    assert (document["aim"], document["aim_checked"]) == (
        "finding new customers and partners",
        False,
    )


def test_goals_add_uses_the_purposes_categories_unless_told(runner):
    assert add_goal(runner)["categories"] == ["customer", "introducer", "club", "supplier"]
    chosen = add_goal(runner, "--category", "mentor", "--category", "club")
    assert chosen["categories"] == ["mentor", "club"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--target", "soon=3"], "--target 'soon=3' should look like short=5"),
        (["--target", "short=3", "--target", "short=4"], "gives the short-term target twice"),
        (["--target", "short=5", "--target", "medium=2"], "the medium-term target (2) is smaller"),
        (["--priority", "9"], "9 is not in the range 1<=x<=5"),
        (["--purpose", "fame"], "'fame' is not one of"),
    ],
)
def test_goals_add_refuses_wrong_options_in_one_line(runner, args, message):
    result = runner.invoke(main, ["goals", "add", "--title", "T", "--purpose", "career", *args])
    assert result.exit_code != 0
    assert message in result.output
    assert json.loads(run(runner, "goals", "list", "--json").stdout) == []


def test_goals_list_and_show(runner):
    add_goal(runner, "--priority", "4")
    add_goal(runner, "--priority", "1", "--target", "short=2")
    listed = json.loads(run(runner, "goals", "list", "--json").stdout)
    assert [(g["id"], g["priority"]) for g in listed] == [(2, 1), (1, 4)]
    shown = json.loads(run(runner, "goals", "show", "2", "--json").stdout)
    assert shown["id"] == 2
    assert shown["progress"] == [
        {"horizon": "short", "target": 2, "reached": 0, "remaining": 2, "ends": None}
    ]
    human = run(runner, "goals", "list")
    assert "Seed round" in human.stdout


def test_goals_show_of_an_unknown_goal_fails_in_one_line(runner):
    result = runner.invoke(main, ["goals", "show", "42", "--json"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: there is no goal with id 42"


def test_match_prints_suggestions_best_first_with_reasons(runner, people):
    add_goal(runner, "--keyword", "seed investor")
    result = run(runner, "match", "1", "--json")
    suggestions = json.loads(result.stdout)
    assert [s["contact_id"] for s in suggestions] == [people["ivy"]]
    assert set(suggestions[0]) == {"contact_id", "name", "score", "reasons"}
    assert suggestions[0]["name"] == "Ivy Investor"
    assert "introducer — goal wants introducers" in suggestions[0]["reasons"]
    scores = [s["score"] for s in suggestions]
    assert scores == sorted(scores, reverse=True)
    names = {s["name"] for s in suggestions}
    assert "Pete Plumber" not in names
    assert "Lee Let-go" not in names


def test_match_also_adds_who_matches_only_by_category_marked_also(runner, people):
    add_goal(runner, "--keyword", "seed investor")
    suggestions = json.loads(run(runner, "match", "1", "--also", "--json").stdout)
    assert [(s["name"], s.get("also", False)) for s in suggestions] == [
        ("Ivy Investor", False),
        ("Sol Solicitor", True),
    ]
    assert suggestions[1]["reasons"] == ["introducer — goal wants introducers"]
    human = run(runner, "match", "1", "--also").stdout
    assert "Sol Solicitor  (could also help)" in human


def test_match_limit_keeps_the_best(runner, people):
    add_goal(runner, "--keyword", "seed investor")
    suggestions = json.loads(run(runner, "match", "1", "--limit", "1", "--json").stdout)
    assert [s["name"] for s in suggestions] == ["Ivy Investor"]


def test_match_of_an_unknown_goal_fails_in_one_line(runner):
    result = runner.invoke(main, ["match", "7", "--json"])
    assert result.exit_code == 1
    assert "there is no goal with id 7" in result.output
