"""Property tests: no input crashes a loader, no user text breaks a renderer's structure.

For arbitrary YAML-shaped input written to a file, `aicheck check FILE` and `aicheck
frameworks validate FILE` either succeed or exit 2 with one "aicheck: error:" line per
problem; never a traceback, never exit 3.  For arbitrary strings in the system name,
notes and waiver justification, JSON/SARIF parse, JUnit parses without forbidden
characters, Markdown keeps its lines and table columns, and the terminal shows no ESC.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from aicheck.catalog.loader import default_library
from aicheck.cli.app import app
from aicheck.gate.verdict import evaluate
from aicheck.models.report import Report
from aicheck.models.settings import RunSettings
from aicheck.render.escape import xml_text
from aicheck.render.formats import render
from aicheck.render.options import RenderOptions
from aicheck.service import check_files
from tests.conftest import AS_OF, EXAMPLES
from tests.helpers import VALID_FRAMEWORK

PROFILE = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
EXAMPLE = yaml.safe_load((EXAMPLES / "cv-screening" / "aicheck.yaml").read_text())
CATALOG = yaml.safe_load(VALID_FRAMEWORK)
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.dates(min_value=dt.date(1, 1, 1))
    | st.sampled_from(["implemented", "not_applicable", "eu-ai-act", "art-9", "yes", "~"])
)
keys = st.text(max_size=12) | st.sampled_from(
    ["aicheck", "system", "name", "controls", "screening", "status", "evidence", "kind", "id"]
)
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=25,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            found += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            found += _paths(v, (*prefix, i))
    return found


def _mutate(base: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    data = copy.deepcopy(base)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


@st.composite
def mutated(draw: st.DrawFn, base: Any) -> Any:
    """A valid document with one subtree replaced (or deleted) by arbitrary data."""
    paths = _paths(base)
    path = draw(st.sampled_from(paths[1:]))
    if draw(st.booleans()) and isinstance(path[-1], str):
        data = copy.deepcopy(base)
        target = data
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]
        return data
    return _mutate(base, path, draw(values))


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


def _run(args: list[str], allowed: set[int]) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code in allowed, (result.exit_code, result.stderr, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert lines
        for line in lines:
            assert line.startswith("aicheck: error: "), line


def _check(workdir: Path, content: str | bytes) -> None:
    path = workdir / "aicheck.yaml"
    if isinstance(content, str):
        content = content.encode("utf-8", "surrogatepass")
    path.write_bytes(content)
    _run(["check", str(path), "--fail-on", "none"], {0, 2})


def _validate(workdir: Path, content: str | bytes) -> None:
    path = workdir / "catalog.yaml"
    if isinstance(content, str):
        content = content.encode("utf-8", "surrogatepass")
    path.write_bytes(content)
    _run(["frameworks", "validate", str(path)], {0, 2})


@PROFILE
@given(data=values)
def test_check_arbitrary_yaml(workdir: Path, data: Any) -> None:
    _check(workdir, _dump(data))


@PROFILE
@given(data=mutated(EXAMPLE))
def test_check_mutated_answers(workdir: Path, data: Any) -> None:
    _check(workdir, _dump(data))


@PROFILE
@given(text=st.text(max_size=300) | st.binary(max_size=300))
def test_check_arbitrary_text_and_bytes(workdir: Path, text: str | bytes) -> None:
    _check(workdir, text)


@PROFILE
@given(data=values)
def test_validate_arbitrary_yaml(workdir: Path, data: Any) -> None:
    _validate(workdir, _dump(data))


@PROFILE
@given(data=mutated(CATALOG))
def test_validate_mutated_catalog(workdir: Path, data: Any) -> None:
    _validate(workdir, _dump(data))


@PROFILE
@given(text=st.text(max_size=300))
def test_validate_arbitrary_text(workdir: Path, text: str) -> None:
    _validate(workdir, text)


# --- renderers ------------------------------------------------------------------------


@functools.cache
def _base_report() -> Report:
    # Not a fixture: hypothesis prints the fixtures of a failing example, and this is big.
    example = EXAMPLES / "cv-screening" / "aicheck.yaml"
    return check_files([example], RunSettings(as_of=AS_OF), default_library())


def _with_text(report: Report, name: str, notes: str, justification: str) -> Report:
    system = report.systems[0]
    waivers = (
        system.waivers[0].model_copy(update={"justification": justification, "approver": notes}),
        *system.waivers[1:],
    )
    info = system.system.model_copy(update={"name": name, "description": notes, "owner": notes})
    findings = (
        tuple(f.replace(message=f"{f.message} {notes}") for f in system.findings[:3])
        + system.findings[3:]
    )
    updated = system.replace(system=info, waivers=waivers, findings=findings)
    return report.replace(systems=(updated,))


def _render(report: Report, output_format: str) -> str:
    gate = evaluate(report, "high")
    return render(report, gate, output_format, RenderOptions(include_waived=True))


def _table_widths(markdown: str) -> list[set[int]]:
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    widths: list[set[int]] = []
    cells = 0
    for token in tokens:
        if token.type == "table_open":
            widths.append(set())
        elif token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            widths[-1].add(cells)
    return widths


# Not empty: an empty owner or description leaves its line out, by design.
user_text = st.text(min_size=1, max_size=40) | st.sampled_from(
    ["a|b", "x\ny", "<b>hi</b>", "`x`", "[bold red]x[/]", "\x1b[31mred", "\x00\x01", "\\", "|"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=user_text, notes=user_text, justification=user_text)
def test_renderers_keep_structure(name: str, notes: str, justification: str) -> None:
    base_report = _base_report()
    assert base_report.systems[0].waivers, "the example needs a waiver for this test"
    report = _with_text(base_report, name, notes, justification)

    data = json.loads(_render(report, "json"))
    assert data["systems"][0]["system"]["name"] == name

    sarif = json.loads(_render(report, "sarif"))
    assert sarif["version"] == "2.1.0"

    junit = _render(report, "junit")
    assert not XML_FORBIDDEN.search(junit)
    root = ET.fromstring(junit.encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("name") == xml_text(f"{name} ({report.systems[0].source})")

    plain = _render(base_report, "markdown")
    markdown = _render(report, "markdown")
    assert len(markdown.splitlines()) == len(plain.splitlines())
    assert _table_widths(markdown) == _table_widths(plain)
    assert all(len(w) == 1 for w in _table_widths(markdown))

    text = _render(report, "text")
    assert "\x1b" not in text
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", text)


@settings(max_examples=300, deadline=None)
@given(data=values)
def test_parse_builds_what_pyyaml_would(data: Any) -> None:
    from aicheck.files.yamlio import _BaseLoader, parse

    text = _dump(data)
    reference_loader = _BaseLoader(text)
    try:
        expected = reference_loader.construct_document(reference_loader.get_single_node())
    finally:
        reference_loader.dispose()
    got = parse(text, Path("t.yaml")).data
    # NaN is the one value not equal to itself; compare the dumps then.
    assert got == expected or _dump(got) == _dump(expected)


def test_parse_keeps_aliases_as_one_object() -> None:
    from aicheck.files.yamlio import parse

    data = parse("a: &shared [1, 2]\nb: *shared\n", Path("t.yaml")).data
    assert data == {"a": [1, 2], "b": [1, 2]} and data["a"] is data["b"]
