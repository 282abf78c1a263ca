"""A framework catalog: the data a YAML file under ``frameworks/`` describes."""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from pydantic import Field, HttpUrl, model_validator

from aicheck.models.base import Identifier, Strict, Text
from aicheck.models.conditions import Condition

FORMAT_VERSION = 1

Role = Literal[
    "provider",
    "deployer",
    "importer",
    "distributor",
    "authorised_representative",
    "product_manufacturer",
]
KNOWN_ROLES: tuple[str, ...] = get_args(Role)

# What a screening answer means to the EU AI Act classifier (see engine/classify.py).
Effect = Literal[
    "ai_system",  # no: not an AI system (Art. 3(1)); unanswered reads as yes
    "union_nexus",  # yes: the Act reaches the system (Art. 2(1)); no: out of scope
    "union_nexus_basis",  # multiple choice of Art. 2(1) points (options carry the refs)
    "scope_exclusion",  # yes: excluded from the Act (Art. 2(3), 2(6), 2(8))
    "open_source_exclusion",  # yes: Art. 2(12), which never lifts Art. 5, 50 or high-risk
    "roles",  # multiple choice of operator roles (Art. 3)
    "personal_use",  # yes: a natural person's purely personal use, no deployer duties (2(10))
    "deemed_provider",  # multiple choice of Art. 25(1) circumstances: treated as provider
    "prohibited",  # yes (and no `unless` answered yes): prohibited practice (Art. 5)
    "annex_i_product",  # safety component of / itself an Annex I product (Art. 6(1)(a))
    "annex_i_third_party",  # needs third-party conformity assessment (Art. 6(1)(b))
    "annex_i_section",  # choice section_a / section_b of Annex I (Art. 2(2))
    "annex_iii",  # yes (and no `unless` yes): listed in Annex III (Art. 6(2))
    "derogation_condition",  # one of Art. 6(3)(a)-(d)
    "profiling",  # profiling of natural persons: always high-risk (Art. 6(3))
    "legacy_high_risk",  # choice: on the market before its high-risk rules (Art. 111(2))
    "legacy_public_use",  # yes: such a legacy system is meant for public authorities
    "legacy_change_date",  # date: when the planned significant change in design comes
    "transparency",  # an Art. 50 trigger
    "gpai_model",  # the system is, or the operator provides, a general-purpose AI model
    "gpai_compute",  # cumulative training compute in FLOP (Art. 51(2))
    "gpai_designated",  # designated as systemic risk by the Commission (Art. 51(1)(b))
    "gpai_open_source",  # released under a free and open-source licence (Art. 53(2))
]

# Effects whose answers the classifier reads by value: the type and options they must have.
ANNEX_I_SECTIONS: tuple[str, ...] = ("section_a", "section_b")
LEGACY_STATES: tuple[str, ...] = ("not_legacy", "legacy_unchanged", "legacy_change_planned")
EFFECT_OPTIONS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "roles": ("multi", KNOWN_ROLES),
    "union_nexus_basis": ("multi", None),
    "deemed_provider": ("multi", None),
    "annex_i_section": ("choice", ANNEX_I_SECTIONS),
    "legacy_high_risk": ("choice", LEGACY_STATES),
    "legacy_change_date": ("date", None),
}
# Answers an effect no longer takes, with what to write instead.  Refused rather than
# read, because each could mean more than one of today's answers.
RETIRED_ANSWERS: dict[str, dict[str, str]] = {
    "legacy_high_risk": {
        "legacy_redesigned": "Art. 111(2) counts a significant change in design only from the "
        "date the high-risk rules apply (2 December 2027 for Annex III, 2 August 2028 for "
        "Annex I); write legacy_change_planned if such a change is planned, or "
        "legacy_unchanged if not",
    },
}

QuestionType = Literal["boolean", "choice", "multi", "number", "date", "text"]
GroupKind = Literal["function", "category", "chapter", "section", "principle", "area", "overlay"]


class Group(Strict):
    """A node of the framework's structure (a NIST function or category, an Act chapter)."""

    id: Identifier
    title: Text
    kind: GroupKind
    parent: Identifier | None = None
    ref: Text | None = None
    summary: Text | None = None


class Option(Strict):
    value: Identifier
    label: Text
    ref: Text | None = None


