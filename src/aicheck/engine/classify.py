"""EU AI Act classification, driven by the ``effect`` of each screening question.

:func:`classify` runs the steps of the README's "How aicheck decides" in order; each is a
function in :mod:`aicheck.engine.rules` (scope, prohibited, high_risk, transparency,
gpai) that returns a typed result with the reasons it concluded, and the reasons are
reported in the order of the steps.  What they add up to (the tier, the facts the
controls read, and the questions still needed) is decided here.

Order of precedence: no link to the Union (Art. 2(1)) first, because then nothing in
the Act applies; then Art. 5 (a prohibited practice is reported whatever else is
answered, because an exclusion that would lift it needs legal review, not a checkbox);
then scope (Art. 2, Art. 3(1)); then high-risk (Art. 6(1)/Annex I, Annex III with
Art. 6(3)); then transparency (Art. 50).  General-purpose AI models are a separate
dimension.  While an answer that could change the outcome is missing, the outcome is
``incomplete``.  A reason that does not hold for the outcome is not given.
"""

from __future__ import annotations

import datetime as dt

from aicheck.engine.rules.gpai import decide_gpai
from aicheck.engine.rules.high_risk import (
    AnnexI,
    AnnexIII,
    decide_annex_i,
    decide_annex_iii,
    decide_legacy,
)
from aicheck.engine.rules.prohibited import (
    decide_prohibition,
    moot_duties,
    personal_use_claims,
    under_review,
)
from aicheck.engine.rules.scope import (
    decide_ai_system,
    decide_open_source_exclusion,
    decide_operators,
    decide_scope,
    decide_value_chain,
    why_the_act_applies,
)
from aicheck.engine.rules.transparency import decide_transparency
from aicheck.engine.screening import Effects, Screening, Tri, tri_all, tri_any, tri_not
from aicheck.models.catalog import Effect, Framework
from aicheck.models.report import Classification, Reason, Tier


def classifies(framework: Framework) -> bool:
    """Whether the framework's screening classifies (its questions carry effects)."""
    return any(q.effect for q in framework.questions)


def classify(screening: Screening, as_of: dt.date) -> Classification:
    """Work out the tier, roles and facts; store the facts on ``screening`` for conditions."""
    effects = Effects(screening)
    ai_system = decide_ai_system(effects)
    operators = decide_operators(effects)
    screening.roles = operators.roles  # conditions and filters read them from here on
    scope = decide_scope(effects, ai_system, operators)
    prohibition = decide_prohibition(effects, as_of, scope.nexus)
    annex_i = decide_annex_i(effects)
    annex_iii = decide_annex_iii(effects)
    high_risk = tri_any([annex_i.high_risk, annex_iii.high_risk])
    section_a = tri_all([annex_i.high_risk, tri_not(annex_i.section_b)])
    value_chain = decide_value_chain(effects, operators, high_risk=high_risk, section_a=section_a)
    screening.roles = value_chain.roles
    legacy = decide_legacy(effects, annex_i=section_a, annex_iii=annex_iii.high_risk)
    transparency = decide_transparency(
        effects, value_chain.roles, deployer_relieved=operators.personal
    )
    gpai = decide_gpai(effects)
    open_source = decide_open_source_exclusion(
        effects,
        scope,
        high_risk=high_risk,
        prohibited=prohibition.prohibited,
        transparency=transparency.applies,
    )
    in_scope = open_source.system_in_scope
    # Art. 2(12) and Art. 3(1) concern AI systems, not general-purpose AI models.
    model_in_scope = scope.model_in_scope
    banned = prohibition.prohibited is True
    # Art. 2(2): a Section B product with no Annex III route has no duties under the Act.
    section_b_only = tri_all([annex_i.section_b, tri_not(annex_iii.high_risk)])
    # Duties follow the classification unless the practice is banned (there is no
    # compliance route) or Art. 111(2) holds them back.
    duties = False if banned else tri_all([in_scope, tri_not(legacy.grandfathered)])
    screening.publish_all(
        {
            "in_scope": in_scope,
            "prohibited": prohibition.prohibited,
            "high_risk": tri_all([duties, tri_any([section_a, annex_iii.high_risk])]),
            "high_risk_annex_i": tri_all([duties, section_a]),
            "high_risk_annex_iii": tri_all([duties, annex_iii.high_risk]),
            # Next to a ban the Art. 2(2) limitation is only claimed: Art. 4 stays.
            "high_risk_annex_i_section_b": False if banned else tri_all([in_scope, section_b_only]),
            "high_risk_grandfathered": tri_all([in_scope, legacy.grandfathered]),
            "high_risk_legacy_public": tri_all([in_scope, legacy.public]),
            "annex_iii_listed": annex_iii.listed,
            "art_6_3_derogation": False if banned else tri_all([in_scope, annex_iii.derogation]),
            "transparency": False
            if banned
            else tri_all([in_scope, transparency.applies, tri_not(section_b_only)]),
            **{k: tri_all([model_in_scope, v]) for k, v in gpai.facts().items()},
        }
    )
    tier = decide_tier(
        effects,
        nexus=scope.nexus,
        prohibited=prohibition.prohibited,
        in_scope=in_scope,
        high_risk=high_risk,
        derogation=annex_iii.derogation,
        transparency=transparency.applies,
    )

    def claimed(claims: tuple[Reason, ...]) -> tuple[Reason, ...]:
        return tuple(under_review(c) for c in claims) if banned else claims

    personal = personal_use_claims(prohibition, operators.reasons) if banned else operators.reasons
    reasons = [*claimed(ai_system.claims), *personal, *scope.reasons]
    reasons += claimed(scope.claims)
    applies = tri_any([in_scope, tri_all([model_in_scope, gpai.is_gpai])])
    if scope.nexus and (applies or banned):
        reasons.append(why_the_act_applies(effects, operators))
    reasons += prohibition.reasons
    if in_scope is not False or banned:
        reasons += [*annex_i.reasons, *claimed(section_b_claims(annex_i, annex_iii))]
        reasons += [*annex_iii.reasons, *value_chain.reasons, *legacy.reasons]
        # Art. 2(2): "only" Art. 6(1), 60a and 102 to 112 apply, so no Art. 50 reason.
        reasons += [] if section_b_only and not banned else transparency.reasons
        moot = annex_i.routes + annex_iii.routes + transparency.triggers
        reasons += moot_duties(prohibition, moot)
    if model_in_scope is not False:
        reasons += gpai.reasons
    reasons += open_source.reasons
    return Classification(
        framework=screening.framework.id,
        tier=tier,
        gpai=gpai.tier if model_in_scope is not False else "not_gpai",
        roles=None if operators.answered is None else tuple(sorted(operators.answered)),
        high_risk_routes=annex_i.routes + annex_iii.routes,
        transparency=transparency.triggers,
        prohibited=tuple(q.ref for q in prohibition.practices),
        reasons=tuple(reasons),
        unanswered=still_needed(effects, tier, in_scope, model_in_scope),
        facts=dict(sorted(screening.facts.items())),
    )


