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
from aicheck.models.answers import AnswersFile
from tests.conftest import AS_OF, EXAMPLES
from tests.scenarios import eu_screening

CV_EXAMPLE = EXAMPLES / "cv-screening" / "aicheck.yaml"

# A CV-ranking provider, answered in the order the interview asks.
CV_SCREENING = [
    "TalentSift",  # name
    "Ranks job applications",  # purpose
    "hr-tech@example.com",  # owner
    "1,2",  # Art. 3(1): an AI system; Art. 2(1): in the EU
    "",  # which Art. 2(1) points (optional): Enter leaves it empty
    "none",  # Art. 2 exclusions
    "provider",  # Art. 3 roles
    "n",  # established outside the EU
    "none",  # Art. 5
    "n",  # Annex I
    "4",  # Annex III areas: employment
    "1",  # (4)(a) recruitment
    "none",  # Art. 6(3)(a)-(d); none met, so profiling is not asked
    "",  # Art. 111(2): on the market before its high-risk rules apply (optional)
    "none",  # Art. 50
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


def ask_frameworks_session(
    path: Path, library: Library, lines: Sequence[str]
) -> tuple[SessionResult, LineAsker]:
    """A new file with no framework named: the interview asks which to assess."""
    asker = LineAsker(lines)
    session = Session(
        asker,
        AnswersWriter(path, library),
        library,
        frameworks=(),
        as_of=AS_OF,
        ask_frameworks=True,
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
    # art-4: no, no owner yet; art-9: partly, with a note, evidence, owner and date.
    lines = [
        *CV_SCREENING,
        *["n", ""],
        *["p # register exists", "docs/risk.md", "risk-team, 2027-06-30"],
        "q",
    ]
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
    assert loaded.screening["eu-ai-act"]["annex_iii_4_b"] is False
    assert loaded.screening["eu-ai-act"]["roles"] == ["provider"]
    art4 = loaded.controls["eu-ai-act"]["art-4"]
    assert art4.status == "not_implemented" and art4.reviewed == AS_OF
    assert art4.owner is None and art4.due is None and art4.notes is None
    art9_answer = loaded.controls["eu-ai-act"]["art-9"]
    assert art9_answer.status == "partial"
    assert art9_answer.evidence == ("docs/risk.md",)
    assert art9_answer.notes == "register exists"
    assert art9_answer.owner == "risk-team"
    assert art9_answer.due == dt.date(2027, 6, 30)
    assert [p.kind for p in asker.prompts if p.key[-1] == "art-9"] == ["status", "evidence", "plan"]
    assert art9_answer.reviewed == AS_OF


def test_screening_is_asked_as_checklists_in_order_of_precedence(
    tmp_path: Path, library: Library
) -> None:
    _, asker = run_session(tmp_path / "a.yaml", library, [*CV_SCREENING, "q"])
    screening = [(p.key[0], p.citation, len(p.items)) for p in asker.prompts[3:-1]]
    assert screening == [
        ("checklist", "Art. 3(1), Art. 2(1)", 2),  # an AI system, in the EU
        ("screening", "Art. 2(1)", 0),  # on which grounds (optional)
        ("checklist", "Art. 2", 4),  # the exclusions
        ("screening", "Art. 3", 0),  # roles
        ("screening", "Art. 22(1)", 0),  # a provider: established outside the EU?
        ("checklist", "Art. 5(1)", 10),
        ("screening", "Art. 6(1)(a)", 0),
        ("checklist", "Annex III", 8),  # the areas ...
        ("checklist", "Annex III(4)", 2),  # ... then the points of the one picked
        ("checklist", "Art. 6(3)", 4),
        ("screening", "Art. 111(2)", 0),  # high-risk: already on the market?
        ("checklist", "Art. 50", 2),  # a provider: Art. 50(1) and (2) only
        ("screening", "Art. 3(63)", 0),
    ]
    sections = [
        s.framework_name for s in (e.section for e in asker.events if isinstance(e, SectionStarted))
    ]
    assert sections[0] == "System"
    titles = [e.section.id for e in asker.events if isinstance(e, SectionStarted) and e.section.id]
    assert titles == [s for s in PRECEDENCE if s in titles] + ["general"]


def test_back_skip_and_quit(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "a.yaml"
    lines = ["Bot", "", "", "1,2", "", "none", "b", "2", "s", "q"]
    result, asker = run_session(path, library, lines)

    assert keys(asker.prompts)[3:] == [
        "checklist/eu-ai-act/ai_system",
        "screening/eu-ai-act/union_nexus_basis",  # optional: Enter leaves it empty
        "checklist/eu-ai-act/excl_military",
        "screening/eu-ai-act/roles",  # 'b' here ...
        "checklist/eu-ai-act/excl_military",  # ... goes back, shows the current answer
        "screening/eu-ai-act/roles",  # 's' skips it
        "checklist/eu-ai-act/art5_1_a",  # 'q' saves and quits
    ]
    assert asker.prompts[7].current == "none"
    assert result.outcome == "quit"
    saved = read(path)["screening"]
    assert saved == {
        "eu-ai-act": {
            "ai_system": True,
            "union_nexus": True,
            "excl_military": False,
            "excl_research": True,  # the second item, picked on the way back
            "excl_pre_market": False,
            "excl_open_source": False,
        }
    }
    assert any("roles" in s.label for s in result.remaining)


def test_help_shows_explanation_and_asks_again(tmp_path: Path, library: Library) -> None:
    lines = ["Bot", "", "", "?", "?2", "1,2", "q"]
    _, asker = run_session(tmp_path / "a.yaml", library, lines)
    explanations = [e for e in asker.events if isinstance(e, Explanation)]
    assert len(explanations) == 2
    assert explanations[0].prompt.key == ("checklist", "eu-ai-act", "ai_system")
    assert explanations[0].item is None  # '?': the checklist
    assert explanations[1].item is not None and explanations[1].item.value == "union_nexus"
    assert keys(asker.prompts).count("checklist/eu-ai-act/ai_system") == 3


def test_changed_screening_answer_changes_what_applies_and_keeps_answers(
    tmp_path: Path, library: Library
) -> None:
    path = tmp_path / "aicheck.yaml"
    shutil.copy(CV_EXAMPLE, path)
    text = path.read_text().replace(
        "    annex_iii_4_a: true      # filters and ranks applications\n", ""
    )
    path.write_text(text)

    # The points of Annex III(4) are the first unanswered question; "none" means no
    # Annex III listing, so Art. 6(3) is not asked and Art. 9-15 no longer apply.
    result, asker = run_session(path, library, ["none"])
    assert asker.prompts[0].key == ("checklist", "eu-ai-act", "annex_iii_4_a")
    assert asker.prompts[0].current is None  # one item was unanswered: Enter keeps nothing
    assert result.outcome == "finished"
    assert result.plan.classification is not None
    assert result.plan.classification.tier != "high_risk"
    assert not any(s.key[-1] == "art-9" for s in result.plan.steps)
    saved = load_answers(path, library).answers
    assert saved.controls["eu-ai-act"]["art-9"].status == "partial"  # kept, not deleted
    assert saved.screening["eu-ai-act"]["art6_3_profiling"] is True  # kept too
    assert "# Answers file for TalentSift" in path.read_text()

    # Picking it instead brings the high-risk items back; the first one to ask is the
    # gap written without an owner or a review date (art-11), at its owner and date.
    path.write_text(text)
    result, asker = run_session(path, library, ["1", "q"])
    assert result.plan.classification is not None
    assert result.plan.classification.tier == "high_risk"
    assert (asker.prompts[1].key[-1], asker.prompts[1].kind) == ("art-11", "plan")


def test_going_back_to_change_an_answer_re_plans(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "a.yaml"
    before_areas = CV_SCREENING[: CV_SCREENING.index("4")]
    lines = [*before_areas, "4", "b", "none", "q"]
    _, asker = run_session(path, library, lines)
    asked = [p.key[-1] for p in asker.prompts]
    assert asked[-4:] == [
        "annex_iii_area_1",  # the areas: 4 picked
        "annex_iii_4_a",  # its points: 'b'
        "annex_iii_area_1",  # none after all
        "art50_1_interaction",  # so no points and no Art. 6(3)
    ]
    assert read(path)["screening"]["eu-ai-act"]["annex_iii_area_4"] is False  # type: ignore[index]


def test_after_going_back_and_changing_an_answer_the_next_question_follows_it(
    tmp_path: Path, library: Library
) -> None:
    """Not the first question never answered: the one after the answer changed."""
    path = tmp_path / "a.yaml"
    lines = [
        *["Bot", "", "", "1,2", "1", "none", "provider", "n", "b", "b"],
        *["provider, deployer", "n", "", "q"],
    ]
    _, asker = run_session(path, library, lines)
    assert [p.key[-1] for p in asker.prompts][3:] == [
        "ai_system",
        "union_nexus_basis",
        "excl_military",
        "roles",
        "established_outside_eu",
        "art5_1_a",  # 'b'
        "established_outside_eu",  # 'b'
        "roles",  # changed: now a deployer too
        "excl_personal",  # the question the change brought in, right after it
        "established_outside_eu",  # next: shown again with its answer (Enter keeps it)
        "art5_1_a",
    ]
    assert asker.prompts[12].current == "no"
    assert read(path)["screening"]["eu-ai-act"]["roles"] == ["provider", "deployer"]  # type: ignore[index]


def test_resume_starts_at_first_unanswered(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "a.yaml"
    # The input ends after two screening answers: the session saves and quits.
    first, _ = run_session(path, library, ["Bot", "Helps", "bot-team", "1,2", "1", "none"])
    assert first.outcome == "quit"
    _, asker = run_session(path, library, ["b", "", "q"])
    assert keys(asker.prompts) == [
        "screening/eu-ai-act/roles",  # first unanswered
        "checklist/eu-ai-act/excl_military",  # 'b' reaches an answer from the last run
        "screening/eu-ai-act/roles",  # Enter kept it and moved on
    ]
    assert asker.prompts[1].current == "none"


def test_not_applicable_asks_for_justification(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "a.yaml"
    lines = [*CV_SCREENING, "na", "Only our own engineers use it", "q"]
    _, asker = run_session(path, library, lines)
    assert [p.kind for p in asker.prompts if p.key[-1] == "art-4"] == [
        "status",
        "justification",  # no evidence and no owner: the justification backs it
    ]
    art4 = load_answers(path, library).answers.controls["eu-ai-act"]["art-4"]
    assert art4.status == "not_applicable"
    assert art4.justification == "Only our own engineers use it"
    assert art4.reviewed == AS_OF


def test_review_walks_gaps_stale_and_missing_answers(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "aicheck.yaml"
    shutil.copy(CV_EXAMPLE, path)
    lines = [
        *["y", ""],  # art-4, partly: now in place; evidence kept
        *["", "", ""],  # art-9, partly: confirmed; evidence, owner kept
        *["", "data-team, 2027-03-31"],  # art-10, planned: confirmed, with an owner now
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
    assert saved["art-4"].notes  # and the note
    assert saved["art-4"].reviewed == AS_OF
    assert saved["art-9"].status == "partial"
    assert saved["art-9"].reviewed == AS_OF  # confirmed today
    assert saved["art-9"].owner == "ml-lead@acme.example"  # Enter kept it
    assert saved["art-10"].status == "planned"
    assert (saved["art-10"].owner, saved["art-10"].due) == ("data-team", dt.date(2027, 3, 31))

    # Left to review: the gap where it stopped, a missing answer and a stale one
    # (art-15, last reviewed 2025-06-01). Gaps confirmed today and met controls are not.
    left = [s.key[-1] for s in result.remaining]
    assert {"art-11", "art-13", "art-15"} <= set(left)
    assert not {"art-4", "art-9", "art-10", "art-12"} & set(left)


def test_review_as_of_a_later_date_walks_the_gaps_reviewed_before_it(
    tmp_path: Path, library: Library
) -> None:
    path = oecd_only(tmp_path)
    with path.open("a") as handle:
        handle.write(
            "controls:\n  oecd-ai-principles:\n"
            "    '1.1': {status: partial, owner: x, reviewed: 2026-11-27}\n"
            "    '1.2': {status: planned, reviewed: 2026-11-27}\n"
            + "".join(
                f"    '1.{n}': {{status: implemented, reviewed: 2026-11-27}}\n" for n in (3, 4, 5)
            )
        )
    # Reviewed today, as of today: nothing to walk.
    done, asker = run_session(path, library, [], frameworks=("oecd-ai-principles",), review=True)
    assert (done.outcome, asker.prompts) == ("finished", [])
    # As of three months on, the two gaps reviewed before then are walked.
    later = dt.date(2027, 3, 1)
    _, asker = run_session(
        path,
        library,
        ["q"],
        frameworks=("oecd-ai-principles",),
        review=True,
        as_of=later,
        reviewed_on=AS_OF,
    )
    assert asker.prompts[0].key == ("controls", "oecd-ai-principles", "1.1")


def test_evidence_already_recorded_is_offered_when_nothing_is_in_place(
    tmp_path: Path, library: Library
) -> None:
    path = tmp_path / "aicheck.yaml"
    path.write_text(
        "aicheck: 1\nsystem: {name: Bot, owner: a, description: b}\n"
        "frameworks: [oecd-ai-principles]\ncontrols:\n  oecd-ai-principles:\n"
        "    '1.1': {status: partial, evidence: [docs/draft.md]}\n"
    )
    # 1.1 is now "no": the old evidence is shown, and '-' clears it; then owner and date.
    _, asker = run_session(
        path, library, ["n", "-", "", "q"], frameworks=("oecd-ai-principles",), review=True
    )
    assert [p.kind for p in asker.prompts if p.key[-1] == "1.1"] == ["status", "evidence", "plan"]
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
    # Item by item ('d'); "na", then a status word typed as the reason; back from the next
    # item to this one, now "partly".
    lines = ["d", "na", "partly", "b", "p", "", "", "q"]
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
        ["d", "y", "", "q"],
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
    # Review: Enter keeps "partly"; then evidence, owner and date are left as they are.
    run_session(path, library, ["", "", "", "q"], frameworks=("oecd-ai-principles",), review=True)
    answer = load_answers(path, library).answers.controls["oecd-ai-principles"]["1.1"]
    assert answer.justification == "vendor covers the rest (contract C-12)"
    assert answer.reviewed == AS_OF


def test_every_kind_of_step_the_plan_makes_has_an_asker(library: Library) -> None:
    kinds: set[str] = set()
    deployer = AnswersFile.model_validate(
        {
            "aicheck": 1,
            "system": {"name": "S"},
            "provider": {"name": "Vendor"},
            "screening": {"eu-ai-act": eu_screening(library, roles=["deployer"])},
        }
    )
    for source in (
        blank_answers(),
        deployer,
        *(load_answers(f, library).answers for f in sorted(EXAMPLES.glob("*/aicheck.yaml"))),
    ):
        plan = build_plan(library, source, list(library.frameworks), AS_OF, ask_frameworks=True)
        kinds |= {step.kind for step in plan.steps}
    # The examples reach every kind
    assert {
        "system",
        "frameworks",
        "screening",
        "checklist",
        "provider",
        "controls",
        "category",
    } <= kinds
    assert kinds <= STEP_ASKERS.keys()
