"""Input and environment errors are one line and exit 2, never a traceback or exit 3;
a read-only answers file is respected; `init` is whole or nothing; signals unwind."""

from __future__ import annotations

import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import git_env, invoke

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "cv-screening" / "aicheck.yaml"
PREFIX = "aicheck: error: "


def _aicheck(
    args: list[str], cwd: Path, *, stdout: object = subprocess.PIPE, **popen: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aicheck", *args],
        cwd=cwd,
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=git_env(NO_COLOR="1"),
        timeout=60,
        check=False,
        **popen,  # type: ignore[arg-type]
    )


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # no config above
    shutil.copy(EXAMPLE, tmp_path / "a.yaml")
    return tmp_path / "a.yaml"


# --- a full standard output -----------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["check", "a.yaml", "--fail-on", "none"],
        ["check", "a.yaml", "--fail-on", "none", "--format", "json"],
        ["report", "a.yaml"],
        ["config"],
        ["frameworks", "list"],
        ["--version"],
        ["check", "--help"],
    ],
    ids=lambda a: "-".join(a[:3]),
)
def test_a_full_stdout_is_one_line_and_exit_2(answers: Path, args: list[str]) -> None:
    with Path("/dev/full").open("w") as full:
        result = _aicheck(args, answers.parent, stdout=full)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"{PREFIX}cannot write")
    assert "No space left on device" in result.stderr


def test_a_closed_pipe_stays_quiet(answers: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "aicheck", "frameworks", "show", "nist-ai-rmf"],
        cwd=answers.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=git_env(NO_COLOR="1"),
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before it writes a byte: its first write fails
    assert process.wait(timeout=60) == 141
    assert process.stderr.read() == b""
    process.stderr.close()


# --- read-only answers -------------------------------------------------------------------


def test_assess_refuses_a_read_only_file_before_asking(answers: Path) -> None:
    answers.chmod(0o444)
    before = answers.read_bytes()
    result = invoke(["assess", str(answers)], input="n\n")
    assert result.exit_code == 2
    assert result.stderr == (
        f"{PREFIX}{answers}: is read-only; assess saves every answer into it, so nothing was "
        "asked (make it writable (chmod u+w), or pass --force to replace it anyway)\n"
    )
    assert answers.read_bytes() == before
    assert answers.stat().st_mode & 0o777 == 0o444


def test_assess_force_saves_into_a_read_only_file_and_keeps_its_mode(answers: Path) -> None:
    answers.chmod(0o444)
    result = invoke(["assess", str(answers), "--framework", "eu-ai-act", "--force"], input="n\n")
    assert result.exit_code == 0, result.stderr
    assert "gpai_model: false" in answers.read_text()
    assert answers.stat().st_mode & 0o777 == 0o444


def test_assess_no_input_reads_a_read_only_file(answers: Path) -> None:
    answers.chmod(0o444)
    result = invoke(["assess", str(answers), "--no-input"])
    assert result.exit_code == 2
    assert "question(s) still unanswered" in result.stderr


# --- init: whole or nothing ----------------------------------------------------------------


def _small_files() -> None:
    """Writes past 2,000 bytes fail with EFBIG, as a full disk fails with ENOSPC."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))


def test_init_that_cannot_finish_leaves_no_file(tmp_path: Path) -> None:
    result = _aicheck(["init", "aicheck.yaml"], tmp_path, preexec_fn=_small_files)
    assert result.returncode == 2
    assert result.stderr == f"{PREFIX}aicheck.yaml: cannot write: File too large\n"
    assert list(tmp_path.iterdir()) == []
    # ... so nothing blocks the next try.
    again = _aicheck(["init", "aicheck.yaml"], tmp_path)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aicheck.schema.json", "aicheck.yaml"]


# --- signals ------------------------------------------------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_assess_unwinds_like_ctrl_c(tmp_path: Path, signum: int) -> None:
    """The signal lands right after a reply, while it is being saved or just after: either
    way the file loads and no temporary file or lock is left."""
    from tests.test_second_writer import Interview, _screened

    path = tmp_path / "aicheck.yaml"
    path.write_text(_screened())
    run = Interview(path, "eu-ai-act")
    try:
        for turn in range(6):
            hint = run.prompt()
            assert hint is not None, "".join(run.transcript)
            run.reply(hint, turn)
        run.process.send_signal(signum)
        while run.prompt() is not None:
            pass
        assert run.finish() == 128 + signum, "".join(run.transcript)
    finally:
        run.stop()
    assert run.transcript[-2:] == [
        "Interrupted. Every answer given so far is saved in " + str(path) + ".\n",
        f"Resume with: aicheck assess {path} --framework eu-ai-act\n",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aicheck.yaml"]
    assert invoke(["check", str(path), "--fail-on", "none"]).exit_code == 0
