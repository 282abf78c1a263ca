"""A second writer never loses an answer: hand edits and a second `assess` on one file."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from aicheck.answers.load import load_answers
from aicheck.answers.writer import AnswersWriter
from aicheck.catalog.library import Library
from aicheck.errors import AicheckError
from tests.helpers import invoke

TODAY = dt.date(2026, 12, 2)
STARTER = """\
# Kept by hand: the system's owner agreed to this file on 2026-11-30.
aicheck: 1
system:
  name: Two writers
  owner: ml-team
  description: Ranks support tickets by urgency.
frameworks: [eu-ai-act, nist-ai-rmf]
"""


def _screened() -> str:
    """STARTER with the example CV ranker's EU AI Act screening, so both interviews soon
    reach controls; its last question (GPAI) and all of NIST's are left to ask."""
    example = Path(__file__).parents[1] / "examples" / "cv-screening" / "aicheck.yaml"
    screening = yaml.safe_load(example.read_text())["screening"]["eu-ai-act"]
    del screening["gpai_model"]
    return STARTER + yaml.safe_dump({"screening": {"eu-ai-act": screening}}, sort_keys=False)


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "aicheck.yaml"
    path.write_text(STARTER)
    return path


def _clash(path: Path, leaf: str, beside: Path) -> str:
    return (
        f"{path} changed on disk while this interview ran, and the change gives other "
        f"values to answers given here ({leaf}); {path} is left as it is on disk, and this "
        f"session's version is in {beside} (compare the two, keep what is right in the "
        "answers file, then remove the other and run assess again)"
    )


def _edit(path: Path, old: str, new: str) -> None:
    """A hand edit made while an interview runs."""
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


# --- in process: the merge rules ------------------------------------------------------


def test_a_hand_edit_to_other_answers_is_kept(answers: Path, library: Library) -> None:
    writer = AnswersWriter(answers, library)
    writer.set_control("eu-ai-act", "art-9", {"status": "planned", "reviewed": TODAY})
    writer.save()
    _edit(answers, "owner: ml-team\n", "owner: risk-office  # changed in the editor\n")
    writer.set_control("eu-ai-act", "art-10", {"status": "implemented", "reviewed": TODAY})
    saved = writer.save()
    text = answers.read_text()
    assert "owner: risk-office  # changed in the editor\n" in text
    assert saved.system.owner == "risk-office"
    assert saved.controls["eu-ai-act"]["art-9"].status == "planned"
    assert saved.controls["eu-ai-act"]["art-10"].status == "implemented"
    assert text.startswith("# Kept by hand")
    assert load_answers(answers, library).answers == saved
    assert sorted(p.name for p in answers.parent.iterdir()) == ["aicheck.yaml"]


def test_the_same_answer_given_on_disk_too_is_no_conflict(answers: Path, library: Library) -> None:
    writer = AnswersWriter(answers, library)
    writer.save()
    _edit(answers, "frameworks:", "screening:\n  eu-ai-act:\n    ai_system: true\nframeworks:")
    writer.set_screening("eu-ai-act", "ai_system", True)
    assert writer.save().screening["eu-ai-act"]["ai_system"] is True


def test_a_clash_keeps_both_versions_and_stops(answers: Path, library: Library) -> None:
    writer = AnswersWriter(answers, library)
    writer.set_control("eu-ai-act", "art-9", {"status": "planned", "reviewed": TODAY})
    writer.save()
    writer.set_control("eu-ai-act", "art-9", {"status": "implemented", "evidence": ["rm.md"]})
    _edit(answers, "status: planned", "status: not_implemented")
    on_disk = answers.read_bytes()
    with pytest.raises(AicheckError) as raised:
        writer.save()
    beside = answers.with_name("aicheck.assess-conflict.yaml")
    assert str(raised.value) == _clash(answers, "controls.eu-ai-act.art-9.status", beside)
    assert answers.read_bytes() == on_disk
    mine = yaml.safe_load(beside.read_text())
    assert mine["controls"]["eu-ai-act"]["art-9"]["status"] == "implemented"
    assert mine["controls"]["eu-ai-act"]["art-9"]["evidence"] == ["rm.md"]
    # A second clash never writes over the first one's file.
    with pytest.raises(AicheckError, match=r"aicheck\.assess-conflict-2\.yaml"):
        writer.save()
    assert yaml.safe_load(beside.read_text()) == mine


