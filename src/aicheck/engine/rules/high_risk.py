"""Art. 6: the two routes to high-risk, and who among them carries duties.

Art. 6(1): a product, or a safety component of one, under the Annex I legislation that
needs a third-party conformity assessment.  For a Section B product, of this Act only
Art. 6(1), 60a and 102 to 112 apply (Art. 2(2)).  Art. 6(2): an Annex III point, unless a
carve-out of that point applies or an Art. 6(3) condition is met; profiling of natural
persons always stays high-risk.  A system relying on Art. 6(3) must still document the
assessment (Art. 6(4)) and register (Art. 49(2)).  A high-risk system already on the
market before its rules apply is caught only after a significant change in its design,
and by the Art. 111(2) deadline when intended for public authorities.
"""

from __future__ import annotations

from typing import Final

from aicheck.engine.screening import Effects, Tri, tri_all, tri_any, tri_not
from aicheck.models.answers import iso_day
from aicheck.models.catalog import Question
from aicheck.models.report import Reason


class AnnexI:
    def __init__(
        self,
        high_risk: Tri,
        section_b: Tri,
        routes: tuple[str, ...],
        reasons: tuple[Reason, ...],
        claims: tuple[Reason, ...] = (),
    ) -> None:
        self.high_risk: Final = high_risk
        """High-risk under Art. 6(1), whichever section of Annex I."""
        self.section_b: Final = section_b
        """High-risk under Art. 6(1) through a Section B law only (Art. 2(2))."""
        self.routes: Final = routes
        """The references of the high-risk route, when it is one."""
        self.reasons: Final = reasons
        self.claims: Final = claims
        """The Art. 2(2) limitation: a reason unless it sits next to a ban."""


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
        return AnnexI(high_risk=False, section_b=False, routes=(), reasons=())
    high_risk = tri_all(
        [effects.yes(q) for q in products]
        + [effects.yes(q) for q in effects.questions("annex_i_third_party")]
    )
    if not high_risk:
        return AnnexI(high_risk=high_risk, section_b=high_risk, routes=(), reasons=())
    reason = Reason(
        conclusion="high-risk: Annex I product needing third-party conformity assessment",
        refs=tuple(q.ref for q in products + effects.questions("annex_i_third_party")),
        answers=tuple(q.id for q in products),
    )
    section_b: Tri = False
    claims: tuple[Reason, ...] = ()
    for q in effects.questions("annex_i_section"):
        value = effects.screening.value(q.id)
        section_b = None if value is None else value == "section_b"
        if section_b:
            conclusion = (
                "Annex I Section B product: of this Act only Art. 6(1), Art. 60a and Arts. 102 "
                "to 112 apply; the AI requirements come through its sector law"
            )
            refs = tuple(o.ref for o in q.options if o.value == "section_b" and o.ref)
            claims = (Reason(conclusion=conclusion, refs=refs or (q.ref,), answers=(q.id,)),)
    routes = tuple(q.ref for q in products)
    return AnnexI(high_risk, tri_all([high_risk, section_b]), routes, (reason,), claims)


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


class Legacy:
    def __init__(self, grandfathered: Tri, public: Tri, reasons: tuple[Reason, ...]) -> None:
        self.grandfathered: Final = grandfathered
        """On the market before its rules apply, no change planned: no high-risk duties yet."""
        self.public: Final = public
        """The same, intended for public authorities: duties from the Art. 111(2) deadline."""
        self.reasons: Final = reasons


NOT_LEGACY = Legacy(False, False, ())

# Art. 113, third paragraph, point (c): when the high-risk rules apply, route by route.
ANNEX_III_DATE = "annex-iii-high-risk"
ANNEX_I_DATE = "annex-i-high-risk"
PUBLIC_DEADLINE = "legacy-public-authority"
COUNSEL = (
    "confirm with counsel that it counts as placed on the market or put into service before then"
)


def decide_legacy(effects: Effects, *, annex_i: Tri, annex_iii: Tri) -> Legacy:
    """Art. 111(2), for a system high-risk through a route with duties (Annex I Section A,
    Annex III); unanswered reads as a new system, the stricter result."""
    questions = effects.questions("legacy_high_risk")
    if not tri_any([annex_i, annex_iii]) or not questions:
        return NOT_LEGACY
    q = questions[0]
    state = effects.screening.value(q.id)
    if state == "legacy_change_planned":
        routes = [(annex_iii, ANNEX_III_DATE), (annex_i, ANNEX_I_DATE)]
        return Legacy(False, False, (_planned_change(effects, q, routes),))
    if state != "legacy_unchanged":
        return NOT_LEGACY
    public = effects.any_yes("legacy_public_use")
    answers = (q.id, *(p.id for p in effects.questions("legacy_public_use")))
    if public is None:
        return Legacy(None, None, ())
    conclusion = (
        "on the market before its high-risk rules apply and intended for public "
        f"authorities: the high-risk duties apply from the Art. 111(2) deadline; {COUNSEL}"
        if public
        else "on the market before its high-risk rules apply, with no significant change in "
        f"design planned: no high-risk duties unless its design changes significantly; {COUNSEL}"
    )
    reason = Reason(conclusion=conclusion, refs=(q.ref,), answers=answers)
    return Legacy(not public, public, (reason,))


def _planned_change(effects: Effects, q: Question, routes: list[tuple[Tri, str]]) -> Reason:
    """Art. 111(2) with a significant change in design planned: the rules apply from the
    change, and never before the route's own date.  The catalog's date rules date the
    duties the same way; this says why, and what is missing."""
    dates = [effects.dates[d] for holds, d in routes if holds and d in effects.dates]
    first = min(dates) if dates else None
    changes = effects.questions("legacy_change_date")
    day = next((iso_day(effects.screening.value(c.id)) for c in changes), None)
    lead = "on the market before its high-risk rules apply, with a significant change in design"
    if day is not None and (first is None or day > first):
        conclusion = f"{lead} planned for {day.isoformat()}: the high-risk rules apply from then"
        public = effects.dates.get(PUBLIC_DEADLINE)
        if public is not None and day > public:
            conclusion += f", or from {public.isoformat()} if it is intended for public authorities"
    elif day is not None and first is not None:
        conclusion = (
            f"{lead} planned for {day.isoformat()}, before its high-risk rules apply: Art. "
            f"111(2) counts a change only from {first.isoformat()}, so aicheck dates the rules "
            "from then; if no further significant change is planned, answer legacy_unchanged"
        )
    else:
        when = first.isoformat() if first else "the date they apply to it"
        ask = f"; give the day of the change in {changes[0].id}" if changes else ""
        conclusion = (
            f"{lead} planned: the high-risk rules apply from that change; aicheck dates them "
            f"from {when}, the earliest they could{ask}"
        )
    answers = (q.id, *(c.id for c in changes))
    return Reason(conclusion=conclusion, refs=(q.ref,), answers=answers)
