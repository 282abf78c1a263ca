"""What the commands do, one function per command: no terminal, no typer.

Each takes the run's settings whole and returns what the command prints: an Outcome,
the text for stdout (or --output) and the gate when the command has one.  Messages for
the user along the way go to ``say``, which the command line points at stderr.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from aicheck import __version__
from aicheck.answers.assessing import assess_each, assess_loaded, check_files, whole_report
from aicheck.answers.evidence import EvidenceLookup
from aicheck.answers.load import answers_from_document, load_answers
from aicheck.catalog.library import Library
from aicheck.catalog.loader import default_library, load_library
from aicheck.catalog.locate import builtin_dir, catalog_files
from aicheck.config.resolve import answer_files, refuse_writing_inputs
from aicheck.errors import AicheckError
from aicheck.files.paths import display_path
from aicheck.files.provenance import with_file_provenance
from aicheck.files.yamlio import parse
from aicheck.gate.run import Assessed, Run
from aicheck.gate.verdict import GateResult, evaluate, evaluate_diff
from aicheck.models.settings import RunSettings
from aicheck.render.formats import (
    CONFIG_RENDERERS,
    DIFF_RENDERERS,
    FRAMEWORK_RENDERERS,
    INVENTORY_WRITERS,
    LIST_RENDERERS,
    REPORT_WRITERS,
    SIGN_OFF_RENDERERS,
    CatalogFormat,
    ConfigFormat,
    DiffFormat,
    InventoryFormat,
    ReportFormat,
    SignOffFormat,
    render,
)
from aicheck.render.options import RenderOptions

if TYPE_CHECKING:
    from aicheck.answers.writer import AnswersWriter
    from aicheck.interview.asker import Asker
    from aicheck.interview.session import Session

Say = Callable[[str], None]


def _silent(message: str) -> None:
    return None


@dataclass(frozen=True)
class Outcome:
    text: str
    """For stdout, or the file named by --output."""
    gate: GateResult | None = None
    """None: the command has no gate and succeeds whenever it finishes."""


def library_for(settings: RunSettings) -> Library:
    return default_library(settings.catalog_dirs)


# check, report ------------------------------------------------------------------------


def check(
    settings: RunSettings,
    *,
    output_format: ReportFormat | SignOffFormat,
    options: RenderOptions,
    out: TextIO,
    baseline: Path | None = None,
    write_baseline: Path | None = None,
    output: Path | None = None,
    say: Say = _silent,
) -> GateResult:
    """Check the answers files one at a time, writing the report to ``out`` as it goes
    (memory holds one system; the sign-off formats are rendered from the whole report).
    ``output`` is only checked here against the inputs. A broken file raises at the end,
    after every file was read: ``out`` should be a spool or an atomic file, discarded then."""
    if baseline is not None and write_baseline is not None:
        raise AicheckError("use either --baseline or --write-baseline, not both")
    paths = answer_files(settings)
    outputs = [("--write-baseline", write_baseline)]
    refuse_writing_inputs(settings, outputs, *paths, baseline, output=output)
    library = library_for(settings)
    systems: Iterable[Assessed] = assess_each(paths, settings, library)
    used = None
    if baseline is not None or write_baseline is not None:
        from aicheck.gate.baseline import use_baseline

        systems, used = use_baseline(systems, read=baseline, write=write_baseline, say=say)
    if output_format == "markdown":
        return _sign_off_markdown(systems, paths, settings, library, options, out)
    if output_format == "html":  # one page: rendered from the whole report
        report = whole_report(tuple(a.report for a in systems), settings, library)
        report = with_file_provenance(report, paths)
        gate = evaluate(report, settings.fail_on)
        out.write(SIGN_OFF_RENDERERS[output_format](report, gate, options))
        return gate
    run = Run(
        tool_version=__version__,
        as_of=settings.as_of,
        lead_time=settings.lead_time,
        threshold=settings.fail_on,
        systems=systems,
        catalogs=library.sources_of,
        baseline=used,
    )
    REPORT_WRITERS[output_format](run, options, out)
    return run.gate


def _sign_off_markdown(
    systems: Iterable[Assessed],
    paths: Sequence[Path],
    settings: RunSettings,
    library: Library,
    options: RenderOptions,
    out: TextIO,
) -> GateResult:
    """The Markdown reports one system at a time, so memory does not grow with the
    number of files; each lists its own catalogs' provenance."""
    from aicheck.files.git import GitFacts

    failed: list[bool] = []
    git = GitFacts(len(paths))
    for n, (assessed, path) in enumerate(zip(systems, paths, strict=True)):
        one = with_file_provenance(whole_report((assessed.report,), settings, library), [path], git)
        gate = evaluate(one, settings.fail_on)
        failed += gate.system_failed
        text = SIGN_OFF_RENDERERS["markdown"](one, gate, options)
        out.write(("\n\n---\n\n" if n else "") + text.removesuffix("\n"))
    out.write("\n")
    return GateResult(settings.fail_on, tuple(failed))


