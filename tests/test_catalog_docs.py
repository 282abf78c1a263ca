"""docs/catalog-format.md keeps step with the catalog models: every field, every value."""

from __future__ import annotations

import inspect
import re
from types import ModuleType
from typing import Any, Literal, get_args, get_origin

import pytest

from aicheck.models import catalog, conditions
from aicheck.models.base import Strict
from tests.conftest import REPO

DOC = (REPO / "docs" / "catalog-format.md").read_text()
HEADING = re.compile(r"^### .*\(`(\w+)`\)$", re.M)
ROW = re.compile(r"^\| `(\w+)` \|(.*)$", re.M)


def _models(*modules: ModuleType) -> list[type[Strict]]:
    return [
        cls
        for module in modules
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, Strict) and cls.__module__ == module.__name__
    ]


MODELS = _models(catalog, conditions)


def _documented() -> dict[str, dict[str, str]]:
    """Model name -> {field: the rest of its table row}, from the Fields section."""
    found: dict[str, dict[str, str]] = {}
    headings = list(HEADING.finditer(DOC))
    for i, heading in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else len(DOC)
        rows = ROW.findall(DOC, heading.end(), end)
        found[heading.group(1)] = dict(rows)
    return found


def _literal_values(annotation: Any) -> set[str]:
    if get_origin(annotation) is Literal:
        return {str(v) for v in get_args(annotation)}
    return {v for arg in get_args(annotation) for v in _literal_values(arg)}


def test_the_models_are_found() -> None:
    names = {m.__name__ for m in MODELS}
    assert {"Framework", "Group", "Question", "Control", "Crosswalk", "Condition"} <= names


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_of_every_catalog_model_is_documented(model: type[Strict]) -> None:
    documented = _documented()
    assert model.__name__ in documented, f"docs/catalog-format.md has no section for {model}"
    fields = {info.alias or name for name, info in model.model_fields.items()}
    assert set(documented[model.__name__]) == fields


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_allowed_value_is_documented_with_its_field(model: type[Strict]) -> None:
    rows = _documented()[model.__name__]
    for name, info in model.model_fields.items():
        if name == "effect":
            continue  # listed under "Screening effects", checked below
        for value in _literal_values(info.annotation):
            assert f"`{value}`" in rows[info.alias or name], (model.__name__, name, value)


def test_every_screening_effect_and_fact_is_documented() -> None:
    for value in get_args(catalog.Effect):
        assert f"`{value}`" in DOC, value
    for fact in conditions.KNOWN_FACTS:
        assert f"`{fact}`" in DOC, fact
