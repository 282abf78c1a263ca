"""Who the Act reaches: the operator roles (Art. 3) and the scope (Art. 2).

The roles come first because conditions and filters read them; one organisation can hold
several (a provider that also deploys its own system).  No link to the Union (Art. 2(1))
or an exclusion (Art. 2(3), 2(6), 2(8), 2(10)) puts the system out of scope.  The
open-source exclusion of Art. 2(12) is decided last, because it holds only when nothing
makes the system high-risk or triggers Art. 5 or Art. 50, and it never lifts the duties
of a general-purpose AI model provider.
"""

from __future__ import annotations

from typing import Final

from aicheck.engine.screening import Effects, Tri, tri_all, tri_any, tri_not
from aicheck.models.report import Reason


class Operators:
    def __init__(self, roles: frozenset[str] | None, reasons: tuple[Reason, ...] = ()) -> None:
        self.roles: Final = roles
        """The roles answered; None while the question is open."""
        self.reasons: Final = reasons


def decide_operators(effects: Effects) -> Operators:
    question = next(iter(effects.questions("roles")), None)
    value = None if question is None else effects.screening.value(question.id)
    return Operators(roles=frozenset(value) if isinstance(value, list) else None)


class Scope:
    def __init__(self, in_scope: Tri, open_source: Tri, reasons: tuple[Reason, ...]) -> None:
        self.in_scope: Final = in_scope
        """Linked to the Union and not excluded, before Art. 2(12)."""
        self.open_source: Final = open_source
        """Released under a free and open-source licence (Art. 2(12) claimed)."""
        self.reasons: Final = reasons


class OpenSourceExclusion:
    def __init__(self, excluded: Tri, system_in_scope: Tri, reasons: tuple[Reason, ...]) -> None:
        self.excluded: Final = excluded
        self.system_in_scope: Final = system_in_scope
        """The system's scope once Art. 2(12) is applied; a model's stays as it was."""
        self.reasons: Final = reasons


def decide_scope(effects: Effects) -> Scope:
    nexus = effects.all_yes("union_nexus")
    exclusions = [(q, effects.yes(q)) for q in effects.questions("scope_exclusion")]
    excluded = tri_any([state for _, state in exclusions])
    reasons: list[Reason] = []
    if nexus is False:
        reasons.append(effects.reason("outside the Act's territorial reach", "union_nexus"))
    for q, state in exclusions:
        if state:
            reasons.append(
                Reason(conclusion="excluded from the Act", refs=(q.ref,), answers=(q.id,))
            )
    return Scope(
        in_scope=tri_all([nexus, tri_not(excluded)]),
        open_source=effects.any_yes("open_source_exclusion"),
        reasons=tuple(reasons),
    )


def decide_open_source_exclusion(
    effects: Effects, scope: Scope, *, high_risk: Tri, prohibited: Tri, transparency: Tri
) -> OpenSourceExclusion:
    excluded = tri_all(
        [scope.open_source, tri_not(high_risk), tri_not(prohibited), tri_not(transparency)]
    )
    reasons: tuple[Reason, ...] = ()
    if excluded:
        conclusion = (
            "excluded as a free and open-source system (not high-risk, no Art. 5 or Art. 50 "
            "trigger)"
        )
        reasons = (effects.reason(conclusion, "open_source_exclusion"),)
    in_scope = scope.in_scope
    if effects.questions("open_source_exclusion"):
        in_scope = tri_all([in_scope, tri_not(excluded)])
    return OpenSourceExclusion(excluded, in_scope, reasons)