def report(
    settings: RunSettings, *, output_format: SignOffFormat, output: Path | None = None
) -> Outcome:
    """The sign-off report: every finding, waived ones too; it never fails the run."""
    import io

    out = io.StringIO()
    options = RenderOptions(include_waived=True)
    check(settings, output_format=output_format, options=options, out=out, output=output)
    return Outcome(out.getvalue())


def inventory(
    settings: RunSettings,
    *,
    output_format: InventoryFormat,
    out: TextIO,
    output: Path | None = None,
    say: Say = _silent,
) -> None:
    """The register of every system, written to ``out`` (``output`` is checked against
    the inputs); like the sign-off report, it shows each gate but never fails the run."""
    paths = answer_files(settings)
    refuse_writing_inputs(settings, [], *paths, output=output)
    library = library_for(settings)
    run = Run(
        tool_version=__version__,
        as_of=settings.as_of,
        lead_time=settings.lead_time,
        threshold=settings.fail_on,
        systems=assess_each(paths, settings, library),
    )
    INVENTORY_WRITERS[output_format](run, RenderOptions(), out)
    say(f"aicheck: {run.count} systems in the register")


# diff ---------------------------------------------------------------------------------


def diff(
    settings: RunSettings,
    paths: Sequence[Path],
    *,
    git_rev: str | None,
    output_format: DiffFormat,
    output: Path | None = None,
    say: Say = _silent,
) -> Outcome:
    if git_rev is not None and len(paths) != 1:
        raise AicheckError(
            "with --git REV name exactly one answers file: aicheck diff --git REV FILE"
        )
    if git_rev is None and len(paths) != 2:
        raise AicheckError("name two answers files (OLD NEW), or use --git REV FILE")
    refuse_writing_inputs(settings, [], *paths, output=output)
    from aicheck.gate.diff import diff_systems, empty_like

    library = library_for(settings)
    if git_rev is None:
        old, new = check_files(paths, settings, library).systems
    else:
        from aicheck.files.git import git_show

        new = check_files(paths, settings, library).systems[0]
        source = f"{git_rev}:{display_path(paths[0])}"
        text = git_show(git_rev, paths[0])
        if text is None:
            say(f"aicheck: {display_path(paths[0])} does not exist in {git_rev}; all of it is new")
            old = empty_like(new, source)
        else:
            # Evidence paths are checked against today's files beside it: the old
            # commit's tree is not checked out.
            loaded = answers_from_document(parse(text, Path(source)), library)
            states = EvidenceLookup().states(loaded.answers, paths[0])
            old = assess_loaded(loaded, settings, library, source, states)
    result = diff_systems(old, new)
    gate = evaluate_diff([result], settings.fail_on)
    return Outcome(DIFF_RENDERERS[output_format]([result]), gate)


# assess -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Interview:
    session: Session
    writer: AnswersWriter
    resume: str
    """The exact command that continues this interview."""

    def still_to_get(self) -> tuple[str, list[str]] | None:
        """The provider's name and the documents still to get from it, if any."""
        from aicheck.engine.provider_documents import still_to_get

        classification = self.session.plan().classification
        provider = self.session.answers.provider
        missing = still_to_get(classification, provider) if classification else []
        return (provider.name, missing) if provider is not None and missing else None


def interview(
    settings: RunSettings,
    path: Path,
    asker: Asker,
    *,
    review: bool,
    ask: bool = True,
    again: Sequence[str] = (),
    force: bool = False,
) -> Interview:
    """An interview on the answers file at ``path``, ready to run or to list what is left.
    ``ask``: questions may be asked (not --no-input); without a framework named, a file
    that lists none is then asked which to assess.  ``again``: ids to ask again although
    answered (``--ask``).  A read-only answers file is refused before anything is asked
    (every answer would replace it) unless ``force`` (assess --force) or nothing may be
    asked."""
    from aicheck.answers.writer import AnswersWriter
    from aicheck.interview.invocation import check_askable, resume_command
    from aicheck.interview.plan import choose_frameworks
    from aicheck.interview.session import Session

    library = library_for(settings)
    library.check_known(settings.frameworks)
    check_askable(library, again)
    existing = load_answers(path, library).answers if path.exists() else None
    writer = AnswersWriter(path, library, replace_read_only=force)
    if existing is not None and ask:
        writer.refuse_read_only()
    session = Session(
        asker,
        writer,
        library,
        frameworks=choose_frameworks(library, existing, settings.frameworks),
        as_of=settings.as_of,
        answers=existing,
        review=review,
        review_days=settings.review_days,
        reviewed_on=today(),
        ask_frameworks=ask and not settings.frameworks,
        again=again,
    )
    resume = resume_command(path, settings.frameworks, settings.frameworks_dir, review)
    return Interview(session, writer, resume)


