"""`outreach-helper goals add|list|show` and `outreach-helper match GOAL_ID`."""

from __future__ import annotations

from pathlib import Path

import click

from helper.commands import ROW_ID, data_dir_option, emit_json, reports_errors
from helper.commands.stores import store_at
from helper.db import transaction
from helper.errors import OutreachError
from helper.store.goal_views import ranked_suggestions, this_hour
from helper.store.goals import GoalInput, create_goal, get_goal, goal_json, goal_stages, list_goals
from helper.store.match_cache import MatchCache
from helper.vocabulary import CATEGORIES, HORIZONS, PURPOSES, SCOPES, STRATEGIES


@click.group()
def goals() -> None:
    """Your networking goals (steps 1-4 of the method)."""


def parse_targets(values: tuple[str, ...]) -> dict[str, int]:
    """`short=5` -> {"short": 5}, each horizon at most once."""
    targets: dict[str, int] = {}
    for value in values:
        horizon, _, number = value.partition("=")
        horizon = horizon.strip()
        if horizon not in HORIZONS or not number.strip().isdigit():
            raise OutreachError(
                f"--target '{value}' should look like short=5, medium=15 or long=40",
                value=value,
            )
        if horizon in targets:
            raise OutreachError(f"--target gives the {horizon}-term target twice", value=value)
        targets[horizon] = int(number)
    return targets


@goals.command("add")
@click.option("--title", required=True, help="What you want to achieve.")
@click.option("--purpose", required=True, type=click.Choice(PURPOSES))
@click.option("--priority", type=click.IntRange(1, 5), default=3, show_default=True)
@click.option("--keyword", "keywords", multiple=True, help="Word to look for (repeat).")
@click.option("--organisation", "organisations", multiple=True, help="Target org (repeat).")
@click.option(
    "--category",
    "categories",
    multiple=True,
    type=click.Choice(CATEGORIES),
    help="Wanted category (repeat; default: the purpose's usual ones).",
)
@click.option("--scope", type=click.Choice(SCOPES), default="both", show_default=True)
@click.option("--strategy", type=click.Choice(STRATEGIES), default="both", show_default=True)
@click.option("--target", "targets", multiple=True, help="HORIZON=N, e.g. short=5 (repeat).")
@click.option(
    "--aim",
    default="",
    help="The goal in your words, as drafts say it: 'Right now I'm focused on AIM' "
    "(default: suggested from the title).",
)
@click.option("--pitch", default="", help="Your pitch for this goal (default: Me's).")
@click.option("--offer", default="", help="What you offer for this goal (default: Me's).")
@click.option("--ask", default="", help="What drafts for this goal ask (default: by category).")
@click.option("--json", "as_json", is_flag=True, help="Print the goal as JSON.")
@data_dir_option
@reports_errors
def goals_add(
    title: str,
    purpose: str,
    priority: int,
    keywords: tuple[str, ...],
    organisations: tuple[str, ...],
    categories: tuple[str, ...],
    scope: str,
    strategy: str,
    targets: tuple[str, ...],
    aim: str,
    pitch: str,
    offer: str,
    ask: str,
    as_json: bool,
    data_dir: Path | None,
) -> None:
    """Add a goal."""
    data = GoalInput(
        title=title,
        purpose=purpose,
        priority=priority,
        targets=parse_targets(targets),
        strategy=strategy,
        scope=scope,
        keywords=list(keywords),
        organisations=list(organisations),
        categories=list(categories),
        aim=aim,
        pitch=pitch,
        offer=offer,
        ask=ask,
    )
    store = store_at(data_dir)
    with transaction(store.sessions) as session:
        document = goal_json(create_goal(session, data), {})
    if as_json:
        emit_json(document)
        return
    click.echo(f"Goal {document['id']} added: {document['title']}")


@goals.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@data_dir_option
@reports_errors
def goals_list(as_json: bool, data_dir: Path | None) -> None:
    """List goals, active ones first, by priority."""
    store = store_at(data_dir)
    with transaction(store.sessions) as session:
        rows = list_goals(session)
        stages = goal_stages(session, [goal.id for goal in rows])
        documents = [goal_json(goal, stages[goal.id]) for goal in rows]
    if as_json:
        emit_json(documents)
        return
    for doc in documents:
        click.echo(
            f"{doc['id']:>4}  P{doc['priority']}  {doc['status']:<9}  {doc['title']}"
            f"  ({doc['purpose']}, {doc['reached']} reached)"
        )
    click.echo(f"{len(documents)} goal(s).", err=True)


@goals.command("show")
@click.argument("goal_id", type=ROW_ID)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@data_dir_option
@reports_errors
def goals_show(goal_id: int, as_json: bool, data_dir: Path | None) -> None:
    """Show one goal with its progress per horizon."""
    store = store_at(data_dir)
    with transaction(store.sessions) as session:
        goal = get_goal(session, goal_id)
        document = goal_json(goal, goal_stages(session, [goal.id])[goal.id])
    if as_json:
        emit_json(document)
        return
    for key, value in document.items():
        if key == "progress":
            for p in value:
                click.echo(f"{p['horizon'] + ' term':>20}: {p['reached']} of {p['target']}")
            continue
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        click.echo(f"{key.replace('_', ' '):>20}: {shown}")


@click.command("match")
@click.argument("goal_id", type=ROW_ID)
@click.option("--limit", type=click.IntRange(min=0), help="At most this many people.")
@click.option(
    "--also",
    "with_also",
    is_flag=True,
    help=(
        "Then the people who could also help (a wanted category, a past role or a faint "
        'match), marked "also".'
    ),
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@data_dir_option
@reports_errors
def match(
    goal_id: int, limit: int | None, with_also: bool, as_json: bool, data_dir: Path | None
) -> None:
    """Rank your contacts for a goal, best first, each with the reasons why. Only people with
    something goal-specific (a keyword, a target organisation) are ranked."""
    store = store_at(data_dir)
    with transaction(store.sessions) as session:
        goal = get_goal(session, goal_id)
        cache = MatchCache(store.data_dir)
        suggestions = ranked_suggestions(session, cache, goal, this_hour(), limit, also=with_also)
    if as_json:
        emit_json([s.to_json() for s in suggestions])
        return
    for s in suggestions:
        marker = "  (could also help)" if s.also else ""
        click.echo(f"{s.contact_id:>6}  {s.score:.2f}  {s.name}{marker}")
        for reason in s.reasons:
            click.echo(f"{'':>14}- {reason}")
    click.echo(f"{len(suggestions)} suggestion(s) for goal {goal_id}.", err=True)