def section_b_claims(annex_i: AnnexI, annex_iii: AnnexIII) -> tuple[Reason, ...]:
    """The Art. 2(2) limitation, unless an Annex III route also holds: the text does not
    say what happens then, so the Annex III duties stay (the stricter reading) and the
    reason says only what the Art. 6(1) route brings."""
    if not (annex_i.claims and annex_iii.high_risk):
        return annex_i.claims
    conclusion = (
        "the Art. 6(1) route brings no duty under this Act (Annex I Section B); the Annex III "
        "route applies, read strictly: confirm with counsel"
    )
    return tuple(
        Reason(conclusion=conclusion, refs=c.refs, answers=c.answers) for c in annex_i.claims
    )


def decide_tier(
    effects: Effects,
    *,
    nexus: Tri,
    prohibited: Tri,
    in_scope: Tri,
    high_risk: Tri,
    derogation: Tri,
    transparency: Tri,
) -> Tier:
    """The tier the steps add up to: ``incomplete`` while an answer that could change it
    is missing, never silently minimal."""
    if nexus is False:
        return "out_of_scope"
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
    if high_risk is None or transparency is None or system_unanswered(effects):
        return "incomplete"
    if derogation:
        return "not_high_risk_art_6_3"
    return "transparency" if transparency else "minimal"


_MODEL_EFFECTS: tuple[Effect, ...] = (
    "gpai_model",
    "gpai_compute",
    "gpai_designated",
    "gpai_open_source",
)


def model_questions(effects: Effects) -> set[str]:
    """The general-purpose AI model's own questions: those with a model effect, and those
    asked only on the strength of the model question."""
    models = {q.id for q in effects.questions("gpai_model")}
    found = {q.id for effect in _MODEL_EFFECTS[1:] for q in effects.questions(effect)}
    for q in effects.screening.framework.questions:
        asked_for = set() if q.ask_when is None else q.ask_when.question_ids()
        if asked_for and asked_for <= models:
            found.add(q.id)
    return found


def system_unanswered(effects: Effects) -> list[str]:
    """Open questions that could change the system's tier; the model's stay out of it
    (their answers change the general-purpose AI dimension only)."""
    model = model_questions(effects)
    return [q for q in effects.screening.unanswered() if q not in model]


def still_needed(
    effects: Effects, tier: Tier, in_scope: Tri, model_in_scope: Tri
) -> tuple[str, ...]:
    """Unanswered questions that could still change the outcome.

    Outside the Act (Art. 2), only Art. 5 can still matter, and only while the system is
    outside for a reason Art. 5 does not follow; a model provider keeps its GPAI questions.
    """
    unanswered = effects.screening.unanswered()
    if in_scope is not False:
        return tuple(unanswered)
    practices = effects.questions("prohibited")
    keep = {q.id for q in practices} | {u for q in practices for u in q.unless}
    if model_in_scope is not False:
        keep |= {q.id for effect in _MODEL_EFFECTS for q in effects.questions(effect)}
    if tier == "out_of_scope":
        keep -= {q.id for q in practices}
    return tuple(q for q in unanswered if q in keep)
