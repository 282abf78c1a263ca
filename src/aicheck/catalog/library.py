"""The set of loaded frameworks and crosswalk links, with the look-ups the engine needs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from aicheck.errors import AicheckError
from aicheck.models.catalog import ApplicationDate, Control, Crosswalk, CrosswalkLink, Framework
from aicheck.models.report import CatalogSource, SystemReport

SEPARATOR = "/"


@dataclass
class Library:
    frameworks: dict[str, Framework] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    links: list[CrosswalkLink] = field(default_factory=list)
    _controls: dict[str, Control] = field(default_factory=dict, repr=False)
    _dates: dict[tuple[str, str], ApplicationDate] = field(default_factory=dict, repr=False)
    _equivalents: dict[str, tuple[str, ...]] | None = field(default=None, repr=False)
    _positions: dict[tuple[str, str], int] | None = field(default=None, repr=False)

    def add_framework(self, framework: Framework, source: Path) -> None:
        self.frameworks[framework.id] = framework
        self._positions = None
        self.sources[framework.id] = source
        for control in framework.controls:
            self._controls[f"{framework.id}{SEPARATOR}{control.id}"] = control
        for date in framework.dates:
            self._dates[(framework.id, date.id)] = date

    def add_crosswalk(self, crosswalk: Crosswalk) -> None:
        self.links.extend(crosswalk.links)
        self._equivalents = None

    def framework(self, framework_id: str) -> Framework:
        """The framework with this id; a usage error naming the known ones if none."""
        found = self.frameworks.get(framework_id)
        if found is None:
            known = ", ".join(sorted(self.frameworks))
            raise AicheckError(f"unknown framework {framework_id!r}", hint=f"known: {known}")
        return found

    def catalog_sources(self, systems: Iterable[SystemReport]) -> tuple[CatalogSource, ...]:
        """Where the catalogs of the frameworks assessed come from, for provenance."""
        return self.sources_of(fid for s in systems for fid in s.frameworks)

    def sources_of(self, framework_ids: Iterable[str]) -> tuple[CatalogSource, ...]:
        """Where the catalogs of these frameworks come from, each once, in first order."""
        return tuple(
            CatalogSource(
                framework=fw.id,
                name=fw.name,
                title=fw.title,
                version=fw.version,
                publisher=fw.publisher,
                url=str(fw.url),
                binding=fw.binding,
                last_checked=fw.last_checked,
            )
            for fw in (self.frameworks[fid] for fid in dict.fromkeys(framework_ids))
        )

    def check_adopted(self, framework_ids: Iterable[str], config_file: Path | None) -> None:
        """`adopted` (from .aicheck.toml) names catalogs that are loaded."""
        for framework_id in framework_ids:
            if framework_id not in self.frameworks:
                raise AicheckError(
                    f"adopted: unknown framework {framework_id!r}",
                    path=config_file,
                    hint=f"known: {', '.join(sorted(self.frameworks))}",
                )

    def check_known(self, framework_ids: Iterable[str]) -> None:
        for framework_id in framework_ids:
            self.framework(framework_id)

    def date(self, framework_id: str, date_id: str) -> ApplicationDate:
        return self._dates[(framework_id, date_id)]

    def equivalents(self, reference: str) -> tuple[str, ...]:
        """Controls linked to ``reference`` as equivalent, in either direction, sorted."""
        if self._equivalents is None:
            found: dict[str, set[str]] = {}
            for link in self.links:
                if link.relation == "equivalent":
                    found.setdefault(link.source, set()).add(link.target)
                    found.setdefault(link.target, set()).add(link.source)
            self._equivalents = {ref: tuple(sorted(refs)) for ref, refs in found.items()}
        return self._equivalents.get(reference, ())

    def position(self, framework_id: str, item_id: str) -> int | None:
        """Where a question or control comes in its catalog (questions first)."""
        if self._positions is None:
            self._positions = {}
            for fw in self.frameworks.values():
                items = [q.id for q in fw.questions] + [c.id for c in fw.controls]
                for index, item in enumerate(items):
                    self._positions.setdefault((fw.id, item), index)
        return self._positions.get((framework_id, item_id))

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
