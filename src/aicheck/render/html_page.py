"""The HTML page every aicheck HTML output shares: head, print CSS, escaping, tables, bars.

One self-contained file: inline CSS and SVG, no scripts, no fonts or images fetched, so
it opens offline and prints on A4 as it shows on screen. The portfolio register (issue
16) builds on the same page() and helpers.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from aicheck.render.escape import visible_controls

CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif;
  color: #1b1f24; margin: 0 auto; max-width: 182mm; padding: 12px; }
h1 { font-size: 18pt; margin: 0 0 4px; }
h2 { font-size: 13pt; margin: 18px 0 6px; border-bottom: 1px solid #c9d1d9; padding-bottom: 2px; }
h3 { font-size: 11pt; margin: 12px 0 4px; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
p { margin: 4px 0 8px; }
.muted { color: #57606a; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; font-size: 9pt; }
th, td { border: 1px solid #d0d7de; padding: 3px 5px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
table.facts th { width: 24%; }
table.plan { font-size: 8.5pt; table-layout: fixed; }
table.plan th:nth-child(1) { width: 4%; } table.plan th:nth-child(2) { width: 8%; }
table.plan th:nth-child(3) { width: 19%; } table.plan th:nth-child(4) { width: 13%; }
table.plan th:nth-child(5) { width: 11%; } table.plan th:nth-child(6) { width: 14%; }
table.plan th:nth-child(7) { width: 10%; } table.plan th:nth-child(8) { width: 21%; }
table.plan td:nth-child(5), table.plan td:nth-child(7) { white-space: nowrap; }
table.plan td { overflow-wrap: anywhere; }
table.obligations { table-layout: fixed; font-size: 8.5pt; }
table.obligations th:nth-child(1) { width: 9%; } table.obligations th:nth-child(2) { width: 16%; }
table.obligations th:nth-child(3) { width: 12%; } table.obligations th:nth-child(4) { width: 11%; }
table.obligations th:nth-child(5) { width: 13%; } table.obligations th:nth-child(6) { width: 12%; }
table.obligations th:nth-child(7) { width: 11%; } table.obligations th:nth-child(8) { width: 16%; }
table.obligations td:nth-child(4), table.obligations td:nth-child(7) { white-space: nowrap; }
table.obligations td { overflow-wrap: anywhere; }
code { font: 8.5pt "DejaVu Sans Mono", Consolas, monospace; overflow-wrap: anywhere; }
.verdict { padding: 8px 10px; border-radius: 4px; margin: 8px 0; border: 1px solid; }
.verdict.failed { background: #fff1f0; border-color: #cf222e; }
.verdict.passed { background: #effaf1; border-color: #1a7f37; }
.verdict.none { background: #f6f8fa; border-color: #8c959f; }
.sev { font-weight: 600; white-space: nowrap; }
.sev.critical { color: #a40e26; } .sev.high { color: #bc4c00; }
.sev.medium { color: #7d4e00; } .sev.low { color: #57606a; }
.missing { color: #cf222e; font-weight: 600; }
.page { break-before: page; page-break-before: always; }
.signoff { break-before: page; page-break-before: always; break-after: page;
  page-break-after: always; }
.signoff td { height: 14mm; }
.signoff th:nth-child(1), .signoff th:nth-child(2) { width: 27%; }
.signoff th:nth-child(3) { width: 16%; } .signoff th:nth-child(4) { width: 30%; }
.bars svg { display: block; margin: 2px 0 8px; }
ul { margin: 4px 0 8px 18px; padding: 0; }
@media print { body { padding: 0 1px; max-width: none; } a { color: inherit; } }
"""


def esc(text: object) -> str:
    """Any text as HTML text: markup shown, never interpreted; control characters shown."""
    return html.escape(visible_controls(str(text)), quote=True)


_CODE_SPAN = re.compile(r"`([^`]+)`")


def prose(text: str) -> str:
    """Text aicheck or a catalog wrote (never user text): escaped, with its simple
    `code` spans shown as code."""
    return _CODE_SPAN.sub(r"<code>\1</code>", esc(text))


def page(title: str, body: str, *, lang: str = "en") -> str:
    """A whole HTML document around ``body`` (already HTML)."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # Belt and braces: even if a renderer slipped, the browser loads nothing.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, css_class: str = "") -> str:
    """A table of cells that are already HTML (escape user text before)."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    klass = f' class="{esc(css_class)}"' if css_class else ""
    return f"<table{klass}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


BAR_COLOURS = ("#1a7f37", "#d4a72c", "#cf222e", "#8c959f")


def stacked_bar(label: str, parts: Sequence[tuple[str, int]], *, width: int = 520) -> str:
    """One labelled horizontal bar split into ``parts`` (name, count), as inline SVG."""
    total = sum(n for _, n in parts) or 1
    x = 0.0
    rects = []
    legend = []
    for (name, n), colour in zip(parts, BAR_COLOURS, strict=False):
        w = width * n / total
        if n:
            rects.append(
                f'<rect x="{x:.1f}" y="18" width="{w:.1f}" height="14" fill="{colour}">'
                f"<title>{esc(name)}: {n}</title></rect>"
            )
            legend.append(f"{esc(name)} {n}")
        x += w
    caption = f"{esc(label)}: " + ", ".join(legend)
    return (
        f'<svg width="{width}" height="36" role="img" '
        f'aria-label="{caption}"><text x="0" y="12" font-size="11" fill="#1b1f24">'
        f"{caption}</text>{''.join(rects)}</svg>"
    )
