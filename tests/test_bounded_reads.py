"""Every reader is bounded and reads regular files only: no input hangs or fills memory.

Each case runs the real command in a subprocess under a memory limit and a timeout, all
at once (they wait on nothing but the CPU).  Before issue 15, a named pipe hung every
command, `/dev/zero` as a baseline or on stdin and a sparse 2-3 GiB config or catalog
died of MemoryError (exit 3), and a 5 MB file of tiny YAML nodes took over a gigabyte.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from aicheck.answers.load import load_answers
from aicheck.answers.writer import AnswersWriter
from aicheck.catalog.library import Library
from aicheck.errors import AicheckError
from aicheck.files.reading import MAX_REPLY_CHARS
from aicheck.interview.asker import Command, Prompt, PromptKind, Section
from aicheck.interview.replies import ReplyError, parse_reply
from tests.helpers import git_env

MEMORY_LIMIT = 400 << 20
"""Bytes of address space: a check needs under 150 MB; the attacks needed gigabytes."""
HANGS = 60
"""Seconds after which a case counts as hanging (each takes about one)."""
SPARSE = 3 << 30
PREFIX = "aicheck: error: "
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "cv-screening" / "aicheck.yaml"
NOT_REGULAR = (
    "not a regular file; aicheck reads only regular files "
    "(save the content to a file and pass that)"
)
SPARSE_TOO_BIG = (
    f"file is {SPARSE} bytes, over the 5242880-byte limit "
    "(raise AICHECK_MAX_FILE_BYTES if this is intended)"
)


@dataclass
class Case:
    args: list[str]
    expected: str
    """The one error line, after "aicheck: error: "."""
    stdin: Path | None = None
    env: dict[str, str] = field(default_factory=dict)


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _sparse(path: Path) -> Path:
    with path.open("wb") as handle:
        handle.truncate(SPARSE)
    return path


def _zero(path: Path) -> Path:
    path.symlink_to("/dev/zero")
    return path


SPECIALS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "fifo": (_fifo, f"is a named pipe, {NOT_REGULAR}"),
    "dev-zero": (_zero, f"is a device, {NOT_REGULAR}"),
    "sparse-3GiB": (_sparse, SPARSE_TOO_BIG),
}

# Each reader of a file: where the special file goes and the command that reads it.
READERS: dict[str, Callable[[Path], tuple[Path, list[str]]]] = {
    "check": lambda d: (d / "x.yaml", ["check", "x.yaml"]),
    "report": lambda d: (d / "x.yaml", ["report", "x.yaml"]),
    "assess": lambda d: (d / "x.yaml", ["assess", "x.yaml", "--no-input"]),
    "diff": lambda d: (d / "x.yaml", ["diff", "x.yaml", "a.yaml"]),
    "frameworks-validate": lambda d: (d / "x.yaml", ["frameworks", "validate", "x.yaml"]),
    "frameworks-dir": lambda d: (
        d / "cat" / "x.yaml",
        ["check", "a.yaml", "--frameworks-dir", "cat"],
    ),
    "baseline": lambda d: (d / "b.json", ["check", "a.yaml", "--baseline", "b.json"]),
    "config": lambda d: (d / ".aicheck.toml", ["check", "a.yaml"]),
}


def _file_case(reader: str, special: str) -> Callable[[Path], Case]:
    def build(folder: Path) -> Case:
        where, args = READERS[reader](folder)
        where.parent.mkdir(exist_ok=True)
        make, problem = SPECIALS[special]
        make(where)
        shown = str(where) if where.name == ".aicheck.toml" else where.relative_to(folder)
        return Case(args, f"{shown}: {problem}")

    return build


def _stdin_zero(folder: Path) -> Case:
    return Case(
        ["assess", "a.yaml"],
        "input line 1: longer than 4000 characters, the most one reply may hold; "
        "nothing of it was saved",
        stdin=Path("/dev/zero"),
    )


def _stdin_long_line(folder: Path) -> Case:
    replies = folder / "replies.txt"
    replies.write_text("n\n" + "x" * 6_000_000 + "\n")
    return Case(
        ["assess", "a.yaml"],
        "input line 2: longer than 4000 characters, the most one reply may hold; "
        "nothing of it was saved",
        stdin=replies,
    )


def _stdin_not_utf8(folder: Path) -> Case:
    replies = folder / "replies.txt"
    replies.write_bytes(b"n\nMy \xff bot\n")
    return Case(
        ["assess", "a.yaml"],
        "input line 2, column 4: not valid UTF-8 text (byte 0xff); nothing of it was saved "
        "(send replies as UTF-8)",
        stdin=replies,
        env={"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8:strict"},
    )


def _tiny_nodes(folder: Path) -> Case:
    (folder / "n.yaml").write_text("aicheck: 1\nx: [" + "0," * 2_500_000 + "0]\n")
    return Case(
        ["check", "n.yaml"],
        "n.yaml: document has more than 200000 nodes (too large; split the file)",
        env={"AICHECK_MAX_FILE_BYTES": str(6 << 20)},
    )


def _nested_toml(folder: Path) -> Case:
    (folder / ".aicheck.toml").write_text("x = " + "[" * 10_000 + "]" * 10_000 + "\n")
    return Case(["check", "a.yaml"], f"{folder / '.aicheck.toml'}: invalid TOML: nested too deeply")


def _nested_json(folder: Path) -> Case:
    (folder / "b.json").write_text("[" * 10_000 + "]" * 10_000)
    return Case(
        ["check", "a.yaml", "--baseline", "b.json"],
        "b.json: baseline is not valid JSON: nested too deeply",
    )


def _config_directory(folder: Path) -> Case:
    (folder / ".aicheck.toml").mkdir()  # was silently ignored: settings from nowhere
    return Case(
        ["check", "a.yaml"], f"{folder / '.aicheck.toml'}: is a directory, expected a TOML file"
    )


def _socket(folder: Path) -> Case:
    import socket

    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(folder / "s.yaml"))  # the name stays after the socket closes
    return Case(["check", "s.yaml"], f"s.yaml: is a socket, {NOT_REGULAR}")


def _huge_int_toml(folder: Path) -> Case:
    (folder / ".aicheck.toml").write_text("review-days = 1" + "0" * 5000 + "\n")
    return Case(
        ["check", "a.yaml"], f"{folder / '.aicheck.toml'}: invalid TOML: a number too large"
    )


def _huge_int_json(folder: Path) -> Case:
    (folder / "b.json").write_text(
        '{"aicheck_baseline": 1, "findings": [{"count": 1' + "0" * 5000 + "}]}"
    )
    return Case(
        ["check", "a.yaml", "--baseline", "b.json"],
        "b.json: baseline is not valid JSON: a number too large",
    )


CASES: dict[str, Callable[[Path], Case]] = {
    **{
        f"{reader}-{special}": _file_case(reader, special)
        for reader in READERS
        for special in SPECIALS
        # A huge file is refused by its size on every path; these three once read it.
        if special != "sparse-3GiB" or reader in ("frameworks-dir", "baseline", "config")
    },
    "stdin-dev-zero": _stdin_zero,
    "stdin-6MB-line": _stdin_long_line,
    "stdin-not-utf8": _stdin_not_utf8,
    "yaml-5MB-of-tiny-nodes": _tiny_nodes,
    "toml-nested-10000": _nested_toml,
    "json-nested-10000": _nested_json,
    "config-is-a-directory": _config_directory,
    "answers-is-a-socket": _socket,
    "toml-5000-digit-number": _huge_int_toml,
    "json-5000-digit-number": _huge_int_json,
}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@dataclass
class Outcome:
    expected: str
    code: int | None
    stderr: str
    seconds: float


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Run every case at once, each in its own folder (with `.git`, so no config is found
    above it) holding a valid answers file a.yaml."""
    started: dict[str, tuple[Case, subprocess.Popen[bytes], float]] = {}
    cache = tmp_path_factory.mktemp("cache")
    for name, build in CASES.items():
        folder = tmp_path_factory.mktemp(name)
        (folder / ".git").mkdir()
        shutil.copy(EXAMPLE, folder / "a.yaml")
        case = build(folder)
        with (case.stdin or Path(os.devnull)).open("rb") as stdin:
            process = subprocess.Popen(
                [sys.executable, "-m", "aicheck", *case.args],
                cwd=folder,
                stdin=stdin,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                env=git_env(NO_COLOR="1", AICHECK_CACHE_DIR=str(cache), **case.env),
                preexec_fn=_limit_memory,
            )
        started[name] = (case, process, time.monotonic())
    results = {}
    for name, (case, process, began) in started.items():
        try:
            _, err = process.communicate(timeout=max(1.0, HANGS - (time.monotonic() - began)))
        except subprocess.TimeoutExpired:
            process.kill()
            _, err = process.communicate()
        seconds = time.monotonic() - began
        results[name] = Outcome(
            case.expected, process.returncode, err.decode(errors="replace"), seconds
        )
    return results


