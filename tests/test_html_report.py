"""`aicheck report --format html`: one self-contained page, escaped, printable on A4,
checked in a real browser (headless Chromium) and read back with pdftotext."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.helpers import invoke

CV = EXAMPLES / "cv-screening"
TODAY = ["--as-of", "2026-12-02"]


@pytest.fixture
def cv_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    shutil.copytree(CV, tmp_path / "cv")
    return tmp_path / "cv" / "aicheck.yaml"


def report(path: Path, output_format: str) -> str:
    result = invoke(["report", str(path), *TODAY, "-f", output_format])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_page_is_self_contained(cv_copy: Path) -> None:
    page = report(cv_copy, "html")
    assert page.startswith("<!DOCTYPE html>")
    lowered = page.lower()
    for forbidden in ("<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import"):
        assert forbidden not in lowered, forbidden
    # Nothing to fetch, not even a font: no address anywhere in the page.
    assert not re.search(r"https?:|//[a-z]", lowered)
    assert "@page { size: A4;" in page
    assert '<section class="signoff">' in page


def test_every_piece_of_user_text_is_escaped(cv_copy: Path) -> None:
    text = cv_copy.read_text()
    hostile = '<script>alert(1)</script> & "quotes" <img src=x onerror=alert(2)>'
    cv_copy.write_text(
        text.replace("name: TalentSift CV ranking", f"name: '{hostile}'").replace(
            "owner: ml-lead@acme.example", "owner: '</td><b>boss</b>'"
        )
    )
    page = report(cv_copy, "html")
    assert "<script" not in page and "<img" not in page and "<b>boss" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;" in page
    assert "&lt;/td&gt;&lt;b&gt;boss&lt;/b&gt;" in page


def _plan_items(text: str, pattern: str) -> list[str]:
    return re.findall(pattern, text)


def test_html_and_markdown_say_the_same_plan(cv_copy: Path) -> None:
    markdown = report(cv_copy, "markdown")
    page = report(cv_copy, "html")
    md_plan = markdown.split("## The plan", 1)[1].split("\n## ", 1)[0]
    md_items = re.findall(r"^\| \d+ \| (\w+) \| ([^|]+) \|", md_plan, flags=re.M)
    html_plan = page.split("<h2>The plan</h2>", 1)[1].split("<h2>", 1)[0]
    html_items = re.findall(
        r'<tr><td>\d+</td><td><span class="sev \w+">(\w+)</span></td><td>([^<]+)</td>', html_plan
    )
    assert md_items and [(s, i.strip()) for s, i in md_items] == html_items
    for heading in ("Sign-off", "Appendix B: obligations", "Appendix H: provenance"):
        assert f"## {heading}" in markdown and f"<h2>{heading}</h2>" in page


def _chromium() -> str | None:
    """The browser to print with; None (skip) only outside CI: CI cannot skip silently."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have chromium and pdftotext (.ci/run installs them)")
        return None
    return found


def test_printed_in_chromium_the_pdf_has_tier_plan_and_sign_off(
    cv_copy: Path, tmp_path: Path
) -> None:
    chromium = _chromium()
    if chromium is None:
        pytest.skip("chromium or pdftotext is not installed (CI installs both)")
    html_file = tmp_path / "report.html"
    assert (
        invoke(["report", str(cv_copy), *TODAY, "-f", "html", "-o", str(html_file)]).exit_code == 0
    )
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html_file.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")
    flat = " ".join(pages[0].split())
    assert "EU AI Act tier: High-risk AI system" in flat
    assert "Gate (--fail-on high): FAILED." in flat
    assert "The plan" in flat and "Art. 11 Technical" in flat
    sign_off = [p for p in pages if "Sign-off" in p]
    assert len(sign_off) == 1
    alone = " ".join(sign_off[0].split())
    assert "Priya Raman" in alone and "Jonas Becker" in alone and "Signature" in alone
    assert "The plan" not in alone and "Appendix" not in alone  # a page of its own
    assert "Appendix H: provenance" in " ".join(text.split())
