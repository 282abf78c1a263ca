"""`aicheck init`: a starter that loads, checks as incomplete, and never overwrites."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from aicheck.answers.schema import answers_schema
from aicheck.catalog.loader import default_library
from tests.helpers import invoke


def test_writes_starter_and_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(["init", "--system", 'Support "Ava" bot: v2'])
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "aicheck.yaml").read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=./aicheck.schema.json"
    assert "# Is the system offered or put into service in the EU" in text
    schema = json.loads((tmp_path / "aicheck.schema.json").read_text())
    assert schema == answers_schema(default_library())
    data = yaml.safe_load(text)
    assert data["system"]["name"] == 'Support "Ava" bot: v2'
    jsonschema.validate(data, schema)
    assert result.stderr.splitlines()[:2] == [
        "aicheck: wrote aicheck.yaml",
        "aicheck: wrote aicheck.schema.json",
    ]


def test_starter_checks_as_incomplete(tmp_path: Path) -> None:
    path = tmp_path / "ai" / "chatbot.aicheck.yaml"
    assert invoke(["init", str(path)]).exit_code == 0
    result = invoke(["check", str(path), "-f", "json"])
    assert result.exit_code == 1, result.stderr
    system = json.loads(result.stdout)["systems"][0]
    assert system["classification"]["tier"] == "incomplete"
    assert system["system"]["name"] == "ai"  # the folder's name by default


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "aicheck.yaml"
    path.write_text("mine\n")
    result = invoke(["init", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"aicheck: error: {path}: already exists; not overwritten "
        "(pick another path, or remove the file first)\n"
    )
    assert path.read_text() == "mine\n"
    assert not (tmp_path / "aicheck.schema.json").exists()


def test_a_folder_gets_aicheck_yaml_inside(tmp_path: Path) -> None:
    folder = tmp_path / "support-bot"
    folder.mkdir()
    result = invoke(["init", str(folder)])
    assert result.exit_code == 0, result.stderr
    written = yaml.safe_load((folder / "aicheck.yaml").read_text())
    assert written["system"]["name"] == "support-bot"
    assert (folder / "aicheck.schema.json").exists()
    again = invoke(["init", str(folder)])
    assert again.exit_code == 2
    assert again.stderr == (
        f"aicheck: error: {folder / 'aicheck.yaml'}: already exists; not overwritten "
        "(pick another path, or remove the file first)\n"
    )


def test_a_trailing_slash_names_a_new_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(["init", "ai/new-bot/"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == "aicheck: wrote ai/new-bot/aicheck.yaml"
    written = yaml.safe_load((tmp_path / "ai" / "new-bot" / "aicheck.yaml").read_text())
    assert written["system"]["name"] == "new-bot"


def test_keeps_an_existing_schema(tmp_path: Path) -> None:
    schema = tmp_path / "aicheck.schema.json"
    schema.write_text("{}\n")
    result = invoke(["init", str(tmp_path / "aicheck.yaml")])
    assert result.exit_code == 0
    assert schema.read_text() == "{}\n"
    assert "kept" in result.stderr


def test_empty_system_name_is_refused(tmp_path: Path) -> None:
    result = invoke(["init", str(tmp_path / "a.yaml"), "--system", " "])
    assert result.exit_code == 2
    assert not (tmp_path / "a.yaml").exists()


def test_answering_a_question_shows_in_diff(tmp_path: Path) -> None:
    old, new = tmp_path / "old" / "aicheck.yaml", tmp_path / "new" / "aicheck.yaml"
    assert invoke(["init", str(old), "--system", "X"]).exit_code == 0
    assert invoke(["init", str(new), "--system", "X"]).exit_code == 0
    new.write_text(new.read_text().replace("    union_nexus:\n", "    union_nexus: true\n"))
    result = invoke(["diff", str(old), str(new)])
    assert result.exit_code == 0
    found = re.search(r"^  unanswered: (\d+) -> (\d+)$", result.stdout, flags=re.MULTILINE)
    assert found, result.stdout
    assert int(found.group(2)) == int(found.group(1)) - 1