class Question(Strict):
    """A screening question: its answer decides which items apply."""

    id: Identifier
    ref: Text
    section: Identifier
    text: Text
    help: Text
    type: QuestionType = "boolean"
    options: tuple[Option, ...] = ()
    effect: Effect | None = None
    unless: tuple[Identifier, ...] = Field(
        default=(), description="Questions whose 'yes' lifts this question's effect."
    )
    ask_when: Condition | None = None
    required: bool = True
    default: bool | str | None = Field(
        default=None,
        description="What an optional yes/no or choice question reads as while unanswered: "
        "its stricter reading (otherwise no, or nothing picked).",
    )
    applies_from: Identifier | None = Field(
        default=None, description="Date id from which the effect applies (e.g. a new prohibition)."
    )
    penalty: Identifier | None = Field(
        default=None, description="Penalty id a 'yes' exposes to (e.g. a prohibited practice)."
    )

    @model_validator(mode="after")
    def _options_match_type(self) -> Question:
        if self.type in ("choice", "multi") and not self.options:
            raise ValueError(f"a {self.type} question needs options")
        if self.type not in ("choice", "multi") and self.options:
            raise ValueError(f"a {self.type} question takes no options")
        if self.default is not None:
            if self.required:
                raise ValueError("only an optional question (required: false) takes a default")
            fits = (
                isinstance(self.default, bool)
                if self.type == "boolean"
                else self.type == "choice" and self.default in {o.value for o in self.options}
            )
            if not fits:
                raise ValueError(f"default {self.default!r} is not an answer to this question")
        return self


class DateRule(Strict):
    """``date`` applies when ``when`` holds (or always); the first matching rule wins."""

    date: Identifier
    when: Condition | None = None


class ApplicationDate(Strict):
    """A day duties start: fixed by the legal text, or given by an answer (``answer``)."""

    id: Identifier
    date: dt.date | None = Field(default=None, description="The day; none when `answer` gives it.")
    answer: Identifier | None = Field(
        default=None,
        description="A date question whose answer gives the day (a planned change); as a date "
        "rule, never earlier than the day the rules after it give.",
    )
    label: Text
    source: Text = Field(description="The legal text that sets this date.")
    last_checked: dt.date
    note: Text | None = None

    @model_validator(mode="after")
    def _one_day(self) -> ApplicationDate:
        if (self.date is None) == (self.answer is None):
            raise ValueError("give either date (a fixed day) or answer (a date question)")
        return self


class Penalty(Strict):
    id: Identifier
    ref: Text
    title: Text
    max_eur: int | None = Field(default=None, ge=0)
    max_turnover_percent: float | None = Field(default=None, ge=0, le=100)
    smaller_firms: Text | None = Field(
        default=None,
        description="How the cap differs for smaller firms, e.g. the lower of the two for SMEs.",
    )
    summary: Text

    def sentence(self) -> str:
        """The fine in one line, as every report prints it."""
        amounts = []
        if self.max_eur is not None:
            amounts.append(f"EUR {self.max_eur:,}")
        if self.max_turnover_percent is not None:
            amounts.append(f"{self.max_turnover_percent:g}% of worldwide annual turnover")
        if not amounts:
            return self.ref
        which = ", whichever is higher" if len(amounts) == 2 else ""
        smaller = f"; {self.smaller_firms}" if self.smaller_firms else ""
        return f"{self.ref}: fines up to {' or '.join(amounts)}{which}{smaller}"


class Control(Strict):
    """One checklist item a team answers: an obligation, outcome or principle."""

    id: Identifier
    ref: Text = Field(description="Citation in aicheck's one form, e.g. 'Art. 9', 'GOVERN 1.1'.")
    title: Text
    question: Text
    summary: Text
    guidance: Text = Field(description="What evidence shows the control is in place.")
    group: Identifier | None = None
    binding: bool | None = Field(
        default=None, description="Overrides the framework's default (legal duty or voluntary)."
    )
    audience: Literal["organisation", "government"] = "organisation"
    binds: tuple[Role, ...] = Field(
        default=(), description="Operator roles the item binds; empty means everyone."
    )
    applies_when: Condition | None = None
    applies_from: tuple[DateRule, ...] = ()
    penalty: Identifier | None = None
    related: tuple[Identifier, ...] = ()


class Framework(Strict):
    kind: Literal["framework"] = "framework"
    format_version: Literal[1]
    id: Identifier
    name: Text
    title: Text
    version: Text
    publisher: Text
    url: HttpUrl
    summary: Text
    binding: bool = Field(description="Whether the framework's items are legal duties.")
    last_checked: dt.date
    default_selected: bool = True
    applies_when: Condition | None = Field(
        default=None, description="When none of the framework applies (e.g. out of scope)."
    )
    groups: tuple[Group, ...] = ()
    questions: tuple[Question, ...] = ()
    controls: tuple[Control, ...] = Field(min_length=1)
    dates: tuple[ApplicationDate, ...] = ()
    penalties: tuple[Penalty, ...] = ()

    def penalty_sentence(self, penalty_id: str | None) -> str | None:
        penalty = next((p for p in self.penalties if p.id == penalty_id), None)
        return None if penalty is None else penalty.sentence()


Relation = Literal["equivalent", "partial", "related"]


class CrosswalkLink(Strict):
    """Two controls in different frameworks, named as ``framework-id/control-id``."""

    source: Text
    target: Text
    relation: Relation
    note: Text | None = None


class Crosswalk(Strict):
    kind: Literal["crosswalk"]
    format_version: Literal[1]
    id: Identifier
    title: Text
    summary: Text | None = None
    last_checked: dt.date
    links: tuple[CrosswalkLink, ...] = Field(min_length=1)