def test_an_edit_that_breaks_the_file_is_left_alone(answers: Path, library: Library) -> None:
    writer = AnswersWriter(answers, library)
    writer.save()
    answers.write_text(STARTER + "controls: [unfinished\n")  # saved mid-edit
    writer.set_system("owner", "ml-platform")
    with pytest.raises(AicheckError, match=r"cannot be merged: .*:9:1: invalid YAML"):
        writer.save()
    assert answers.read_text().endswith("[unfinished\n")
    kept = yaml.safe_load(answers.with_name("aicheck.assess-conflict.yaml").read_text())
    assert kept["system"]["owner"] == "ml-platform"


def test_a_removed_file_is_not_brought_back(answers: Path, library: Library) -> None:
    writer = AnswersWriter(answers, library)
    writer.save()
    answers.unlink()
    writer.set_system("owner", "ml-platform")
    with pytest.raises(AicheckError, match="was removed while this interview ran"):
        writer.save()
    assert not answers.exists()
    assert answers.with_name("aicheck.assess-conflict.yaml").exists()


def test_two_writers_in_turn_lose_nothing(answers: Path, library: Library) -> None:
    eu = AnswersWriter(answers, library)
    nist = AnswersWriter(answers, library)
    eu_ids = ["art-9", "art-10", "art-11", "art-12"]
    nist_ids = ["GOVERN-1.1", "GOVERN-1.2", "MAP-1.1", "MEASURE-1.1"]
    for mine, theirs in zip(eu_ids, nist_ids, strict=True):
        eu.set_control("eu-ai-act", mine, {"status": "partial", "owner": "eu-team"})
        nist.set_control("nist-ai-rmf", theirs, {"status": "planned", "owner": "nist-team"})
        eu.save()
        nist.save()
    final = load_answers(answers, library).answers
    assert sorted(final.controls["eu-ai-act"]) == sorted(eu_ids)
    assert sorted(final.controls["nist-ai-rmf"]) == sorted(nist_ids)


def test_two_new_files_meet(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "new.yaml"
    first = AnswersWriter(path, library)
    second = AnswersWriter(path, library)
    for writer, fid in ((first, "eu-ai-act"), (second, "nist-ai-rmf")):
        writer.set_system("name", "Same system")
        writer.set_frameworks([fid])
    first.save()
    merged = second.save()
    assert merged.frameworks == ("eu-ai-act", "nist-ai-rmf")


def test_frameworks_added_and_removed_on_both_sides_merge(answers: Path, library: Library) -> None:
    writer = AnswersWriter(answers, library)
    writer.set_frameworks(["eu-ai-act"])  # this session drops NIST
    _edit(answers, "[eu-ai-act, nist-ai-rmf]", "[eu-ai-act, nist-ai-rmf, oecd-ai-principles]")
    assert writer.save().frameworks == ("eu-ai-act", "oecd-ai-principles")


def test_provider_fields_merge_like_control_fields(answers: Path, library: Library) -> None:
    writer = AnswersWriter(answers, library)
    writer.set_provider({"name": "Acme Models", "contact": "legal@acme.example"})
    writer.save()
    _edit(answers, "contact: legal@acme.example", "contact: dpo@acme.example")
    writer.set_provider({"documents": ["instructions_for_use"]})
    saved = writer.save()
    assert saved.provider is not None
    assert saved.provider.contact == "dpo@acme.example"  # the hand edit stays
    assert saved.provider.documents == ("instructions_for_use",)


def test_assessment_fields_merge_like_provider_fields(answers: Path, library: Library) -> None:
    writer = AnswersWriter(answers, library)
    writer.set_assessment({"assessor": "Ana Ortiz"})
    writer.save()
    _edit(answers, "assessor: Ana Ortiz", "assessor: Ana Ortiz (compliance lead)")
    writer.set_assessment({"approvers": [{"name": "Lea Brandt", "role": "Head of Service"}]})
    saved = writer.save()
    assert saved.assessment is not None
    assert saved.assessment.assessor == "Ana Ortiz (compliance lead)"  # the hand edit stays
    assert [a.name for a in saved.assessment.approvers] == ["Lea Brandt"]


# --- the lock ---------------------------------------------------------------------------


def test_a_save_waits_for_the_lock_then_merges(answers: Path, library: Library) -> None:
    from aicheck.files.lock import lock_path, locked

    writer = AnswersWriter(answers, library)
    writer.set_system("owner", "ml-platform")
    released = threading.Event()

    def hold() -> None:
        with locked(answers):
            time.sleep(0.3)
            _edit(answers, "description: Ranks", "description: Sorts and ranks")
        released.set()

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.05)
    saved = writer.save()
    holder.join()
    assert released.is_set()
    assert saved.system.owner == "ml-platform"
    assert saved.system.description == "Sorts and ranks support tickets by urgency."
    assert not lock_path(answers).exists()


