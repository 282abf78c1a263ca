"""Every output format in one typed registry: what each command can write, and who writes it.

The Literal types are the formats a command offers: the command line takes its
``--format`` choices from them, and tests/test_formats.py checks that each registry below
covers its Literal exactly.  Each renderer module is imported only when its format is
asked for, so start-up does not pay for the others.

To add a format: name it in the Literal(s), add an entry to the registry, and write the
renderer module and its tests.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal, TextIO, get_args

if TYPE_CHECKING:
    from aicheck.catalog.library import Library
    from aicheck.gate.diff import SystemDiff
    from aicheck.gate.run import Run
    from aicheck.gate.verdict import GateResult
    from aicheck.models.catalog import Framework
    from aicheck.models.report import Report
    from aicheck.models.settings import RunSettings
    from aicheck.render.options import RenderOptions

StreamFormat = Literal["text", "json", "sarif", "junit"]
"""What `aicheck check` writes as the systems are checked, in memory that stays flat."""
SignOffFormat = Literal["markdown", "html"]
"""What `aicheck report` writes: the report people sign."""
ReportFormat = Literal["text", "json", "markdown", "sarif", "junit"]
"""What `aicheck check` writes: the streamed formats and Markdown, in the order --help shows."""
SIGN_OFF_FORMATS: tuple[str, ...] = get_args(SignOffFormat)
"""Formats that show the answers file's hash and commit (asked of git only for these)."""
InventoryFormat = Literal["markdown", "html", "csv"]
"""What `aicheck inventory` writes: the register of every system."""
DiffFormat = Literal["text", "markdown", "json"]
CatalogFormat = Literal["text", "json", "markdown"]
ConfigFormat = Literal["text", "json"]


# Reports (check, report) ------------------------------------------------------------
# A report writer takes the run's systems one at a time and writes to a text stream as it
# goes, so memory does not grow with the number of systems.  The sign-off formats are
# documents for people about one system (or a few): they are rendered from the whole
# report in memory, with the provenance only they show.


ReportWriter = Callable[["Run", "RenderOptions", TextIO], None]


def _streamed(module: str) -> ReportWriter:
    """The ``write`` of the renderer module ``aicheck.render.<module>``, imported only
    when its format is written."""

    def write(run: Run, options: RenderOptions, out: TextIO) -> None:
        importlib.import_module(f"aicheck.render.{module}").write(run, options, out)

    return write


REPORT_WRITERS: dict[StreamFormat, ReportWriter] = {
    "text": _streamed("text"),
    "json": _streamed("json_out"),
    "sarif": _streamed("sarif"),
    "junit": _streamed("junit"),
}


def _report_markdown(report: Report, gate: GateResult, options: RenderOptions) -> str:
    from aicheck.render import markdown

    return markdown.render(report, gate, options)


def _report_html(report: Report, gate: GateResult, options: RenderOptions) -> str:
    from aicheck.render import html

    return html.render(report, gate, options)


ReportRenderer = Callable[["Report", "GateResult", "RenderOptions"], str]
SIGN_OFF_RENDERERS: dict[SignOffFormat, ReportRenderer] = {
    "markdown": _report_markdown,
    "html": _report_html,
}


def render(
    report: Report,
    gate: GateResult,
    output_format: ReportFormat | SignOffFormat,
    options: RenderOptions,
) -> str:
    """A report already in memory, rendered to a string (one-file summaries, tests)."""
    if output_format == "markdown" or output_format == "html":
        return SIGN_OFF_RENDERERS[output_format](report, gate, options)
    import io

    from aicheck.gate.run import Run

    out = io.StringIO()
    REPORT_WRITERS[output_format](Run.of(report, gate.threshold), options, out)
    return out.getvalue()


# Registers (inventory) ----------------------------------------------------------------


INVENTORY_WRITERS: dict[InventoryFormat, ReportWriter] = {
    "markdown": _streamed("register_markdown"),
    "html": _streamed("register_html"),
    "csv": _streamed("register_csv"),
}


# Diffs ----------------------------------------------------------------------------------


def _diff_text(diffs: Sequence[SystemDiff]) -> str:
    from aicheck.render import diff_text

    return diff_text.render(diffs)


def _diff_markdown(diffs: Sequence[SystemDiff]) -> str:
    from aicheck.render import diff_markdown

    return diff_markdown.render(diffs)


def _diff_json(diffs: Sequence[SystemDiff]) -> str:
    from aicheck.render import diff_json

    return diff_json.render(diffs)


DIFF_RENDERERS: dict[DiffFormat, Callable[[Sequence[SystemDiff]], str]] = {
    "text": _diff_text,
    "markdown": _diff_markdown,
    "json": _diff_json,
}


# Catalogs (frameworks list, frameworks show) -------------------------------------------


def _list_text(library: Library) -> str:
    from aicheck.render import catalog_views

    return catalog_views.list_text(library)


def _list_json(library: Library) -> str:
    from aicheck.render import catalog_views

    return catalog_views.list_json(library)


def _list_markdown(library: Library) -> str:
    from aicheck.render import catalog_views

    return catalog_views.list_markdown(library)


LIST_RENDERERS: dict[CatalogFormat, Callable[[Library], str]] = {
    "text": _list_text,
    "json": _list_json,
    "markdown": _list_markdown,
}


def _framework_text(framework: Framework) -> str:
    from aicheck.render import catalog_views

    return catalog_views.framework_text(framework)


def _framework_json(framework: Framework) -> str:
    from aicheck.render import catalog_views

    return catalog_views.framework_json(framework)


def _framework_markdown(framework: Framework) -> str:
    from aicheck.render import catalog_views

    return catalog_views.framework_markdown(framework)


FRAMEWORK_RENDERERS: dict[CatalogFormat, Callable[[Framework], str]] = {
    "text": _framework_text,
    "json": _framework_json,
    "markdown": _framework_markdown,
}


# Settings (config) -------------------------------------------------------------------


def _config_text(settings: RunSettings) -> str:
    from aicheck.render import config_view

    return config_view.render_text(settings)


def _config_json(settings: RunSettings) -> str:
    from aicheck.render import config_view

    return config_view.render_json(settings)


CONFIG_RENDERERS: dict[ConfigFormat, Callable[[RunSettings], str]] = {
    "text": _config_text,
    "json": _config_json,
}
