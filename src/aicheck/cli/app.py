"""The commands and their options.

Each command parses its options, builds the run's settings once, calls one function of
:mod:`aicheck.service` and maps the outcome to an exit code.  Heavy modules (pydantic,
yaml, rich renderers) load inside commands, so --help and --version stay fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from aicheck import __version__
from aicheck.cli import inventory_cmd
from aicheck.cli.commands import Command, Group
from aicheck.cli.options import (
    AnswersFiles,
    AsOf,
    FailOn,
    FrameworkIds,
    FrameworksDir,
    LeadTime,
    OutputFile,
)
from aicheck.cli.output import destination, finish, note, use_color
from aicheck.errors import EXIT_GATE_FAILED, EXIT_OK
from aicheck.models.severity import Threshold
from aicheck.render.formats import (
    CatalogFormat,
    ConfigFormat,
    DiffFormat,
    ReportFormat,
    SignOffFormat,
)

if TYPE_CHECKING:
    from aicheck.models.settings import RunSettings


app = typer.Typer(
    cls=Group,
    name="aicheck",
    help="Where an AI system stands against the EU AI Act, NIST AI RMF and OECD AI "
    "Principles, and what is missing.\n\n"
    "Example: aicheck init && aicheck check aicheck.yaml",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
frameworks_app = typer.Typer(
    help="List, show and validate framework catalogs.\n\nExample: aicheck frameworks list",
    no_args_is_help=True,
)
app.add_typer(frameworks_app, name="frameworks")


def _settings(**flags: Any) -> RunSettings:
    """The settings of this run, built once: flags, then .aicheck.toml, the environment
    and the defaults (see aicheck.config)."""
    from aicheck.config.resolve import resolve

    return resolve(Path.cwd(), **flags)


def _version(value: bool) -> None:
    if value:
        print(f"aicheck {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks for internal errors.")
    ] = False,
) -> None:
    """Check AI systems against AI policy frameworks.

    Example: aicheck check aicheck.yaml --fail-on high
    """
    if debug:
        import os

        os.environ["AICHECK_DEBUG"] = "1"


@frameworks_app.command("list", cls=Command)
def frameworks_list(
    frameworks_dir: FrameworksDir = None,
    output_format: Annotated[
        CatalogFormat, typer.Option("--format", "-f", help="text, json or markdown.")
    ] = "text",
) -> None:
    """List the available frameworks with their item counts.

    Example: aicheck frameworks list --format json
    """
    from aicheck import service

    settings = _settings(frameworks_dir=frameworks_dir)
    finish(service.frameworks_list(settings, output_format=output_format))


@frameworks_app.command("show", cls=Command)
def frameworks_show(
    framework_id: Annotated[str, typer.Argument(metavar="ID", help="Framework id.")],
    frameworks_dir: FrameworksDir = None,
    output_format: Annotated[
        CatalogFormat, typer.Option("--format", "-f", help="text, json or markdown.")
    ] = "text",
) -> None:
    """Show one framework: structure, questions and controls.

    Example: aicheck frameworks show nist-ai-rmf --format json
    """
    from aicheck import service

    settings = _settings(frameworks_dir=frameworks_dir)
    finish(service.frameworks_show(settings, framework_id, output_format=output_format))


@frameworks_app.command("validate", cls=Command)
def frameworks_validate(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH", help="Catalog files, or folders of them.")
    ],
) -> None:
    """Validate catalog files (yours or a company's); exit 2 with one line per problem.

    Example: aicheck frameworks validate policies/acme-ai-policy.yaml
    """
    from aicheck import service

    service.frameworks_validate(paths, say=note)


@app.command("init", cls=Command)
def init(
    # Text, not a Path: a trailing slash ("ai/new-bot/") names a folder, and Path drops it.
    path: Annotated[
        str,
        typer.Argument(
            metavar="PATH",
            help="Answers file to create, or a folder to create aicheck.yaml in.",
        ),
    ] = "aicheck.yaml",
    system: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--system", metavar="NAME", help="The AI system's name. [default: folder]"),
    ] = None,
    frameworks_dir: FrameworksDir = None,
) -> None:
    """Write a starter answers file, and its JSON Schema beside it; never overwrites.

    Example: aicheck init --system "Support chatbot" ai/chatbot.aicheck.yaml
    """
    from aicheck import service

    service.init(_settings(frameworks_dir=frameworks_dir), path, system, say=note)


@app.command("check", cls=Command)
def check(
    answers: AnswersFiles = None,
    framework: FrameworkIds = None,
    fail_on: FailOn = None,
    as_of: AsOf = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = "text",
    output: OutputFile = None,
    review_days: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--review-days",
            metavar="DAYS",
            min=1,
            help="Answers older than this are stale. [default: 365, or config]",
        ),
    ] = None,
    lead_time: LeadTime = None,
    include_waived: Annotated[
        bool, typer.Option("--include-waived", help="Also list waived findings (SARIF).")
    ] = False,
    frameworks_dir: FrameworksDir = None,
    baseline: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--baseline", metavar="FILE", help="Fail only on findings not recorded in this file."
        ),
    ] = None,
    write_baseline: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--write-baseline", metavar="FILE", help="Record today's findings in this file; exit 0."
        ),
    ] = None,
) -> None:
    """Gate answers files: exit 0 when no finding reaches --fail-on, 1 when one does.

    Settings not given as flags come from .aicheck.toml (see `aicheck config`).

    Example: aicheck check ai/*.yaml --fail-on high --format sarif -o aicheck.sarif
    """
    from aicheck import service
    from aicheck.render.options import RenderOptions

    settings = _settings(
        as_of=as_of,
        frameworks=framework,
        fail_on=fail_on,
        answers=[str(path) for path in answers or ()],
        review_days=review_days,
        lead_time=lead_time,
        frameworks_dir=frameworks_dir,
    )
    options = RenderOptions(include_waived=include_waived, color=use_color(output))
    with destination(output) as out:
        gate = service.check(
            settings,
            output_format=output_format,
            options=options,
            out=out,
            baseline=baseline,
            write_baseline=write_baseline,
            output=output,
            say=note,
        )
    raise typer.Exit(EXIT_GATE_FAILED if gate.failed else EXIT_OK)


@app.command("report", cls=Command)
def report(
    answers: Annotated[Path, typer.Argument(metavar="ANSWERS", help="Answers file.")],
    output: OutputFile = None,
    output_format: Annotated[
        SignOffFormat, typer.Option("--format", "-f", help="The report's format.")
    ] = "markdown",
    as_of: AsOf = None,
    framework: FrameworkIds = None,
    lead_time: LeadTime = None,
    frameworks_dir: FrameworksDir = None,
) -> None:
    """Write the sign-off report for one AI system.

    Example: aicheck report aicheck.yaml -o ai-report.md
    """
    from aicheck import service

    settings = _settings(
        as_of=as_of,
        answers=[str(answers)],
        frameworks=framework,
        lead_time=lead_time,
        frameworks_dir=frameworks_dir,
    )
    finish(service.report(settings, output_format=output_format, output=output), output)


app.command("inventory", cls=Command)(inventory_cmd.inventory)


@app.command("assess", cls=Command)
def assess(
    answers: Annotated[
        Path, typer.Argument(metavar="ANSWERS", help="Answers file to fill in (created if new).")
    ] = Path("aicheck.yaml"),
    framework: FrameworkIds = None,
    review: Annotated[
        bool,
        typer.Option(
            "--review",
            help="Walk only answers that are missing, stale or a gap (partly, no, planned).",
        ),
    ] = False,
    ask: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--ask",
            metavar="ID",
            help=(
                "Ask this again although answered: a question or control id as in the "
                "answers file, a group (GOVERN-4), or system, frameworks, provider, "
                "assessment (who signs off) (repeatable)."
            ),
        ),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Ask nothing; exit 2 listing what is unanswered.")
    ] = False,
    as_of: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--as-of", metavar="YYYY-MM-DD", help="Date answers are reviewed on."),
    ] = None,
    lead_time: LeadTime = None,
    frameworks_dir: FrameworksDir = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Save into the answers file even when it is read-only."),
    ] = False,
) -> None:
    """Interview: answer the questions that apply, saved to the answers file as you go.

    Example: aicheck assess aicheck.yaml --framework eu-ai-act
    Change one answer: aicheck assess aicheck.yaml --ask art50_1_interaction
    """
    from aicheck.cli import assess_cmd

    settings = _settings(
        as_of=as_of, frameworks=framework, lead_time=lead_time, frameworks_dir=frameworks_dir
    )
    code = assess_cmd.run(
        settings, answers, review=review, no_input=no_input, again=ask or (), force=force
    )
    raise typer.Exit(code)


@app.command("diff", cls=Command)
def diff(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="OLD NEW | FILE", help="Two answers files, or one with --git."),
    ],
    git: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--git", metavar="REV", help="Compare FILE with its version at REV."),
    ] = None,
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="markdown suits a PR comment.")
    ] = "text",
    output: OutputFile = None,
    fail_on: Annotated[
        Threshold, typer.Option("--fail-on", help="Exit 1 when a new gap reaches this severity.")
    ] = "none",
    as_of: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--as-of", metavar="YYYY-MM-DD", help="Assess both as of this date."),
    ] = None,
    framework: FrameworkIds = None,
    lead_time: LeadTime = None,
    frameworks_dir: FrameworksDir = None,
) -> None:
    """Show new and closed gaps, classification changes and moved deadlines.

    Example: aicheck diff --git origin/main aicheck.yaml --format markdown
    """
    from aicheck import service

    settings = _settings(
        as_of=as_of,
        frameworks=framework,
        fail_on=fail_on,
        lead_time=lead_time,
        frameworks_dir=frameworks_dir,
    )
    outcome = service.diff(
        settings, paths, git_rev=git, output_format=output_format, output=output, say=note
    )
    raise typer.Exit(finish(outcome, output))


@app.command("config", cls=Command)
def config(
    output_format: Annotated[
        ConfigFormat, typer.Option("--format", "-f", help="text or json.")
    ] = "text",
) -> None:
    """Print the settings in effect here and where each comes from (.aicheck.toml, the
    environment or the default); flags given to a command override them.

    Example: aicheck config --format json
    """
    from aicheck import service

    finish(service.config(_settings(), output_format=output_format))


@app.command("schema", cls=Command)
def schema(
    output: OutputFile = None,
    frameworks_dir: FrameworksDir = None,
) -> None:
    """Print the JSON Schema of the answers file, for editor completion.

    It knows every framework, question and control id of the catalogs in use.

    Example: aicheck schema -o aicheck.schema.json
    """
    from aicheck import service

    finish(service.schema(_settings(frameworks_dir=frameworks_dir), output=output), output)
