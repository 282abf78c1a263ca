"""Hostile and broken input: every expected error is one line and exit 2, never a traceback.

The committed corpus lives in tests/data/bad/ with its expectations in expected.yaml;
cases that cannot be committed as files (missing, unreadable, oversized, devices) are
built here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from aicheck.answers.evidence import EvidenceLookup
from aicheck.cli.app import app
from aicheck.errors import AicheckError, ProblemList
from aicheck.files.yamlio import MAX_NODES, load_file, parse
from aicheck.models.answers import AnswersFile

BAD = Path(__file__).parent / "data" / "bad"
EXAMPLE = Path(__file__).parent.parent / "examples" / "cv-screening" / "aicheck.yaml"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((BAD / "expected.yaml").read_text())
PREFIX = "aicheck: error: "

VALID_ANSWERS = """\
aicheck: 1
system:
  name: Hostile test system
frameworks: [eu-ai-act]
"""


def invoke(args: list[str]) -> Result:
    return CliRunner().invoke(app, args)


def assert_one_line_errors(result: Result, code: int = 2) -> list[str]:
    """Exit ``code``; stderr is non-empty and every line is an 'aicheck: error:' line."""
    assert result.exit_code == code, (result.exit_code, result.stderr, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert lines, "expected an error message"
    for line in lines:
        assert line.startswith(PREFIX), line
    assert "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr
    return lines


def test_corpus_lists_every_file() -> None:
    on_disk = {
        p.relative_to(BAD).as_posix()
        for folder in ("answers", "catalogs")
        for p in (BAD / folder).iterdir()
    }
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus(name: str) -> None:
    expected = EXPECTED[name]
    assert "message" in expected or "lines" in expected, "say what the error must be"
    path = (BAD / name).relative_to(Path.cwd()) if BAD.is_relative_to(Path.cwd()) else BAD / name
    if name.startswith("answers/"):
        result = invoke(["check", str(path)])
    else:
        result = invoke(["frameworks", "validate", str(path)])
    lines = assert_one_line_errors(result)
    first = lines[0]
    where = f"{PREFIX}{path}"
    assert first.startswith(where), first
    if "line" in expected:
        assert first.startswith(f"{where}:{expected['line']}:"), first
    if "message" in expected:
        assert expected["message"] in first, first
    if "lines" in expected:
        assert lines == [f"{where}:{line}" for line in expected["lines"]]
    for extra in expected.get("also", []):
        assert any(extra in line for line in lines), (extra, lines)


# --- validation errors in plain words --------------------------------------------------

PLAIN_HEADER = "aicheck: 1\nsystem:\n  name: Plain words\n"
CONTROL = PLAIN_HEADER + "controls:\n  eu-ai-act:\n    art-9:\n      status: implemented\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            PLAIN_HEADER + "frameworks: eu-ai-act\n",
            "4: frameworks: expected a list of framework ids, e.g. [eu-ai-act]",
        ),
        (
            CONTROL + "      evidence: 'yes'\n",
            "8: controls.eu-ai-act.art-9.evidence: expected a list of paths or URLs, e.g. ['yes']",
        ),
        (
            CONTROL + "      evidence:\n",
            "8: controls.eu-ai-act.art-9.evidence: expected a list of paths or URLs,"
            " but it is empty",
        ),
        (
            PLAIN_HEADER + "waivers:\n  control: eu-ai-act/art-9\n",
            "4: waivers: expected a list of waivers, not a mapping; start each item with '- '",
        ),
        (
            PLAIN_HEADER + "waivers:\n  - eu-ai-act/art-9\n",
            "5: waivers[0]: expected a mapping with control, justification, approver and"
            " expires, not text",
        ),
        (
            "aicheck: 1\nsystem: CV screening\n",
            "2: system: expected a mapping such as {name: CV screening}, not text",
        ),
        (
            PLAIN_HEADER + "controls: [eu-ai-act]\n",
            "4: controls: expected a mapping from framework id to control answers, not a list",
        ),
        (
            PLAIN_HEADER + "controls:\n  eu-ai-act: implemented\n",
            "5: controls.eu-ai-act: expected a mapping from control id to answer, not text",
        ),
        (
            PLAIN_HEADER + "controls:\n  eu-ai-act:\n    art-9: not_applicable\n",
            "6: controls.eu-ai-act.art-9: expected a mapping, not a bare status;"
            " write art-9: {status: not_applicable}",
        ),
        (
            PLAIN_HEADER + "controls:\n  eu-ai-act:\n    art-9:\n",
            "6: controls.eu-ai-act.art-9: expected a mapping such as {status: implemented},"
            " but it is empty",
        ),
        (
            PLAIN_HEADER + "screening:\n  eu-ai-act: [union_nexus]\n",
            "5: screening.eu-ai-act: expected a mapping from question id to answer, not a list",
        ),
        (
            PLAIN_HEADER + "screening:\n  eu-ai-act:\n    union_nexus: {answer: yes}\n",
            "6: screening.eu-ai-act.union_nexus: expected true/false, a number, text or a list"
            " of text, not a mapping",
        ),
        (
            PLAIN_HEADER + "screening:\n  eu-ai-act:\n    roles: [provider, {x: 1}]\n",
            "6: screening.eu-ai-act.roles[1]: expected text, not a mapping",
        ),
        ("aicheck: 1\nsystem:\n  name: 2024\n", "3: system.name: expected text; put it in quotes"),
        (
            "aicheck: 1\nsystem:\n  name: [a, b]\n",
            "3: system.name: expected text, not a list",
        ),
        (
            CONTROL + "      notes: '   '\n",
            "8: controls.eu-ai-act.art-9.notes: must not be empty",
        ),
        (
            CONTROL + "      evidence: [docs/a.md, {path: docs/b.md}]\n",
            "8: controls.eu-ai-act.art-9.evidence[1]: expected text, not a mapping",
        ),
        (
            PLAIN_HEADER + f"controls:\n  eu-ai-act:\n    {'a' * 81}: {{status: implemented}}\n",
            f"6: controls.eu-ai-act: key {'a' * 81!r}: is too long; use at most 80 characters",
        ),
        (
            PLAIN_HEADER + "controls:\n  eu-ai-act:\n    art-9:\n      status:\n",
            "7: controls.eu-ai-act.art-9.status: expected one value, but it is empty; use"
            " 'implemented', 'partial', 'planned', 'not_implemented' or 'not_applicable'",
        ),
        (
            PLAIN_HEADER + "controls:\n  eu-ai-act:\n    art-9:\n      status: yes\n",
            "7: controls.eu-ai-act.art-9.status: a yes/no value (read as true) is not allowed"
            " here; use"
            " 'implemented', 'partial', 'planned', 'not_implemented' or 'not_applicable'",
        ),
        (
            CONTROL + "      reviewed: 2026-11-27 10:30\n",
            "8: controls.eu-ai-act.art-9.reviewed: '2026-11-27 10:30' is not a date;"
            " write it as YYYY-MM-DD, e.g. 2026-11-27",
        ),
        (
            CONTROL + "      reviewed: 27/11/2026\n",
            "8: controls.eu-ai-act.art-9.reviewed: '27/11/2026' is not a date;"
            " write it as YYYY-MM-DD, e.g. 2026-11-27",
        ),
        (
            PLAIN_HEADER + "waivers:\n  - control: eu-ai-act/art-9\n    justification: later\n"
            "    approver: cto@example.com\n    expires:\n",
            "8: waivers[0].expires: expected a date, but it is empty;"
            " write it as YYYY-MM-DD, e.g. 2026-11-27",
        ),
        (
            "aicheck:\nsystem:\n  name: Plain words\n",
            "1: aicheck: expected the format version; write aicheck: 1",
        ),
    ],
    ids=[
        "frameworks-text",
        "evidence-quoted",
        "evidence-empty",
        "waivers-mapping",
        "waiver-text",
        "system-text",
        "controls-list",
        "framework-controls-text",
        "bare-status",
        "control-empty",
        "screening-list",
        "answer-mapping",
        "answer-list-item-mapping",
        "name-number",
        "name-list",
        "notes-blank",
        "evidence-item-mapping",
        "id-too-long",
        "status-empty",
        "status-boolean",
        "date-with-time",
        "date-day-first",
        "expires-empty",
        "version-empty",
    ],
)
def test_validation_errors_in_plain_words(tmp_path: Path, text: str, expected: str) -> None:
    """No pydantic wording ("Input should be a valid tuple"), Python type or class name."""
    path = tmp_path / "aicheck.yaml"
    path.write_text(text)
    lines = assert_one_line_errors(invoke(["check", str(path)]))
    assert lines == [f"{PREFIX}{path}:{expected}"]


UNKNOWN = "unknown key; remove it or check its spelling"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "aicheck: 1\nsytem:\n  name: Typo\n",
            [f"2: sytem: {UNKNOWN} (did you mean 'system'?)"],
        ),
        (
            CONTROL.replace("status:", "stauts:"),
            [f"7: controls.eu-ai-act.art-9.stauts: {UNKNOWN} (did you mean 'status'?)"],
        ),
        (  # only the key the typo was meant to be is dropped
            "sytem:\n  name: Typo\n",
            [
                "1: aicheck: required key is missing",
                f"1: sytem: {UNKNOWN} (did you mean 'system'?)",
            ],
        ),
        (  # no suggestion, so nothing says the key is missing but this line
            "aicheck: 1\nname: Typo\n",
            ["1: system: required key is missing", f"2: name: {UNKNOWN}"],
        ),
    ],
    ids=["top-level", "nested", "other-key-missing", "no-suggestion"],
)
def test_misspelt_key_is_reported_once(tmp_path: Path, text: str, expected: list[str]) -> None:
    path = tmp_path / "aicheck.yaml"
    path.write_text(text)
    lines = assert_one_line_errors(invoke(["check", str(path)]))
    assert lines == [f"{PREFIX}{path}:{line}" for line in expected]


# --- files that cannot be committed ----------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    lines = assert_one_line_errors(invoke(["check", str(missing)]))
    assert lines == [f"{PREFIX}{missing}: file not found (check the path)"]
    lines = assert_one_line_errors(invoke(["frameworks", "validate", str(missing)]))
    assert lines == [f"{PREFIX}{missing}: file not found (check the path)"]


def test_path_through_a_file_and_overlong_name(tmp_path: Path) -> None:
    plain = tmp_path / "plain.yaml"
    plain.write_text(VALID_ANSWERS)
    assert_one_line_errors(invoke(["check", str(plain / "child.yaml")]))
    lines = assert_one_line_errors(invoke(["check", str(tmp_path / ("a" * 5000))]))
    assert "name too long" in lines[0].lower()


def test_symlink_loop(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    lines = assert_one_line_errors(invoke(["check", str(loop)]))
    assert str(loop) in lines[0]


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop root from reading the file")
    locked = tmp_path / "locked.yaml"
    locked.write_text(VALID_ANSWERS)
    locked.chmod(0)
    try:
        lines = assert_one_line_errors(invoke(["check", str(locked)]))
    finally:
        locked.chmod(0o644)
    assert lines == [f"{PREFIX}{locked}: permission denied (make the file readable)"]


def test_unreadable_file_reported_via_permission_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same path as test_unreadable_file, but also when the suite runs as root."""
    locked = tmp_path / "locked.yaml"
    locked.write_text(VALID_ANSWERS)

    real_open = os.open

    def deny(path: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    with pytest.raises(AicheckError, match="permission denied"):
        load_file(locked)


def test_oversized_file_with_configured_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The limit covers every file read, the shipped catalogs (largest ~80 kB) included.
    monkeypatch.setenv("AICHECK_MAX_FILE_BYTES", "150000")
    big = tmp_path / "big.yaml"
    big.write_text(VALID_ANSWERS + "# " + "x" * 200_000 + "\n")
    lines = assert_one_line_errors(invoke(["check", str(big)]))
    assert lines == [
        f"{PREFIX}{big}: file is {big.stat().st_size} bytes, over the 150000-byte limit"
        " (raise AICHECK_MAX_FILE_BYTES if this is intended)"
    ]


def test_oversized_file_default_limit_is_5_mb(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:  # sparse: costs no disk and no time
        handle.truncate(5 * 1024 * 1024 + 1)
    lines = assert_one_line_errors(invoke(["check", str(big)]))
    assert "over the 5242880-byte limit" in lines[0]
    exactly = tmp_path / "exactly.yaml"
    with exactly.open("wb") as handle:
        handle.truncate(5 * 1024 * 1024)
    lines = assert_one_line_errors(invoke(["check", str(exactly)]))
    assert "binary file" in lines[0]  # read, then rejected for its NUL bytes


@pytest.mark.parametrize(
    "value",
    # 1 followed by 40 zeros once overflowed a read (exit 3); 0 and -5 read nothing.
    ["5MB", "1" + "0" * 40, "1099511627777", "0", "-5", "1e6", "9" * 5000],
)
def test_bad_limit_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("AICHECK_MAX_FILE_BYTES", value)
    answers = tmp_path / "a.yaml"
    answers.write_text(VALID_ANSWERS)
    result = invoke(["check", str(answers)])
    assert result.exit_code == 2
    assert assert_one_line_errors(result) == [
        f"{PREFIX}AICHECK_MAX_FILE_BYTES must be a whole number of bytes from 1 to "
        f"1099511627776, not {value[:60]!r} (unset it for the default of 5242880)"
    ]


# Seconds after which an input counts as hanging the loader. Not a speed check (those
# live in benchmarks/): the work takes under 2 s, and a loaded CI machine may be slow.
HANGS = 60


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_endless_device_is_refused() -> None:
    started = time.monotonic()
    lines = assert_one_line_errors(invoke(["check", "/dev/zero"]))
    assert time.monotonic() - started < HANGS
    assert lines == [
        f"{PREFIX}/dev/zero: is a device, not a regular file; aicheck reads only regular "
        "files (save the content to a file and pass that)"
    ]


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    answers = tmp_path / "bom.yaml"
    answers.write_bytes(b"\xef\xbb\xbf" + VALID_ANSWERS.encode())
    result = invoke(["check", str(answers), "--fail-on", "none"])
    assert result.exit_code == 0, result.stderr


# --- strict YAML ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("a: 1\na: 2\n", "a"),
        ("on: 1\nyes: 2\n", "yes"),  # both are the boolean true in YAML 1.1
        ("1: a\n1.0: b\n", "1.0"),
        ("true: a\n1: b\n", "1"),  # True == 1 in the dict PyYAML would build
        ("'x': 1\n\"x\": 2\n", "x"),
        ("outer:\n  - {k: 1, k: 2}\n", "k"),
    ],
)
def test_duplicate_keys_rejected(text: str, key: str) -> None:
    with pytest.raises(AicheckError, match="duplicate key") as info:
        parse(text, Path("d.yaml"))
    assert f"duplicate key {key!r}" in str(info.value)
    assert str(info.value).startswith("d.yaml:")


