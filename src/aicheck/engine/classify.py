"""EU AI Act classification, driven by the ``effect`` of each screening question.

Order of precedence: Art. 5 first (a prohibited practice is reported whatever else is
answered, because an exclusion that would lift it needs legal review, not a checkbox);
then scope (Art. 2); then high-risk (Art. 6(1)/Annex I, Annex III with Art. 6(3));
then transparency (Art. 50).  General-purpose AI models are a separate dimension.  While
an answer that could change the outcome is missing, the outcome is ``incomplete``.
"""

from __future__ import annotations

import datetime as dt

from aicheck.engine.screening import Screening, Tri, tri_all, tri_any, tri_not
from aicheck.models.catalog import Framework, Question
from aicheck.models.report import Classification, GpaiTier, Reason, Tier

SYSTEMIC_RISK_FLOP = 1e25  # Art. 51(2): "greater than 10^25" floating-point operations


def classifies(framework: Framework) -> bool:
    """Whether the framework's screening classifies (its questions carry effects)."""
    return any(q.effect for q in framework.questions)


def classify(screening: Screening, as_of: dt.date) -> Classification:
    """Work out the tier, roles and facts; store the facts on ``screening`` for conditions."""
    qs = screening.framework.questions
    by_effect: dict[str, list[Question]] = {}
    for q in qs:
        if q.effect:
            by_effect.setdefault(q.effect, []).append(q)
    dates = {d.id: d.date for d in screening.framework.dates}
    reasons: list[Reason] = []

    def lifted(q: Question) -> Tri:
        return tri_any([screening.yes(u) for u in q.unless])

    def triggered(q: Question) -> Tri:
        return tri_all([screening.yes(q.id), tri_not(lifted(q))])

    # Roles first: conditions and filters read them.
    roles_q = next(iter(by_effect.get("roles", [])), None)
    roles_value = None if roles_q is None else screening.value(roles_q.id)
    roles = frozenset(roles_value) if isinstance(roles_value, list) else None
    screening.roles = roles

    # Art. 5.  A prohibition with a date of its own (the Omnibus additions) counts from then;
    # before that it is reported as coming, not as the outcome.
    prohibited_hits: list[Question] = []
    prohibited_states: list[Tri] = []
    for q in by_effect.get("prohibited", []):
        state = triggered(q)
        start = dates.get(q.applies_from) if q.applies_from else None
        upcoming = start is not None and start > as_of
        prohibited_states.append(False if upcoming and state is not None else state)
        if state and upcoming:
            assert start is not None
            reasons.append(
                Reason(
                    conclusion=f"prohibited from {start.isoformat()}",
                    refs=(q.ref,),
                    answers=(q.id, *q.unless),
                )
            )
        elif state:
            prohibited_hits.append(q)
            reasons.append(
                Reason(conclusion="prohibited practice", refs=(q.ref,), answers=(q.id, *q.unless))
            )
    prohibited = tri_any(prohibited_states)

    # Art. 2 scope.
    nexus = tri_all([screening.yes(q.id) for q in by_effect.get("union_nexus", [])])
    exclusions = [(q, screening.yes(q.id)) for q in by_effect.get("scope_exclusion", [])]
    excluded = tri_any([state for _, state in exclusions])
    in_scope = tri_all([nexus, tri_not(excluded)])
    if nexus is False:
        refs = tuple(q.ref for q in by_effect["union_nexus"])
        reasons.append(
            Reason(
                conclusion="outside the Act's territorial reach",
                refs=refs,
                answers=tuple(q.id for q in by_effect["union_nexus"]),
            )
        )
    for q, state in exclusions:
        if state:
            reasons.append(
                Reason(conclusion="excluded from the Act", refs=(q.ref,), answers=(q.id,))
            )
    open_source = tri_any([screening.yes(q.id) for q in by_effect.get("open_source_exclusion", [])])

    # Art. 6(1) with Annex I.
    annex_i = (
        tri_all(
            [screening.yes(q.id) for q in by_effect.get("annex_i_product", [])]
            + [screening.yes(q.id) for q in by_effect.get("annex_i_third_party", [])]
        )
        if by_effect.get("annex_i_product")
        else False
    )
    if annex_i:
        refs = tuple(
            q.ref for q in by_effect["annex_i_product"] + by_effect.get("annex_i_third_party", [])
        )
        reasons.append(
            Reason(
                conclusion="high-risk: Annex I product needing third-party conformity assessment",
                refs=refs,
                answers=tuple(q.id for q in by_effect["annex_i_product"]),
            )
        )

    # Annex III with the Art. 6(3) derogation.
    annex_iii_hits = [q for q in by_effect.get("annex_iii", []) if triggered(q)]
    listed = tri_any([triggered(q) for q in by_effect.get("annex_iii", [])])
    screening.publish("annex_iii_listed", listed)
    profiling = tri_any([screening.yes(q.id) for q in by_effect.get("profiling", [])])
    derogation_met = tri_any(
        [screening.yes(q.id) for q in by_effect.get("derogation_condition", [])]
    )
    derogation = tri_all([listed, tri_not(profiling), derogation_met])
    annex_iii = tri_all([listed, tri_not(derogation)])
    for q in annex_iii_hits:
        reasons.append(
            Reason(conclusion="listed in Annex III", refs=(q.ref,), answers=(q.id, *q.unless))
        )
    if listed and profiling:
        refs = tuple(q.ref for q in by_effect["profiling"])
        reasons.append(
            Reason(
                conclusion="profiling of natural persons: always high-risk",
                refs=refs,
                answers=tuple(q.id for q in by_effect["profiling"]),
            )
        )
    elif derogation:
        met = [q for q in by_effect["derogation_condition"] if screening.yes(q.id)]
        reasons.append(
            Reason(
                conclusion="not high-risk under the Art. 6(3) derogation; document the "
                "assessment (Art. 6(4)) and register (Art. 49(2))",
                refs=tuple(q.ref for q in met),
                answers=tuple(q.id for q in met),
            )
        )
    high_risk = tri_any([annex_i, annex_iii])

    # Art. 50.
    transparency_hits = [q for q in by_effect.get("transparency", []) if screening.yes(q.id)]
    transparency = tri_any([screening.yes(q.id) for q in by_effect.get("transparency", [])])
    for q in transparency_hits:
        reasons.append(Reason(conclusion="transparency duty", refs=(q.ref,), answers=(q.id,)))

    gpai_tier, gpai_facts = _gpai(screening, by_effect, reasons)

    # Art. 2(12): open-source systems are out unless high-risk, Art. 5 or Art. 50 catch them.
    open_source_out = tri_all(
        [open_source, tri_not(high_risk), tri_not(prohibited), tri_not(transparency)]
    )
    if open_source_out:
        reasons.append(
            Reason(
                conclusion="excluded as a free and open-source system (not high-risk, no Art. 5 "
                "or Art. 50 trigger)",
                refs=tuple(q.ref for q in by_effect.get("open_source_exclusion", [])),
                answers=tuple(q.id for q in by_effect.get("open_source_exclusion", [])),
            )
        )
    # Art. 2(12) exempts AI systems, not general-purpose AI models (those have Art. 53(2)).
    model_in_scope = in_scope
    in_scope = (
        tri_all([in_scope, tri_not(open_source_out)])
        if by_effect.get("open_source_exclusion")
        else in_scope
    )
    screening.publish_all(
        {
            "in_scope": in_scope,
            "prohibited": prohibited,
            "high_risk": tri_all([in_scope, high_risk]),
            "high_risk_annex_i": tri_all([in_scope, annex_i]),
            "high_risk_annex_iii": tri_all([in_scope, annex_iii]),
            "annex_iii_listed": listed,
            "art_6_3_derogation": tri_all([in_scope, derogation]),
            "transparency": tri_all([in_scope, transparency]),
            **{k: tri_all([model_in_scope, v]) for k, v in gpai_facts.items()},
        }
    )

    tier = _tier(prohibited, in_scope, high_risk, derogation, transparency, screening)
    return Classification(
        framework=screening.framework.id,
        tier=tier,
        gpai=gpai_tier if model_in_scope is not False else "not_gpai",
        roles=tuple(sorted(roles or ())),
        high_risk_routes=tuple(
            [q.ref for q in by_effect.get("annex_i_product", []) if annex_i]
            + [q.ref for q in annex_iii_hits if annex_iii]
        ),
        transparency=tuple(q.ref for q in transparency_hits),
        prohibited=tuple(q.ref for q in prohibited_hits),
        reasons=tuple(reasons),
        unanswered=_still_needed(screening, tier, in_scope, model_in_scope, by_effect),
        facts=dict(sorted(screening.facts.items())),
    )


