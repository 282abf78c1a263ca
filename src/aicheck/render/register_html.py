"""The portfolio register as one HTML page, with an inline SVG of deadlines.

It uses the sign-off report's page (render/html_page.py: the head, print CSS, content
policy and escaping), split around the body so that rows are written as they come.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from aicheck.render.html_page import esc, page
from aicheck.render.register import Portfolio, Row, coverage_shares, next_deadline, portfolio
from aicheck.render.register_markdown import HEADERS, summary_line

if TYPE_CHECKING:
    from aicheck.gate.run import Run
    from aicheck.render.options import RenderOptions

# What the register adds to the shared page: a wide table that keeps its header in view,
# numbers to the right, and coverage and dates unbroken at their hyphens.
STYLE = (
    "<style>body{max-width:none}th{position:sticky;top:0}td.n{text-align:right}"
    "td.nw{white-space:nowrap}.fail{color:#a40e26;font-weight:600}"
    ".source{color:#57606a;font-size:8pt}svg text{font-size:11px}</style>"
)
BAR_WIDTH = 420
ROW_HEIGHT = 22
LABEL_WIDTH = 360
_BODY = "\x00body\x00"


def text(value: str) -> str:
    """User or catalog text for HTML: control characters shown, markup escaped."""
    return esc(value)


def write(run: Run, options: RenderOptions, out: TextIO) -> None:
    folio = portfolio(run)
    head, tail = page("AI system register", _BODY).split(_BODY)
    out.write(head + STYLE + "\n<h1>AI system register</h1>\n")
    out.write(f"<p>{text(summary_line(folio))}</p>\n")
    if folio.deadlines:
        out.write("<h2>Deadlines across the portfolio</h2>\n")
        out.write(_chart(folio) + "\n")
    out.write("<h2>Systems, by risk</h2>\n<table>\n<thead><tr>")
    out.write("".join(f"<th>{text(h)}</th>" for h in HEADERS))
    out.write("</tr></thead>\n<tbody>\n")
    for row in folio.rows:
        out.write(_row(row, folio) + "\n")
    out.write("</tbody>\n</table>" + tail)


def _chart(folio: Portfolio) -> str:
    """One bar per deadline: how many systems it binds, on a scale of all systems."""
    total = max(len(folio.rows), 1)
    height = ROW_HEIGHT * len(folio.deadlines) + 4
    width = LABEL_WIDTH + BAR_WIDTH + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="Systems bound by each legal deadline">'
    ]
    for i, (day, label, count) in enumerate(folio.deadlines):
        y = i * ROW_HEIGHT + 2
        bar = max(round(BAR_WIDTH * count / total), 1)
        caption = f"{day.isoformat()} {label}"
        parts.append(
            f'<text x="0" y="{y + 15}">{text(caption[:60])}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{bar}" height="{ROW_HEIGHT - 6}" '
            f'fill="#3b6ea8"><title>{text(caption)}: {count} systems</title></rect>'
            f'<text x="{LABEL_WIDTH + bar + 6}" y="{y + 15}">{count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _row(row: Row, folio: Portfolio) -> str:
    coverage = [f"{text(fid)} {share}" for fid, share in coverage_shares(row, folio.frameworks)]
    gate = '<span class="fail">FAIL</span>' if row.failed else "pass"
    cells = [
        f'{text(row.name)}<br><span class="source">{text(row.source)}</span>',
        text(row.owner) if row.owner else "<em>not recorded</em>",
        text(row.tier_label),
        text(row.roles) or "-",
        text(row.gpai) or "-",
        gate,
    ]
    numbers = [f'<td class="n">{row.critical}</td>', f'<td class="n">{row.high}</td>']
    # Coverage ("nist-ai-rmf 10%") and dates read badly when broken at a hyphen.
    rest = [
        ("nw", "<br>".join(coverage) or "-"),
        ("", next_deadline(row, text)),
        ("nw", row.oldest_review.isoformat() if row.oldest_review else "never"),
    ]
    return (
        "<tr>"
        + "".join(f"<td>{c}</td>" for c in cells)
        + "".join(numbers)
        + "".join(f'<td class="{k}">{c}</td>' if k else f"<td>{c}</td>" for k, c in rest)
        + "</tr>"
    )
