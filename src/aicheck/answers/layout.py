"""How a YAML file a person wrote is laid out: its indentation and its line ends.

ruamel.yaml writes the whole file with one indentation and with "\\n" line ends.  Reading
both from the file first keeps a rewrite from reformatting every line of it.
"""

from __future__ import annotations

import re
from typing import Final

_KEY_LINE = re.compile(r"^( *)[^\s#-][^:#]*:(\s|$)")
_SEQ_LINE = re.compile(r"^( *)- ")


class Layout:
    """Mapping indent, sequence indent, dash offset and line end of a block-style file.

    The defaults are the layout aicheck writes itself (``key:`` / ``  - item``).
    """

    def __init__(
        self, mapping: int = 2, sequence: int = 4, offset: int = 2, newline: str = "\n"
    ) -> None:
        self.mapping: Final = mapping
        self.sequence: Final = sequence
        self.offset: Final = offset
        self.newline: Final = newline

    @classmethod
    def read(cls, text: str) -> tuple[Layout, str]:
        """The layout of ``text``, and ``text`` with "\\n" line ends for ruamel.yaml.

        A file checked out with Windows line ends keeps them: ruamel.yaml would write
        "\\n" and carry "\\r\\n" on comments only, leaving a file with both.
        """
        newline = "\n"
        if text.count("\r\n") * 2 > text.count("\n"):  # most lines end in CRLF
            newline = "\r\n"
            text = text.replace("\r\n", "\n")
        mapping, sequence, offset = guess_indent(text)
        return cls(mapping, sequence, offset, newline), text

    def restore(self, text: str) -> str:
        """``text`` as written with "\\n" line ends, in this layout's line ends."""
        return text if self.newline == "\n" else text.replace("\n", self.newline)


def guess_indent(text: str) -> tuple[int, int, int]:
    """Mapping indent, sequence indent and dash offset of a block-style YAML text, with
    :class:`Layout`'s defaults for what the text does not show."""
    mapping: int | None = None
    offset: int | None = None
    previous_key_indent: int | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        seq = _SEQ_LINE.match(line)
        if seq:
            if offset is None and previous_key_indent is not None:
                offset = max(len(seq.group(1)) - previous_key_indent, 0)
            previous_key_indent = None
            continue
        key = _KEY_LINE.match(line)
        if key:
            indent = len(key.group(1))
            if mapping is None and previous_key_indent is not None and indent > previous_key_indent:
                mapping = indent - previous_key_indent
            previous_key_indent = indent if line.rstrip().endswith(":") else None
        else:
            previous_key_indent = None
    mapping = mapping or 2
    offset = 2 if offset is None else offset
    return mapping, max(offset + 2, mapping), offset
