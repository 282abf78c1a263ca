"""`aicheck frameworks list|show|validate`, `--version` and `python -m aicheck`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from aicheck import __version__
from tests.conftest import EXAMPLES
from tests.helpers import VALID_FRAMEWORK, invoke, run_installed


def test_list_shows_the_three_catalogs_with_counts() -> None:
    result = invoke(["frameworks", "list"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "ID", "NAME", "VERSION", "GROUPS", "QUESTIONS", "CONTROLS", "OVERLAY", "GOVT"
    ]  # fmt: skip
    assert lines[1].startswith("eu-ai-act ")
    assert lines[2].startswith("nist-ai-rmf ") and lines[2].split()[-5:] == [
        "25", "2", "72", "12", "0"
    ]  # fmt: skip
    assert lines[3].startswith("oecd-ai-principles ") and lines[3].split()[-3:] == ["5", "0", "5"]
    assert lines[4:] == [
        "",
        "CONTROLS: for teams; those that apply to a system are asked.  OVERLAY: only when",
        "the overlay applies (such as NIST AI 600-1, for generative AI).  GOVT: addressed to",
        "governments, listed but never asked.",
    ]


def test_list_json_is_machine_readable() -> None:
    rows = json.loads(invoke(["frameworks", "list", "--format", "json"]).stdout)
    assert [r["id"] for r in rows] == ["eu-ai-act", "nist-ai-rmf", "oecd-ai-principles"]
    assert (rows[1]["controls"], rows[1]["overlay"], rows[1]["binding"]) == (72, 12, "voluntary")


def test_show_json_is_the_validated_model() -> None:
    data = json.loads(invoke(["frameworks", "show", "nist-ai-rmf", "--format", "json"]).stdout)
    assert data["id"] == "nist-ai-rmf"
    ids = [c["ref"] for c in data["controls"]]
    assert "GOVERN 1.1" in ids and "MANAGE 4.3" in ids and len(ids) == 84


def test_show_text_and_markdown() -> None:
    text = invoke(["frameworks", "show", "oecd-ai-principles"]).stdout
    assert "    1.3  OECD 1.3  Transparency and explainability\n" in text
    assert "[government]" in text
    markdown = invoke(["frameworks", "show", "eu-ai-act", "--format", "markdown"]).stdout
    assert markdown.startswith("# EU AI Act\n")
    assert "| `annex_iii_5_b` | Annex III(5)(b) |" in markdown
    assert "| `art-49-1` | Art. 49(1) |" in markdown


def test_show_unknown_framework_is_a_usage_error() -> None:
    result = invoke(["frameworks", "show", "nist"])
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("aicheck: error: unknown framework 'nist'")


@pytest.mark.parametrize(
    "args",
    [
        ["frameworks", "show", "nist"],
        ["check", "{cv}", "--framework", "nist"],
        ["report", "{cv}", "--framework", "nist"],
        ["diff", "{cv}", "{cv}", "--framework", "nist"],
        ["assess", "{cv}", "--framework", "nist", "--no-input"],
    ],
    ids=lambda args: args[0] if args[0] != "frameworks" else "frameworks show",
)
def test_an_unknown_framework_reads_the_same_in_every_command(args: list[str]) -> None:
    cv = str(EXAMPLES / "cv-screening" / "aicheck.yaml")
    result = invoke([cv if a == "{cv}" else a for a in args])
    assert result.exit_code == 2
    assert result.stderr == (
        "aicheck: error: unknown framework 'nist' "
        "(known: eu-ai-act, nist-ai-rmf, oecd-ai-principles)\n"
    )


def test_custom_frameworks_dir_adds_a_catalog(tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(VALID_FRAMEWORK)
    result = invoke(["frameworks", "list", "--frameworks-dir", str(tmp_path)])
    assert result.exit_code == 0
    assert "acme-policy" in result.stdout


def test_frameworks_path_env_adds_a_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "acme.yaml").write_text(VALID_FRAMEWORK)
    monkeypatch.setenv("AICHECK_FRAMEWORKS_PATH", str(tmp_path))
    assert "acme-policy" in invoke(["frameworks", "list"]).stdout


def test_validate_accepts_a_good_custom_catalog(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(VALID_FRAMEWORK)
    result = invoke(["frameworks", "validate", str(path)])
    assert result.exit_code == 0
    assert result.stderr == "aicheck: 1 file(s) valid: acme-policy\n"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("binding: false", "binding: false\nbindng: true"),
            "acme.yaml:11: bindng: unknown key; remove it or check its spelling",
        ),
        (
            ("  - id: POL-4", "  - id: POL-1"),
            "acme.yaml:28: controls[1].id: duplicate id 'POL-1' (also in controls)",
        ),
        (
            ("{question: personal_data}", "{question: personal_dat}"),
            "acme.yaml:35: controls[1].applies_when.question: condition names unknown "
            "question 'personal_dat'",
        ),
        (
            ("last_checked: 2026-11-01", "last_checked: 2026-13-01"),
            "acme.yaml:11: last_checked: '2026-13-01' is not a date; write it as YYYY-MM-DD",
        ),
        (
            ("kind: framework", "kind: [framework"),
            "acme.yaml:2:15: invalid YAML: did not find expected ',' or ']'",
        ),
        (
            ("    group: gov\n  - id: POL-4", "    group: nope\n  - id: POL-4"),
            "acme.yaml:27: controls[0].group: group 'nope' is not a group id",
        ),
    ],
    ids=["unknown-key", "duplicate-id", "dangling-reference", "bad-date", "not-yaml", "bad-group"],
)
def test_validate_reports_one_line_per_problem(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(VALID_FRAMEWORK.replace(*change, 1))
    result = invoke(["frameworks", "validate", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"aicheck: error: {path.parent}/{expected}"), lines[0]


PENALTY = (
    "applies_when: {question: personal_data}\n"
    "penalties:\n  - {id: p, ref: r, title: t, summary: s, "
)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("binding: false", "binding: maybe"), "10: binding: 'maybe' is not true or false"),
        (
            ("url: https://example.com/ai-policy", "url: [a]"),
            "8: url: expected a URL such as https://example.com/policy, not a list",
        ),
        (
            ("groups:\n  - {id: gov, title: Governance, kind: section}", "groups: gov"),
            "12: groups: expected a list, e.g. [gov]",
        ),
        (
            ("  - {id: gov, title: Governance, kind: section}", "  - gov"),
            "13: groups[0]: expected a mapping of keys and values, not text",
        ),
        (
            ("{question: personal_data}", "{question: personal_data, at_least: lots}"),
            "35: controls[1].applies_when.at_least: 'lots' is not a number",
        ),
        (
            ("{question: personal_data}", "{question: personal_data, equals: {a: b}}"),
            "35: controls[1].applies_when.equals: expected true/false or text, not a mapping",
        ),
        (
            ("last_checked: 2026-11-01", "last_checked:"),
            "11: last_checked: expected a date, but it is empty;"
            " write it as YYYY-MM-DD, e.g. 2026-11-27",
        ),
        (
            ("applies_when: {question: personal_data}", PENALTY + "max_eur: 1.5}"),
            "37: penalties[0].max_eur: 1.5 is not a whole number",
        ),
        (
            ("applies_when: {question: personal_data}", PENALTY + "max_turnover_percent: 150}"),
            "37: penalties[0].max_turnover_percent: must be 100 or less",
        ),
    ],
    ids=[
        "bool",
        "url",
        "list",
        "mapping",
        "number",
        "either",
        "empty-date",
        "whole-number",
        "maximum",
    ],
)
def test_validate_says_in_plain_words_what_to_write(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    """Catalogs go through the same messages as answers files: no pydantic wording."""
    path = tmp_path / "acme.yaml"
    path.write_text(VALID_FRAMEWORK.replace(*change, 1))
    result = invoke(["frameworks", "validate", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"aicheck: error: {path}:{expected}"]


def test_validate_reports_every_problem_of_several_files(tmp_path: Path) -> None:
    bad_key = tmp_path / "a.yaml"
    bad_key.write_text(VALID_FRAMEWORK.replace("binding: false", "binding: false\nx: 1"))
    bad_ref = tmp_path / "b.yaml"
    bad_ref.write_text(
        VALID_FRAMEWORK.replace("acme-policy", "acme-2").replace("group: gov\n", "group: g\n", 1)
    )
    result = invoke(["frameworks", "validate", str(bad_key), str(bad_ref)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert "a.yaml:11: x: unknown key" in lines[0]
    assert "b.yaml:27: controls[0].group" in lines[1]


def test_crosswalk_with_dangling_target_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "links.yaml"
    path.write_text(
        "kind: crosswalk\nformat_version: 1\nid: mine\ntitle: Mine\nlast_checked: 2026-11-01\n"
        "links:\n  - {source: eu-ai-act/art-9, target: nist-ai-rmf/GOVERN-9.9, relation: partial}\n"
    )
    result = invoke(["frameworks", "validate", str(path)])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        "links.yaml:7: links[0].target: unknown control 'GOVERN-9.9' in framework 'nist-ai-rmf'"
    )


def test_version() -> None:
    result = invoke(["--version"])
    assert result.stdout == f"aicheck {__version__}\n"


def test_python_dash_m(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "aicheck", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == f"aicheck {__version__}\n"


def test_installed_command_works_from_another_directory(tmp_path: Path) -> None:
    done = run_installed(["frameworks", "list"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "nist-ai-rmf" in done.stdout and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["check", "x.yaml", "--format", "foo"],
            "aicheck: error: Invalid value for '--format' / '-f': 'foo' is not one of 'text', "
            "'json', 'markdown', 'sarif', 'junit'. (see 'aicheck check --help')\n",
        ),
        (
            ["frameworks", "show"],
            "aicheck: error: Missing argument 'ID'. (see 'aicheck frameworks show --help')\n",
        ),
        (
            ["report", "x.yaml", "--format", "pdf"],
            "aicheck: error: Invalid value for '--format' / '-f': 'pdf' is not one of "
            "'markdown', 'html'. (see 'aicheck report --help')\n",
        ),
    ],
)
def test_usage_errors_are_one_line(tmp_path: Path, args: list[str], expected: str) -> None:
    done = run_installed(args, cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", expected)


def test_group_parent_loop_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(
        VALID_FRAMEWORK.replace(
            "  - {id: gov, title: Governance, kind: section}",
            "  - {id: gov, title: Governance, kind: section, parent: sub}\n"
            "  - {id: sub, title: Sub, kind: category, parent: gov}",
        )
    )
    result = invoke(["frameworks", "validate", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"aicheck: error: {path}:13: groups[0].parent: group 'gov' is its own ancestor",
        f"aicheck: error: {path}:14: groups[1].parent: group 'sub' is its own ancestor",
    ]


def test_unknown_question_in_a_condition_gets_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(
        VALID_FRAMEWORK.replace("{question: personal_data}", "{question: personaldata}")
    )
    result = invoke(["frameworks", "validate", str(path)])
    assert result.stderr.strip().endswith(
        "condition names unknown question 'personaldata'; did you mean 'personal_data'?"
    )