def summary(
    settings: RunSettings,
    path: Path,
    *,
    color: bool,
    provider: tuple[str, Sequence[str]] | None = None,
) -> str:
    """What `aicheck check` prints for the file just assessed, what is still to get from
    the provider (its name and the documents), then the next steps."""
    import shlex

    from aicheck.render.escape import terminal

    # Of the frameworks the file names: the interview has just written its choice there.
    report = check_files([path], replace(settings, frameworks=()), library_for(settings))
    gate = evaluate(report, settings.fail_on)
    text = render(report, gate, "text", RenderOptions(color=color)).rstrip("\n")
    name = shlex.quote(path.as_posix())
    to_get = ""
    if provider is not None:
        lines = "".join(f"  - {terminal(label)}\n" for label in provider[1])
        to_get = f"\nStill to get from {terminal(provider[0])}:\n{lines}"
    signers = ""
    if not report.systems or report.systems[0].assessment is None:
        signers = (
            f"  # before sign-off: name the assessor and approvers under `assessment:` in {name}\n"
        )
    return (
        f"{text}\n{to_get}\nNext steps:\n{signers}"
        f"  aicheck report {name} -o ai-report.md    # the Markdown report for sign-off\n"
        f"  aicheck check {name} --fail-on {settings.fail_on}      # add this line to CI\n"
    )


# init, schema, config, frameworks -----------------------------------------------------

DEFAULT_FILE_NAME = "aicheck.yaml"


def init(settings: RunSettings, given: str, system: str | None, say: Say = _silent) -> None:
    """Write a starter answers file at ``given`` (a folder, existing or named with a
    trailing slash, gets aicheck.yaml inside it) and its JSON Schema beside it."""
    from aicheck.answers.starter import write_starter

    path = Path(given)
    if given.endswith(("/", os.sep)) or path.is_dir():
        path = path / DEFAULT_FILE_NAME
    if path.exists() or path.is_symlink():
        raise AicheckError(
            "already exists; not overwritten",
            path=path,
            hint="pick another path, or remove the file first",
        )
    name = system if system is not None else (path.resolve().parent.name or "My AI system")
    if not name.strip():
        raise AicheckError("--system must not be empty")
    write_starter(path, name, library_for(settings), say)


def schema(settings: RunSettings, *, output: Path | None = None) -> Outcome:
    from aicheck.answers.schema import answers_schema_json

    refuse_writing_inputs(settings, [], output=output)
    return Outcome(answers_schema_json(library_for(settings)))


def config(settings: RunSettings, *, output_format: ConfigFormat) -> Outcome:
    return Outcome(CONFIG_RENDERERS[output_format](settings))


def frameworks_list(settings: RunSettings, *, output_format: CatalogFormat) -> Outcome:
    return Outcome(LIST_RENDERERS[output_format](library_for(settings)))


def frameworks_show(
    settings: RunSettings, framework_id: str, *, output_format: CatalogFormat
) -> Outcome:
    framework = library_for(settings).framework(framework_id)
    return Outcome(FRAMEWORK_RENDERERS[output_format](framework))


def frameworks_validate(paths: Sequence[Path], say: Say = _silent) -> None:
    """Validate catalog files (a folder stands for the catalog files in it, as
    --frameworks-dir reads them); raises with one problem per line."""
    files = [f for p in paths for f in (catalog_files(p) if p.is_dir() else [p])]
    if not files:
        raise AicheckError("no .yaml or .yml catalog files found in the folder(s) given")
    # The shipped catalogs come along so that a custom crosswalk can point at them.
    given = {p.resolve() for p in files if p.exists()}
    shipped = [p for p in catalog_files(builtin_dir()) if p.resolve() not in given]
    library = load_library([*shipped, *files])
    mine = sorted(fid for fid, src in library.sources.items() if src.resolve() in given)
    say(f"aicheck: {len(files)} file(s) valid" + (f": {', '.join(mine)}" if mine else ""))


def today() -> dt.date:
    return dt.date.today()
