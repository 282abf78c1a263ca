"""Make user text safe for each output: nothing a user writes is ever interpreted."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

# C0/C1 controls (ESC starts every ANSI sequence), line/paragraph separators, the
# bidirectional overrides behind "Trojan source" tricks, and lone surrogates.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
# Everything outside XML 1.0's Char production.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Enough to stop emphasis, code, links, HTML, entities and table cells; parentheses and
# the like stay readable because '[' is already escaped.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def visible_controls(text: str) -> str:
    """Show control characters (ANSI escapes included) as \\xNN instead of acting on them."""
    return _CONTROL.sub(_visible, text)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: str) -> str:
    """One printable line: a newline in user text cannot forge a line of the report
    (say, a fake 'Gate: passed' in a CI log), and escape sequences are shown, not run."""
    return visible_controls(one_line(text))


def one_line(text: str) -> str:
    return " ".join(text.split())


CACHED_UP_TO = 300
"""Characters of the longest text whose escaped form is kept (see short_text_cached)."""


def short_text_cached(escape: Callable[[str], str]) -> Callable[[str], str]:
    """``escape`` with its results for short text kept: the reports of an inventory
    escape the same catalog titles, states, citations and messages for every system.
    Bounded in entries and in size, as answers-file notes can be long and vary without
    end; the escaping functions are pure, so nothing carries from one text to another."""
    cached = functools.lru_cache(maxsize=4096)(escape)

    @functools.wraps(escape)
    def escaped(text: str) -> str:
        return cached(text) if len(text) <= CACHED_UP_TO else escape(text)

    return escaped


@short_text_cached
def markdown_inline(text: str) -> str:
    """Escape for a Markdown paragraph or table cell: one line, no markup, no HTML."""
    return _MD_SPECIAL.sub(r"\\\1", visible_controls(one_line(text)))


# A code span aicheck or a catalog wrote, e.g. "(`aicheck assess`)": one backtick each
# side, not touching another backtick; no backtick or pipe inside, nor a space at either
# end (CommonMark would strip it). See markdown_prose.
_PROSE_CODE = re.compile(r"(?<!`)`([^`|\s]|[^`|\s][^`|]*[^`|\s])`(?!`)")


@short_text_cached
def markdown_prose(text: str) -> str:
    """Escape like markdown_inline, except that simple `code` spans stay code spans.

    Only for text that aicheck or a catalog wrote (remedies, control descriptions,
    penalties), never for answers-file text such as names, notes or finding messages
    (which quote evidence paths and approvers): what a user writes is shown as typed.
    Why a span is let through only in this narrow form: everything outside it is still
    escaped, so no HTML, link or emphasis can start there and run into or out of the
    span; inside a code span CommonMark interprets nothing, so its content needs no
    escaping. A lone or doubled backtick could open or close a span other than the one
    matched here, so those stay escaped. A pipe would end a GFM table cell even inside a
    code span and escaping it shows a stray backslash outside tables, so a span with a
    pipe is escaped as plain text instead: correct in a paragraph and a table cell alike.
    Newlines are gone before matching (one_line), so a span never crosses a line.
    """
    flat = visible_controls(one_line(text))
    parts: list[str] = []
    start = 0
    for match in _PROSE_CODE.finditer(flat):
        parts.append(_MD_SPECIAL.sub(r"\\\1", flat[start : match.start()]))
        parts.append(match.group())
        start = match.end()
    parts.append(_MD_SPECIAL.sub(r"\\\1", flat[start:]))
    return "".join(parts)


def markdown_code(text: str) -> str:
    """An identifier as a code span; safe in a table cell."""
    plain = visible_controls(one_line(text)).replace("|", "\\|")
    return f"`` {plain} ``" if "`" in plain else f"`{plain}`"


@short_text_cached
def xml_text(text: str) -> str:
    """Replace characters XML 1.0 forbids (the serializer escapes <, & and quotes), and
    show the bidirectional overrides as escapes: a CI page rendering JUnit must not let
    them reorder a test's name or message ("Trojan source")."""
    return _BIDI.sub(_visible, _XML_FORBIDDEN.sub("\ufffd", text))


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SARIF_SPECIAL = re.compile(r"([\\\[\]])")


@short_text_cached
def sarif_message(text: str) -> str:
    """SARIF message text: ``[text](target)`` there is an embedded link that viewers
    render (``javascript:`` included), so brackets and backslashes from answers files are
    escaped as SARIF 2.1.0 (3.11.5) asks; control characters are shown, not kept."""
    return _SARIF_SPECIAL.sub(r"\\\1", visible_controls(text))
