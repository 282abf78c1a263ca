"""Coverage per framework and per group (e.g. GOVERN 14/19)."""

from __future__ import annotations

from collections.abc import Sequence

from aicheck.models.catalog import Framework
from aicheck.models.report import ControlResult, FrameworkCoverage, GroupCoverage

_MET = frozenset({"implemented", "covered_by_crosswalk"})


def coverage_for(
    fw: Framework, results: Sequence[ControlResult], pending: int
) -> FrameworkCoverage:
    mine = [r for r in results if r.framework == fw.id]
    counted = [r for r in mine if r.state != "not_applicable"]
    parents = {g.id: g.parent for g in fw.groups}

    def ancestors(group: str | None) -> list[str]:
        chain: list[str] = []
        while group is not None and group not in chain:
            chain.append(group)
            group = parents.get(group)
        return chain

    applicable: dict[str, int] = {}
    met: dict[str, int] = {}
    for r in counted:
        for gid in ancestors(r.group):
            applicable[gid] = applicable.get(gid, 0) + 1
            met[gid] = met.get(gid, 0) + (r.state in _MET)
    groups = tuple(
        GroupCoverage(
            id=g.id,
            title=g.title,
            kind=g.kind,
            ref=g.ref,
            parent=g.parent,
            applicable=applicable[g.id],
            met=met[g.id],
        )
        for g in fw.groups
        if applicable.get(g.id)
    )
    states = [r.state for r in counted]
    return FrameworkCoverage(
        framework=fw.id,
        name=fw.name,
        binding=fw.binding,
        applicable=len(counted),
        implemented=states.count("implemented"),
        covered_by_crosswalk=states.count("covered_by_crosswalk"),
        partial=states.count("partial") + states.count("planned"),
        missing=states.count("not_implemented") + states.count("unanswered"),
        not_applicable=len(mine) - len(counted),
        pending=pending,
        groups=groups,
    )
