"""aicheck inventory: the register of many systems in Markdown, CSV and HTML."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, REPO
from tests.helpers import invoke

GOLDEN = Path(__file__).parent / "golden"
AS_OF = ["--as-of", "2026-11-27"]
EXAMPLE_FILES = [
    f"examples/{p.parent.name}/aicheck.yaml" for p in sorted(EXAMPLES.glob("*/*.yaml"))
]
HOSTILE_NAME = '=HYPERLINK("http://evil.example","x") <script>alert(1)</script> | *b*'


def run_in_repo(args: list[str]) -> str:
    cwd = Path.cwd()
    os.chdir(REPO)
    try:
        result = invoke(args)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    ("output_format", "suffix"), [("markdown", "md"), ("csv", "csv"), ("html", "html")]
)
def test_register_of_the_examples_is_golden(output_format: str, suffix: str) -> None:
    actual = run_in_repo(["inventory", *EXAMPLE_FILES, *AS_OF, "-f", output_format])
    golden = GOLDEN / f"register.{suffix}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_bytes(actual.encode("utf-8"))
    assert actual == golden.read_bytes().decode("utf-8")


def _portfolio(tmp_path: Path) -> list[str]:
    """Four systems: the three examples and a copy of the CV one that is prohibited,
    named to sort last by name and owned by a formula."""
    files = []
    for example in ("support-chatbot", "gpai-provider", "cv-screening"):
        shutil.copytree(EXAMPLES / example, tmp_path / example)
        files.append(str(tmp_path / example / "aicheck.yaml"))
    shutil.copytree(EXAMPLES / "cv-screening", tmp_path / "zz")
    answers = tmp_path / "zz" / "aicheck.yaml"
    text = answers.read_text()
    text = text.replace("name: TalentSift CV ranking", "name: Zeta emotion monitor", 1)
    text = text.replace("owner: hiring-platform@acme.example", f"owner: '{HOSTILE_NAME}'", 1)
    text = text.replace("art5_1_f: false", "art5_1_f: true\n    art5_1_f_exception: false", 1)
    answers.write_text(text)
    files.append(str(answers))
    return files


def test_rows_are_ordered_by_risk_prohibited_first(tmp_path: Path) -> None:
    files = _portfolio(tmp_path)
    result = invoke(["inventory", *files, *AS_OF, "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    header, body = rows[0], rows[1:]
    names = [row[0] for row in body]
    assert names[0] == "Zeta emotion monitor"  # prohibited, though last by name and file
    assert body[0][header.index("EU AI Act tier")] == "Prohibited practice (Art. 5)"
    gate = header.index("gate (--fail-on high)")
    critical, high = header.index("open critical"), header.index("open high")
    failing = [(int(r[critical]), int(r[high])) for r in body[1:] if r[gate] == "fail"]
    assert failing == sorted(failing, reverse=True)
    # Failing systems come before passing ones.
    gates = [r[gate] for r in body[1:]]
    assert gates == sorted(gates)  # "fail" < "pass"
    assert len(body) == 4


def test_csv_opens_in_a_spreadsheet_and_never_runs_a_formula(tmp_path: Path) -> None:
    out = tmp_path / "register.csv"
    result = invoke(["inventory", *_portfolio(tmp_path), *AS_OF, "-f", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, for Excel
    assert data.count(b"\r\n") == 5 and b"\n" not in data.replace(b"\r\n", b"")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    owners = [row[2] for row in rows[1:]]
    assert "'" + HOSTILE_NAME in owners
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    # Coverage as two numbers per framework, which a spreadsheet sorts and sums ("3/4"
    # would become a date, "3 of 4" text).
    header = rows[0]
    met = header.index("eu-ai-act met")
    assert header[met + 1] == "eu-ai-act applicable"
    for row in rows[1:]:
        for cell in row[met : met + 6]:
            assert re.fullmatch(r"\d*", cell), cell
        if row[met + 1]:
            assert int(row[met]) <= int(row[met + 1])


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_everything_and_draws_the_deadlines(tmp_path: Path) -> None:
    result = invoke(["inventory", *_portfolio(tmp_path), *AS_OF, "-f", "html"])
    assert result.exit_code == 0, result.stderr
    page = _Collect()
    page.feed(result.stdout)
    assert "script" not in page.tags
    assert HOSTILE_NAME in "".join(page.text)
    assert page.tags.count("tr") == 5  # the header and four systems
    assert page.tags.count("svg") == 1 and page.tags.count("rect") >= 1


def test_markdown_escapes_names_and_draws_a_mermaid_timeline(tmp_path: Path) -> None:
    result = invoke(["inventory", *_portfolio(tmp_path), *AS_OF])
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "<script>" not in text and "\\<script\\>" in text
    assert "```mermaid\ntimeline\n" in text
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(table) == 5
    assert all(line.count(" | ") == 10 for line in table)  # no cell broken by a pipe


def test_register_takes_the_answers_globs_of_the_project_file(tmp_path: Path) -> None:
    _portfolio(tmp_path)
    (tmp_path / ".aicheck.toml").write_text('answers = ["*/aicheck.yaml"]\n')
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = invoke(["inventory", *AS_OF, "-f", "csv"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 5


def test_html_register_renders_in_headless_chromium(tmp_path: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("no headless Chromium on this machine")
    page = tmp_path / "register.html"
    result = invoke(["inventory", *_portfolio(tmp_path), *AS_OF, "-f", "html", "-o", str(page)])
    assert result.exit_code == 0, result.stderr
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    # What the browser built: four system rows, the chart, and no script element.
    assert dom.count("<tr>") == 5
    assert "<svg" in dom and "<rect" in dom
    assert "<script>" not in dom and "&lt;script&gt;alert(1)&lt;/script&gt;" in dom


def test_the_register_never_overwrites_an_answers_file(tmp_path: Path) -> None:
    files = _portfolio(tmp_path)
    before = Path(files[0]).read_bytes()
    result = invoke(["inventory", *files, *AS_OF, "-o", files[0]])
    assert result.exit_code == 2
    assert "is the input file" in result.stderr
    assert Path(files[0]).read_bytes() == before
