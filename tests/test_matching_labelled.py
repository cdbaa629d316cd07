"""Ranking scored on five hand-labelled sets (tests/data/matching/), each written without
seeing the ranking code: per goal, who a careful user wants in the top 10 (`relevant`, of
which `must` are required) and who must not be there. Prints precision@10 and recall@10 per
goal and overall.

`labelled` shaped the ranking's rules and must reach precision 0.8, recall 0.9 and no
must-not in any top 10. `unseen` was meant as a hold-out, but its misses were read while the
rules were settled (0.50/0.65 before, 0.73/0.87 after), so it now guards against regressions
only. `holdout` was written afterwards and scored 0.76/0.80 on its first run, `fresh` later
still 0.71/0.87 and `fifth` 0.76/0.90; none may fall below its first run, so that a change
fitted to the others shows."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from helper.records import (
    ContactSnapshot,
    GoalSpec,
    MeProfile,
    Position,
    ProfileRecord,
    RelationshipStats,
    Topic,
)
from helper.strategy.matching import build_index, rank_contacts
from helper.vocabulary import CATEGORIES

FOLDER = Path(__file__).parent / "data" / "matching"
SETS = ("labelled", "unseen", "holdout", "fresh", "fifth")
REQUIRED = {
    "labelled": (0.8, 0.9),
    "unseen": (0.7, 0.85),
    "holdout": (0.75, 0.8),
    "fresh": (0.71, 0.87),
    "fifth": (0.76, 0.9),
}
MET_KINDS = ("met", "call", "message")


def _when(text: str) -> datetime:
    return datetime.combine(date.fromisoformat(text), datetime.min.time())


def _stats(history: list[dict]) -> RelationshipStats:
    times = sorted(_when(item["date"]) for item in history)
    return RelationshipStats(
        sent=sum(item["kind"] == "email_sent" for item in history),
        received=sum(item["kind"] == "email_received" for item in history),
        met=sum(item["kind"] in MET_KINDS for item in history),
        first_contact=times[0] if times else None,
        last_contact=times[-1] if times else None,
    )


def _contact(number: int, raw: dict) -> ContactSnapshot:
    profile = ProfileRecord(
        name=raw["name"],
        headline=raw.get("headline", ""),
        current_title=raw.get("current_title", ""),
        current_company=raw.get("current_company", ""),
        location=raw.get("location", ""),
        about=raw.get("about", ""),
        emails=raw.get("emails", []),
        skills=raw.get("skills", []),
        positions=[Position(**p) for p in raw.get("positions", [])],
    )
    topics = [
        Topic(item["subject"], item["kind"], _when(item["date"]))
        for item in raw.get("history", [])
        if item.get("subject")
    ]
    topics += [
        Topic(item["note"], "event", _when(item["date"]), item["name"])
        for item in raw.get("events", [])
        if item.get("note")
    ]
    return ContactSnapshot(
        id=number,
        profile=profile,
        categories=raw.get("categories", []),
        tier=raw.get("tier", "unset"),
        stats=_stats(raw.get("history", [])),
        topics=topics,
    )


def load(name: str) -> dict:
    raw = json.loads((FOLDER / f"{name}.json").read_text(encoding="utf-8"))
    contacts = [_contact(n, c) for n, c in enumerate(raw["contacts"], start=1)]
    keys = {c["key"]: n for n, c in enumerate(raw["contacts"], start=1)}
    goals = [
        (
            GoalSpec(
                id=n,
                title=g["title"],
                purpose=g["purpose"],
                scope=g["scope"],
                strategy=g["strategy"],
                keywords=g["keywords"],
                organisations=g["organisations"],
                categories=g["categories"],
            ),
            {label: {keys[k] for k in g[label]} for label in ("relevant", "must", "must_not")},
        )
        for n, g in enumerate(raw["goals"], start=1)
    ]
    return {
        "me": MeProfile(**raw["me"]),
        "now": datetime.fromisoformat(raw["now"]),
        "contacts": contacts,
        "goals": goals,
        "keys": {n: k for k, n in keys.items()},
    }


@pytest.fixture(scope="module", params=SETS)
def labelled(request) -> dict:
    data = load(request.param)
    data["name"] = request.param
    data["index"] = build_index(data["contacts"])
    return data


def top_ten(data: dict, goal: GoalSpec) -> list[int]:
    ranked = rank_contacts(goal, data["index"], data["me"], now=data["now"], limit=10).suggestions
    return [s.contact_id for s in ranked]


def test_each_set_has_64_contacts_and_four_goals_of_different_purposes(labelled):
    assert len(labelled["contacts"]) >= 60
    assert len({goal.purpose for goal, _ in labelled["goals"]}) >= 4
    assert {goal.scope for goal, _ in labelled["goals"]} >= {"internal", "external"}


def test_the_top_ten_is_precise_complete_and_free_of_must_nots(labelled):
    keys, lines = labelled["keys"], []
    hits = shown = wanted = 0
    wrong: list[str] = []
    for goal, label in labelled["goals"]:
        top = top_ten(labelled, goal)
        found = len(set(top) & label["relevant"])
        hits, shown, wanted = (
            hits + found,
            shown + len(top),
            wanted + min(10, len(label["relevant"])),
        )
        lines.append(
            f"  {goal.title[:60]:<60} P@10 {found / max(1, len(top)):.2f}"
            f"  R@10 {found / min(10, len(label['relevant'])):.2f}"
        )
        wrong += [
            f"{goal.title[:40]}: must-not {keys[c]} in top 10" for c in label["must_not"] & set(top)
        ]
        wrong += [f"{goal.title[:40]}: must {keys[c]} missing" for c in label["must"] - set(top)]
        wrong += [
            f"{goal.title[:40]}: {keys[c]} shown, not relevant"
            for c in top
            if c not in label["relevant"] and c not in label["must_not"]
        ]
    precision, recall = hits / max(1, shown), hits / wanted
    print(f"\n{labelled['name']}: precision@10 {precision:.2f}, recall@10 {recall:.2f}")
    print("\n".join(lines + wrong))
    least_precision, least_recall = REQUIRED[labelled["name"]]
    if labelled["name"] == "labelled":
        assert not [w for w in wrong if "must" in w]
    assert precision >= least_precision
    assert recall >= least_recall


_QUOTED = re.compile(r"'(.+?)'(?: \(for '(.+)'\))?")
_FIELD = {
    "headline mentions": lambda c: [c["headline"]],
    "job title mentions": lambda c: (
        [c.get("current_title", "")] + [p["title"] for p in c.get("positions", []) if not p["end"]]
    ),
    "skills include": lambda c: c.get("skills", []),
    "about section mentions": lambda c: [c.get("about", "")],
}
_TOPIC = {
    "you emailed about": "email_sent",
    "they emailed you about": "email_received",
    "you spoke about": "call",
    "you met about": "met",
    "you messaged about": "message",
}


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def _reason_is_true(reason: str, raw: dict, goal: GoalSpec) -> bool:
    """Read one reason back against the contact as written in the fixture."""
    quoted = _QUOTED.search(reason)
    words, keyword = (quoted.group(1), quoted.group(2)) if quoted else ("", None)
    if keyword is not None and keyword not in goal.keywords:
        return False
    if " — goal wants " in reason:
        noun = reason.split(" — ")[0]
        return any(CATEGORIES.term(k).noun == noun for k in raw.get("categories", []))
    for start, texts in _FIELD.items():
        if reason.startswith(start):
            return any(_folded(words) in _folded(text) for text in texts(raw))
    for start, kind in _TOPIC.items():
        if reason.startswith(start):
            return any(
                h["kind"] == kind and _folded(words) in _folded(h["subject"])
                for h in raw.get("history", [])
            )
    if ", you discussed " in reason:
        return any(
            e["name"] in reason and _folded(words) in _folded(e["note"])
            for e in raw.get("events", [])
        )
    if reason.startswith("formerly "):
        return any(
            _folded(words) in _folded(p["title"]) for p in raw.get("positions", []) if p["end"]
        ) or _folded(words) in _folded(raw["headline"])
    if match := re.match(r"works at (.+), (?:a target organisation|your organisation)$", reason):
        current = [raw.get("current_company", "")]
        current += [p["company"] for p in raw.get("positions", []) if not p["end"]]
        return match.group(1) in current
    if match := re.match(r"worked at (.+?)(?: until (.+))?, a target organisation$", reason):
        return any(
            p["company"] == match.group(1) and p["end"] == (match.group(2) or "")
            for p in raw.get("positions", [])
        )
    if match := re.match(r"email at (\S+), (?:a target organisation|your domain)$", reason):
        return any(e.endswith("@" + match.group(1)) for e in raw.get("emails", []))
    if reason == "tier: you chose to strengthen this relationship":
        return raw.get("tier") == "strengthen"
    if reason.startswith("no history with you yet"):
        return not raw.get("history")
    return bool(raw.get("history")) and (reason.startswith(("you ", "they ", "little history")))


def test_every_reason_shown_is_true_of_the_contact_as_stored(labelled):
    raw = {
        n: c
        for n, c in enumerate(
            json.loads((FOLDER / f"{labelled['name']}.json").read_text("utf-8"))["contacts"],
            start=1,
        )
    }
    false = []
    for goal, _ in labelled["goals"]:
        ranking = rank_contacts(goal, labelled["index"], labelled["me"], now=labelled["now"])
        shown = ranking.suggestions + ranking.also
        false += [
            f"{labelled['keys'][s.contact_id]}: {r}"
            for s in shown
            for r in s.reasons
            if not _reason_is_true(r, raw[s.contact_id], goal)
        ]
        assert all(len(set(s.reasons)) == len(s.reasons) for s in shown)
    assert false == []