@pytest.mark.parametrize(
    "value",
    [
        "!!python/object:os.system x",
        "!!python/object/apply:os.system ['id']",
        "!!python/name:os.system",
        "!!python/module:os",
        "!!binary aGVsbG8=",
        "!!set {a, b}",
        "!!omap [a: 1]",
        "!foo bar",
        "!<tag:example.com,2000:app/x> y",
        "!!str &x y",  # core tags stay fine, see test below
    ],
)
def test_tags_outside_the_core_schema_rejected(value: str) -> None:
    text = f"a: {value}\n"
    if value.startswith("!!str"):
        assert parse(text, Path("t.yaml")).data == {"a": "y"}
        return
    with pytest.raises(AicheckError, match="is not allowed") as info:
        parse(text, Path("t.yaml"))
    assert str(info.value).startswith("t.yaml:1:4: tag ")


def test_billion_laughs_fails_fast_in_bounded_memory() -> None:
    text = "a0: &a0 [" + ", ".join(["lol"] * 10) + "]\n"
    for i in range(1, 12):  # 10**12 leaves if expanded
        text += f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n"
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(AicheckError, match=f"more than {MAX_NODES} nodes"):
            parse(text, Path("laughs.yaml"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < HANGS
    assert peak < 64 * 1024 * 1024, peak


def test_aliases_within_the_budget_still_work() -> None:
    doc = parse("base: &b {x: 1}\nother: *b\n", Path("ok.yaml"))
    assert doc.data == {"base": {"x": 1}, "other": {"x": 1}}


@pytest.mark.parametrize("depth", [150, 201, 999, 1001, 100_000])
def test_deep_nesting_never_crashes(depth: int) -> None:
    block = min(depth, 3000)
    texts = [
        "x: " + "[" * depth + "]" * depth,
        "x: " + "{a: " * depth + "1" + "}" * depth,
        "".join(f"{'  ' * i}k{i}:\n" for i in range(block)) + "  " * block + "v",
        "".join(f"{'  ' * i}-\n" for i in range(block)) + "  " * block + "v",
    ]
    for text in texts:
        try:
            doc = parse(text + "\n", Path("deep.yaml"))
        except AicheckError as exc:
            assert str(exc).startswith("deep.yaml:")
            assert "nested more than 200 levels deep" in str(exc) or "nesting depth" in str(exc)
        else:
            assert depth <= 200 and doc.data


def test_deep_nesting_through_the_cli(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text(VALID_ANSWERS + "x-deep: " + "{a: " * 250 + "1" + "}" * 250 + "\n")
    lines = assert_one_line_errors(invoke(["check", str(deep)]))
    assert "nested more than 200 levels deep" in lines[0]


def test_messages_never_span_lines_or_carry_escapes(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        VALID_ANSWERS + 'screening:\n  eu-ai-act:\n    "q\\u2028two\\x1b[2J\\x85\\r": true\n'
    )
    lines = assert_one_line_errors(invoke(["check", str(answers)]))
    assert len(lines) == 1
    assert "\\u2028" in lines[0] and "\\x1b[2J" in lines[0]


def test_problem_list_prints_one_line_per_problem() -> None:
    problems = ProblemList([AicheckError("one\ntwo", path="f.yaml", line=1), AicheckError("b")])
    assert str(problems).splitlines() == ["f.yaml:1: one two", "b"]


def test_problem_list_puts_each_files_problems_in_line_order() -> None:
    problems = ProblemList(
        [
            AicheckError("b8", path="b.yaml", line=8),
            AicheckError("b-first", path="b.yaml"),
            AicheckError("b10", path="b.yaml", line=10),
            AicheckError("a3", path="a.yaml", line=3),
            AicheckError("b9", path="b.yaml", line=9),
            AicheckError("b-second", path="b.yaml"),
            AicheckError("a1", path="a.yaml", line=1),
            AicheckError("b9-again", path="b.yaml", line=9),
        ]
    )
    assert str(problems).splitlines() == [
        "b.yaml:8: b8",
        "b.yaml:9: b9",
        "b.yaml:9: b9-again",
        "b.yaml:10: b10",
        "b.yaml: b-first",
        "b.yaml: b-second",
        "a.yaml:1: a1",
        "a.yaml:3: a3",
    ]


# --- every command's error path -------------------------------------------------------


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "aicheck.yaml"
    path.write_text(VALID_ANSWERS)
    return path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "{missing}"], "file not found"),
        (["check", "{answers}", "--as-of", "yesterday"], "--as-of must be a date"),
        (["check", "{answers}", "--framework", "iso-42001"], "unknown framework 'iso-42001'"),
        (["check", "{answers}", "-o", "{tmp}"], "cannot write: is a directory"),
        (["check", "{answers}", "-o", "{answers}/sub/out.txt"], "cannot create folder"),
        (["check", "{answers}", "--frameworks-dir", "{tmp}/nowhere"], "frameworks folder not"),
        (["report", "{missing}"], "file not found"),
        (["report", "{answers}", "-o", "{tmp}"], "cannot write: is a directory"),
        (["frameworks", "validate", "{missing}"], "file not found"),
        (["frameworks", "show", "iso-42001"], "unknown framework 'iso-42001'"),
        (["frameworks", "list", "--frameworks-dir", "{tmp}/nowhere"], "frameworks folder not"),
        (["schema", "-o", "{tmp}"], "cannot write: is a directory"),
    ],
)
def test_command_error_paths(
    args: list[str], message: str, answers_file: Path, tmp_path: Path
) -> None:
    filled = [
        a.format(missing=tmp_path / "missing.yaml", answers=answers_file, tmp=tmp_path)
        for a in args
    ]
    lines = assert_one_line_errors(invoke(filled))
    assert any(message in line for line in lines), lines


