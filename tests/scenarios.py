"""Build answers for engine tests: every EU screening question answered "no" unless set."""

from __future__ import annotations

from typing import Any

from aicheck.catalog.library import Library
from aicheck.engine.evaluate import assess
from aicheck.models.answers import AnswersFile
from aicheck.models.report import SystemReport
from aicheck.models.settings import RunSettings
from tests.conftest import AS_OF


def eu_screening(library: Library, **answers: Any) -> dict[str, Any]:
    """An AI system linked to the Union, roles: provider, every other question "no" (or
    none picked), then ``answers`` on top; None removes one."""
    base: dict[str, Any] = {}
    for q in library.frameworks["eu-ai-act"].questions:
        if q.type == "boolean":
            base[q.id] = False
        elif q.type == "number":
            base[q.id] = 0
        elif q.type == "multi":
            base[q.id] = ["provider"] if q.effect == "roles" else []
    base["union_nexus"] = True
    base["ai_system"] = True
    base.update(answers)
    return {k: v for k, v in base.items() if v is not None}


def run(
    library: Library,
    screening: dict[str, Any],
    controls: dict[str, Any] | None = None,
    *,
    frameworks: tuple[str, ...] = ("eu-ai-act",),
    waivers: list[dict[str, Any]] | None = None,
    as_of: Any = AS_OF,
    evidence: dict[str, Any] | None = None,
    generates_content: bool | None = False,
    builds_system: bool | None = True,
    **settings: Any,
) -> SystemReport:
    answers = AnswersFile.model_validate(
        {
            "aicheck": 1,
            "system": {"name": "Test system"},
            "frameworks": list(frameworks),
            "screening": {
                "eu-ai-act": screening,
                "nist-ai-rmf": {
                    "builds_system": builds_system,
                    "generates_content": generates_content,
                },
            },
            "controls": controls or {},
            "waivers": waivers or [],
        }
    )
    run_settings = RunSettings(as_of=as_of, **settings)
    return assess(library, answers, run_settings, source="t.yaml", evidence=evidence)
