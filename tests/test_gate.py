"""One gate per run: the exit code and every output that says pass or fail agree with it."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from aicheck.catalog.library import Library
from aicheck.gate.diff import diff_systems
from aicheck.gate.verdict import evaluate, evaluate_diff
from aicheck.models.settings import RunSettings
from aicheck.models.severity import THRESHOLDS, Threshold
from aicheck.service import check_files
from tests.conftest import AS_OF, EXAMPLES
from tests.helpers import invoke

ANSWERS = sorted(str(p) for p in EXAMPLES.glob("*/aicheck.yaml"))
DATE = ["--as-of", AS_OF.isoformat()]
LATER = dt.date(2028, 1, 1)  # Chapter III applies to Annex III systems


@pytest.mark.parametrize("threshold", THRESHOLDS)
def test_exit_code_text_json_and_junit_agree_with_the_gate(
    threshold: Threshold, library: Library
) -> None:
    report = check_files([Path(p) for p in ANSWERS], RunSettings(as_of=AS_OF), library)
    gate = evaluate(report, threshold)
    assert len(gate.system_failed) == len(ANSWERS)

    def run(fmt: str) -> tuple[int, str]:
        result = invoke(["check", *ANSWERS, *DATE, "--fail-on", threshold, "-f", fmt])
        return result.exit_code, result.stdout

    code, text = run("text")
    assert code == (1 if gate.failed else 0)
    assert text.rstrip().endswith(
        f"Gate (--fail-on {threshold}): " + ("FAILED" if gate.failed else "passed")
    )
    counted = re.search(rf"Systems failing the gate: (\d+) of {len(ANSWERS)}", text)
    assert counted is not None and int(counted.group(1)) == sum(gate.system_failed)

    code, out = run("json")
    data = json.loads(out)
    assert (code, data["passed"], data["fail_on"]) == (
        1 if gate.failed else 0,
        not gate.failed,
        threshold,
    )

    code, out = run("junit")
    suites = ET.fromstring(out).findall("testsuite")
    assert [int(s.get("failures", "0")) > 0 for s in suites] == list(gate.system_failed)


def test_diff_fails_on_a_gap_it_opens_or_makes_worse(tmp_path: Path, library: Library) -> None:
    cv = EXAMPLES / "cv-screening"
    shutil.copytree(cv, tmp_path / "old")
    shutil.copytree(cv, tmp_path / "new")
    old, new = tmp_path / "old" / "aicheck.yaml", tmp_path / "new" / "aicheck.yaml"
    # Art. 10 goes from planned to not implemented: the same gap, now worse (high to
    # critical once it applies).
    # Without its target date, which would raise the planned gap already.
    text = old.read_text().replace("      due: 2027-03-31\n", "")
    old.write_text(text)
    assert "    art-10:\n      status: planned" in text
    new.write_text(
        text.replace(
            "    art-10:\n      status: planned", "    art-10:\n      status: not_implemented"
        )
    )

    def diff(a: Path, b: Path) -> tuple[bool, bool]:
        before, after = (
            check_files([p], RunSettings(as_of=LATER), library).systems[0] for p in (a, b)
        )
        result = diff_systems(before, after)
        return evaluate_diff([result], "critical").failed, evaluate_diff([result], "none").failed

    assert diff(old, new) == (True, False)
    assert diff(new, old) == (False, False)  # made better: nothing opened
    later = ["--as-of", LATER.isoformat(), "--fail-on", "critical"]
    assert invoke(["diff", str(old), str(new), *later]).exit_code == 1
    assert invoke(["diff", str(new), str(old), *later]).exit_code == 0