def test_internal_error_is_one_line_exit_3(
    answers_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AICHECK_DEBUG", "0")  # so that --debug below is undone afterwards

    def explode(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("core blew up\nwith a second line \x1b[31m")

    monkeypatch.setattr("aicheck.service.assess_each", explode)
    result = invoke(["check", str(answers_file)])
    assert result.exit_code == 3
    assert result.stderr == (
        "aicheck: internal error: RuntimeError: core blew up with a second line \\x1b[31m"
        " (run with --debug for the traceback; please report it)\n"
    )

    result = invoke(["--debug", "check", str(answers_file)])
    assert result.exit_code == 3
    assert "Traceback (most recent call last)" in result.stderr
    assert "RuntimeError: core blew up" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("aicheck: internal error: RuntimeError")


def test_internal_error_in_validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("x" * 5000)

    monkeypatch.setattr("aicheck.service.load_library", explode)
    result = invoke(["frameworks", "validate", str(tmp_path / "x.yaml")])
    assert result.exit_code == 3
    assert len(result.stderr.splitlines()) == 1
    assert len(result.stderr) < 500


def test_interrupt_exits_130(answers_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr("aicheck.service.assess_each", interrupt)
    result = invoke(["check", str(answers_file)])
    assert result.exit_code == 130
    assert result.stderr == "aicheck: interrupted\n"


def test_non_utf8_file_name(tmp_path: Path) -> None:
    """A file name that is not UTF-8 (surrogate-escaped by Python) renders in every format."""
    name = os.fsdecode(b"caf\xe9.yaml")
    (tmp_path / name).write_text(VALID_ANSWERS)
    for fmt in ("text", "json", "markdown", "sarif", "junit"):
        out = tmp_path / f"out.{fmt}"
        result = invoke(
            ["check", str(tmp_path / name), "-f", fmt, "-o", str(out), "--fail-on", "none"]
        )
        assert result.exit_code == 0, (fmt, result.stderr)
        assert "caf\ufffd.yaml" in out.read_text(encoding="utf-8")


# --- evidence paths -------------------------------------------------------------------


def _evidence_answers(evidence: list[str]) -> str:
    """The cv-screening example (fully screened, so art-9 applies) with art-9's evidence."""
    data = yaml.safe_load(EXAMPLE.read_text())
    data["controls"]["eu-ai-act"]["art-9"].update(status="implemented", evidence=evidence)
    return json.dumps(data, default=str)  # JSON is YAML; keeps "\x00" escaped


def test_evidence_outside_the_repository_is_a_finding(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "ai").mkdir()
    (repo / "docs").mkdir()
    (repo / "docs" / "risk.md").write_text("ok")
    (tmp_path / "secret.txt").write_text("outside")
    (repo / "ai" / "escape").symlink_to(tmp_path / "secret.txt")
    (repo / "ai" / "loop").symlink_to(repo / "ai" / "loop")
    evidence = [
        "../docs/risk.md",
        "../../etc/passwd",
        "/etc/passwd",
        str(tmp_path / "secret.txt"),
        "escape",
        "../" * 40 + "etc/shadow",
        "loop",
        "nul\x00byte",
        "n" * 5000,
        "missing.md",
        "https://example.com/policy",
    ]
    answers = repo / "ai" / "aicheck.yaml"
    answers.write_text(_evidence_answers(evidence))
    result = invoke(["check", str(answers), "-f", "json", "--fail-on", "none"])
    assert result.exit_code == 0, result.stderr
    findings = json.loads(result.stdout)["systems"][0]["findings"]
    by_kind: dict[str, set[int]] = {}
    for f in findings:
        if f.get("item") == "eu-ai-act/art-9" and f["kind"] != "gap":
            # The message quotes the path as written, which tells the entries apart.
            (index,) = [i for i, path in enumerate(evidence) if repr(path) in f["message"]]
            by_kind.setdefault(f["kind"], set()).add(index)
    assert by_kind["evidence_outside_repository"] == {1, 2, 3, 4, 5}
    assert by_kind["missing_evidence"] == {6, 7, 8, 9}
    assert set(by_kind) == {"evidence_outside_repository", "missing_evidence"}


def test_outside_paths_are_never_looked_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    touched: list[str] = []
    real_stat = os.stat

    def spy(path: Any, *args: Any, **kwargs: Any) -> Any:
        touched.append(os.fsdecode(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", spy)
    monkeypatch.setattr(os, "lstat", spy)
    items = ("../../etc/passwd", "/etc/passwd", "../secret")
    answers = AnswersFile.model_validate(
        {
            "aicheck": 1,
            "system": {"name": "S"},
            "controls": {"eu-ai-act": {"art-4": {"status": "partial", "evidence": items}}},
        }
    )
    path = root / "aicheck.yaml"
    path.write_text("")  # resolving the answers file's own folder is allowed
    touched.clear()
    states = EvidenceLookup().states(answers, path)
    assert states == dict.fromkeys(items, "outside")
    assert not any(t.endswith(("passwd", "secret")) for t in touched)


def test_one_lookup_per_run_gives_each_file_its_own_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs").mkdir()
    (repo / "docs" / "policy.md").write_text("x")
    (repo / "a").mkdir()
    (repo / "b" / "c").mkdir(parents=True)
    (repo / "a" / "own.md").write_text("x")

    def answers(*evidence: str) -> AnswersFile:
        return AnswersFile.model_validate(
            {
                "aicheck": 1,
                "system": {"name": "S"},
                "controls": {"eu-ai-act": {"art-4": {"status": "partial", "evidence": evidence}}},
            }
        )

    lookup = EvidenceLookup()
    first = lookup.states(answers("../docs/policy.md", "own.md"), repo / "a" / "aicheck.yaml")
    resolved: list[str] = []
    real_resolve = Path.resolve

    def spy(self: Path, strict: bool = False) -> Path:
        resolved.append(self.as_posix())
        return real_resolve(self, strict)

    monkeypatch.setattr(Path, "resolve", spy)
    second = lookup.states(
        answers("../../docs/policy.md", "own.md", "../../../x"), repo / "b" / "c" / "aicheck.yaml"
    )
    assert first == {"../docs/policy.md": "ok", "own.md": "ok"}
    # The same name means another file in another folder; the shared document is not
    # looked up again, and a path out of the repository never is.
    assert second == {"../../docs/policy.md": "ok", "own.md": "missing", "../../../x": "outside"}
    assert not any(r.endswith("docs/policy.md") for r in resolved)


# --- a real process: no traceback, whatever happens -----------------------------------


def _run(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AICHECK_")}
    return subprocess.run(
        [sys.executable, "-m", "aicheck", *args],
        capture_output=True,
        text=True,
        env={**env, "NO_COLOR": "1"},
        timeout=60,
        check=False,
        **kwargs,
    )


def test_real_process_reports_corpus_without_traceback() -> None:
    names = [n for n in sorted(EXPECTED) if n.startswith("answers/")]
    done = _run("check", *(str(BAD / n) for n in names))
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert all(line.startswith(PREFIX) for line in lines)
    assert len(lines) >= len(names)


def test_closed_pipe_is_not_an_internal_error() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "aicheck", "frameworks", "show", "eu-ai-act", "-f", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader goes away before the first byte
    stderr = proc.stderr.read().decode()
    proc.stderr.close()
    code = proc.wait(timeout=60)
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert code == 141


def test_tab_indentation_is_named(tmp_path: Path) -> None:
    path = tmp_path / "aicheck.yaml"
    path.write_text("aicheck: 1\nsystem:\n\tname: x\n")
    result = invoke(["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"aicheck: error: {path}:3:1: invalid YAML: a tab character; "
        "YAML indents with spaces only\n"
    )
