"""The answers file's JSON Schema, generated from the model."""

from __future__ import annotations

import json

from aicheck.models.answers import AnswersFile

SCHEMA_ID = "https://aicheck.dev/schemas/answers-1.json"


def answers_schema() -> dict[str, object]:
    schema = AnswersFile.model_json_schema(mode="validation")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
    # Keys starting with x- are allowed for people (tickets, links) and ignored by aicheck,
    # at any level.
    for node in [schema, *schema.get("$defs", {}).values()]:
        if isinstance(node, dict) and node.get("additionalProperties") is False:
            node["patternProperties"] = {"^x-": {}}
    return schema


def answers_schema_json() -> str:
    return json.dumps(answers_schema(), indent=2, sort_keys=True)
