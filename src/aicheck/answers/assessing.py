"""Answers files assessed one at a time: loaded, assessed, each finding at its line.

The one loop every multi-file command walks (check, inventory, the sign-off report): it
yields a system and forgets it, so a run's memory does not grow with its files.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from aicheck import __version__
from aicheck.answers.evidence import EvidenceLookup
from aicheck.answers.load import LoadedAnswers, load_each
from aicheck.catalog.library import Library
from aicheck.engine.evaluate import assess
from aicheck.errors import AicheckError, ProblemList
from aicheck.files.paths import display_path
from aicheck.gate.run import Assessed
from aicheck.models.answers import EvidenceState
from aicheck.models.report import Report, SystemReport
from aicheck.models.settings import RunSettings


def assess_each(
    paths: Sequence[Path], settings: RunSettings, library: Library
) -> Iterator[Assessed]:
    """Each answers file loaded, assessed and located, one at a time, with the time it
    took; raises at the end with every broken file when any was."""
    library.check_known(settings.frameworks)
    library.check_adopted(settings.adopted, settings.config_file)
    problems: list[AicheckError] = []
    evidence = EvidenceLookup()
    started = time.perf_counter()
    for loaded in load_each(paths, library):
        if isinstance(loaded, list):
            problems += loaded  # keep going: every broken file is reported in one run
            continue
        if problems:
            continue
        path = loaded.document.path
        states = evidence.states(loaded.answers, path)
        system = assess_loaded(loaded, settings, library, display_path(path), states)
        yield Assessed(system, time.perf_counter() - started)
        started = time.perf_counter()  # not counting the time the report took to write
    if problems:
        raise ProblemList(problems)


def assess_loaded(
    loaded: LoadedAnswers,
    settings: RunSettings,
    library: Library,
    source: str,
    evidence: dict[str, EvidenceState],
) -> SystemReport:
    """Assess one loaded answers file, with each finding at its line in that file."""
    report = assess(library, loaded.answers, settings, source=source, evidence=evidence)
    located = tuple(
        f.replace(line=loaded.document.line_of(f.location)) if f.location else f
        for f in report.findings
    )
    return report.replace(findings=located)


def check_files(paths: Sequence[Path], settings: RunSettings, library: Library) -> Report:
    """Every system in memory at once: for a few files (diff, summaries, tests)."""
    return whole_report(
        tuple(a.report for a in assess_each(paths, settings, library)), settings, library
    )


def whole_report(
    systems: tuple[SystemReport, ...], settings: RunSettings, library: Library
) -> Report:
    """The systems as one report, with the run's lead time and the catalogs' provenance."""
    return Report(
        tool_version=__version__,
        as_of=settings.as_of,
        lead_time=settings.lead_time,
        systems=systems,
        catalogs=library.catalog_sources(systems),
    )
