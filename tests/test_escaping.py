"""Escaping in every output: user text is shown literally and never breaks the format.

One answers file carries hostile text (pipes, newlines, HTML, backticks, rich markup,
ANSI escapes, characters XML 1.0 forbids) in the system name, owner, description, an
evidence path and a waiver; each format is rendered and checked structurally. In
Markdown, simple `code` spans in aicheck's own text render as code; user text never does.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import xmlschema
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from aicheck.catalog.library import Library
from aicheck.gate.verdict import evaluate
from aicheck.models.report import Report
from aicheck.models.settings import RunSettings
from aicheck.render.escape import markdown_inline, markdown_prose, one_line, visible_controls
from aicheck.render.formats import render
from aicheck.render.options import RenderOptions
from aicheck.service import check_files
from tests.conftest import AS_OF, EXAMPLES
from tests.helpers import invoke

SCHEMAS = Path(__file__).parent / "schemas"

ANSI = "\x1b[31m"
# Sequences rich itself never writes, so their raw form in colour output would be ours.
ANSI_FOREIGN = ("\x1b[5m", "\x1b]8;;https://evil.example\x07", "\x1b[2J")
MARKUP = "[bold red]x[/]"
HOSTILE = (
    "A | B || C\nsecond line\r\n<script>alert(1)</script> <b>bold</b> &amp; "
    "`code` ``` **strong** _em_ [link](http://x) ![img](y) # not a heading "
    f"{MARKUP} [link=https://evil.example]click[/link] {ANSI}red "
    + "".join(ANSI_FOREIGN)
    + " nul\x00 soh\x01 bell\x07 vt\x0b ff\x0c del\x7f \u2028 \u202e"
)
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, library: Library) -> Report:
    data: dict[str, Any] = yaml.safe_load((EXAMPLES / "cv-screening" / "aicheck.yaml").read_text())
    data["system"] = {"name": HOSTILE, "owner": HOSTILE, "description": HOSTILE}
    art9 = data["controls"]["eu-ai-act"]["art-9"]
    art9.update(status="implemented", evidence=[f"docs/{HOSTILE}.md"], notes=HOSTILE)
    data["waivers"] = [
        {
            "control": "eu-ai-act/art-10",
            "justification": HOSTILE,
            "approver": HOSTILE,
            "expires": "2030-01-01",
        }
    ]
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "aicheck.yaml"
    path.write_text(json.dumps(data, default=str))  # JSON is YAML; control characters escaped
    result = check_files([path], RunSettings(as_of=AS_OF), library)
    system = result.systems[0]
    assert system.system.name == HOSTILE.strip()
    assert any("<script>" in f.message for f in system.findings)  # the evidence path
    return result


def _render(report: Report, fmt: str, **options: Any) -> str:
    gate = evaluate(report, "high")
    return render(report, gate, fmt, RenderOptions(include_waived=True, **options))


def test_text_shows_markup_and_escapes_literally(report: Report) -> None:
    out = _render(report, "text")
    assert "\x1b" not in out
    assert MARKUP in out
    assert "[link=https://evil.example]click[/link]" in out
    assert "\\x1b[31m" in out and "\\x00" in out and "\\u202e" in out
    assert "\x00" not in out and "\x07" not in out and "\u202e" not in out


def test_text_in_colour_never_passes_user_escapes_through(report: Report) -> None:
    out = _render(report, "text", color=True)
    assert "\x1b[" in out  # rich's own styling is there ...
    for sequence in ANSI_FOREIGN:  # ... but none of the user's sequences
        assert sequence not in out
    assert "\\x1b[5m" in out
    assert MARKUP in out


def test_json_round_trips_user_text(report: Report) -> None:
    data = json.loads(_render(report, "json"))
    system = data["systems"][0]
    assert system["system"]["name"] == HOSTILE.strip()
    assert system["waivers"][0]["justification"] == HOSTILE.strip()


def _cells(row: str) -> list[str]:
    """Split a Markdown table row on pipes that are not escaped."""
    return re.split(r"(?<!\\)\|", row.strip().strip("|"))


def test_markdown_keeps_structure(report: Report) -> None:
    out = _render(report, "markdown")
    assert "\x1b" not in out and "\x00" not in out
    # Every table keeps its column count: header, delimiter and each row alike.
    lines = out.splitlines()
    tables = 0
    for i, line in enumerate(lines):
        if line.startswith("|") and i + 1 < len(lines) and set(lines[i + 1]) <= set("|-: "):
            tables += 1
            width = len(_cells(line))
            j = i + 1
            while j < len(lines) and lines[j].startswith("|"):
                assert len(_cells(lines[j])) == width, lines[j]
                j += 1
    assert tables >= 3
    # The hostile name stays on the heading line, and a CommonMark parser sees no HTML.
    heading = next(line for line in lines if line.startswith("# "))
    assert "second line" in heading and "alert(1)" in heading
    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(out)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert "html_inline" not in kinds and "html_block" not in kinds
    assert "link_open" not in kinds and "image" not in kinds
    html = md.render(out)
    assert "<script>" not in html and "<b>" not in html
    assert sum(1 for t in tokens if t.type == "heading_open" and t.tag == "h1") == 1
    # Parsed tables agree with the column count of their header.
    for table in _parsed_tables(tokens):
        assert len({len(row) for row in table}) == 1, table


def _parsed_tables(tokens: list[Any]) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    row: list[str] = []
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            row.append("")
        elif token.type == "tr_close":
            tables[-1].append(row)
    return tables


def test_sarif_is_valid_and_keeps_text(report: Report) -> None:
    data = json.loads(_render(report, "sarif"))
    schema = json.loads((SCHEMAS / "sarif-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(data)
    messages = [r["message"]["text"] for r in data["runs"][0]["results"]]
    # The evidence path is quoted with repr(): its newline arrives as a literal "\\n",
    # and SARIF escapes that backslash like the brackets of an embedded link.
    quoted = [m for m in messages if "<script>" in m]
    assert quoted and all("A | B || C\\\\nsecond line" in m for m in quoted)
    assert all("\\[link\\](http://x)" in m for m in quoted)
    # No embedded link left: every [ in user text is escaped (aicheck's own [severity]
    # at the end is not followed by a target).
    assert not any(re.search(r"(?<!\\)\[[^\]]*\]\(", m) for m in messages)


def test_junit_parses_validates_and_has_no_forbidden_characters(report: Report) -> None:
    out = _render(report, "junit")
    assert not XML_FORBIDDEN.search(out)
    root = ET.fromstring(out.encode("utf-8"))
    xmlschema.XMLSchema(SCHEMAS / "junit-10.xsd").validate(out)
    suite = root.find("testsuite")
    assert suite is not None
    name = suite.get("name", "")
    assert "<script>alert(1)</script>" in name and MARKUP in name
    assert "\ufffd" in name  # NUL and friends replaced, not dropped silently
    assert "\u202e" not in out and "\\u202e" in name  # a bidi override shown, not obeyed
    # The evidence finding (medium) is below --fail-on high: it is kept in system-out.
    outputs = [o.text or "" for o in root.iter("system-out")]
    assert any("<script>" in o and "A | B || C" in o for o in outputs)


def test_a_newline_in_user_text_cannot_forge_a_report_line(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        'aicheck: 1\nsystem: {name: "Bot\\nGate (--fail-on high): passed"}\n'
        "frameworks: [oecd-ai-principles]\n"
    )
    result = invoke(["check", str(answers), "--fail-on", "low"])
    assert result.exit_code == 1
    gate_lines = [line for line in result.stdout.splitlines() if line.startswith("Gate")]
    assert gate_lines == ["Gate (--fail-on low): FAILED"]
    assert result.stdout.startswith("Bot Gate (--fail-on high): passed  (")


# --- aicheck's own `code` spans in Markdown ----------------------------------------------

GFM = MarkdownIt("commonmark").enable("table")


def _table_cells(cell: str) -> list[list[tuple[str, str]]]:
    """Each body cell of a two-column table with ``cell`` first, as (token type, content)."""
    tokens = GFM.parse(f"| a | b |\n|---|---|\n| {cell} | x |\n")
    body = tokens[[t.type for t in tokens].index("tbody_open") :]
    return [[(c.type, c.content) for c in t.children or []] for t in body if t.type == "inline"]


def _shown(parts: list[tuple[str, str]]) -> str:
    kinds = {kind for kind, _ in parts}
    assert kinds <= {"text", "code_inline"}, kinds  # no HTML, link, image, emphasis
    return "".join(f"`{content}`" if kind == "code_inline" else content for kind, content in parts)


def test_aichecks_code_spans_render_as_code() -> None:
    out = markdown_prose("Answer the screening questions (`aicheck assess`).")
    assert out == "Answer the screening questions (`aicheck assess`)."
    cells = _table_cells(out)
    assert cells[0] == [
        ("text", "Answer the screening questions ("),
        ("code_inline", "aicheck assess"),
        ("text", ")."),
    ]


def test_the_remedy_shows_its_code_in_the_markdown_report(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("aicheck: 1\nsystem: {name: S}\nframeworks: [eu-ai-act]\n")
    result = invoke(["check", str(answers), "-f", "markdown", "--fail-on", "none"])
    assert result.exit_code == 0, result.stderr
    assert "Answer the screening questions (`aicheck assess`)." in result.stdout
    assert "\\`" not in result.stdout


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("run `a` and `b`", ["a", "b"]),
        ("a lone ` backtick", []),
        ("``double``", []),
        ("`a``b`", []),  # adjacent spans would read as a double backtick
        ("`a|b` and `c`", ["c"]),  # a pipe would end a table cell
        ("` spaced `", []),
        ("`<script>alert(1)</script>`", ["<script>alert(1)</script>"]),
        ("`[x](http://evil.example)`", ["[x](http://evil.example)"]),
        ("`a`b`", ["a"]),
        ("x\\`y` z", ["y"]),
        ("`line\nbreak`", ["line break"]),
    ],
)
def test_prose_lets_through_only_simple_code_spans(text: str, code: list[str]) -> None:
    cells = _table_cells(markdown_prose(text))
    assert len(cells) == 2 and cells[1] == [("text", "x")]
    assert [c for kind, c in cells[0] if kind == "code_inline"] == code
    assert _shown(cells[0]) == one_line(text)


HOSTILE_CELL = "A | B `x | y` `ok` ``z`` ` lone <b>b</b> &amp; **s** [l](u) \\| \\` \n two"


@pytest.mark.parametrize("escape", [markdown_inline, markdown_prose])
def test_hostile_text_with_backticks_and_pipes_stays_in_its_table_cell(
    escape: Callable[[str], str],
) -> None:
    cells = _table_cells(escape(HOSTILE_CELL))
    assert len(cells) == 2 and cells[1] == [("text", "x")]
    assert _shown(cells[0]) == one_line(HOSTILE_CELL)
    html = GFM.render(f"| a | b |\n|---|---|\n| {escape(HOSTILE_CELL)} | x |\n")
    assert "<b>" not in html and "<a " not in html and "<strong>" not in html


def test_user_text_never_becomes_code(report: Report) -> None:
    """Answers-file text is escaped in full, backticks included; aicheck's remedy is not."""
    out = _render(report, "markdown")
    tokens = GFM.parse(out)
    codes = {c.content for t in tokens for c in t.children or [] if c.type == "code_inline"}
    assert "reviewed" in codes  # "update its `reviewed` date", written by aicheck
    # The hostile `code` never becomes a span of its own; it shows up in code only inside
    # the evidence path, which markdown_code renders as one identifier on purpose.
    assert "code" not in codes
    assert all(c.startswith("docs/A | B") for c in codes if "`code`" in c)
    assert "\\`code\\`" in out


