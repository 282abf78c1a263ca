"""The portfolio register as CSV that a spreadsheet opens as it is.

UTF-8 with a byte order mark: Excel reads a CSV without one in the machine's legacy
code page, which garbles every accented owner or system name, while LibreOffice,
Google Sheets, pandas (``encoding="utf-8-sig"``) and Python's csv module read the mark
fine.  Fields follow RFC 4180 (CRLF line ends, quotes where needed).  A cell a
spreadsheet would run as a formula (one starting with = + - @, or a tab or carriage
return that some strip first) gets a leading apostrophe, so a system name like
``=HYPERLINK(...)`` is shown, never evaluated.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, TextIO

from aicheck.render.escape import visible_controls
from aicheck.render.register import Row, coverage_of, portfolio

if TYPE_CHECKING:
    from aicheck.gate.run import Run
    from aicheck.render.options import RenderOptions

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write(run: Run, options: RenderOptions, out: TextIO) -> None:
    folio = portfolio(run)
    table = csv.writer(out, lineterminator="\r\n")
    # Two numbers per framework, which a spreadsheet can sort and sum ("3 of 4" it
    # cannot, and "3/4" it would take for a date).
    coverage_columns = [
        f"{fid} {part}" for fid in folio.frameworks for part in ("met", "applicable")
    ]
    out.write(BOM)
    table.writerow(
        [
            "system",
            "answers file",
            "owner",
            "EU AI Act tier",
            "roles",
            "GPAI",
            f"gate (--fail-on {folio.threshold})",
            "open critical",
            "open high",
            *coverage_columns,
            "next deadline",
            "next deadline: what applies",
            "oldest review",
        ]
    )
    for row in folio.rows:
        table.writerow([safe(cell) for cell in _cells(row, folio.frameworks)])


def _cells(row: Row, frameworks: tuple[str, ...]) -> list[str]:
    coverage = []
    for framework in frameworks:
        cov = coverage_of(row, framework)
        coverage += ["", ""] if cov is None else [str(cov.met), str(cov.applicable)]
    return [
        row.name,
        row.source,
        row.owner or "",
        row.tier_label,
        row.roles,
        row.gpai,
        "fail" if row.failed else "pass",
        str(row.critical),
        str(row.high),
        *coverage,
        row.next_deadline.isoformat() if row.next_deadline else "",
        row.next_deadline_label or "",
        row.oldest_review.isoformat() if row.oldest_review else "never",
    ]


def safe(cell: str) -> str:
    """A cell as text a spreadsheet shows and never runs; control characters visible."""
    if cell.startswith(FORMULA_START):
        cell = "'" + cell
    return visible_controls(cell)
