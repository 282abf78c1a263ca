"""Load catalog files into validated models; every problem names file, line and field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from aicheck.catalog.cache import cached
from aicheck.catalog.checks import framework_problems
from aicheck.catalog.library import Library
from aicheck.catalog.locate import all_catalog_files
from aicheck.errors import AicheckError, CatalogError, ProblemList
from aicheck.files.validation import dotted, problems_from
from aicheck.files.yamlio import Document, load_file
from aicheck.models.catalog import Crosswalk, Framework


@dataclass(frozen=True)
class LoadedFile:
    document: Document
    model: Framework | Crosswalk


def load_catalog_file(path: Path) -> LoadedFile:
    """Parse and validate one file on its own; raise ProblemList naming every problem."""
    doc = load_file(path)
    data = doc.data
    if not isinstance(data, dict):
        raise CatalogError(
            "expected a mapping with 'kind: framework' or 'kind: crosswalk'", path=path, line=1
        )
    kind = data.get("kind")
    model_type: type[Framework] | type[Crosswalk]
    if kind == "framework":
        model_type = Framework
    elif kind == "crosswalk":
        model_type = Crosswalk
    elif kind is None:
        looks_like_answers = "aicheck" in data and "system" in data
        raise CatalogError(
            "not a catalog: the 'kind' key is missing",
            path=path,
            line=1,
            hint="this looks like an answers file; check it with `aicheck check`"
            if looks_like_answers
            else "catalogs start with 'kind: framework' or 'kind: crosswalk'",
        )
    else:
        raise CatalogError(
            f"kind must be 'framework' or 'crosswalk', not {kind!r}",
            path=path,
            line=doc.line_of(("kind",)) or 1,
        )
    try:
        model = model_type.model_validate(data)
    except ValidationError as exc:
        raise ProblemList(problems_from(exc, doc, CatalogError)) from None
    if isinstance(model, Framework):
        problems = [
            CatalogError(f"{dotted(loc)}: {message}", path=path, line=doc.line_of(loc))
            for loc, message in framework_problems(model)
        ]
        if problems:
            raise ProblemList(problems)
    return LoadedFile(doc, model)


def load_library(paths: Iterable[Path]) -> Library:
    """Load files into one library, collecting every problem before failing."""
    loaded: list[LoadedFile] = []
    problems: list[AicheckError] = []
    for path in paths:
        try:
            loaded.append(load_catalog_file(path))
        except ProblemList as exc:
            problems += exc.problems
        except AicheckError as exc:
            problems.append(exc)
    library = Library()
    for item in loaded:
        if isinstance(item.model, Framework):
            existing = library.frameworks.get(item.model.id)
            if existing is not None:
                problems.append(
                    CatalogError(
                        f"framework id {item.model.id!r} is already defined"
                        f" in {library.sources[item.model.id]}",
                        path=item.document.path,
                        line=item.document.line_of(("id",)),
                    )
                )
                continue
            library.add_framework(item.model, item.document.path)
    for item in loaded:
        if isinstance(item.model, Crosswalk):
            for i, link in enumerate(item.model.links):
                if link.source.partition("/")[0] == link.target.partition("/")[0]:
                    problems.append(
                        CatalogError(
                            f"links[{i}]: source and target are in the same framework",
                            path=item.document.path,
                            line=item.document.line_of(("links", i)),
                        )
                    )
                for end in ("source", "target"):
                    message = library.reference_problem(getattr(link, end))
                    if message:
                        problems.append(
                            CatalogError(
                                f"links[{i}].{end}: {message}",
                                path=item.document.path,
                                line=item.document.line_of(("links", i, end)),
                            )
                        )
            library.add_crosswalk(item.model)
    if problems:
        raise ProblemList(problems)
    return library


def default_library(extra_dirs: Iterable[Path] = ()) -> Library:
    """The shipped catalogs plus those in ``extra_dirs`` (RunSettings.catalog_dirs)."""
    return cached(all_catalog_files(extra_dirs), load_library)