def test_a_lock_held_too_long_fails_instead_of_hanging(tmp_path: Path) -> None:
    from aicheck.files.lock import locked

    target = tmp_path / "a.yaml"
    with locked(target):
        started = time.monotonic()
        refused = pytest.raises(AicheckError, match="another aicheck has held the lock")
        with refused, locked(target, wait=0.2):
            pass
        assert time.monotonic() - started < 2


def test_a_save_that_cannot_get_the_lock_keeps_the_answers_beside(
    answers: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aicheck.files import lock

    monkeypatch.setattr(lock, "LOCK_WAIT_SECONDS", 0.2)
    writer = AnswersWriter(answers, library)
    writer.set_system("owner", "ml-platform")
    with lock.locked(answers), pytest.raises(AicheckError) as refused:  # a stopped assess
        writer.save()
    assert str(refused.value) == (
        f"{answers}: another aicheck has held the lock of this file for over 0.2 seconds (is "
        f"one stopped (Ctrl-Z)? finish it; the lock is {lock.lock_path(answers)}); {answers} "
        "is left as it is on disk, and this session's version is in "
        f"{answers.with_name('aicheck.assess-conflict.yaml')} (compare the two, keep what is "
        "right in the answers file, then remove the other and run assess again)"
    )
    kept = yaml.safe_load(answers.with_name("aicheck.assess-conflict.yaml").read_text())
    assert kept["system"]["owner"] == "ml-platform"
    assert answers.read_text() == STARTER


# --- real processes ---------------------------------------------------------------------


class Interview:
    """A real `aicheck assess` reading replies from a pipe, driven one prompt at a time."""

    def __init__(self, path: Path, framework: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "aicheck", "assess", str(path), "--framework", framework],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "NO_COLOR": "1"},
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.transcript: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line)
        self.lines.put(None)

    def prompt(self) -> str | None:
        """The next prompt's hint line; None once the process has ended."""
        while True:
            line = self.lines.get(timeout=60)
            if line is None:
                return None
            self.transcript.append(line)
            if line.startswith("(") and line.rstrip().endswith("q = save and quit)"):
                return line

    def reply(self, hint: str, turn: int) -> None:
        self.send(_reply_for(hint, turn))

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def finish(self) -> int:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)
        self.reader.join(timeout=60)
        assert self.process.stderr is not None
        self.process.stderr.close()
        return self.process.returncode

    def stop(self) -> None:
        """After a failed test: end the process and close its pipes."""
        if self.process.poll() is None:
            self.process.kill()
        with contextlib.suppress(OSError, ValueError):
            self.finish()


@pytest.fixture
def interviews() -> Iterator[Callable[[Path, str], Interview]]:
    started: list[Interview] = []

    def start(path: Path, framework: str) -> Interview:
        started.append(Interview(path, framework))
        return started[-1]

    yield start
    for interview in started:
        interview.stop()


def _reply_for(hint: str, turn: int) -> str:
    """What a person might answer: a mix of statuses, evidence and owners."""
    if hint.startswith("(y = yes, in place"):
        return ["y", "p", "n", "pl"][turn % 4]
    if hint.startswith("(y = yes, n = no"):
        return "n"
    if hint.startswith("(paths or URLs"):
        return f"docs/evidence-{turn}.md"
    if hint.startswith("(owner, target date"):
        return f"owner-{turn}, 2027-06-30"
    if hint.startswith("(the numbers that apply"):
        return "1"
    if "free text" in hint:
        return "" if "Enter leaves it empty" in hint else f"reason {turn}"
    if "a number" in hint:
        return "1"
    return "1"


def _answers(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text())
    return {"screening": data.get("screening") or {}, "controls": data.get("controls") or {}}


def _solo(tmp_path: Path, framework: str, turns: int) -> dict[str, Any]:
    path = tmp_path / f"solo-{framework}.yaml"
    path.write_text(_screened())
    interview = Interview(path, framework)
    try:
        for turn in range(turns):
            hint = interview.prompt()
            assert hint is not None
            interview.reply(hint, turn)
        assert interview.finish() == 0, "".join(interview.transcript)
    finally:
        interview.stop()
    return _answers(path)


TURNS = 12


@pytest.fixture(scope="module")
def solo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("solo")
    return {fid: _solo(folder, fid, TURNS) for fid in ("eu-ai-act", "nist-ai-rmf")}


