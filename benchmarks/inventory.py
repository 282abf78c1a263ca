"""Generate a realistic inventory of answers files from the cv-screening example.

Layout, as an organisation's repository might hold it::

    <root>/.git/                      marks the repository root for evidence paths
    <root>/docs/*.md                  shared policies and records
    <root>/systems/<slug>/aicheck.yaml
    <root>/systems/<slug>/docs/*.md   for some systems, their own records

Each file varies the example: name and owner, selected frameworks, the use case
(high-risk employment, chatbot, internal minimal-risk tool), operator roles, every
control status and review date, extra NIST AI RMF answers drawn from the catalog, and
evidence that points at shared docs, the system's own docs, or is left out.  Every
evidence path resolves, so the benchmark measures checking, not error reporting.

Standard library only: the files are written as text, line by line from the example.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "cv-screening"

ADJECTIVES = (
    "Bright", "Swift", "Clear", "Quiet", "Bold", "Keen", "Prime", "Nimble", "Solid", "True",
)  # fmt: skip
NOUNS = (
    "Scout", "Ranker", "Assist", "Lens", "Pilot", "Sorter", "Advisor", "Match", "Sense", "Desk",
)  # fmt: skip
TEAMS = ("hiring-platform", "support", "risk", "marketing", "data-science", "hr-tech", "finance")
STATUSES = (
    ("implemented", 40),
    ("partial", 25),
    ("planned", 12),
    ("not_implemented", 18),
    ("not_applicable", 5),
)
FRAMEWORK_CHOICES = (
    ("[eu-ai-act, nist-ai-rmf, oecd-ai-principles]", 70),
    ("[eu-ai-act, nist-ai-rmf]", 20),
    ("[eu-ai-act]", 10),
)
# Screening answers that differ per use case; the rest stay as in the example.
USE_CASES: dict[str, dict[str, str]] = {
    "employment": {},
    "chatbot": {
        "annex_iii_area_4": "false",
        "annex_iii_4_a": "false",
        "art6_3_profiling": "false",
        "art50_1_interaction": "true",
    },
    "internal": {
        "annex_iii_area_4": "false",
        "annex_iii_4_a": "false",
        "art6_3_profiling": "false",
    },
}
ROLES = ("[provider]", "[provider]", "[deployer]", "[provider, deployer]")

_KEY = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z0-9_.-]+):(?P<rest>.*)$")
_EVIDENCE = re.compile(r"^(?P<indent> *)evidence: \[(?P<items>[^\]]*)\]\s*$")


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    values = [value for value, _ in choices]
    weights = [weight for _, weight in choices]
    return rng.choices(values, weights=weights)[0]


def nist_control_ids(repo: Path = REPO) -> list[str]:
    """Control ids of the shipped NIST AI RMF catalog (the `controls:` list)."""
    ids: list[str] = []
    in_controls = False
    for line in (repo / "frameworks" / "nist-ai-rmf.yaml").read_text("utf-8").splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            in_controls = line.startswith("controls:")
            continue
        match = re.match(r"^  - id: (\S+)\s*$", line)
        if in_controls and match:
            ids.append(match.group(1))
    return ids


def _answer_file(
    rng: random.Random,
    index: int,
    template: list[str],
    shared_docs: list[str],
    local_docs: list[str],
    nist_ids: list[str],
) -> str:
    use_case = rng.choice(list(USE_CASES))
    screening = USE_CASES[use_case]
    name = f"{rng.choice(ADJECTIVES)}{rng.choice(NOUNS)} {index:04d}"
    team = rng.choice(TEAMS)
    start = dt.date(2025, 6, 1)
    out: list[str] = []
    section = ""  # top-level key
    framework = ""  # second-level key inside screening/controls
    answered: set[str] = set()

    def extra_nist() -> None:
        free = [cid for cid in nist_ids if cid not in answered]
        for cid in rng.sample(free, k=min(len(free), rng.randint(0, 30))):
            status = _weighted(rng, STATUSES)
            out.append(f"    {cid}:")
            out.append(f"      status: {status}")
            if status == "not_applicable":
                out.append("      justification: Not relevant to how this system is used.")
            elif status != "not_implemented" and rng.random() < 0.5:
                out.append(f"      evidence: [{rng.choice(shared_docs)}]")
            reviewed = start + dt.timedelta(days=rng.randint(0, 540))
            out.append(f"      reviewed: {reviewed.isoformat()}")

    for line in template:
        match = _KEY.match(line)
        indent = len(match.group("indent")) if match else -1
        if match and indent == 0:
            if section == "controls" and framework == "nist-ai-rmf":
                extra_nist()
            section, framework = match.group("key"), ""
        elif match and indent == 2 and section in ("screening", "controls"):
            if section == "controls" and framework == "nist-ai-rmf":
                extra_nist()
            framework = match.group("key")
        elif match and indent == 4 and section == "controls":
            answered.add(match.group("key"))
        key = match.group("key") if match else ""

        if section == "system" and key == "name" and indent == 2:
            line = f"  name: {name}"
        elif section == "system" and key == "owner" and indent == 2:
            line = f"  owner: {team}@acme.example"
        elif section == "frameworks" and indent == 0:
            line = f"frameworks: {_weighted(rng, FRAMEWORK_CHOICES)}"
        elif section == "screening" and indent == 4 and key in screening:
            line = f"    {key}: {screening[key]}"
        elif section == "screening" and indent == 4 and key == "roles":
            roles = rng.choice(ROLES)
            line = f"    roles: {roles}"
            if "deployer" in roles:  # deployers are asked whether they serve the public
                out.append(line)
                line = f"    public_service: {'true' if rng.random() < 0.2 else 'false'}"
        elif section == "controls" and key == "status" and indent == 6:
            status = _weighted(rng, STATUSES)
            line = f"      status: {status}"
            if status == "not_applicable":
                out.append(line)
                line = "      justification: Not relevant to how this system is used."
        elif section == "controls" and key == "reviewed" and indent == 6:
            reviewed = start + dt.timedelta(days=rng.randint(0, 540))
            line = f"      reviewed: {reviewed.isoformat()}"
        elif section == "controls" and (ev := _EVIDENCE.match(line)):
            items = []
            for item in (s.strip() for s in ev.group("items").split(",") if s.strip()):
                doc = item.removeprefix("docs/")
                roll = rng.random()
                if roll < 0.1:
                    continue  # evidence left out
                if doc in local_docs and roll < 0.6:
                    items.append(f"docs/{doc}")
                else:
                    items.append(f"../../docs/{doc}")
            if not items:
                continue
            line = f"{ev.group('indent')}evidence: [{', '.join(items)}]"
        out.append(line)
    if section == "controls" and framework == "nist-ai-rmf":
        extra_nist()
    return "\n".join(out) + "\n"


def generate(root: Path, count: int, *, seed: int = 7, example: Path = EXAMPLE) -> list[Path]:
    """Write ``count`` answers files under ``root``; return their paths relative to it."""
    rng = random.Random(seed)
    template = (example / "aicheck.yaml").read_text("utf-8").splitlines()
    (root / ".git").mkdir(parents=True, exist_ok=True)
    shared = root / "docs"
    shared.mkdir(exist_ok=True)
    doc_names = sorted(p.name for p in (example / "docs").glob("*.md"))
    for doc in doc_names:
        shutil.copyfile(example / "docs" / doc, shared / doc)
    shared_docs = [f"../../docs/{d}" for d in doc_names]
    nist_ids = nist_control_ids()
    paths: list[Path] = []
    for index in range(1, count + 1):
        folder = root / "systems" / f"system-{index:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        local_docs: list[str] = []
        if rng.random() < 0.2:  # some teams keep their own records next to the file
            (folder / "docs").mkdir(exist_ok=True)
            local_docs = rng.sample(doc_names, k=min(2, len(doc_names)))
            for doc in local_docs:
                shutil.copyfile(example / "docs" / doc, folder / "docs" / doc)
        text = _answer_file(rng, index, template, shared_docs, local_docs, nist_ids)
        path = folder / "aicheck.yaml"
        path.write_text(text, "utf-8")
        paths.append(path.relative_to(root))
    return paths
