"""The interview core driven by scripted replies: order, navigation, writing, resuming."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Sequence
from pathlib import Path

import yaml

from aicheck.answers.load import load_answers
from aicheck.answers.writer import AnswersWriter
from aicheck.catalog.library import Library
from aicheck.interview.asker import ClassificationUpdate, Explanation, Prompt, SectionStarted
from aicheck.interview.plan import PRECEDENCE, blank_answers, build_plan, choose_frameworks
from aicheck.interview.scripted import LineAsker
from aicheck.interview.session import STEP_ASKERS, Session, SessionResult
from tests.conftest import AS_OF, EXAMPLES

CV_EXAMPLE = EXAMPLES / "cv-screening" / "aicheck.yaml"

# A CV-ranking provider, answered in the order the interview asks.
CV_SCREENING = [
    "TalentSift",  # name
    "Ranks job applications",  # purpose
    "hr-tech@example.com",  # owner
    "y",  # Art. 3(1): an AI system
    "y",  # Art. 2(1): in the EU
    "",  # which Art. 2(1) points (optional)
    *["n", "n", "n", "n"],  # Art. 2: no exclusion
    "provider",  # Art. 3 roles
    "n",  # established outside the EU
    *["n"] * 10,  # Art. 5
    "n",  # Annex I
    "n",
    "n",
    "n",  # Annex III areas 1-3
    "y",  # area 4: employment
    "y",  # (4)(a) recruitment
    "n",  # (4)(b)
    *["n"] * 4,  # areas 5-8
    *["n"] * 4,  # Art. 6(3)(a)-(d); none met, so profiling is not asked
    "",  # Art. 111(2): on the market before its high-risk rules apply (optional)
    *["n"] * 5,  # Art. 50
    "n",  # general-purpose AI model
]


def run_session(
    path: Path,
    library: Library,
    lines: Sequence[str],
    *,
    frameworks: Sequence[str] = ("eu-ai-act",),
    review: bool = False,
    as_of: dt.date = AS_OF,
    reviewed_on: dt.date | None = None,
) -> tuple[SessionResult, LineAsker]:
    existing = load_answers(path, library).answers if path.exists() else None
    asker = LineAsker(lines)
    session = Session(
        asker,
        AnswersWriter(path, library),
        library,
        frameworks=choose_frameworks(library, existing, frameworks),
        as_of=as_of,
        answers=existing,
        review=review,
        reviewed_on=reviewed_on,
    )
    return session.run(), asker


def keys(prompts: list[Prompt]) -> list[str]:
    return ["/".join(p.key) for p in prompts]


def read(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text())
    assert isinstance(data, dict)
    return data


def test_high_risk_cv_screening_provider_then_asks_art_9(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "aicheck.yaml"
    # art-4: no, no owner, no note; art-9: partly, evidence, owner, note.
    lines = [*CV_SCREENING, "n", "", "", "p", "docs/risk.md", "risk-team", "register exists", "q"]
    result, asker = run_session(path, library, lines)

    assert result.outcome == "quit"
    updates = [e for e in asker.events if isinstance(e, ClassificationUpdate)]
    assert updates[-1].classification.tier == "high_risk"
    assert updates[-1].complete
    # The classification forms as the answers come in.
    assert updates[0].classification.tier == "incomplete"
    control_prompts = [p for p in asker.prompts if p.key[0] == "controls"]
    assert control_prompts[0].key == ("controls", "eu-ai-act", "art-4")
    art9 = next(p for p in control_prompts if p.key[-1] == "art-9")
    assert art9.citation == "Art. 9"
    assert art9.kind == "status"
    assert art9.evidence_help  # what counts as evidence, for '?'

    loaded = load_answers(path, library).answers
    assert loaded.system.name == "TalentSift"
    assert loaded.system.description == "Ranks job applications"
    assert loaded.system.owner == "hr-tech@example.com"
    assert loaded.frameworks == ("eu-ai-act",)
    assert loaded.screening["eu-ai-act"]["annex_iii_4_a"] is True
    assert loaded.screening["eu-ai-act"]["roles"] == ["provider"]
    art4 = loaded.controls["eu-ai-act"]["art-4"]
    assert art4.status == "not_implemented" and art4.reviewed == AS_OF
    assert art4.owner is None and art4.notes is None
    art9_answer = loaded.controls["eu-ai-act"]["art-9"]
    assert art9_answer.status == "partial"
    assert art9_answer.evidence == ("docs/risk.md",)
    assert art9_answer.notes == "register exists"
    assert art9_answer.owner == "risk-team"
    follow_ups = [p.kind for p in asker.prompts if p.key[-1] == "art-9"]
    assert follow_ups == ["status", "evidence", "owner", "note"]
    assert art9_answer.reviewed == AS_OF


def test_screening_follows_precedence_with_follow_ups_after_their_question(
    tmp_path: Path, library: Library
) -> None:
    _, asker = run_session(tmp_path / "a.yaml", library, [*CV_SCREENING, "q"])
    screening = [p for p in asker.prompts if p.key[0] == "screening"]
    sections = [
        library.frameworks["eu-ai-act"].questions[0].section,
        *[
            q.section
            for p in screening
            for q in library.frameworks["eu-ai-act"].questions
            if q.id == p.key[-1]
        ],
    ]
    order = list(dict.fromkeys(sections))
    assert order == [s for s in PRECEDENCE if s in order]
    ids = [p.key[-1] for p in screening]
    assert ids.index("annex_iii_4_a") == ids.index("annex_iii_area_4") + 1
    assert ids.index("annex_iii_area_5") > ids.index("annex_iii_4_b")
    assert any(isinstance(e, SectionStarted) for e in asker.events)


def test_back_skip_and_quit(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "a.yaml"
    lines = ["Bot", "", "", "y", "y", "", "n", "b", "y", "s", "q"]
    result, asker = run_session(path, library, lines)

    assert keys(asker.prompts)[3:] == [
        "screening/eu-ai-act/ai_system",
        "screening/eu-ai-act/union_nexus",
        "screening/eu-ai-act/union_nexus_basis",  # optional: Enter leaves it empty
        "screening/eu-ai-act/excl_military",
        "screening/eu-ai-act/excl_research",  # 'b' here ...
        "screening/eu-ai-act/excl_military",  # ... goes back, shows the current answer
        "screening/eu-ai-act/excl_research",  # 's' skips it
        "screening/eu-ai-act/excl_pre_market",  # 'q' saves and quits
    ]
    assert asker.prompts[8].current == "no"
    assert result.outcome == "quit"
    saved = read(path)["screening"]
    assert saved == {"eu-ai-act": {"ai_system": True, "union_nexus": True, "excl_military": True}}
    assert any("excl_research" in s.label for s in result.remaining)


def test_help_shows_explanation_and_asks_again(tmp_path: Path, library: Library) -> None:
    _, asker = run_session(tmp_path / "a.yaml", library, ["Bot", "", "", "?", "y", "q"])
    explanations = [e for e in asker.events if isinstance(e, Explanation)]
    assert len(explanations) == 1
    assert explanations[0].prompt.key == ("screening", "eu-ai-act", "ai_system")
    assert keys(asker.prompts).count("screening/eu-ai-act/ai_system") == 2


def test_changed_screening_answer_changes_what_applies_and_keeps_answers(
    tmp_path: Path, library: Library
) -> None:
    path = tmp_path / "aicheck.yaml"
    shutil.copy(CV_EXAMPLE, path)
    text = path.read_text().replace(
        "    annex_iii_4_a: true      # filters and ranks applications\n", ""
    )
    path.write_text(text)

    # Annex III(4)(a) is now the first unanswered question; "no" means no Annex III
    # listing, so Art. 6(3) is not asked and Art. 9-15 no longer apply.
    result, asker = run_session(path, library, ["n"])
    assert asker.prompts[0].key == ("screening", "eu-ai-act", "annex_iii_4_a")
    assert result.outcome == "finished"
    assert result.plan.classification is not None
    assert result.plan.classification.tier != "high_risk"
    assert not any(s.key[-1] == "art-9" for s in result.plan.steps)
    saved = load_answers(path, library).answers
    assert saved.controls["eu-ai-act"]["art-9"].status == "partial"  # kept, not deleted
    assert saved.screening["eu-ai-act"]["art6_3_profiling"] is True  # kept too
    assert "# Answers file for TalentSift" in path.read_text()

    # Answering "yes" instead brings the high-risk items back.
    path.write_text(text)
    result, asker = run_session(path, library, ["y", "q"])
    assert result.plan.classification is not None
    assert result.plan.classification.tier == "high_risk"
    assert asker.prompts[1].key == ("controls", "eu-ai-act", "art-13")  # first unanswered


def test_going_back_to_change_an_answer_re_plans(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "a.yaml"
    before_area_4 = CV_SCREENING[: CV_SCREENING.index("y", 12)]  # up to area 4
    lines = [*before_area_4, "y", "b", "n", "q"]
    _, asker = run_session(path, library, lines)
    asked = [p.key[-1] for p in asker.prompts]
    assert asked[-4:] == [
        "annex_iii_area_4",
        "annex_iii_4_a",
        "annex_iii_area_4",
        "annex_iii_area_5",
    ]
    assert read(path)["screening"]["eu-ai-act"]["annex_iii_area_4"] is False  # type: ignore[index]


def test_resume_starts_at_first_unanswered(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "a.yaml"
    # The input ends after two screening answers: the session saves and quits.
    first, _ = run_session(path, library, ["Bot", "Helps", "bot-team", "y", "y", "1", "n"])
    assert first.outcome == "quit"
    _, asker = run_session(path, library, ["b", "", "q"])
    assert keys(asker.prompts) == [
        "screening/eu-ai-act/excl_research",  # first unanswered
        "screening/eu-ai-act/excl_military",  # 'b' reaches an answer from the last run
        "screening/eu-ai-act/excl_research",  # Enter keeps it and moves on
    ]
    assert asker.prompts[1].current == "no"


def test_not_applicable_asks_for_justification(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "a.yaml"
    lines = [*CV_SCREENING, "na", "Only our own engineers use it", "", "q"]
    _, asker = run_session(path, library, lines)
    assert [p.kind for p in asker.prompts if p.key[-1] == "art-4"] == [
        "status",
        "justification",
        "note",  # no evidence: the justification backs "not applicable"
    ]
    art4 = load_answers(path, library).answers.controls["eu-ai-act"]["art-4"]
    assert art4.status == "not_applicable"
    assert art4.justification == "Only our own engineers use it"


def test_review_walks_gaps_stale_and_missing_answers(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "aicheck.yaml"
    shutil.copy(CV_EXAMPLE, path)
    lines = [
        *["y", "", ""],  # art-4, partly: now in place; evidence and note kept
        *["", "", "", ""],  # art-9, partly: confirmed; evidence, owner, note kept
        *["", "data-team", ""],  # art-10, planned: confirmed, with an owner now
        "q",  # art-11, not implemented: stop here
    ]
    result, asker = run_session(path, library, lines, review=True)
    status_keys = [p.key[-1] for p in asker.prompts if p.kind == "status"]
    assert status_keys == ["art-4", "art-9", "art-10", "art-11"]
    # Each shows the answer on file and when it was last reviewed.
    assert asker.prompts[0].current == "partly (reviewed 2026-09-01)"
    assert result.outcome == "quit"
    saved = load_answers(path, library).answers.controls["eu-ai-act"]
    assert saved["art-4"].status == "implemented"
    assert saved["art-4"].owner == "people-ops@acme.example"  # untouched fields stay
    assert saved["art-4"].notes  # kept: Enter keeps the note
    assert saved["art-9"].status == "partial"
    assert saved["art-9"].reviewed == AS_OF  # confirmed today
    assert saved["art-9"].owner == "ml-lead@acme.example"  # Enter kept it
    assert saved["art-10"].status == "planned"
    assert saved["art-10"].owner == "data-team"

    # Left to review: the gap where it stopped, a missing answer and a stale one
    # (art-15, last reviewed 2025-06-01). Gaps confirmed today and met controls are not.
    left = [s.key[-1] for s in result.remaining]
    assert {"art-11", "art-13", "art-15"} <= set(left)
    assert not {"art-4", "art-9", "art-10", "art-12"} & set(left)


def test_evidence_already_recorded_is_offered_when_nothing_is_in_place(
    tmp_path: Path, library: Library
) -> None:
    path = tmp_path / "aicheck.yaml"
    path.write_text(
        "aicheck: 1\nsystem: {name: Bot, owner: a, description: b}\n"
        "frameworks: [oecd-ai-principles]\ncontrols:\n  oecd-ai-principles:\n"
        "    '1.1': {status: partial, evidence: [docs/draft.md]}\n"
    )
    # 1.1 is now "no": the old evidence is shown, and '-' clears it; then owner, note.
    _, asker = run_session(
        path, library, ["n", "-", "", "", "q"], frameworks=("oecd-ai-principles",), review=True
    )
    assert [p.kind for p in asker.prompts if p.key[-1] == "1.1"] == [
        "status",
        "evidence",
        "owner",
        "note",
    ]
    answer = load_answers(path, library).answers.controls["oecd-ai-principles"]["1.1"]
    assert answer.status == "not_implemented"
    assert answer.evidence == ()


def oecd_only(tmp_path: Path) -> Path:
    """A file with the system described and only the OECD principles to answer."""
    path = tmp_path / "aicheck.yaml"
    path.write_text(
        "aicheck: 1\nsystem: {name: Bot, owner: a, description: b}\n"
        "frameworks: [oecd-ai-principles]\n"
    )
    return path


def test_a_status_that_applies_drops_the_not_applicable_reason(
    tmp_path: Path, library: Library
) -> None:
    path = oecd_only(tmp_path)
    # "na", then a status word typed as the reason; back to the status, now "partly".
    lines = ["na", "partly", "b", "p", "", "", "", "q"]
    run_session(path, library, lines, frameworks=("oecd-ai-principles",))
    answer = load_answers(path, library).answers.controls["oecd-ai-principles"]["1.1"]
    assert answer.status == "partial"
    assert answer.justification is None


def test_an_assessment_as_of_a_later_date_stamps_the_day_it_was_answered(
    tmp_path: Path, library: Library
) -> None:
    path = oecd_only(tmp_path)
    later = dt.date(2027, 3, 1)
    run_session(
        path,
        library,
        ["y", "", "", "q"],
        frameworks=("oecd-ai-principles",),
        as_of=later,
        reviewed_on=AS_OF,
    )
    answer = load_answers(path, library).answers.controls["oecd-ai-principles"]["1.1"]
    assert answer.reviewed == AS_OF


def test_a_reason_written_for_another_status_is_kept(tmp_path: Path, library: Library) -> None:
    path = oecd_only(tmp_path)
    with path.open("a") as handle:
        handle.write(
            "controls:\n  oecd-ai-principles:\n    '1.1':\n      status: partial\n"
            "      justification: vendor covers the rest (contract C-12)\n"
            "      reviewed: 2026-01-01\n"
        )
    # Review: Enter keeps "partly"; then evidence, owner and note are left as they are.
    run_session(
        path, library, ["", "", "", "", "q"], frameworks=("oecd-ai-principles",), review=True
    )
    answer = load_answers(path, library).answers.controls["oecd-ai-principles"]["1.1"]
    assert answer.justification == "vendor covers the rest (contract C-12)"
    assert answer.reviewed == AS_OF


def test_every_kind_of_step_the_plan_makes_has_an_asker(library: Library) -> None:
    kinds: set[str] = set()
    for source in (
        blank_answers(),
        *(load_answers(f, library).answers for f in sorted(EXAMPLES.glob("*/aicheck.yaml"))),
    ):
        plan = build_plan(library, source, list(library.frameworks), AS_OF)
        kinds |= {step.kind for step in plan.steps}
    assert {"system", "screening", "controls"} <= kinds  # the examples reach every kind
    assert kinds <= STEP_ASKERS.keys()