def _still_needed(
    screening: Screening,
    tier: Tier,
    in_scope: Tri,
    model_in_scope: Tri,
    by_effect: dict[str, list[Question]],
) -> tuple[str, ...]:
    """Unanswered questions that could still change the outcome.

    Outside the Act (Art. 2), only Art. 5 can still matter, and only while the system is
    outside for a reason Art. 5 does not follow; a model provider keeps its GPAI questions.
    """
    unanswered = screening.unanswered()
    if in_scope is not False:
        return tuple(unanswered)
    keep = {q.id for q in by_effect.get("prohibited", [])}
    keep |= {u for q in by_effect.get("prohibited", []) for u in q.unless}
    if model_in_scope is not False:
        keep |= {
            q.id
            for effect in ("gpai_model", "gpai_compute", "gpai_designated", "gpai_open_source")
            for q in by_effect.get(effect, [])
        }
    if tier == "out_of_scope":
        keep -= {q.id for q in by_effect.get("prohibited", [])}
    return tuple(q for q in unanswered if q in keep)


def _tier(
    prohibited: Tri,
    in_scope: Tri,
    high_risk: Tri,
    derogation: Tri,
    transparency: Tri,
    screening: Screening,
) -> Tier:
    if prohibited:
        return "prohibited"
    if prohibited is None:
        return "incomplete"
    if in_scope is False:
        return "out_of_scope"
    if in_scope is None:
        return "incomplete"
    if high_risk:
        return "high_risk"
    if high_risk is None or transparency is None or screening.unanswered():
        return "incomplete"
    if derogation:
        return "not_high_risk_art_6_3"
    return "transparency" if transparency else "minimal"


