"""Wording shared by the text and Markdown reports, so both say the same thing."""

from __future__ import annotations

from aicheck.models.report import Classification, FrameworkCoverage, GroupCoverage

TIER_LABEL = {
    "incomplete": "Incomplete: screening questions unanswered",
    "prohibited": "Prohibited practice (Art. 5)",
    "out_of_scope": "Out of scope of the EU AI Act",
    "high_risk": "High-risk AI system",
    "not_high_risk_art_6_3": "Annex III system, not high-risk under Art. 6(3)",
    "transparency": "Transparency obligations (Art. 50)",
    "minimal": "Minimal risk: no specific obligations beyond AI literacy",
}

GPAI_LABEL = {
    "not_gpai": "not a general-purpose AI model",
    "gpai": "general-purpose AI model (Art. 53)",
    "gpai_open_source": "open-source general-purpose AI model (Art. 53(2))",
    "gpai_systemic_risk": "general-purpose AI model with systemic risk (Art. 51, 55)",
    "incomplete": "general-purpose AI questions unanswered",
}


# High-risk under the Act's classification, but with no high-risk duties under it (yet).
HIGH_RISK_WITHOUT_DUTIES = {
    "high_risk_annex_i_section_b": "High-risk AI system under Annex I Section B: of this Act "
    "only Art. 6(1), 60a and 102 to 112 apply (Art. 2(2)); the requirements come through "
    "the product's sector law",
    "high_risk_grandfathered": "High-risk AI system already on the market before its rules "
    "apply: no high-risk duties until a significant change in its design (Art. 111(2))",
}


# The model's own duties (Chapter V) sit beside a minimal-risk system: the label must not
# say "no specific obligations" over them.
MINIMAL_WITH_MODEL = (
    "Minimal risk as an AI system; the general-purpose AI model's duties are listed on their own"
)
# Art. 50(1) and 50(2) bind the provider; a deployer answering them has no Art. 50 duty.
PROVIDER_PARAGRAPHS = ("Art. 50(1)", "Art. 50(2)")
TRANSPARENCY_FOR_PROVIDER = (
    "Not high-risk: a transparency situation (Art. 50) whose duties fall on the system's "
    "provider, not on your role"
)


# Tiers that do not depend on who answers.
WITHOUT_ROLES = ("incomplete", "prohibited", "out_of_scope")


def tier_line(c: Classification) -> str:
    if c.tier == "high_risk":
        for fact, label in HIGH_RISK_WITHOUT_DUTIES.items():
            if c.facts.get(fact):
                return label
    if c.tier == "minimal" and c.gpai != "not_gpai":
        return MINIMAL_WITH_MODEL
    if c.roles == () and c.tier not in WITHOUT_ROLES:
        return f"{TIER_LABEL[c.tier]}; no role picked, so no duties for you are listed"
    provider_only = all(t in PROVIDER_PARAGRAPHS for t in c.transparency)
    if c.tier == "transparency" and c.roles is not None and not _provides(c) and provider_only:
        return TRANSPARENCY_FOR_PROVIDER
    return TIER_LABEL[c.tier]


def _provides(c: Classification) -> bool:
    """A provider by role, or a product manufacturer shipping it in its name (Art. 3(3));
    Art. 25(1) makes providers only of high-risk systems, which this tier is not."""
    return bool(c.roles and {"provider", "product_manufacturer"} & set(c.roles))


def roles_line(c: Classification) -> str:
    if c.roles is None:
        return "not answered"
    return ", ".join(r.replace("_", " ") for r in c.roles) or "none"


def percent(met: int, total: int) -> str:
    return "n/a" if total == 0 else f"{round(100 * met / total)}%"


def top_groups(cov: FrameworkCoverage) -> list[GroupCoverage]:
    """Groups at the first level (NIST functions, Act chapters) for the coverage table."""
    return [g for g in cov.groups if g.parent is None]


def state_label(state: str) -> str:
    return state.replace("_", " ")
