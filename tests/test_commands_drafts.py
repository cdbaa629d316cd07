"""`outreach-helper draft CONTACT_ID --channel KEY [--goal GOAL_ID] --json`."""

from __future__ import annotations

import json

import pytest

from helper.cli import main
from helper.store.contacts import ContactInput, create_contact
from helper.store.goals import GoalInput, create_goal
from helper.store.opening import open_store
from helper.vocabulary import CHANNELS


@pytest.fixture
def stored(tmp_path, runner):
    """A contact (id 1) and a career goal (id 1) in the runner's data folder."""
    store = open_store(tmp_path / "data")
    with store.sessions() as session:
        create_contact(
            session,
            ContactInput(
                name="Priya Raman", current_title="Head of Data", current_company="Globex"
            ),
        )
        create_goal(session, GoalInput(title="Move into data", purpose="career"))
        session.commit()
    store.engine.dispose()
    return tmp_path / "data"


@pytest.mark.parametrize("channel", CHANNELS)
def test_the_json_has_exactly_the_contract_fields_for_every_channel(runner, stored, channel):
    result = runner.invoke(main, ["draft", "1", "--channel", channel, "--goal", "1", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert list(document) == ["channel", "subject", "body", "questions", "length", "limit"]
    assert document["channel"] == channel
    assert "Priya" in document["body"]
    assert 3 <= len(document["questions"]) <= 5
    if document["limit"] is not None:
        assert document["length"] <= document["limit"]


def test_the_linkedin_note_is_within_300_characters(runner, stored):
    result = runner.invoke(main, ["draft", "1", "--channel", "linkedin_connect", "--json"])
    document = json.loads(result.stdout)
    assert document["limit"] == 300
    assert document["subject"] == ""
    assert len(document["body"]) == document["length"] <= 300


def test_a_template_in_the_data_folder_overrides_the_built_in_one(runner, stored):
    folder = stored / "templates" / "messages" / "x_dm"
    folder.mkdir(parents=True)
    (folder / "_default.txt").write_text("{{ greeting }} written my way.\n")
    result = runner.invoke(main, ["draft", "1", "--channel", "x_dm", "--json"])
    assert json.loads(result.stdout)["body"] == "Hi Priya, written my way."


def test_without_json_the_message_goes_to_stdout_and_the_count_to_stderr(runner, stored):
    result = runner.invoke(main, ["draft", "1", "--channel", "email"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Subject: ")
    assert "characters." in result.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["99", "--channel", "email"], "Error: there is no contact with id 99\n"),
        (["1", "--channel", "email", "--goal", "7"], "Error: there is no goal with id 7\n"),
        (
            ["1", "--channel", "fax"],
            "Error: unknown channel 'fax'; use one of linkedin_connect, linkedin_message, "
            "linkedin_inmail, email, x_dm, in_person, video_call\n",
        ),
    ],
)
def test_an_unknown_contact_goal_or_channel_fails_with_one_line(runner, stored, arguments, message):
    result = runner.invoke(main, ["draft", *arguments, "--json"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == message