def _gpai(
    screening: Screening, by_effect: dict[str, list[Question]], reasons: list[Reason]
) -> tuple[GpaiTier, dict[str, Tri]]:
    model_qs = by_effect.get("gpai_model", [])
    if not model_qs:
        return "not_gpai", {
            "gpai": False,
            "gpai_systemic_risk": False,
            "gpai_open_source_exempt": False,
        }
    is_gpai = tri_any([screening.yes(q.id) for q in model_qs])
    compute_states: list[Tri] = []
    for q in by_effect.get("gpai_compute", []):
        value = screening.value(q.id)
        if value is None:
            compute_states.append(None)
        else:
            over = (
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and (value > SYSTEMIC_RISK_FLOP)
            )
            compute_states.append(over)
            if over:
                reasons.append(
                    Reason(
                        conclusion="general-purpose AI model with systemic risk "
                        "(training compute over 10^25 FLOP)",
                        refs=(q.ref,),
                        answers=(q.id,),
                    )
                )
    designated = [screening.yes(q.id) for q in by_effect.get("gpai_designated", [])]
    for q in by_effect.get("gpai_designated", []):
        if screening.yes(q.id):
            reasons.append(
                Reason(
                    conclusion="general-purpose AI model designated as having systemic risk",
                    refs=(q.ref,),
                    answers=(q.id,),
                )
            )
    systemic = tri_all([is_gpai, tri_any(compute_states + designated)])
    open_source = tri_any([screening.yes(q.id) for q in by_effect.get("gpai_open_source", [])])
    exempt = tri_all([is_gpai, open_source, tri_not(systemic)])
    facts = {"gpai": is_gpai, "gpai_systemic_risk": systemic, "gpai_open_source_exempt": exempt}
    if is_gpai and systemic is False:
        reasons.append(
            Reason(
                conclusion="general-purpose AI model",
                refs=tuple(q.ref for q in model_qs),
                answers=tuple(q.id for q in model_qs),
            )
        )
    if exempt:
        reasons.append(
            Reason(
                conclusion="open-source general-purpose AI model: Art. 53(1)(a) and (b) lifted",
                refs=tuple(q.ref for q in by_effect["gpai_open_source"]),
                answers=tuple(q.id for q in by_effect["gpai_open_source"]),
            )
        )
    tier: GpaiTier
    if is_gpai is False:
        tier = "not_gpai"
    elif is_gpai is None or systemic is None or exempt is None:
        tier = "incomplete"
    elif systemic:
        tier = "gpai_systemic_risk"
    else:
        tier = "gpai_open_source" if exempt else "gpai"
    return tier, facts
