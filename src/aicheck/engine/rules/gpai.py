"""General-purpose AI models (Art. 51-53): a dimension beside the system's tier.

A model with over 10^25 FLOP of training compute, or one the Commission designates, has
systemic risk (Art. 51); only the first must notify the Commission, within two weeks of
the threshold being met or known to be met (Art. 52(1)).  An open-source model without
systemic risk is relieved of Art. 53(1)(a) and (b) (Art. 53(2)).  An unknown compute
leaves this dimension open, never the system's tier.
"""

from __future__ import annotations

from typing import Final

from aicheck.engine.screening import Effects, Tri, tri_all, tri_any, tri_not
from aicheck.models.report import GpaiTier, Reason

SYSTEMIC_RISK_FLOP = 1e25  # Art. 51(2): "greater than 10^25" floating-point operations
NOTIFICATION_REF = "Art. 52(1)"


class GpaiModel:
    def __init__(
        self,
        tier: GpaiTier,
        is_gpai: Tri,
        systemic_risk: Tri,
        open_source_exempt: Tri,
        reasons: tuple[Reason, ...],
        high_impact_presumed: Tri = False,
    ) -> None:
        self.tier: Final = tier
        self.is_gpai: Final = is_gpai
        self.systemic_risk: Final = systemic_risk
        self.high_impact_presumed: Final = high_impact_presumed
        """Over the Art. 51(2) compute threshold: the Art. 52(1) notification is due."""
        self.open_source_exempt: Final = open_source_exempt
        self.reasons: Final = reasons

    def facts(self) -> dict[str, Tri]:
        return {
            "gpai": self.is_gpai,
            "gpai_systemic_risk": self.systemic_risk,
            "gpai_high_impact_presumed": self.high_impact_presumed,
            "gpai_open_source_exempt": self.open_source_exempt,
        }


NOT_A_MODEL = GpaiModel("not_gpai", False, False, False, ())


def decide_gpai(effects: Effects) -> GpaiModel:
    models = effects.questions("gpai_model")
    if not models:
        return NOT_A_MODEL
    is_gpai = effects.any_yes("gpai_model")
    reasons: list[Reason] = []
    compute_states: list[Tri] = []
    for q in effects.questions("gpai_compute"):
        value = effects.screening.value(q.id)
        if value is None:
            compute_states.append(None)
            continue
        over = (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and (value > SYSTEMIC_RISK_FLOP)
        )
        compute_states.append(over)
        if over:
            conclusion = (
                "general-purpose AI model with systemic risk (training compute over 10^25 FLOP)"
            )
            reasons.append(Reason(conclusion=conclusion, refs=(q.ref,), answers=(q.id,)))
    designated = [effects.yes(q) for q in effects.questions("gpai_designated")]
    for q in effects.questions("gpai_designated"):
        if effects.yes(q):
            reasons.append(
                Reason(
                    conclusion="general-purpose AI model designated as having systemic risk",
                    refs=(q.ref,),
                    answers=(q.id,),
                )
            )
    presumed = tri_all([is_gpai, tri_any(compute_states)])
    if is_gpai and presumed is not False:
        conclusion = (
            "notify the Commission within two weeks once the 10^25 FLOP threshold is met or "
            "known to be met"
        )
        answers = tuple(q.id for q in effects.questions("gpai_compute"))
        reasons.append(Reason(conclusion=conclusion, refs=(NOTIFICATION_REF,), answers=answers))
    systemic = tri_all([is_gpai, tri_any(compute_states + designated)])
    open_source = effects.any_yes("gpai_open_source")
    exempt = tri_all([is_gpai, open_source, tri_not(systemic)])
    if is_gpai and systemic is False:
        reasons.append(effects.reason("general-purpose AI model", "gpai_model"))
    if exempt:
        conclusion = "open-source general-purpose AI model: Art. 53(1)(a) and (b) lifted"
        reasons.append(effects.reason(conclusion, "gpai_open_source"))
    tier: GpaiTier
    if is_gpai is False:
        tier = "not_gpai"
    elif is_gpai is None or systemic is None or exempt is None:
        tier = "incomplete"
    elif systemic:
        tier = "gpai_systemic_risk"
    else:
        tier = "gpai_open_source" if exempt else "gpai"
    return GpaiModel(tier, is_gpai, systemic, exempt, tuple(reasons), presumed)
