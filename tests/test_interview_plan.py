"""What the interview asks, worked out from the answers so far."""

from __future__ import annotations

from pathlib import Path

import pytest

from aicheck.catalog.library import Library
from aicheck.interview.asker import Section
from aicheck.interview.plan import PRECEDENCE, Step, blank_answers, build_plan, choose_frameworks
from aicheck.interview.state import needs_review
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
    assert plan.steps[3].key == ("checklist", "eu-ai-act", "ai_system")  # Art. 3(1) first
    # OECD recommendations for governments are never asked of a team; the five principles
    # for organisations are asked first as one group.
    oecd = [s for s in plan.steps if s.framework == "oecd-ai-principles"]
    assert [s.key for s in oecd] == [("category", "oecd-ai-principles", "values")]
    assert [c.id for c in oecd[0].controls] == ["1.1", "1.2", "1.3", "1.4", "1.5"]
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
    sections = {q.section for s in plan.steps for q in s.questions}
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
        controls=(control,),
    )
    assert needs_review(step, answers_file, AS_OF) is expected


def test_checklists_come_from_the_catalog_not_from_a_list_of_ids(library: Library) -> None:
    """Same section, same condition (a role test aside, once roles are known), same kind
    of effect: one checklist; a sub-point is its own, under the item it belongs to."""
    from aicheck.interview.grouping import checklist_groups, common_ref
    from aicheck.models.catalog import Framework

    fw = library.frameworks["eu-ai-act"]
    data = fw.model_dump(by_alias=True, exclude_none=True)
    extra = [
        # A later amendment might split a practice by role: still one Art. 5 list.
        {"id": "new_practice_supply", "ref": "Art. 5(1)(zz)", "section": "prohibited",
         "text": "Supplied?", "help": "h", "effect": "prohibited",
         "ask_when": {"any": [{"question": "roles", "includes": "provider"},
                              {"question": "roles", "includes": "importer"}]}},
        {"id": "new_practice_use", "ref": "Art. 5(1)(zz)", "section": "prohibited",
         "text": "Used?", "help": "h", "effect": "prohibited",
         "ask_when": {"question": "roles", "includes": "deployer"}},
        # Before the roles are asked, a role test does split: it is asked later.
        {"id": "new_exclusion", "ref": "Art. 2(99)", "section": "scope", "text": "Excluded?",
         "help": "h", "effect": "scope_exclusion", "ask_when": {"role": "deployer"}},
    ]  # fmt: skip
    data["questions"] = [*data["questions"], *extra]
    groups = checklist_groups(
        Framework.model_validate(data), lambda s: PRECEDENCE.index(s) if s in PRECEDENCE else 99
    )
    ids = lambda qid: [q.id for q in groups[qid]]  # noqa: E731
    assert ids("art5_1_a")[-2:] == ["new_practice_supply", "new_practice_use"]
    assert "art5_1_d_exception" not in ids("art5_1_a")  # asked only for the item picked
    assert ids("excl_military") == [
        "excl_military", "excl_research", "excl_pre_market", "excl_open_source"
    ]  # fmt: skip
    assert ids("new_exclusion") == ["new_exclusion"]
    # What brings the system under the Act, kept apart from what takes it out.
    assert ids("union_nexus") == ["ai_system", "union_nexus"]
    assert ids("annex_iii_4_a") == ["annex_iii_4_a", "annex_iii_4_b"]
    assert ids("art50_1_interaction") == [
        "art50_1_interaction", "art50_2_synthetic", "art50_3_emotion_biometric",
        "art50_4_deepfake", "art50_4_public_text",
    ]  # fmt: skip
    assert ids("art6_3_a") == ["art6_3_a", "art6_3_b", "art6_3_c", "art6_3_d"]
    assert common_ref(["Art. 5(1)(a)", "Art. 5(1)(ba)"]) == "Art. 5(1)"
    assert common_ref(["Annex III(1)", "Annex III(8)"]) == "Annex III"
    assert common_ref(["Art. 27(1)", "Art. 49(3)"]) == "Art. 27(1), Art. 49(3)"


def test_a_custom_catalog_groups_the_same_way(tmp_path: Path) -> None:
    from aicheck.catalog.loader import load_library
    from tests.helpers import VALID_FRAMEWORK

    catalog = tmp_path / "acme.yaml"
    catalog.write_text(
        VALID_FRAMEWORK.replace(
            "controls:",
            '  - id: customer_data\n    ref: "Policy 5"\n    section: gov\n'
            "    text: Does it use customer data?\n    help: Ask the data office.\n"
            "controls:",
        )
    )
    steps = build_plan(load_library([catalog]), blank_answers(), ["acme-policy"], AS_OF).steps
    checklist = [s for s in steps if s.kind == "checklist"]
    assert [(s.citation, [q.id for q in s.questions]) for s in checklist] == [
        ("Policy 4, Policy 5", ["personal_data", "customer_data"])
    ]


def test_an_optional_item_left_unanswered_is_asked_but_not_missing(library: Library) -> None:
    from aicheck.interview.state import is_answered, is_complete

    screening = eu_screening(library)
    del screening["ai_system"]  # optional: a file written before the question existed
    plan = build_plan(library, answers(screening), ["eu-ai-act"], AS_OF)
    reach = plan.steps[3]
    assert [q.id for q in reach.questions] == ["ai_system", "union_nexus"]
    assert not is_answered(reach, answers(screening))  # the interview asks it again
    assert is_complete(reach, answers(screening))  # but `assess --no-input` passes
