"""Baselines: record today's findings, then fail only on new ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.helpers import invoke, open_items

AS_OF = ["--as-of", "2026-11-27"]


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES / "cv-screening", tmp_path / "cv")
    return tmp_path / "cv" / "aicheck.yaml"


def test_round_trip_suppresses_recorded_findings(answers: Path, tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    assert invoke(["check", str(answers), *AS_OF]).exit_code == 1
    written = invoke(["check", str(answers), *AS_OF, "--write-baseline", str(base)])
    assert written.exit_code == 0
    assert written.stderr.startswith(f"aicheck: wrote baseline {base} (")
    data = json.loads(base.read_text())
    assert data["aicheck_baseline"] == 1
    assert {e["source"] for e in data["findings"]} == {"cv/aicheck.yaml"}
    assert all(set(e) == {"source", "rule", "kind", "item", "count"} for e in data["findings"])
    result = invoke(["check", str(answers), *AS_OF, "--baseline", str(base)])
    assert result.exit_code == 0
    recorded = sum(e["count"] for e in data["findings"])
    assert result.stderr == f"aicheck: baseline {base}: {recorded} findings suppressed\n"
    assert "Gate (--fail-on high): passed" in result.stdout


def test_baseline_file_is_sorted_and_deterministic(answers: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    invoke(["check", str(answers), *AS_OF, "--write-baseline", str(first)])
    invoke(["check", str(answers), *AS_OF, "--write-baseline", str(second)])
    assert first.read_text() == second.read_text()
    entries = json.loads(first.read_text())["findings"]
    keys = [(e["source"], e["rule"], e["kind"], e["item"] or "") for e in entries]
    assert keys == sorted(keys)
    assert first.read_text().endswith("}\n")


def test_severity_moving_with_the_date_does_not_make_a_finding_new(
    answers: Path, tmp_path: Path
) -> None:
    base = tmp_path / "baseline.json"
    never_stale = ["--review-days", "100000"]
    invoke(["check", str(answers), *AS_OF, *never_stale, "--write-baseline", str(base)])
    recorded = {(e["rule"], e["kind"], e["item"]) for e in json.loads(base.read_text())["findings"]}
    later = ["--as-of", "2028-01-01", *never_stale, "-f", "json"]
    before = open_items(json.loads(invoke(["check", str(answers), *later]).stdout)["systems"][0])
    assert any(f["severity"] == "critical" and _key(f) in recorded for f in before)
    result = invoke(["check", str(answers), *later, "--baseline", str(base)])
    left = open_items(json.loads(result.stdout)["systems"][0])
    # Only what the calendar really added (an expired waiver) is left.
    assert left
    assert all(_key(f) not in recorded for f in left)


def _key(finding: dict[str, str]) -> tuple[str, str, str | None]:
    """A JSON finding as the baseline records it: its item without the framework."""
    item = finding.get("item")
    return finding["rule"], finding["kind"], None if item is None else item.split("/", 1)[1]


def test_a_new_finding_fails_and_moved_lines_do_not(answers: Path, tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    invoke(["check", str(answers), *AS_OF, "--write-baseline", str(base)])
    text = answers.read_text()
    # Lines move (a comment block at the top): still nothing new.
    answers.write_text("# reviewed\n# again\n" + text)
    assert invoke(["check", str(answers), *AS_OF, "--baseline", str(base)]).exit_code == 0
    # A control that was implemented is now only planned: a new finding (Art. 12, under
    # way and due after the lead time: low).
    assert "      status: implemented\n" in text
    answers.write_text(text.replace("      status: implemented\n", "      status: planned\n", 1))
    gate = ["--baseline", str(base), "--fail-on", "low"]
    result = invoke(["check", str(answers), *AS_OF, *gate, "-f", "json"])
    assert result.exit_code == 1
    findings = open_items(json.loads(result.stdout)["systems"][0])
    assert findings and all(f["kind"] in ("gap", "partial") for f in findings)


def test_a_baselined_gap_that_is_partly_closed_stays_accepted(
    answers: Path, tmp_path: Path
) -> None:
    text = answers.read_text()
    missing = "    art-11:\n      status: not_implemented"
    assert missing in text
    base = tmp_path / "baseline.json"
    invoke(["check", str(answers), *AS_OF, "--write-baseline", str(base)])
    # Progress on a baselined gap must not turn it into a new finding that fails CI.
    answers.write_text(text.replace(missing, "    art-11:\n      status: partial"))
    result = invoke(["check", str(answers), *AS_OF, "--baseline", str(base), "--fail-on", "low"])
    assert result.exit_code == 0, result.stdout


def test_fixed_findings_are_reported(answers: Path, tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    invoke(["check", str(answers), *AS_OF, "--write-baseline", str(base)])
    text = answers.read_text().replace("      status: planned\n", "      status: implemented\n", 1)
    answers.write_text(text)
    result = invoke(["check", str(answers), *AS_OF, "--baseline", str(base)])
    assert result.exit_code == 0
    assert "recorded findings no longer occur (run --write-baseline to drop them)" in result.stderr


def test_baseline_matches_from_another_working_folder(
    answers: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path / "baseline.json"
    invoke(["check", str(answers), *AS_OF, "--write-baseline", str(base)])
    monkeypatch.chdir(answers.parent)
    result = invoke(["check", "aicheck.yaml", *AS_OF, "--baseline", str(base)])
    assert result.exit_code == 0, result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline file not found (create it with --write-baseline)"),
        ("{", "baseline is not valid JSON"),
        ('{"findings": []}', "not an aicheck baseline"),
        ('{"aicheck_baseline": 1, "findings": [{"rule": 1}]}', "baseline: finding 1 needs"),
    ],
)
def test_bad_baseline_is_a_usage_error(
    answers: Path, tmp_path: Path, content: str | None, message: str
) -> None:
    base = tmp_path / "baseline.json"
    if content is not None:
        base.write_text(content)
    result = invoke(["check", str(answers), *AS_OF, "--baseline", str(base)])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert message in result.stderr


def test_both_baseline_options_at_once_is_an_error(answers: Path, tmp_path: Path) -> None:
    base = str(tmp_path / "b.json")
    result = invoke(["check", str(answers), "--baseline", base, "--write-baseline", base])
    assert result.exit_code == 2
    assert "either --baseline or --write-baseline" in result.stderr


def test_json_says_what_the_baseline_did(answers: Path, tmp_path: Path) -> None:
    """A gate passed on a baseline must not read as a clean one in JSON."""
    base = tmp_path / "baseline.json"
    never_stale = ["--review-days", "100000"]
    plain = json.loads(invoke(["check", str(answers), *AS_OF, *never_stale, "-f", "json"]).stdout)
    assert plain["baseline"] is None
    live = [i for i in open_items(plain["systems"][0]) if not i.get("waived")]

    args = ["check", str(answers), *AS_OF, *never_stale, "-f", "json"]
    written = json.loads(invoke([*args, "--write-baseline", str(base)]).stdout)
    expected = {"file": str(base), "written": True, "accepted": len(live), "no_longer_found": 0}
    assert written["baseline"] == expected
    assert written["passed"] is True

    # One recorded gap is closed: it is no longer found; the rest are accepted.
    text = answers.read_text()
    missing = "    art-11:\n      status: not_implemented"
    answers.write_text(text.replace(missing, "    art-11:\n      status: implemented", 1))
    applied = json.loads(invoke([*args, "--baseline", str(base)]).stdout)
    assert applied["baseline"] == {
        "file": str(base),
        "written": False,
        "accepted": len(live) - 1,
        "no_longer_found": 1,
    }
