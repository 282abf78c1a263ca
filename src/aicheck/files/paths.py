"""File names as output shows them."""

from __future__ import annotations

from pathlib import Path


def display_path(path: Path) -> str:
    """The path as the user gave it, with '/' separators, for stable output.

    Bytes of a file name that are not UTF-8 become U+FFFD, so every report can be encoded.
    """
    return path.as_posix().encode("utf-8", "surrogateescape").decode("utf-8", "replace")
