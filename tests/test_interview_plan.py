"""What the interview asks, worked out from the answers so far."""

from __future__ import annotations

import pytest

from aicheck.catalog.library import Library
from aicheck.interview.asker import Section
from aicheck.interview.plan import Step, blank_answers, build_plan, choose_frameworks, needs_review
from aicheck.models.answers import AnswersFile
from tests.conftest import AS_OF
from tests.scenarios import eu_screening


def answers(screening: dict[str, object]) -> AnswersFile:
    return AnswersFile.model_validate(
        {"aicheck": 1, "system": {"name": "S"}, "screening": {"eu-ai-act": screening}}
    )


def test_eu_first_then_other_frameworks(library: Library) -> None:
    chosen = choose_frameworks(library, None, ["oecd-ai-principles", "eu-ai-act"])
    assert chosen == ["eu-ai-act", "oecd-ai-principles"]
    plan = build_plan(library, blank_answers(), chosen, AS_OF)
    kinds = [s.key[0] for s in plan.steps]
    assert kinds[:3] == ["system", "system", "system"]
    assert plan.steps[3].key == ("screening", "eu-ai-act", "ai_system")  # Art. 3(1) first
    # OECD recommendations for governments are never asked of a team.
    oecd = [s.key[-1] for s in plan.steps if s.framework == "oecd-ai-principles"]
    assert oecd == ["1.1", "1.2", "1.3", "1.4", "1.5"]
    # Nothing about Art. 9 while the screening is open: it waits on the answers.
    assert not any(s.key[-1] == "art-9" for s in plan.steps)
    assert plan.pending_controls > 0


def test_only_controls_for_this_system_and_role(library: Library) -> None:
    provider = build_plan(
        library,
        answers(
            eu_screening(library, annex_iii_area_4=True, annex_iii_4_a=True, art6_3_profiling=True)
        ),
        ["eu-ai-act"],
        AS_OF,
    )
    assert provider.classification is not None and provider.classification.tier == "high_risk"
    ids = [s.key[-1] for s in provider.steps if s.kind == "controls"]
    assert "art-9" in ids and "art-26" not in ids  # provider duties, not deployer ones
    deployer = build_plan(
        library,
        answers(
            eu_screening(
                library,
                roles=["deployer"],
                public_service=False,
                annex_iii_area_4=True,
                annex_iii_4_a=True,
                art6_3_profiling=True,
            )
        ),
        ["eu-ai-act"],
        AS_OF,
    )
    ids = [s.key[-1] for s in deployer.steps if s.kind == "controls"]
    assert "art-26" in ids and "art-9" not in ids
    minimal = build_plan(library, answers(eu_screening(library)), ["eu-ai-act"], AS_OF)
    assert minimal.classification is not None and minimal.classification.tier == "minimal"
    assert [s.key[-1] for s in minimal.steps if s.kind == "controls"] == ["art-4"]
    # Art. 6(3) is asked only for an Annex III system.
    assert not any(s.key[-1] == "art6_3_a" for s in minimal.steps)


def test_out_of_scope_stops_the_screening_after_article_5(library: Library) -> None:
    screening = eu_screening(library, excl_research=True)
    for q in library.frameworks["eu-ai-act"].questions:
        if q.section not in ("scope", "roles", "prohibited"):
            screening.pop(q.id, None)
    plan = build_plan(library, answers(screening), ["eu-ai-act"], AS_OF)
    assert plan.classification is not None
    assert (plan.classification.tier, plan.classification.unanswered) == ("out_of_scope", ())
    sections = {s.question.section for s in plan.steps if s.question is not None}
    assert sections == {"scope", "roles", "prohibited"}


@pytest.mark.parametrize(
    ("status", "reviewed", "expected"),
    [
        ("implemented", "2026-06-01", False),  # met, reviewed within the interval
        ("implemented", "2025-06-01", True),  # stale
        ("implemented", "2062-01-05", True),  # dated after today: a mistake to correct
        ("partial", "2026-11-27", False),  # a gap confirmed today
        ("partial", "2026-11-20", True),  # a gap not reviewed today
        ("planned", "2026-11-20", True),
        ("not_implemented", "2026-11-20", True),
        ("not_applicable", "2020-01-01", False),  # never goes stale
    ],
)
def test_what_review_walks(library: Library, status: str, reviewed: str, expected: bool) -> None:
    answer: dict[str, object] = {"status": status, "reviewed": reviewed}
    if status == "not_applicable":
        answer["justification"] = "Not used here"
    answers_file = AnswersFile.model_validate(
        {"aicheck": 1, "system": {"name": "S"}, "controls": {"eu-ai-act": {"art-4": answer}}}
    )
    control = library.control("eu-ai-act/art-4")
    section = Section(framework="eu-ai-act", framework_name="EU AI Act", title="General")
    step = Step(
        key=("controls", "eu-ai-act", "art-4"),
        section=section,
        framework="eu-ai-act",
        control=control,
    )
    assert needs_review(step, answers_file, AS_OF) is expected
