"""The answers file's JSON Schema: generated from the model, then made specific to the
catalogs in use, so an editor can complete framework, question and control ids and flag a
misspelt one before `aicheck check` does."""

from __future__ import annotations

import json
from typing import Any

from aicheck.catalog.library import SEPARATOR, Library
from aicheck.models.answers import AnswersFile
from aicheck.models.catalog import Question

SCHEMA_ID = "https://aicheck.dev/schemas/answers-1.json"
_EXTENSIONS: dict[str, Any] = {
    "^x-": {}
}  # keys starting with x- are for people and ignored by aicheck


def answers_schema(library: Library | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **AnswersFile.model_json_schema(mode="validation"),
    }
    for node in [schema, *schema.get("$defs", {}).values()]:
        if isinstance(node, dict) and node.get("additionalProperties") is False:
            node["patternProperties"] = dict(_EXTENSIONS)
    if library is not None:
        _specialise(schema, library)
    return schema


def answers_schema_json(library: Library | None = None) -> str:
    return json.dumps(answers_schema(library), indent=2, sort_keys=True)


def _specialise(schema: dict[str, Any], library: Library) -> None:
    props = schema["properties"]
    frameworks = sorted(library.frameworks.values(), key=lambda fw: fw.id)
    ids = [fw.id for fw in frameworks]
    props["frameworks"] = {
        **_keep_docs(props["frameworks"]),
        "anyOf": [{"type": "array", "items": {"enum": ids}}, {"type": "null"}],
    }
    props["screening"] = _closed_object(
        {
            fw.id: _closed_object({q.id: _question_schema(q) for q in fw.questions})
            for fw in frameworks
            if fw.questions
        },
        _keep_docs(props["screening"]),
    )
    props["controls"] = _closed_object(
        {
            fw.id: _closed_object(
                {
                    c.id: {
                        "$ref": "#/$defs/ControlAnswer",
                        "description": f"{c.ref} {c.title}: {c.question}",
                    }
                    for c in fw.controls
                }
            )
            for fw in frameworks
        },
        _keep_docs(props["controls"]),
    )
    waiver = schema["$defs"]["Waiver"]["properties"]["control"]
    waiver["enum"] = [f"{fw.id}{SEPARATOR}{c.id}" for fw in frameworks for c in fw.controls]


def _keep_docs(node: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in node.items() if k in ("description", "title", "default")}


def _closed_object(
    properties: dict[str, Any], base: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {
        **(base or {}),
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "patternProperties": dict(_EXTENSIONS),
    }


def _question_schema(q: Question) -> dict[str, Any]:
    options = [o.value for o in q.options]
    by_type: dict[str, dict[str, Any]] = {
        "boolean": {"type": ["boolean", "null"]},
        "number": {"type": ["number", "null"]},
        "date": {"type": ["string", "null"], "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "text": {"type": ["string", "null"]},
        "choice": {"enum": [*options, None]},
        "multi": {"type": ["array", "null"], "items": {"enum": options}},
    }
    return {**by_type[q.type], "description": f"{q.ref}: {q.text}"}
