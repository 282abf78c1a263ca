"""A check run as the writers see it: systems one at a time, the gate once all are seen.

Nothing here holds more than one system: the service yields each system assessed, the
writer renders it and lets it go, and the gate keeps only one verdict per system.  The
run's totals (the gate, a summary line) are for the end of the output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from aicheck.gate.verdict import GateResult, finding_fails
from aicheck.models.report import CatalogSource, Report, SystemReport
from aicheck.models.severity import Threshold


@dataclass(frozen=True, slots=True)
class Checked:
    """One system of the run, with its gate verdict."""

    report: SystemReport
    failed: bool
    seconds: float | None = None
    """How long loading and assessing it took; None when not measured."""


@dataclass(slots=True)
class BaselineUse:
    """What the run's baseline did, filled in as the systems pass (complete at the end):
    reported with the run, so a gate passed on a baseline never reads as a clean one."""

    file: str
    written: bool
    """True for --write-baseline (it accepts every unwaived finding of this run)."""
    accepted: int = 0
    """Findings the baseline took out of the report."""
    no_longer_found: int = 0
    """Recorded findings of the files checked that did not occur (--baseline only)."""


@dataclass(frozen=True, slots=True)
class Assessed:
    """What the service yields: a system and the time its assessment took."""

    report: SystemReport
    seconds: float | None = None


class Run:
    """The header of a run and its systems, which can be walked once, in order."""

    def __init__(
        self,
        *,
        tool_version: str,
        as_of: dt.date,
        threshold: Threshold,
        systems: Iterable[Assessed],
        lead_time: int = 12,
        catalogs: Callable[[Iterable[str]], tuple[CatalogSource, ...]] = lambda ids: (),
        baseline: BaselineUse | None = None,
    ) -> None:
        self.tool_version = tool_version
        self.as_of = as_of
        self.lead_time = lead_time
        self.catalogs = catalogs
        """Where the catalogs of the given framework ids come from (provenance)."""
        self.baseline = baseline
        """What --baseline or --write-baseline did; None without either."""
        self.threshold: Threshold = threshold
        self._systems = systems
        self._failed: list[bool] = []
        self._done = False

    def __iter__(self) -> Iterator[Checked]:
        if self._done or self._failed:
            raise RuntimeError("a run's systems can be walked only once")
        for assessed in self._systems:
            report = assessed.report
            failed = any(finding_fails(f, self.threshold) for f in report.findings)
            self._failed.append(failed)
            yield Checked(report, failed, assessed.seconds)
        self._done = True

    @property
    def gate(self) -> GateResult:
        """The run's gate: known once every system has been walked."""
        if not self._done:
            raise RuntimeError("the gate is known only after the last system")
        return GateResult(self.threshold, tuple(self._failed))

    @property
    def count(self) -> int:
        """Systems walked so far."""
        return len(self._failed)

    @classmethod
    def of(cls, report: Report, threshold: Threshold) -> Run:
        """A run over a report already in memory (tests, one-file summaries)."""
        return cls(
            tool_version=report.tool_version,
            as_of=report.as_of,
            lead_time=report.lead_time,
            threshold=threshold,
            systems=(Assessed(s) for s in report.systems),
            catalogs=lambda ids: report.catalogs,
        )