@pytest.mark.parametrize("name", list(CASES))
def test_input_is_refused_at_once_in_one_line(name: str, outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes[name]
    assert outcome.seconds < HANGS, f"{name} hung"
    assert outcome.code == 2, outcome.stderr
    if name.startswith("stdin"):  # the interview's prompts come first, on stderr too
        assert outcome.stderr.splitlines()[-1] == PREFIX + outcome.expected
    else:
        assert outcome.stderr == PREFIX + outcome.expected + "\n"


# --- what assess writes, check always reads --------------------------------------------


def _prompt(kind: PromptKind) -> Prompt:
    section = Section(framework="eu-ai-act", framework_name="EU AI Act", title="Scope")
    return Prompt(key=("system", "notes"), kind=kind, text="Note?", section=section, progress=None)


@pytest.mark.parametrize("kind", ["text", "note", "owner", "evidence"])
def test_one_reply_holds_at_most_4000_characters(kind: PromptKind) -> None:
    assert parse_reply(_prompt(kind), "é" * MAX_REPLY_CHARS) != Command.QUIT
    with pytest.raises(
        ReplyError, match="too long: 4001 characters, and one reply holds at most 4000"
    ):
        parse_reply(_prompt(kind), "é" * (MAX_REPLY_CHARS + 1))


def test_a_reply_that_is_not_utf8_is_refused() -> None:
    # What a terminal in a non-UTF-8 locale hands over for the byte 0xff.
    with pytest.raises(ReplyError, match="not valid UTF-8 text; type it again"):
        parse_reply(_prompt("text"), "My \udcff bot")


def test_the_longest_answers_everywhere_still_load(tmp_path: Path, library: Library) -> None:
    """Every free-text answer at the reply limit, in every control of every framework."""
    longest = "x" * MAX_REPLY_CHARS
    path = tmp_path / "aicheck.yaml"
    writer = AnswersWriter(path, library)
    for name in ("name", "description", "owner"):
        writer.set_system(name, longest)
    writer.set_frameworks(list(library.frameworks))
    evidence = [f"docs/{i:03}-{'e' * 90}.md" for i in range(MAX_REPLY_CHARS // 100)]
    for framework in library.frameworks.values():
        for control in framework.controls:
            fields = {"status": "partial", "evidence": evidence, "owner": longest}
            writer.set_control(framework.id, control.id, {**fields, "notes": longest})
    writer.save()
    assert path.stat().st_size > 1_000_000
    loaded = load_answers(path, library).answers
    assert all(
        answer.notes == longest
        for answers in loaded.controls.values()
        for answer in answers.values()
    )


def test_a_save_over_the_read_limit_is_refused_and_the_file_still_loads(
    tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AICHECK_MAX_FILE_BYTES", "20000")
    path = tmp_path / "aicheck.yaml"
    writer = AnswersWriter(path, library)
    writer.set_system("name", "Long notes")
    writer.save()
    controls = [c.id for c in library.frameworks["nist-ai-rmf"].controls]
    with pytest.raises(AicheckError) as refused:
        for control in controls:
            writer.set_control("nist-ai-rmf", control, {"status": "planned", "notes": "n" * 3000})
            writer.save()
    message = str(refused.value)
    assert message.startswith(f"{path}: saving would make the file ")
    assert message.endswith(
        "bytes, over the 20000-byte limit aicheck reads; the last answer was not saved "
        "(give a shorter answer, or raise AICHECK_MAX_FILE_BYTES)"
    )
    assert 15000 < path.stat().st_size <= 20000
    assert len(load_answers(path, library).answers.controls["nist-ai-rmf"]) == 6
