"""Checks a single schema cannot express: ids unique, every reference resolves."""

from __future__ import annotations

from collections.abc import Iterator

from aicheck.files.yamlio import Path_
from aicheck.models.catalog import EFFECT_OPTIONS, KNOWN_ROLES, Framework, Question
from aicheck.models.conditions import Condition
from aicheck.suggest import did_you_mean

Problem = tuple[Path_, str]


def framework_problems(fw: Framework) -> list[Problem]:
    problems: list[Problem] = []
    problems += _duplicates(fw)
    group_ids = {g.id for g in fw.groups}
    question_ids = {q.id for q in fw.questions}
    item_ids = question_ids | {c.id for c in fw.controls}
    date_ids = {d.id for d in fw.dates}
    fixed_dates = {d.id for d in fw.dates if d.date is not None}
    penalty_ids = {p.id for p in fw.penalties}
    questions = {q.id: q for q in fw.questions}

    def check_condition(cond: Condition | None, loc: Path_) -> None:
        if cond is None:
            return
        for problem in _condition_problems(cond, questions, loc):
            problems.append(problem)

    check_condition(fw.applies_when, ("applies_when",))
    for i, group in enumerate(fw.groups):
        if group.parent is not None and group.parent not in group_ids:
            problems.append((("groups", i, "parent"), f"parent {group.parent!r} is not a group id"))
        elif _in_parent_loop(group.id, {g.id: g.parent for g in fw.groups}):
            problems.append((("groups", i, "parent"), f"group {group.id!r} is its own ancestor"))
    for i, q in enumerate(fw.questions):
        loc: Path_ = ("questions", i)
        if q.section not in group_ids:
            problems.append(((*loc, "section"), f"section {q.section!r} is not a group id"))
        for j, other in enumerate(q.unless):
            if other not in question_ids:
                problems.append(((*loc, "unless", j), f"unless names unknown question {other!r}"))
        if q.applies_from is not None and q.applies_from not in date_ids:
            problems.append(((*loc, "applies_from"), f"unknown date id {q.applies_from!r}"))
        elif q.applies_from is not None and q.applies_from not in fixed_dates:
            message = f"date {q.applies_from!r} comes from an answer; name a fixed date"
            problems.append(((*loc, "applies_from"), message))
        if q.penalty is not None and q.penalty not in penalty_ids:
            problems.append(((*loc, "penalty"), f"unknown penalty id {q.penalty!r}"))
        if q.effect in EFFECT_OPTIONS:
            kind, allowed = EFFECT_OPTIONS[q.effect]
            unknown = sorted({o.value for o in q.options} - set(allowed or ()))
            if q.type != kind or (allowed is not None and unknown):
                values = "" if allowed is None else f" with options from {allowed}"
                problems.append((loc, f"a {q.effect} question must be {kind}{values}"))
        check_condition(q.ask_when, (*loc, "ask_when"))
    for i, c in enumerate(fw.controls):
        loc = ("controls", i)
        if c.group is not None and c.group not in group_ids:
            problems.append(((*loc, "group"), f"group {c.group!r} is not a group id"))
        if c.penalty is not None and c.penalty not in penalty_ids:
            problems.append(((*loc, "penalty"), f"unknown penalty id {c.penalty!r}"))
        for j, rel in enumerate(c.related):
            if rel not in item_ids:
                problems.append(((*loc, "related", j), f"related names unknown item {rel!r}"))
        for j, rule in enumerate(c.applies_from):
            if rule.date not in date_ids:
                problems.append(((*loc, "applies_from", j, "date"), f"unknown date {rule.date!r}"))
            check_condition(rule.when, (*loc, "applies_from", j, "when"))
        check_condition(c.applies_when, (*loc, "applies_when"))
    for i, d in enumerate(fw.dates):
        asked = questions.get(d.answer) if d.answer is not None else None
        if d.answer is not None and (asked is None or asked.type != "date"):
            message = f"answer {d.answer!r} is not a date question of this framework"
            problems.append((("dates", i, "answer"), message))
    return problems


def _duplicates(fw: Framework) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    sections: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("groups", tuple(g.id for g in fw.groups)),
        ("questions", tuple(q.id for q in fw.questions)),
        ("controls", tuple(c.id for c in fw.controls)),
        ("dates", tuple(d.id for d in fw.dates)),
        ("penalties", tuple(p.id for p in fw.penalties)),
    )
    for section, ids in sections:
        # Questions and controls share one namespace: `related` may name either.
        space = "items" if section in ("questions", "controls") else section
        for i, item_id in enumerate(ids):
            key = f"{space}:{item_id}"
            if key in seen:
                yield ((section, i, "id"), f"duplicate id {item_id!r} (also in {seen[key]})")
            else:
                seen[key] = section


def _condition_problems(
    cond: Condition, questions: dict[str, Question], loc: Path_
) -> Iterator[Problem]:
    if cond.question is not None:
        q = questions.get(cond.question)
        if q is None:
            hint = did_you_mean(cond.question, list(questions))
            yield (
                (*loc, "question"),
                f"condition names unknown question {cond.question!r}"
                + (f"; {hint}" if hint else ""),
            )
        else:
            yield from _test_problems(cond, q, loc)
    if cond.role is not None and cond.role not in KNOWN_ROLES:
        yield ((*loc, "role"), f"unknown role {cond.role!r}; roles: {', '.join(KNOWN_ROLES)}")
    for key, children in (("all", cond.all), ("any", cond.any)):
        for i, child in enumerate(children or ()):
            yield from _condition_problems(child, questions, (*loc, key, i))
    if cond.not_ is not None:
        yield from _condition_problems(cond.not_, questions, (*loc, "not"))


def _test_problems(cond: Condition, q: Question, loc: Path_) -> Iterator[Problem]:
    values = {o.value for o in q.options}
    if cond.includes is not None and (q.type != "multi" or cond.includes not in values):
        yield ((*loc, "includes"), f"{cond.includes!r} is not an option of {q.id!r}")
    if cond.at_least is not None and q.type != "number":
        yield ((*loc, "at_least"), f"at_least needs a number question; {q.id!r} is {q.type}")
    if isinstance(cond.equals, str) and q.type == "choice" and cond.equals not in values:
        yield ((*loc, "equals"), f"{cond.equals!r} is not an option of {q.id!r}")
    bare = cond.equals is None and cond.includes is None and cond.at_least is None
    if bare and q.type != "boolean":
        yield (loc, f"question {q.id!r} is {q.type}; say equals, includes or at_least")


def _in_parent_loop(group: str, parents: dict[str, str | None]) -> bool:
    seen = {group}
    parent = parents.get(group)
    while parent is not None:
        if parent in seen:
            return parent == group
        seen.add(parent)
        parent = parents.get(parent)
    return False
