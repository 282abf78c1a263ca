"""The portfolio register of a large inventory, rendered and read back (issue 16).

`aicheck inventory` writes the register of the inventory's first N files as Markdown,
HTML and CSV; each is read back the way its reader would: the Markdown table's rows
counted, the CSV parsed as a spreadsheet would (UTF-8 with BOM), and the HTML loaded in
headless Chromium, whose DOM must hold a row per system and the deadline chart.
Standard library only.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path


def register_results(script: str, paths: Sequence[str], root: Path, out: Path) -> list[str]:
    """One line per format: PASS or FAIL, what was checked, and how long it took."""
    n = len(paths)
    lines = []
    for fmt in ("markdown", "html", "csv"):
        target = out / f"register-{n}.{fmt}"
        started = time.perf_counter()
        done = subprocess.run(
            [script, "inventory", *paths, "--format", fmt, "-o", str(target)],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        took = time.perf_counter() - started
        if done.returncode != 0:
            lines.append(f"FAIL  register of {n} as {fmt}: exit {done.returncode}: "
                         f"{done.stderr.strip()[:200]}")  # fmt: skip
            continue
        ok, what = _read_back(fmt, target, n)
        verdict = "PASS" if ok else ("SKIP" if ok is None else "FAIL")
        lines.append(f"{verdict}  register of {n} systems as {fmt}: {what} ({took:.1f} s)")
    return lines


def _read_back(fmt: str, target: Path, n: int) -> tuple[bool | None, str]:
    if fmt == "csv":
        records = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
        return len(records) == n + 1, f"{len(records) - 1} data rows read by the csv module"
    if fmt == "markdown":
        text = target.read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if line.startswith("| ")]
        # Header, then a row per system (the separator line starts with "|-").
        return len(lines) >= n + 1, f"{len(lines) - 1} table rows, {len(text) // 1000} KB"
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        return None, "no headless Chromium on this machine"
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", target.as_uri()],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    ).stdout
    rows = dom.count("<tr>") - 1
    ok = rows == n and "<svg" in dom and "<script" not in dom
    return ok, f"{rows} rows in the DOM headless Chromium built, deadline chart drawn"
