"""What an assessment concludes: frozen result objects that every renderer reads.

Plain frozen dataclasses rather than pydantic models: the engine builds them from data
already validated, a large inventory creates hundreds of thousands of them, and
validating each again cost more time and memory than the whole evaluation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Literal, Self, TypeVar, dataclass_transform

from pydantic import BaseModel

from aicheck.models.answers import Assessment, ProviderInfo, SystemInfo, Waiver
from aicheck.models.severity import Severity

REPORT_SCHEMA_VERSION = 1

Tier = Literal[
    "incomplete",
    "prohibited",
    "out_of_scope",
    "high_risk",
    "not_high_risk_art_6_3",
    "transparency",
    "minimal",
]
GpaiTier = Literal["not_gpai", "gpai", "gpai_open_source", "gpai_systemic_risk", "incomplete"]

ControlState = Literal[
    "implemented",
    "partial",
    "planned",
    "not_implemented",
    "not_applicable",
    "unanswered",
    "covered_by_crosswalk",
]

FindingKind = Literal[
    "prohibited_practice",
    "claim_to_review",
    "screening_incomplete",
    "gap",
    "partial",
    "missing_evidence",
    "evidence_outside_repository",
    "waiver_expired",
    "stale_answer",
    "review_date_in_future",
]
CONTROL_GAP_KINDS: frozenset[FindingKind] = frozenset({"gap", "partial"})
"""The kinds of a control's own gap (unanswered, not implemented, planned or partial);
every other kind is about something beside the control's state."""


_R = TypeVar("_R")


@dataclass_transform(frozen_default=True, kw_only_default=True)
def result_type(cls: type[_R]) -> type[_R]:
    """A result dataclass: immutable to the type checker, plain at run time.

    An inventory builds hundreds of these per system, and a frozen dataclass pays for
    every field it sets (four times the cost of a plain one: 3.6 against 0.8 us for a
    ControlResult), which was a tenth of a 1,000-file check.  Strict mypy refuses any
    assignment to a field (``dataclass_transform(frozen_default=True)``), so they stay
    immutable in practice; ``replace`` makes changed copies.  Equal results hash equal,
    as frozen ones do.
    """
    return dataclasses.dataclass(slots=True, kw_only=True, unsafe_hash=True)(cls)


@result_type
class Result:
    def replace(self, **changes: Any) -> Self:
        return dataclasses.replace(self, **changes)


def as_json_data(value: Any) -> Any:
    """Results (and the answers models they quote) as JSON-ready data, fields in order."""
    if isinstance(value, Result):
        return {f.name: as_json_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, tuple | list):
        return [as_json_data(item) for item in value]
    if isinstance(value, dict):
        return {str(k): as_json_data(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@result_type
class Reason(Result):
    """One step of the classification: what was concluded, from which answers and articles."""

    conclusion: str
    refs: tuple[str, ...]
    answers: tuple[str, ...] = ()


@result_type
class Classification(Result):
    framework: str
    tier: Tier
    gpai: GpaiTier
    roles: tuple[str, ...] | None
    """The roles answered, sorted; None while the question is open."""
    high_risk_routes: tuple[str, ...] = ()
    transparency: tuple[str, ...] = ()
    prohibited: tuple[str, ...] = ()
    reasons: tuple[Reason, ...] = ()
    unanswered: tuple[str, ...] = ()
    facts: dict[str, bool | None] = dataclasses.field(default_factory=dict)


@result_type
class ControlResult(Result):
    framework: str
    id: str
    ref: str
    title: str
    group: str | None
    binding: bool
    state: ControlState
    applies_from: dt.date | None
    in_force: bool
    date_id: str | None = None
    covered_by: tuple[str, ...] = ()
    waived: bool = False
    severity: Severity | None = None
    penalty: str | None = None
    evidence: tuple[str, ...] = ()
    justification: str | None = None
    notes: str | None = None
    owner: str | None = None
    due: dt.date | None = None
    reviewed: dt.date | None = None
    description: str | None = None
    """The catalog's summary of what the control requires."""
    remedy: str | None = None
    """The catalog's guidance: what evidence shows the control is in place."""


@result_type
class ScreeningAnswer(Result):
    """A screening question that was asked, and what the team answered (None: not yet)."""

    framework: str
    id: str
    ref: str
    question: str
    answer: bool | int | float | str | tuple[str, ...] | None


@result_type
class Finding(Result):
    rule: str
    kind: FindingKind
    severity: Severity
    framework: str
    item: str | None
    ref: str | None
    title: str
    message: str
    description: str | None = None
    remedy: str | None = None
    penalty: str | None = None
    owner: str | None = None
    applies_from: dt.date | None = None
    due: dt.date | None = None
    waived: bool = False
    location: tuple[str | int, ...] = ()
    line: int | None = None


@result_type
class GroupCoverage(Result):
    id: str
    title: str
    kind: str
    ref: str | None
    parent: str | None
    applicable: int
    met: int


@result_type
class FrameworkCoverage(Result):
    framework: str
    name: str
    binding: bool
    applicable: int
    implemented: int
    covered_by_crosswalk: int
    partial: int
    missing: int
    not_applicable: int
    pending: int
    groups: tuple[GroupCoverage, ...] = ()

    @property
    def met(self) -> int:
        return self.implemented + self.covered_by_crosswalk


@result_type
class Deadline(Result):
    date: dt.date
    label: str
    source: str
    framework: str
    refs: tuple[str, ...]


@result_type
class FileProvenance(Result):
    """Which answers file was assessed, exactly: for the sign-off report."""

    sha256: str
    in_repository: bool
    commit: str | None = None
    """The last commit that changed the file; None outside a repository or if never committed."""
    uncommitted_changes: bool | None = None
    """Whether the file differs from that commit (None outside a repository)."""


@result_type
class CatalogSource(Result):
    """Where a framework's catalog comes from and when aicheck last checked it."""

    framework: str
    name: str
    title: str
    version: str
    publisher: str
    url: str
    binding: bool
    last_checked: dt.date


@result_type
class SystemReport(Result):
    source: str
    system: SystemInfo
    frameworks: tuple[str, ...]
    classification: Classification | None
    coverage: tuple[FrameworkCoverage, ...]
    controls: tuple[ControlResult, ...]
    findings: tuple[Finding, ...]
    deadlines: tuple[Deadline, ...]
    waivers: tuple[Waiver, ...]
    screening: tuple[ScreeningAnswer, ...] = ()
    assessment: Assessment | None = None
    provider: ProviderInfo | None = None
    file: FileProvenance | None = None
    """Gathered for the sign-off formats (Markdown, HTML) only: it asks git."""


@result_type
class Report(Result):
    schema_version: int = REPORT_SCHEMA_VERSION
    tool_version: str
    as_of: dt.date
    lead_time: int = 12
    """The lead time in months the severities were graded with (--lead-time)."""
    systems: tuple[SystemReport, ...]
    catalogs: tuple[CatalogSource, ...] = ()
