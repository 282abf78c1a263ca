"""The answers file: one AI system's screening answers, control answers and waivers."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal, get_args

from pydantic import Field, model_validator

from aicheck.models.base import Identifier, Strict, Text

ANSWERS_FORMAT_VERSION = 1

Status = Literal["implemented", "partial", "planned", "not_implemented", "not_applicable"]
STATUSES: tuple[Status, ...] = (
    "implemented",
    "partial",
    "planned",
    "not_implemented",
    "not_applicable",
)

ScreeningValue = bool | int | float | str | list[str] | None

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_day(value: object) -> dt.date | None:
    """The calendar day ``value`` names as ``YYYY-MM-DD``, or None when it names none.

    Stricter than :meth:`datetime.date.fromisoformat`, which also reads ``20280630`` or
    ``2028-W26``: a date answer is written one way, the way the files and docs show it.
    """
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:  # 2028-02-30
        return None


EvidenceState = Literal["ok", "missing", "outside"]
"""What aicheck found on disk for an evidence path: the file, no file, or a path that
leads outside the repository (not followed)."""


class SystemInfo(Strict):
    name: Text
    owner: Text | None = None
    description: Text | None = None


ProviderDocument = Literal[
    "instructions_for_use",  # Art. 13, read by deployers under Art. 26(1)
    "declaration_of_conformity",  # Art. 47
    "ce_marking",  # Art. 48
    "eu_database_registration",  # Art. 49(1), Art. 71
    "ai_interaction_notice",  # Art. 50(1): people are told they deal with an AI system
    "output_marking",  # Art. 50(2): generated content is marked machine-readably
    "gpai_model_information",  # Art. 53(1)(b), Annex XII: for those building on a GPAI model
]
PROVIDER_DOCUMENTS: tuple[ProviderDocument, ...] = get_args(ProviderDocument)


class ProviderInfo(Strict):
    """Who provides the system to a deployer, importer or distributor, and which of the
    provider's documents the organisation already holds."""

    name: Text
    contact: Text | None = None
    documents: tuple[ProviderDocument, ...] = Field(
        default=(), description="The provider's documents the organisation holds."
    )


class Approver(Strict):
    name: Text
    role: Text | None = None


class Assessment(Strict):
    """Who assessed the system, when, and what the assessment covers; for the sign-off."""

    assessor: Text | None = None
    date: dt.date | None = None
    scope: Text | None = Field(default=None, description="What the assessment covers, and not.")
    approvers: tuple[Approver, ...] = Field(
        default=(), description="Who signs the report off; each gets a signature line."
    )


class ControlAnswer(Strict):
    status: Status
    justification: Text | None = Field(
        default=None, description="Why the control does not apply; required for not_applicable."
    )
    evidence: tuple[Text, ...] = Field(
        default=(), description="Paths relative to the answers file, or http(s) URLs."
    )
    notes: Text | None = None
    owner: Text | None = None
    due: dt.date | None = Field(default=None, description="Target date for closing the gap.")
    reviewed: dt.date | None = Field(default=None, description="When this answer was last checked.")
    answered_for: Identifier | None = Field(
        default=None,
        description="The group (e.g. a NIST AI RMF category) this answer was given for as a "
        "whole, when one answer covered every item of it.",
    )

    @model_validator(mode="after")
    def _justify_not_applicable(self) -> ControlAnswer:
        if self.status == "not_applicable" and not self.justification:
            raise ValueError("status not_applicable needs a justification")
        return self


class Waiver(Strict):
    control: Text = Field(description="framework-id/control-id, e.g. nist-ai-rmf/GOVERN-1.6")
    justification: Text
    approver: Text
    expires: dt.date


class AnswersFile(Strict):
    """Keys starting with ``x-`` are kept for people and ignored by aicheck."""

    aicheck: Literal[1] = Field(description="Answers-file format version.")
    system: SystemInfo
    provider: ProviderInfo | None = Field(
        default=None, description="For deployers, importers and distributors: who provides it."
    )
    assessment: Assessment | None = None
    frameworks: tuple[Identifier, ...] | None = Field(
        default=None, description="Frameworks to assess; all default ones when left out."
    )
    screening: dict[Identifier, dict[Identifier, ScreeningValue]] = Field(default_factory=dict)
    controls: dict[Identifier, dict[Identifier, ControlAnswer]] = Field(default_factory=dict)
    waivers: tuple[Waiver, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _drop_extension_keys(cls, data: Any) -> Any:
        return _without_extensions(data)


def _without_extensions(data: Any) -> Any:
    if isinstance(data, dict):
        return {
            k: _without_extensions(v)
            for k, v in data.items()
            if not (isinstance(k, str) and k.startswith("x-"))
        }
    if isinstance(data, list):
        return [_without_extensions(v) for v in data]
    return data
