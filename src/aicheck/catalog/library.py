"""The set of loaded frameworks and crosswalk links, with the look-ups the engine needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from aicheck.models.catalog import Control, Crosswalk, CrosswalkLink, Framework

SEPARATOR = "/"


@dataclass
class Library:
    frameworks: dict[str, Framework] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    links: list[CrosswalkLink] = field(default_factory=list)
    _controls: dict[str, Control] = field(default_factory=dict, repr=False)

    def add_framework(self, framework: Framework, source: Path) -> None:
        self.frameworks[framework.id] = framework
        self.sources[framework.id] = source
        for control in framework.controls:
            self._controls[f"{framework.id}{SEPARATOR}{control.id}"] = control

    def add_crosswalk(self, crosswalk: Crosswalk) -> None:
        self.links.extend(crosswalk.links)

    def control(self, reference: str) -> Control | None:
        return self._controls.get(reference)

    def reference_problem(self, reference: str) -> str | None:
        """Why ``framework-id/control-id`` does not resolve, or None when it does."""
        framework_id, sep, control_id = reference.partition(SEPARATOR)
        if not sep:
            return f"{reference!r} should be framework-id/control-id"
        if framework_id not in self.frameworks:
            return f"unknown framework {framework_id!r} in {reference!r}"
        if reference not in self._controls:
            return f"unknown control {control_id!r} in framework {framework_id!r}"
        return None
