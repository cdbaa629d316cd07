"""Message templates: every channel and purpose has one, a file of the same relative name in
the user's override folder wins, and a broken template is a clear error, not a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from helper.drafting import compose_draft
from helper.drafting.compose import parse_layout, render_first, template_names
from helper.errors import OutreachError
from helper.records import ContactSnapshot, GoalSpec, MeProfile, ProfileRecord
from helper.resources import MESSAGE_TEMPLATES_DIR
from helper.vocabulary import CHANNELS, PURPOSES

PRIYA = ContactSnapshot(
    id=1,
    profile=ProfileRecord(
        name="Priya Raman", current_title="Head of Data", current_company="Globex"
    ),
)
ME = MeProfile(name="Sam Carter", offer="an intro to our data team", pitch="I lead growth at Acme")


def goal(purpose: str) -> GoalSpec:
    return GoalSpec(
        id=1, title="t", purpose=purpose, keywords=["analytics"], aim="better analytics"
    )


def write(folder: Path, name: str, text: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_lookup_goes_from_occasion_and_purpose_to_the_shared_fallback() -> None:
    assert template_names("email", "career", "thank_you") == [
        "email/thank_you.txt",
        "email/career.txt",
        "email/_default.txt",
        "_shared/thank_you.txt",
        "_shared/career.txt",
        "_shared/_default.txt",
    ]
    assert template_names("x_dm", "") == ["x_dm/_default.txt", "_shared/_default.txt"]


@pytest.mark.parametrize("channel", CHANNELS)
def test_every_channel_has_its_own_default_template(channel: str) -> None:
    assert (MESSAGE_TEMPLATES_DIR / channel / "_default.txt").is_file()


@pytest.mark.parametrize("purpose", PURPOSES)
@pytest.mark.parametrize("channel", CHANNELS)
def test_every_channel_and_purpose_renders_a_draft_naming_the_person(
    channel: str, purpose: str
) -> None:
    draft = compose_draft(PRIYA, channel, ME, goal(purpose))

    assert "Priya" in draft.body
    assert "Globex" in draft.body
    assert draft.body.count("?") == 1


def test_a_file_in_the_override_folder_replaces_the_built_in_one(tmp_path: Path) -> None:
    write(tmp_path, "email/career.txt", "{% subject %}Hello {{ company }}{% endsubject %}\n"
          "Dear {{ first_name }},\n\nShall we talk about {{ aim }}?\n")  # fmt: skip

    draft = compose_draft(PRIYA, "email", ME, goal("career"), override_dir=tmp_path)

    assert draft.subject == "Hello Globex"
    assert draft.body == "Dear Priya,\n\nShall we talk about better analytics?"


def test_the_built_in_template_applies_where_the_override_folder_has_no_file(
    tmp_path: Path,
) -> None:
    write(tmp_path, "email/career.txt", "Custom.\n")

    draft = compose_draft(PRIYA, "linkedin_connect", ME, goal("career"), override_dir=tmp_path)

    assert draft.body.startswith("Hi Priya,\n\nI came across your role as Head of Data at Globex.")


def test_an_overridden_default_serves_purposes_without_a_built_in_file(tmp_path: Path) -> None:
    write(tmp_path, "x_dm/_default.txt", "Yo {{ first_name }}, {{ purpose }}?\n")

    draft = compose_draft(PRIYA, "x_dm", ME, goal("trade_support"), override_dir=tmp_path)

    assert draft.body == "Yo Priya, trade_support?"


def test_an_override_can_extend_the_built_in_template_and_change_one_block(
    tmp_path: Path,
) -> None:
    write(tmp_path, "linkedin_connect/career.txt",
          '{% extends "linkedin_connect/_default.txt" %}\n'
          "{% block ask %}\nCoffee soon?\n{% endblock %}\n")  # fmt: skip

    draft = compose_draft(PRIYA, "linkedin_connect", ME, goal("career"), override_dir=tmp_path)

    assert draft.body.endswith("Right now I'm focused on better analytics. Coffee soon?")


def test_a_missing_override_folder_falls_back_to_the_built_in_templates(tmp_path: Path) -> None:
    draft = compose_draft(PRIYA, "email", ME, goal("career"), override_dir=tmp_path / "absent")

    assert draft.body.startswith("Hi Priya,")


def test_an_override_using_an_unknown_name_is_a_clear_error(tmp_path: Path) -> None:
    write(tmp_path, "email/career.txt", "Hi {{ nickname }}\n")

    with pytest.raises(OutreachError, match="'nickname' is undefined") as error:
        compose_draft(PRIYA, "email", ME, goal("career"), override_dir=tmp_path)
    assert error.value.location == "email/career.txt or email/_default.txt"


def test_an_override_with_broken_syntax_is_a_clear_error(tmp_path: Path) -> None:
    write(tmp_path, "email/career.txt", "Hi {% if first_name %}\n")

    with pytest.raises(OutreachError, match="message template could not be used"):
        compose_draft(PRIYA, "email", ME, goal("career"), override_dir=tmp_path)


def test_an_optional_rank_must_be_a_whole_number(tmp_path: Path) -> None:
    write(tmp_path, "email/career.txt", '{% optional "soon" %}x{% endoptional %}\n')

    with pytest.raises(OutreachError, match="optional needs a whole-number rank"):
        compose_draft(PRIYA, "email", ME, goal("career"), override_dir=tmp_path)


def test_a_value_of_none_never_prints(tmp_path: Path) -> None:
    write(tmp_path, "email/career.txt", "Hi {{ none_value }}\n")

    with pytest.raises(OutreachError, match="printed None"):
        render_first(["email/career.txt"], {"none_value": None}, tmp_path)


def test_markup_marks_optional_text_and_keeps_signature_lines(tmp_path: Path) -> None:
    write(tmp_path, "t.txt",
          "{{ greeting }}\n\nFirst.\n{% optional 1 %}\nSecond.\n{% endoptional %}\nThird.\n\n"
          "{% keeplines %}\nBest,\nSam\n{% endkeeplines %}\n")  # fmt: skip

    layout = parse_layout(render_first(["t.txt"], {"greeting": "Hi Priya,"}, tmp_path))

    ranks = [(part.text.strip(), part.drop_rank) for part in layout.parts() if part.text.strip()]
    assert ranks == [
        ("Hi Priya,", None),
        ("First.", None),
        ("Second.", 1),
        ("Third.", None),
        ("Best,", None),
        ("Sam", None),
    ]
    assert layout.render() == "Hi Priya,\n\nFirst. Second. Third.\n\nBest,\nSam"


def test_a_line_that_renders_empty_does_not_split_a_paragraph(tmp_path: Path) -> None:
    write(tmp_path, "t.txt", "One.\n{{ nothing }}\nTwo.\n")

    rendered = render_first(["t.txt"], {"nothing": ""}, tmp_path)

    assert parse_layout(rendered).render() == "One. Two."
