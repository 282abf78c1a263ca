"""The layout of a hand-written answers file is read before the writer rewrites it."""

from __future__ import annotations

from aicheck.answers.layout import Layout, guess_indent
from tests.test_answers_writer import HAND_WRITTEN


def test_guess_indent() -> None:
    assert guess_indent(HAND_WRITTEN) == (2, 6, 4)
    assert guess_indent("a:\n    b: 1\nc:\n- x\n") == (4, 4, 0)
    assert guess_indent("a: 1\n") == (2, 4, 2)


def fields(layout: Layout) -> tuple[int, int, int, str]:
    return layout.mapping, layout.sequence, layout.offset, layout.newline


def test_line_ends_are_read_and_restored() -> None:
    crlf = "a:\r\n    b: 1\r\n"
    layout, text = Layout.read(crlf)
    assert (fields(layout), text) == ((4, 4, 2, "\r\n"), "a:\n    b: 1\n")
    assert layout.restore(text) == crlf
    # Mostly "\n": left as it is, a stray "\r\n" included.
    mixed = "a:\n  b: 1\r\nc: 2\n"
    layout, text = Layout.read(mixed)
    assert (fields(layout), text) == (fields(Layout()), mixed)
    assert fields(Layout()) == (2, 4, 2, "\n")  # the layout aicheck writes
