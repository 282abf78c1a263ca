"""Who the Act reaches: an AI system (Art. 3(1)), the operator roles (Art. 3, 2(10), 25)
and the scope (Art. 2).

The roles come first because conditions and filters read them; one organisation can hold
several (a provider that also deploys its own system).  A natural person's purely
personal use relieves only the deployer (Art. 2(10)).  No link to the Union (Art. 2(1)),
an exclusion (Art. 2(3), 2(6), 2(8)) or a system that is not an AI system (Art. 3(1))
puts the system out of scope.  The open-source exclusion of Art. 2(12) is decided last,
because it holds only when nothing makes the system high-risk or triggers Art. 5 or
Art. 50, and it never lifts the duties of a general-purpose AI model provider.  Whoever
brands, substantially modifies or repurposes a high-risk system, or ships one with its
product under its own name, is its provider (Art. 25(1), (3); Art. 3(3)).
"""

from __future__ import annotations

from typing import Final

from aicheck.engine.screening import Effects, Tri, tri_all, tri_any, tri_not
from aicheck.models.catalog import Effect
from aicheck.models.report import Reason

# How the Art. 3(1) conclusion starts; findings look for it.
NOT_AN_AI_SYSTEM = "not an AI system"

# The answers a "not an AI system" claim sets aside, which make it more urgent to review.
STAKES: tuple[Effect, ...] = ("annex_i_product", "annex_iii", "transparency")

# Art. 2(1): the points a role brings a system in by, beyond (a) to (c) that are asked.
ROLE_POINTS = {
    "importer": "Art. 2(1)(d)",
    "distributor": "Art. 2(1)(d)",
    "product_manufacturer": "Art. 2(1)(e)",
    "authorised_representative": "Art. 2(1)(f)",
}


class AiSystem:
    def __init__(self, is_ai: bool, claims: tuple[Reason, ...]) -> None:
        self.is_ai: Final = is_ai
        """False only when answered no; unanswered reads as an AI system (the stricter)."""
        self.claims: Final = claims


def decide_ai_system(effects: Effects) -> AiSystem:
    questions = effects.questions("ai_system")
    if not any(effects.yes(q) is False for q in questions):
        return AiSystem(True, ())
    conclusion = (
        f"{NOT_AN_AI_SYSTEM} (no inference from inputs): out of scope as a system; a "
        "general-purpose AI model keeps its duties"
    )
    # What the claim lifts: the high-risk and Art. 50 answers it sets aside.
    lifted = [q for effect in STAKES for q in effects.questions(effect) if effects.yes(q)]
    if lifted:
        conclusion += "; this sets aside answers that would otherwise bring duties"
    reason = Reason(
        conclusion=conclusion,
        refs=(*(q.ref for q in questions), *(q.ref for q in lifted)),
        answers=(*(q.id for q in questions), *(q.id for q in lifted)),
    )
    return AiSystem(False, (reason,))


class Operators:
    def __init__(
        self, answered: frozenset[str] | None, personal: Tri, reasons: tuple[Reason, ...]
    ) -> None:
        self.answered: Final = answered
        """The roles answered; None while the question is open."""
        self.personal: Final = personal
        """A natural person's purely personal use: no deployer duties (Art. 2(10))."""
        self.roles: Final = (
            answered - {"deployer"} if answered is not None and personal else answered
        )
        """The roles that carry duties: a natural person's personal use is no deployer's."""
        self.personal_only: Final = tri_all(
            [personal, None if self.roles is None else not self.roles]
        )
        """A natural person in purely personal use, with no other role (Art. 2(10))."""
        self.reasons: Final = reasons


def decide_operators(effects: Effects) -> Operators:
    question = next(iter(effects.questions("roles")), None)
    value = None if question is None else effects.screening.value(question.id)
    answered = frozenset(value) if isinstance(value, list) else None
    personal = effects.any_yes("personal_use")
    reasons: tuple[Reason, ...] = ()
    if personal:
        conclusion = (
            "no deployer duties for a natural person's purely personal, non-professional "
            "use; a provider keeps its duties"
        )
        reasons = (effects.reason(conclusion, "personal_use"),)
    return Operators(answered, personal, reasons)


