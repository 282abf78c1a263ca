"""How a report is rendered, beyond its format."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderOptions:
    include_waived: bool = False
    color: bool = False
    width: int = 100
