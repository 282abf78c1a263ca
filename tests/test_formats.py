"""The output registry: every format a command offers has a renderer, and renders."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any, get_args

import pytest

from aicheck.catalog.library import Library
from aicheck.config.resolve import resolve
from aicheck.gate.diff import diff_systems
from aicheck.gate.run import Run
from aicheck.gate.verdict import evaluate
from aicheck.models.settings import RunSettings
from aicheck.render import formats
from aicheck.render.options import RenderOptions
from aicheck.service import check_files
from tests.conftest import AS_OF, EXAMPLES, REPO
from tests.helpers import invoke

CV = EXAMPLES / "cv-screening" / "aicheck.yaml"

REGISTRIES: list[tuple[str, Any, dict[Any, Any]]] = [
    ("report (streamed)", formats.StreamFormat, formats.REPORT_WRITERS),
    ("report (sign-off)", formats.SignOffFormat, formats.SIGN_OFF_RENDERERS),
    ("inventory", formats.InventoryFormat, formats.INVENTORY_WRITERS),
    ("diff", formats.DiffFormat, formats.DIFF_RENDERERS),
    ("frameworks list", formats.CatalogFormat, formats.LIST_RENDERERS),
    ("frameworks show", formats.CatalogFormat, formats.FRAMEWORK_RENDERERS),
    ("config", formats.ConfigFormat, formats.CONFIG_RENDERERS),
]


def _names(literal: Any) -> set[str]:
    """The values of a Literal, or of a union of Literals."""
    return {v for arg in get_args(literal) for v in (get_args(arg) or (arg,))}


@pytest.mark.parametrize(
    ("what", "literal", "registry"), REGISTRIES, ids=[r[0] for r in REGISTRIES]
)
def test_every_format_offered_has_a_renderer_and_no_more(
    what: str, literal: Any, registry: dict[Any, Any]
) -> None:
    assert _names(literal) == set(registry), what


def _inputs(library: Library) -> dict[str, Callable[[Callable[..., str]], str]]:
    report = check_files([CV], RunSettings(as_of=AS_OF), library)
    gate = evaluate(report, "high")
    diff = diff_systems(report.systems[0], report.systems[0])
    return {
        "report (streamed)": lambda write: _written(write, Run.of(report, gate.threshold)),
        "report (sign-off)": lambda render: render(report, gate, RenderOptions()),
        "inventory": lambda write: _written(write, Run.of(report, gate.threshold)),
        "diff": lambda render: render([diff]),
        "frameworks list": lambda render: render(library),
        "frameworks show": lambda render: render(library.frameworks["eu-ai-act"]),
        "config": lambda render: render(resolve(REPO)),
    }


def _written(write: Callable[..., None], run: Run) -> str:
    out = io.StringIO()
    write(run, RenderOptions(), out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("what", "name"),
    [(what, name) for what, _, registry in REGISTRIES for name in registry],
    ids=lambda v: str(v),
)
def test_every_renderer_renders(what: str, name: str, library: Library) -> None:
    registry = next(r for w, _, r in REGISTRIES if w == what)
    text = _inputs(library)[what](registry[name])
    assert text.strip()
    if name == "json":
        json.loads(text)


@pytest.mark.parametrize(
    ("command", "literal"),
    [
        (["check"], formats.ReportFormat),
        (["inventory"], formats.InventoryFormat),
        (["diff"], formats.DiffFormat),
        (["frameworks", "list"], formats.CatalogFormat),
        (["frameworks", "show"], formats.CatalogFormat),
        (["config"], formats.ConfigFormat),
    ],
)
def test_the_command_line_offers_the_registered_formats(command: list[str], literal: Any) -> None:
    bad = invoke([*command, "--format", "no-such-format"])
    assert bad.exit_code == 2
    for name in _names(literal):
        assert name in bad.stderr


def test_renderers_load_only_when_their_format_is_asked_for() -> None:
    code = (
        "import sys, aicheck.render.formats; "
        "print(sorted(m for m in sys.modules if m.startswith(('aicheck.', 'pydantic', 'yaml'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['aicheck.render', 'aicheck.render.formats']"


def test_check_offers_the_streamed_formats_and_markdown() -> None:
    assert _names(formats.ReportFormat) == _names(formats.StreamFormat) | {"markdown"}
