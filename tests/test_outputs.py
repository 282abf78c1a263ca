"""An output never replaces an input, and is written whole or not at all."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from aicheck.errors import AicheckError
from tests.conftest import EXAMPLES
from tests.helpers import VALID_FRAMEWORK, invoke

CV = EXAMPLES / "cv-screening"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(CV, tmp_path / "ai")
    (tmp_path / "ai" / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


# Each way a path can lead to the answers file ai/aicheck.yaml.
def _same(work: Path) -> str:
    return "ai/aicheck.yaml"


def _dotdot(work: Path) -> str:
    return "ai/sub/../aicheck.yaml"


def _absolute(work: Path) -> str:
    return str(work / "ai" / "aicheck.yaml")


def _symlink(work: Path) -> str:
    (work / "link.yaml").symlink_to(work / "ai" / "aicheck.yaml")
    return "link.yaml"


def _hard_link(work: Path) -> str:
    os.link(work / "ai" / "aicheck.yaml", work / "hard.yaml")
    return "hard.yaml"


def _linked_folder(work: Path) -> str:
    (work / "elsewhere").symlink_to(work / "ai", target_is_directory=True)
    return "elsewhere/aicheck.yaml"


WAYS: list[Callable[[Path], str]] = [
    _same,
    _dotdot,
    _absolute,
    _symlink,
    _hard_link,
    _linked_folder,
]
COMMANDS = [
    ["report", "ai/aicheck.yaml", "-o"],
    ["check", "ai/aicheck.yaml", "-o"],
    ["check", "ai/aicheck.yaml", "--write-baseline"],
    ["diff", "ai/aicheck.yaml", "ai/aicheck.yaml", "-o"],
]


@pytest.mark.parametrize("way", WAYS, ids=lambda w: w.__name__.strip("_"))
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: f"{c[0]} {c[-1]}")
def test_an_output_that_is_the_answers_file_is_refused(
    work: Path, command: list[str], way: Callable[[Path], str]
) -> None:
    target = way(work)
    before = _snapshot(work)
    result = invoke([*command, target])
    assert result.exit_code == 2, result.stderr
    option = command[-1].replace("-o", "--output")
    assert result.stderr == (
        f"aicheck: error: {option} {target} is the input file ai/aicheck.yaml; "
        "nothing was written (write the output to another file)\n"
    )
    assert _snapshot(work) == before


def test_the_baseline_read_is_an_input(work: Path) -> None:
    assert invoke(["check", "ai/aicheck.yaml", "--write-baseline", "b.json"]).exit_code == 0
    before = _snapshot(work)
    result = invoke(["check", "ai/aicheck.yaml", "--baseline", "b.json", "-o", "./b.json"])
    assert result.exit_code == 2
    assert "--output b.json is the input file b.json" in result.stderr
    assert _snapshot(work) == before


def test_the_config_file_and_catalogs_are_inputs(work: Path) -> None:
    (work / ".aicheck.toml").write_text('answers = ["ai/*.yaml"]\nframeworks-dir = "policies"\n')
    (work / "policies").mkdir()
    (work / "policies" / "acme.yaml").write_text(VALID_FRAMEWORK)
    before = _snapshot(work)
    for target in (".aicheck.toml", "policies/acme.yaml"):
        for command in (["check", "-o", target], ["schema", "-o", target]):
            result = invoke(command)
            assert result.exit_code == 2, (command, result.stderr)
            assert f"--output {target} is the input file" in result.stderr
    assert _snapshot(work) == before


def test_two_outputs_to_one_file_are_refused(work: Path) -> None:
    result = invoke(["check", "ai/aicheck.yaml", "--write-baseline", "x.json", "-o", "x.json"])
    assert result.exit_code == 2
    assert "--write-baseline and --output name the same file x.json" in result.stderr
    assert not (work / "x.json").exists()


def test_other_outputs_are_written(work: Path) -> None:
    result = invoke(["report", "ai/aicheck.yaml", "-o", "out/report.md"])
    assert result.exit_code == 0, result.stderr
    assert (work / "out" / "report.md").read_text().startswith("# ")


def test_stdout_redirected_into_the_answers_file_is_refused(work: Path) -> None:
    answers = work / "ai" / "aicheck.yaml"
    before = answers.read_bytes()
    with answers.open("ab") as appended:
        done = subprocess.run(
            [sys.executable, "-m", "aicheck", "check", "ai/aicheck.yaml"],
            stdout=appended,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=60,
        )
    assert done.returncode == 2
    assert done.stderr == (
        "aicheck: error: standard output is the input file ai/aicheck.yaml; nothing was "
        "written (redirect the output to another file)\n"
    )
    assert answers.read_bytes() == before


def test_refuse_inputs_ignores_stdout_and_missing_files(tmp_path: Path) -> None:
    from aicheck.files.outputs import refuse_inputs

    given = tmp_path / "a.yaml"
    given.write_text("x")
    refuse_inputs(
        [("--output", None), ("--output", Path("-")), ("--output", tmp_path / "new.md")],
        [given, tmp_path / "missing.yaml"],
        stdout=False,
    )
    with pytest.raises(AicheckError, match="is the input file"):
        refuse_inputs([("--output", tmp_path / "." / "a.yaml")], [given], stdout=False)


# --- the streaming writer issue 16 builds on ---------------------------------------
# (imported in each test, so that the command-line tests above also run against the code
# before these functions existed, and show what failed there)


def test_stream_replaces_the_file_only_when_complete(tmp_path: Path) -> None:
    from aicheck.files.atomic import atomic_output

    target = tmp_path / "report.json"
    target.write_text("old\n")
    with atomic_output(target) as stream:
        stream.write("new ")
        assert target.read_text() == "old\n"  # nothing visible until the end
        stream.write("content\r\n")
    assert target.read_bytes() == b"new content\r\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_stream_that_fails_leaves_the_old_file_and_no_stray(tmp_path: Path) -> None:
    from aicheck.files.atomic import atomic_output

    target = tmp_path / "report.json"
    target.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_output(target) as stream:
        stream.write("half")
        raise RuntimeError("renderer failed")
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_stream_with_unencodable_text_is_an_input_error(tmp_path: Path) -> None:
    from aicheck.files.atomic import atomic_output

    target = tmp_path / "report.json"
    with pytest.raises(AicheckError, match="cannot write"), atomic_output(target) as stream:
        stream.write("lone surrogate \udc80")
        stream.flush()
    assert list(tmp_path.iterdir()) == []


def test_output_file_creates_folders(tmp_path: Path) -> None:
    from aicheck.files.outputs import output_file

    target = tmp_path / "a" / "b" / "out.txt"
    with output_file(target) as stream:
        stream.write("x\n")
    assert target.read_text() == "x\n"


def test_a_read_only_output_is_not_replaced(tmp_path: Path) -> None:
    from aicheck.files.atomic import atomic_output

    target = tmp_path / "signed-off.md"
    target.write_text("signed\n")
    target.chmod(0o444)
    refused = pytest.raises(AicheckError, match="is read-only; not replaced")
    with refused, atomic_output(target) as stream:
        stream.write("new\n")
    assert target.read_text() == "signed\n"
