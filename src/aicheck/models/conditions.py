"""Applicability conditions: a small, validated language over answers and derived facts."""

from __future__ import annotations

from pydantic import Field, model_validator

from aicheck.models.base import Identifier, Strict

# Facts the engine derives from the EU AI Act screening; conditions may name them.
KNOWN_FACTS = frozenset(
    {
        "in_scope",
        "prohibited",
        "high_risk",
        "high_risk_annex_i",
        "high_risk_annex_iii",
        "high_risk_annex_i_section_b",
        "high_risk_grandfathered",
        "high_risk_legacy_public",
        "annex_iii_listed",
        "art_6_3_derogation",
        "transparency",
        "gpai",
        "gpai_systemic_risk",
        "gpai_high_impact_presumed",
        "gpai_open_source_exempt",
    }
)


class Condition(Strict):
    """Exactly one of: a question test, a fact, a role, or all/any/not of conditions.

    ``question`` with ``equals`` tests a yes/no or single-choice answer, with ``includes``
    a multiple-choice answer, with ``at_least`` a number.  A bare ``question`` is true
    when the answer is yes.
    """

    question: Identifier | None = None
    equals: bool | str | None = None
    includes: str | None = None
    at_least: float | None = None
    fact: str | None = None
    role: str | None = None
    all: tuple[Condition, ...] | None = None
    any: tuple[Condition, ...] | None = None
    not_: Condition | None = Field(default=None, alias="not")

    @model_validator(mode="after")
    def _exactly_one_kind(self) -> Condition:
        kinds = [
            name
            for name in ("question", "fact", "role", "all", "any", "not_")
            if getattr(self, name) is not None
        ]
        if len(kinds) != 1:
            raise ValueError(
                "a condition needs exactly one of: question, fact, role, all, any, not"
            )
        tests = [t for t in (self.equals, self.includes, self.at_least) if t is not None]
        if self.question is None and tests:
            raise ValueError("equals/includes/at_least only go with 'question'")
        if len(tests) > 1:
            raise ValueError("use only one of equals, includes, at_least")
        if self.fact is not None and self.fact not in KNOWN_FACTS:
            raise ValueError(
                f"unknown fact {self.fact!r}; known facts: {', '.join(sorted(KNOWN_FACTS))}"
            )
        return self

    def question_ids(self) -> set[str]:
        """Every question this condition (recursively) refers to."""
        found = {self.question} if self.question else set()
        for child in (*(self.all or ()), *(self.any or ())):
            found |= child.question_ids()
        if self.not_ is not None:
            found |= self.not_.question_ids()
        return found
