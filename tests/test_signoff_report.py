"""The signed report: its first page, sign-off, provenance and value chain, through the CLI."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from aicheck.render.mermaid import mermaid_label
from tests.conftest import EXAMPLES
from tests.helpers import invoke

CV = EXAMPLES / "cv-screening" / "aicheck.yaml"
TODAY = ["--as-of", "2026-12-02"]
FINE = "fines up to EUR 15,000,000"


def report(path: Path | str, *args: str) -> str:
    result = invoke(["report", str(path), *TODAY, *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_cv_report_is_short_and_leads_with_the_answer(outside_git: Path) -> None:
    shutil.copytree(CV.parent, outside_git / "cv")
    lines = report("cv/aicheck.yaml").splitlines()
    assert len(lines) <= 250
    first_page = "\n".join(lines[:60])
    assert "**EU AI Act tier:** High-risk AI system, on the legal basis of" in first_page
    assert "**Gate (--fail-on high): FAILED.**" in first_page
    assert "- **2027-12-02**: High-risk rules apply to Annex III systems" in first_page
    assert sum(line.count(FINE) for line in lines) <= 2
    # Each obligation once in the appendix, not again in the body.
    assert sum(1 for line in lines if line.startswith("| Art. 17 | ")) == 1


def test_the_plan_is_ordered_by_severity_then_legal_date_then_target_date(
    outside_git: Path,
) -> None:
    shutil.copytree(CV.parent, outside_git / "cv")
    text = report("cv/aicheck.yaml")
    plan = text.split("## The plan\n", 1)[1].split("\n## ", 1)[0]
    rows = [r.split(" | ") for r in plan.splitlines() if re.match(r"\| \d+ \|", r)]
    order = {"critical": 0, "high": 1, "medium": 2, "low": 3}
    keys = [(order[r[1]], r[4] if r[4] not in ("in force", "voluntary") else "") for r in rows]
    assert keys == sorted(keys)
    # Within the medium Art. 9/10/15 group (same legal date), the nearest target first.
    items = [r[2] for r in rows if r[1] == "medium"]
    assert items[:2] == ["Art. 10 Data and data governance", "Art. 9 Risk management system"]
    assert "| data-lead@acme.example | 2027-03-31 |" in plan


def test_sign_off_names_the_assessor_and_a_line_per_approver(outside_git: Path) -> None:
    shutil.copytree(CV.parent, outside_git / "cv")
    text = report("cv/aicheck.yaml")
    sign = text.split("## Sign-off\n", 1)[1].split("\n## ", 1)[0]
    assert "Assessed by Dana Whitfield, compliance lead, 2026-12-01." in sign
    assert "| Priya Raman | Head of Product |  |  |" in sign
    assert "| Jonas Becker | Data Protection Officer |  |  |" in sign


def test_provenance_outside_a_repository(outside_git: Path) -> None:
    shutil.copytree(CV.parent, outside_git / "cv")
    text = report("cv/aicheck.yaml")
    digest = hashlib.sha256((outside_git / "cv" / "aicheck.yaml").read_bytes()).hexdigest()
    assert "| Answers file | `cv/aicheck.yaml`, not in a git repository |" in text
    assert f"| SHA-256 | `{digest}` |" in text
    assert "Regulation (EU) 2024/1689 (Artificial Intelligence Act), as amended by " in text
    assert "Regulation (EU) 2026/1744" in text
    assert "| 2026-12-02 |" in text.split("## Appendix H: provenance", 1)[1]
    assert "Annex X large-scale IT systems (Art. 111(1));" in text


def test_provenance_names_the_commit_and_uncommitted_changes(outside_git: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = outside_git / "repo"
    shutil.copytree(CV.parent, repo)
    env = ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "add", "."], check=True)
    subprocess.run(["git", "-C", str(repo), *env, "commit", "-qm", "a"], check=True)
    head = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert f"commit {head[:12]}, no uncommitted changes |" in report("repo/aicheck.yaml")
    path = repo / "aicheck.yaml"
    path.write_text(path.read_text() + "# edited\n")
    assert f"commit {head[:12]}, with uncommitted changes |" in report("repo/aicheck.yaml")


DEPLOYER_PROVIDER = (
    'provider:\n  name: "Bots <b>Inc</b> | \\"EU\\""\n  documents: [ai_interaction_notice]\n'
)


def test_a_deployer_is_told_what_to_get_from_its_provider(outside_git: Path) -> None:
    source = (EXAMPLES / "support-chatbot" / "aicheck.yaml").read_text()
    deployer = re.sub(r"roles: \[deployer, provider\][^\n]*", "roles: [deployer]", source)
    path = outside_git / "a.yaml"
    path.write_text(deployer + DEPLOYER_PROVIDER)
    text = report(path)
    name = r'Bots \<b\>Inc\</b\> \| "EU"'
    assert f"## What to get from your provider ({name})" in text
    notice = "| How the system tells people they are dealing with AI (Art. 50(1)) | held |"
    assert notice in text
    marking = "How its generated content is marked as artificial (Art. 50(2))"
    assert f"| {marking} | **missing** |" in text
    plan = text.split("## The plan\n", 1)[1].split("\n## ", 1)[0]
    # The Art. 50(2) duty is the provider's: the document is low in the plan, after the
    # team's own findings, and the counts line says it is not a finding.
    (row,) = [line for line in plan.splitlines() if marking in line]
    assert re.match(rf"\| \d+ \| low \| {re.escape(marking)} \|", row)
    assert f"| not yet obtained from {name} | in force | customer-care-platform@" in row
    assert "The plan also lists 1 document(s) to get from the provider" in text
    # The provider of its own system gets no such list.
    own = report(EXAMPLES / "support-chatbot" / "aicheck.yaml")
    assert "What to get from your provider" not in own


@pytest.mark.parametrize(
    "text", ['a "quoted" name', "brackets [x] {y} <z>", "two\nlines", "100%% done", "a: b; c # d"]
)
def test_mermaid_labels_are_inert(text: str) -> None:
    label = mermaid_label(text)
    assert not re.search(r"[\"\[\]{}<>\n%:;#]", label)
    assert label.strip() == label and label


def test_mermaid_blocks_hold_only_pie_and_gantt(outside_git: Path) -> None:
    shutil.copytree(CV.parent, outside_git / "cv")
    text = report("cv/aicheck.yaml")
    blocks = re.findall(r"```mermaid\n(.*?)```", text, flags=re.S)
    assert blocks and {b.split(None, 1)[0] for b in blocks} == {"pie", "gantt"}
    assert "Art. 10 Data and data governance : milestone, 2027-03-31, 0d" in text


def test_appendix_letters_follow_what_is_shown(outside_git: Path) -> None:
    # The signer trial read A, B, C, G, H in the vendor-chatbot report as pages missing.
    text = report(EXAMPLES / "vendor-chatbot" / "aicheck.yaml")
    letters = re.findall(r"^## Appendix ([A-Z]): ", text, flags=re.MULTILINE)
    assert letters == list("ABCDEFGH"[: len(letters)]) and len(letters) >= 4
    # A duty in force reads "in force" in the plan as in the obligations appendix.
    (art4,) = [line for line in text.splitlines() if line.startswith("| 1 | high | Art. 4 ")]
    assert "| in force |" in art4


def test_many_files_in_markdown_are_each_systems_own_report(outside_git: Path) -> None:
    # Many files make each file's own report, one after the other, each with only its own
    # catalogs' provenance. This pins the output the streamed writer must keep (it gave
    # the same before streaming); the memory it saves is measured in benchmarks/, not here.
    a, b = (EXAMPLES / name / "aicheck.yaml" for name in ("cv-screening", "vendor-chatbot"))

    def check(*paths: Path) -> str:
        args = ["check", *map(str, paths), "-f", "markdown", "--as-of", "2026-12-02"]
        return invoke([*args, "--fail-on", "none"]).stdout

    both = check(a, b)
    assert both == check(a).removesuffix("\n") + "\n\n---\n\n" + check(b)
    vendor = both.split("\n\n---\n\n# ", 1)[1]
    assert "NIST AI RMF" not in vendor.split("provenance", 1)[1]
