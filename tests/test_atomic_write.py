"""write_atomic: a reader, or a kill -9, sees the old file or the new one, never a torn one."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aicheck.errors import AicheckError
from aicheck.files.atomic import write_atomic

SIZE = 2 * 1024 * 1024  # large enough that a write takes a while, small enough to be quick
KILLS = 25

# The child writes two large contents in turn, forever, and says when it has started.
WRITER = """
import sys
from pathlib import Path
from aicheck.files.atomic import write_atomic

target = Path(sys.argv[1])
size = int(sys.argv[2])
contents = ["A" * (size - 1) + "\\n", "B" * (size - 1) + "\\n"]
print("ready", flush=True)
i = 0
while True:
    write_atomic(target, contents[i % 2])
    i += 1
"""


def test_kill_during_write_leaves_old_or_new(tmp_path: Path) -> None:
    target = tmp_path / "answers.yaml"
    old = "aicheck: 1\nsystem: {name: original}\n"
    target.write_text(old)
    target.chmod(0o640)
    allowed = {old, "A" * (SIZE - 1) + "\n", "B" * (SIZE - 1) + "\n"}
    rng = random.Random(5)
    seen: set[str] = set()
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), str(SIZE)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0, 0.06))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        content = target.read_text()
        assert content in allowed, f"torn file: {len(content)} bytes"
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
        seen.add(content[:1])
        # Whatever a kill leaves behind is a hidden temporary file, never the target.
        for stray in tmp_path.iterdir():
            assert stray == target or (
                stray.name.startswith(".answers.yaml.") and stray.name.endswith(".tmp")
            ), stray
    # The kills landed at different moments: some before any rename, some after.
    assert len(seen) >= 2, seen


@pytest.mark.parametrize("mode", [0o600, 0o644, 0o755, 0o4750])
def test_permissions_kept(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "f.txt"
    target.write_text("old")
    target.chmod(mode)
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_new_file_follows_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640


def test_owner_kept_when_allowed(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    target.write_text("old")
    before = target.stat()
    write_atomic(target, "new")
    after = target.stat()
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)


def test_symlink_is_kept_and_its_target_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    real.chmod(0o600)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_device_is_written_not_replaced() -> None:
    devnull = Path(os.devnull)
    if not devnull.exists():
        pytest.skip("no /dev/null")
    write_atomic(devnull, "discarded")
    assert stat.S_ISCHR(devnull.stat().st_mode)


def test_text_is_written_exactly(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    text = "line 1\r\nline 2\n\u00e9\u2028\x00end"
    write_atomic(target, text)
    assert target.read_bytes() == text.encode("utf-8")


def test_directory_target_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(AicheckError, match="cannot write: is a directory"):
        write_atomic(tmp_path, "x")


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(AicheckError, match="cannot write: No such file or directory"):
        write_atomic(tmp_path / "no" / "such" / "f.txt", "x")


def test_failure_mid_write_keeps_old_and_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "f.txt"
    target.write_text("old")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(AicheckError, match="No space left on device"):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_unencodable_text_is_an_error(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    target.write_text("old")
    with pytest.raises(AicheckError, match="cannot write"):
        write_atomic(target, "lone surrogate \udc80")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]