class Scope:
    def __init__(
        self,
        nexus: Tri,
        model_in_scope: Tri,
        in_scope: Tri,
        open_source: Tri,
        reasons: tuple[Reason, ...],
        claims: tuple[Reason, ...],
    ) -> None:
        self.nexus: Final = nexus
        """Linked to the Union (Art. 2(1)); without that nothing in the Act applies."""
        self.model_in_scope: Final = model_in_scope
        """Linked and not excluded: what a general-purpose AI model's duties follow."""
        self.in_scope: Final = in_scope
        """The system's scope before Art. 2(12): also an AI system, and not only personal use."""
        self.open_source: Final = open_source
        """Released under a free and open-source licence (Art. 2(12) claimed)."""
        self.reasons: Final = reasons
        self.claims: Final = claims
        """The exclusions answered yes: reasons unless they sit next to a ban."""


class OpenSourceExclusion:
    def __init__(self, excluded: Tri, system_in_scope: Tri, reasons: tuple[Reason, ...]) -> None:
        self.excluded: Final = excluded
        self.system_in_scope: Final = system_in_scope
        """The system's scope once Art. 2(12) is applied; a model's stays as it was."""
        self.reasons: Final = reasons


def decide_scope(effects: Effects, ai_system: AiSystem, operators: Operators) -> Scope:
    nexus = effects.all_yes("union_nexus")
    exclusions = [(q, effects.yes(q)) for q in effects.questions("scope_exclusion")]
    excluded = tri_any([state for _, state in exclusions])
    model_in_scope = tri_all([nexus, tri_not(excluded)])
    reasons: list[Reason] = []
    if nexus is False:
        reasons.append(effects.reason("outside the Act's territorial reach", "union_nexus"))
    claims = tuple(
        Reason(conclusion="excluded from the Act", refs=(q.ref,), answers=(q.id,))
        for q, state in exclusions
        if state
    )
    return Scope(
        nexus=nexus,
        model_in_scope=model_in_scope,
        in_scope=tri_all([model_in_scope, ai_system.is_ai, tri_not(operators.personal_only)]),
        open_source=effects.any_yes("open_source_exclusion"),
        reasons=tuple(reasons),
        claims=claims,
    )


def why_the_act_applies(effects: Effects, operators: Operators) -> Reason:
    """The Art. 2(1) points that bring the system in: those answered, and the roles'."""
    refs: list[str] = []
    answers: list[str] = []
    for q in effects.questions("union_nexus_basis"):
        value = effects.screening.value(q.id)
        picked = value if isinstance(value, list) else []
        refs += [o.ref for o in q.options if o.value in picked and o.ref]
        answers += [q.id] if picked else []
    refs += [ROLE_POINTS[r] for r in sorted(operators.answered or ()) if r in ROLE_POINTS]
    refs = sorted(set(refs)) or [q.ref for q in effects.questions("union_nexus")]
    nexus = [q.id for q in effects.questions("union_nexus")]
    return Reason(
        conclusion="the Act applies: there is a link to the Union",
        refs=tuple(refs),
        answers=(*nexus, *answers),
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


class ValueChain:
    def __init__(self, roles: frozenset[str] | None, reasons: tuple[Reason, ...]) -> None:
        self.roles: Final = roles
        """The roles that carry duties, with the provider's where Art. 25 or 3(3) makes one."""
        self.reasons: Final = reasons


def decide_value_chain(
    effects: Effects, operators: Operators, *, high_risk: Tri, section_a: Tri
) -> ValueChain:
    """Art. 25(1): branding, substantially modifying or repurposing a high-risk system makes
    its provider; Art. 25(3) (Section A products) and Art. 3(3) with 2(1)(e) make a product
    manufacturer shipping the system under its own name the provider."""
    roles = operators.roles
    if roles is None:
        return ValueChain(None, ())
    reasons: list[Reason] = []
    if "product_manufacturer" in roles:
        refs = ("Art. 25(3)",) if section_a else ("Art. 3(3)", "Art. 2(1)(e)")
        conclusion = "treated as the provider: a product manufacturer shipping it in its name"
        reasons.append(Reason(conclusion=conclusion, refs=refs, answers=_roles_answer(effects)))
    if high_risk:
        for q in effects.questions("deemed_provider"):
            value = effects.screening.value(q.id)
            picked = [o for o in q.options if isinstance(value, list) and o.value in value]
            if picked:
                reasons.append(
                    Reason(
                        conclusion="treated as the provider of the high-risk system",
                        refs=tuple(o.ref or q.ref for o in picked),
                        answers=(q.id,),
                    )
                )
    return ValueChain(roles | {"provider"} if reasons else roles, tuple(reasons))


def _roles_answer(effects: Effects) -> tuple[str, ...]:
    return tuple(q.id for q in effects.questions("roles"))
