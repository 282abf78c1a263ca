"""The README's examples work as printed."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import REPO
from tests.helpers import invoke


def test_custom_framework_example_validates(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text()
    snippet = re.search(r"```yaml\n(kind: framework\n.*?)```", readme, re.S)
    assert snippet is not None
    path = tmp_path / "acme.yaml"
    path.write_text(snippet.group(1))
    result = invoke(["frameworks", "validate", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "aicheck: 1 file(s) valid: acme-ai-policy\n"


def test_quick_start_example_exists() -> None:
    readme = (REPO / "README.md").read_text()
    assert (
        "python3 -m venv .venv && . .venv/bin/activate && "
        "pip install . && aicheck check examples/cv-screening/aicheck.yaml"
    ) in readme
    assert (REPO / "examples" / "cv-screening" / "aicheck.yaml").is_file()


def test_answers_file_doc_example_is_complete(tmp_path: Path) -> None:
    # The docs call it "a complete small example": it must stay complete as questions are added.
    doc = (REPO / "docs" / "answers-file.md").read_text()
    section = doc.split("## A complete small example", 1)[1]
    snippet = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert snippet is not None
    path = tmp_path / "aicheck.yaml"
    path.write_text(snippet.group(1))
    data = json.loads(invoke(["check", str(path), "-f", "json", "--fail-on", "none"]).stdout)
    classification = data["systems"][0]["classification"]
    assert (classification["tier"], classification["unanswered"]) == ("minimal", [])
