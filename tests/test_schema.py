"""`aicheck schema`: valid JSON Schema that knows the catalogs' ids."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from aicheck.files.yamlio import load_file
from tests.conftest import EXAMPLES
from tests.helpers import VALID_FRAMEWORK, invoke


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(invoke(["schema"]).stdout)
    jsonschema.Draft202012Validator.check_schema(data)
    return data


@pytest.mark.parametrize("example", sorted(p.parent.name for p in EXAMPLES.glob("*/aicheck.yaml")))
def test_examples_are_valid(schema: dict[str, Any], example: str) -> None:
    # As an editor sees it: dates are strings (YAML 1.2).
    data = load_file(EXAMPLES / example / "aicheck.yaml").data
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("screening", "eu-ai-act", "union_nexus"), "maybe"),
        (("screening", "eu-ai-act", "excl_militry"), False),
        (("screening", "eu-ai-act", "roles"), ["provder"]),
        (("controls", "eu-ai-act", "art-04"), {"status": "implemented"}),
        (("controls", "nist-ai-rmf", "GOVERN-1.1"), {"status": "done"}),
        (("frameworks",), ["eu-ai-actt"]),
        (("screening", "eu-ai-act", "hr_legacy_change_date"), "30/06/2028"),
    ],
)
def test_misspelt_ids_and_values_are_caught(
    schema: dict[str, Any], path: tuple[str, ...], value: object
) -> None:
    data = load_file(EXAMPLES / "cv-screening" / "aicheck.yaml").data
    node = data
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_questions_carry_their_wording(schema: dict[str, Any]) -> None:
    union = schema["properties"]["screening"]["properties"]["eu-ai-act"]["properties"]
    assert union["union_nexus"]["description"].startswith("Art. 2(1): ")


def test_custom_frameworks_are_in_the_schema(tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(VALID_FRAMEWORK)
    data = json.loads(invoke(["schema", "--frameworks-dir", str(tmp_path)]).stdout)
    controls = data["properties"]["controls"]["properties"]
    assert set(controls["acme-policy"]["properties"]) == {"POL-1", "POL-4"}
