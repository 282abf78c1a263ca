"""Art. 6: the two routes to high-risk.

Art. 6(1): a product, or a safety component of one, under the Annex I legislation that
needs a third-party conformity assessment.  Art. 6(2): an Annex III point, unless a
carve-out of that point applies or an Art. 6(3) condition is met; profiling of natural
persons always stays high-risk.  A system relying on Art. 6(3) must still document the
assessment (Art. 6(4)) and register (Art. 49(2)).
"""

from __future__ import annotations

from typing import Final

from aicheck.engine.screening import Effects, Tri, tri_all, tri_any, tri_not
from aicheck.models.report import Reason


class AnnexI:
    def __init__(
        self, high_risk: Tri, routes: tuple[str, ...], reasons: tuple[Reason, ...]
    ) -> None:
        self.high_risk: Final = high_risk
        self.routes: Final = routes
        """The references of the high-risk route, when it is one."""
        self.reasons: Final = reasons


class AnnexIII:
    def __init__(
        self,
        listed: Tri,
        derogation: Tri,
        high_risk: Tri,
        routes: tuple[str, ...],
        reasons: tuple[Reason, ...],
    ) -> None:
        self.listed: Final = listed
        """An Annex III point applies (before Art. 6(3))."""
        self.derogation: Final = derogation
        """Not high-risk under Art. 6(3)."""
        self.high_risk: Final = high_risk
        self.routes: Final = routes
        self.reasons: Final = reasons


def decide_annex_i(effects: Effects) -> AnnexI:
    products = effects.questions("annex_i_product")
    if not products:
        return AnnexI(high_risk=False, routes=(), reasons=())
    high_risk = tri_all(
        [effects.yes(q) for q in products]
        + [effects.yes(q) for q in effects.questions("annex_i_third_party")]
    )
    if not high_risk:
        return AnnexI(high_risk=high_risk, routes=(), reasons=())
    reason = Reason(
        conclusion="high-risk: Annex I product needing third-party conformity assessment",
        refs=tuple(q.ref for q in products + effects.questions("annex_i_third_party")),
        answers=tuple(q.id for q in products),
    )
    return AnnexI(high_risk=high_risk, routes=tuple(q.ref for q in products), reasons=(reason,))


def decide_annex_iii(effects: Effects) -> AnnexIII:
    points = [q for q in effects.questions("annex_iii") if effects.triggered(q)]
    listed = tri_any([effects.triggered(q) for q in effects.questions("annex_iii")])
    # Published at once: the Art. 6(3) questions are asked only of a listed system.
    effects.screening.publish("annex_iii_listed", listed)
    profiling = effects.any_yes("profiling")
    derogation = tri_all([listed, tri_not(profiling), effects.any_yes("derogation_condition")])
    high_risk = tri_all([listed, tri_not(derogation)])
    reasons = [
        Reason(conclusion="listed in Annex III", refs=(q.ref,), answers=(q.id, *q.unless))
        for q in points
    ]
    if listed and profiling:
        conclusion = "profiling of natural persons: always high-risk"
        reasons.append(effects.reason(conclusion, "profiling"))
    elif derogation:
        met = [q for q in effects.questions("derogation_condition") if effects.yes(q)]
        reasons.append(
            Reason(
                conclusion="not high-risk under the Art. 6(3) derogation; document the "
                "assessment (Art. 6(4)) and register (Art. 49(2))",
                refs=tuple(q.ref for q in met),
                answers=tuple(q.id for q in met),
            )
        )
    routes = tuple(q.ref for q in points) if high_risk else ()
    return AnnexIII(listed, derogation, high_risk, routes, tuple(reasons))