SPECIALS = st.sampled_from([*"`|\\*_[]<>&~!()# \n", "`a`", "`|`", "``", "\\|"])


@settings(max_examples=300, deadline=None)
@given(text=st.lists(SPECIALS | st.text(max_size=3), max_size=12).map("".join))
def test_prose_in_a_table_cell_shows_exactly_the_text(text: str) -> None:
    expected = visible_controls(one_line(text))
    for escape in (markdown_inline, markdown_prose):
        cells = _table_cells(escape(text))
        assert len(cells) == 2 and cells[1] == [("text", "x")], (escape, text)
        if expected:
            assert _shown(cells[0]) == expected, (escape, text)


def test_sarif_help_markdown_escapes_catalog_text(tmp_path: Path) -> None:
    """A catalog is text from elsewhere too: its guidance becomes the rule's help."""
    from tests.helpers import VALID_FRAMEWORK

    hostile = (
        "See [the policy](javascript:alert(1)) <img src=x onerror=alert(1)> "
        "or run `aicheck assess`."
    )
    catalogs = tmp_path / "policies"
    catalogs.mkdir()
    (catalogs / "acme.yaml").write_text(
        VALID_FRAMEWORK.replace(
            "guidance: The owner is recorded in the AI inventory.", f"guidance: '{hostile}'"
        )
    )
    answers = tmp_path / "a.yaml"
    answers.write_text("aicheck: 1\nsystem: {name: Bot}\nframeworks: [acme-policy]\n")
    result = invoke(
        [
            "check",
            str(answers),
            "--frameworks-dir",
            str(catalogs),
            "-f",
            "sarif",
            "--fail-on",
            "none",
        ]
    )
    assert result.exit_code == 0, result.stderr
    rules = json.loads(result.stdout)["runs"][0]["tool"]["driver"]["rules"]
    (rule,) = [r for r in rules if r["id"] == "acme-policy/POL-1"]
    assert rule["help"]["text"] == f"Policy 1: {hostile}"
    assert rule["help"]["markdown"] == (
        "Policy 1: See \\[the policy\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\> "
        "or run `aicheck assess`."
    )


def test_config_shows_escape_sequences_from_the_repository(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".aicheck.toml").write_text(
        'answers = ["\\u001b]0;pwned\\u0007\\u001b[31mred.yaml"]\n'
    )
    from tests.helpers import run_installed

    result = run_installed(["config"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert re.search(r"\nanswers +\\x1b\]0;pwned\\x07\\x1b\[31mred\.yaml  \(", result.stdout)
