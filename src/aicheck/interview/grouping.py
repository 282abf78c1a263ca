"""Which screening questions are asked together, as one checklist.

Worked out from the catalog, never from a list of ids, so that a custom catalog and new
questions group the same way.  Within one section, the yes/no questions that are asked
under the same condition (the same ``ask_when``) and whose answers mean the same kind of
thing (the same effect family) form one checklist: "which of these apply?".  So the
Art. 2 exclusions are one prompt, the Art. 5 practices another, the Annex III areas a
third and the points of each area picked one more each; a follow-up such as an
exception is asked only for the item it belongs to, because its ``ask_when`` names that
item.

A test of the operator role does not split a group once the roles are known (they are
answered before every section but the scope): the Art. 50 situations for providers and
those for deployers are one list, each item shown only to whom it concerns.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from aicheck.models.catalog import Framework, Question
from aicheck.models.conditions import Condition

_FAMILIES = {
    # A yes brings the system under the Act; an exclusion's yes takes it out.  They are
    # kept apart so that "none" can never be read across both.
    "union_nexus": "reach",
    "ai_system": "reach",
    "scope_exclusion": "exclusion",
    "open_source_exclusion": "exclusion",
    "personal_use": "exclusion",
}
"""Effects whose answers read alike; any other effect is a family of its own."""


def family(question: Question) -> str:
    if question.effect is None:
        return ""
    return _FAMILIES.get(question.effect, question.effect)


def checklist_groups(
    framework: Framework, section_rank: Callable[[str], int]
) -> dict[str, tuple[Question, ...]]:
    """For each yes/no question, the questions of its checklist (itself included), in
    catalog order.  ``section_rank`` orders the sections as the interview asks them."""
    roles = next((q for q in framework.questions if q.effect == "roles"), None)
    roles_rank = section_rank(roles.section) if roles is not None else None
    members: dict[tuple[str, str, str], list[Question]] = {}
    for q in framework.questions:
        if q.type != "boolean":
            continue
        known_roles = roles_rank is not None and section_rank(q.section) > roles_rank
        condition = _without_role_tests(q.ask_when, roles) if known_roles else q.ask_when
        members.setdefault((q.section, family(q), _signature(condition)), []).append(q)
    return {q.id: tuple(group) for group in members.values() for q in group}


def common_ref(refs: Sequence[str]) -> str:
    """The citation a checklist's items share: ``Art. 5(1)`` for ``Art. 5(1)(a)`` and
    ``Art. 5(1)(b)``; the distinct references when they share none."""
    split = [ref.split("(") for ref in refs]
    common: list[str] = []
    for parts in zip(*split, strict=False):
        if len(set(parts)) != 1:
            break
        common.append(parts[0])
    if common:
        return "(".join(common)
    return ", ".join(dict.fromkeys(refs))


def _without_role_tests(condition: Condition | None, roles: Question | None) -> Condition | None:
    """``condition`` without its role tests, at the top or in its ``all`` (they are
    settled before the section is reached); a role test mixed with others inside an
    ``any`` stays."""
    if condition is None or _is_role_test(condition, roles):
        return None
    if condition.all is not None:
        kept = [c for c in condition.all if not _is_role_test(c, roles)]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else Condition(all=tuple(kept))
    return condition


def _is_role_test(condition: Condition, roles: Question | None) -> bool:
    """A test of the operator role only: ``role``, ``roles`` includes ..., or any/all/not
    made of such tests."""
    if condition.role is not None:
        return True
    if condition.question is not None:
        return roles is not None and condition.question == roles.id
    parts = (*(condition.all or ()), *(condition.any or ()))
    parts += (condition.not_,) if condition.not_ is not None else ()
    return bool(parts) and all(_is_role_test(part, roles) for part in parts)


def _signature(condition: Condition | None) -> str:
    if condition is None:
        return ""
    return json.dumps(condition.model_dump(exclude_none=True, by_alias=True), sort_keys=True)
