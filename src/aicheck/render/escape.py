"""Make user text safe for each output: nothing a user writes is ever interpreted."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")


def visible_controls(text: str) -> str:
    """Show control characters (ANSI escapes included) as \\xNN instead of acting on them."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def terminal(text: str) -> str:
    return visible_controls(text.replace("\r\n", "\n"))


def one_line(text: str) -> str:
    return " ".join(text.split())


def markdown_inline(text: str) -> str:
    """Escape for a Markdown paragraph or table cell: one line, no markup, no HTML."""
    return _MD_SPECIAL.sub(r"\\\1", visible_controls(one_line(text)))


def xml_text(text: str) -> str:
    """Drop characters XML 1.0 forbids (the serializer escapes <, & and quotes)."""
    return _XML_FORBIDDEN.sub("\ufffd", text)