def _schedules() -> Iterator[list[str]]:
    """Who answers next: strictly alternating, one running ahead, then random orders."""
    yield ["eu-ai-act", "nist-ai-rmf"] * TURNS
    yield ["eu-ai-act"] * (TURNS // 2) + ["nist-ai-rmf"] * TURNS + ["eu-ai-act"] * (TURNS // 2)
    for seed in range(1):
        order = ["eu-ai-act", "nist-ai-rmf"] * TURNS
        random.Random(seed).shuffle(order)
        yield order


@pytest.mark.parametrize("schedule", list(_schedules()), ids=["alternate", "ahead", "random"])
def test_two_assess_processes_on_one_file_lose_nothing(
    tmp_path: Path,
    solo: dict[str, dict[str, Any]],
    schedule: list[str],
    interviews: Callable[[Path, str], Interview],
) -> None:
    path = tmp_path / "aicheck.yaml"
    path.write_text(_screened())
    runs = {fid: interviews(path, fid) for fid in ("eu-ai-act", "nist-ai-rmf")}
    turns = dict.fromkeys(runs, 0)
    for fid in schedule:
        hint = runs[fid].prompt()
        assert hint is not None, "".join(runs[fid].transcript)
        runs[fid].reply(hint, turns[fid])
        turns[fid] += 1
    for run in runs.values():
        assert run.finish() == 0, "".join(run.transcript)
    final = _answers(path)
    # Each process's answers are all there, exactly as when it ran alone.
    for part in ("screening", "controls"):
        assert final[part] == {fid: solo[fid][part][fid] for fid in runs}
    assert final["screening"]["eu-ai-act"]["gpai_model"] is False
    assert "generates_content" in final["screening"]["nist-ai-rmf"]
    assert final["controls"]["eu-ai-act"] and final["controls"]["nist-ai-rmf"]
    text = path.read_text()
    assert text.startswith("# Kept by hand")
    assert invoke(["check", str(path), "--fail-on", "none"]).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aicheck.yaml"]


def test_assess_stops_on_a_clash_and_keeps_both_versions(
    tmp_path: Path, interviews: Callable[[Path, str], Interview]
) -> None:
    path = tmp_path / "aicheck.yaml"
    path.write_text(_screened())
    run = interviews(path, "eu-ai-act")
    for reply in ("n", "y"):  # not a GPAI model; Art. 4 AI literacy: in place
        assert run.prompt() is not None
        run.send(reply)
    assert (run.prompt() or "").startswith("(paths or URLs")  # Art. 4's evidence: saved
    edited = path.read_text().replace("status: implemented", "status: partial")
    path.write_text(edited)  # someone says "partly" in the editor meanwhile
    run.send("b")
    assert "Enter keeps the current answer" in (run.prompt() or "")
    run.send("n")  # and this session says "no"
    assert run.prompt() is None
    assert run.finish() == 2
    beside = tmp_path / "aicheck.assess-conflict.yaml"
    clash = _clash(path, "controls.eu-ai-act.art-4.status", beside)
    assert run.transcript[-1] == f"aicheck: error: {clash}\n"
    assert path.read_text() == edited
    mine = yaml.safe_load(beside.read_text())
    assert mine["controls"]["eu-ai-act"]["art-4"]["status"] == "not_implemented"
    assert mine["screening"]["eu-ai-act"]["gpai_model"] is False


# The child merges a hand edit into every save, forever; it is killed at random moments.
MERGER = """
import datetime as dt, sys
from pathlib import Path
from aicheck.answers.writer import AnswersWriter
from aicheck.catalog.loader import default_library

path = Path(sys.argv[1])
library = default_library()
writer = AnswersWriter(path, library)
print("ready", flush=True)
for i in range(1_000_000):
    text = path.read_text()
    edited = path.with_name("edited.tmp")  # someone else's edit, saved as editors do
    edited.write_text(text.replace("# edit ", f"# edit {i} ", 1))
    edited.replace(path)
    writer.set_control("eu-ai-act", "art-9", {"status": "planned", "notes": f"n{i}"})
    writer.save()
"""


def test_kill_during_a_merge_leaves_a_loadable_file_and_no_lock(
    answers: Path, library: Library
) -> None:
    from aicheck.files.lock import lock_path

    _edit(answers, "# Kept by hand", "# edit Kept by hand")
    rng = random.Random(15)
    for _ in range(6):
        child = subprocess.Popen(
            [sys.executable, "-c", MERGER, str(answers)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0, 0.15))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        loaded = load_answers(answers, library).answers  # old or new, never torn
        assert loaded.system.name == "Two writers"
        # A lock the killed child held is gone with it: the next save does not wait.
        started = time.monotonic()
        writer = AnswersWriter(answers, library)
        writer.set_system("owner", "after-kill")
        writer.save()
        assert time.monotonic() - started < 2
        assert not lock_path(answers).exists()
        for stray in answers.parent.iterdir():
            assert stray == answers or stray.name.endswith(".tmp"), stray
