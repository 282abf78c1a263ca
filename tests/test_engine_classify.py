"""EU AI Act classification as a table of scenarios: answers in, outcome and citations out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aicheck.catalog.library import Library
from tests.helpers import invoke
from tests.scenarios import eu_screening, run

# (id, screening answers on top of "all no, provider", tier, gpai, citations that must appear)
SCENARIOS: list[tuple[str, dict[str, Any], str, str, set[str]]] = [
    ("nothing-applies", {}, "minimal", "not_gpai", set()),
    ("no-eu-nexus", {"union_nexus": False}, "out_of_scope", "not_gpai", {"Art. 2(1)"}),
    ("military", {"excl_military": True}, "out_of_scope", "not_gpai", {"Art. 2(3)"}),
    ("research-only", {"excl_research": True}, "out_of_scope", "not_gpai", {"Art. 2(6)"}),
    (
        "personal-use-by-a-natural-person-deployer",
        {"roles": ["deployer"], "excl_personal": True},
        "out_of_scope",
        "not_gpai",
        {"Art. 2(10)"},
    ),
    ("open-source-minimal", {"excl_open_source": True}, "out_of_scope", "not_gpai", {"Art. 2(12)"}),
    (
        "open-source-but-chatbot",
        {"excl_open_source": True, "art50_1_interaction": True},
        "transparency",
        "not_gpai",
        {"Art. 50(1)"},
    ),
    (
        "open-source-but-high-risk",
        {"excl_open_source": True, "annex_iii_area_4": True, "annex_iii_4_a": True},
        "high_risk",
        "not_gpai",
        {"Annex III(4)(a)"},
    ),
    ("manipulation", {"art5_1_a": True}, "prohibited", "not_gpai", {"Art. 5(1)(a)"}),
    (
        "no-union-link-comes-before-art-5",
        {"art5_1_c": True, "union_nexus": False},
        "out_of_scope",
        "not_gpai",
        {"Art. 2(1)", "Art. 5(1)(c)"},
    ),
    (
        "prohibited-beats-an-exclusion",
        {"art5_1_c": True, "excl_military": True},
        "prohibited",
        "not_gpai",
        {"Art. 5(1)(c)", "Art. 2(3)"},
    ),
    (
        "prohibited-beats-high-risk",
        {"art5_1_e": True, "annex_iii_area_1": True, "annex_iii_1_a": True},
        "prohibited",
        "not_gpai",
        {"Art. 5(1)(e)"},
    ),
    (
        "emotion-at-work-for-safety",
        {"art5_1_f": True, "art5_1_f_exception": True},
        "minimal",
        "not_gpai",
        set(),
    ),
    (
        "emotion-at-work",
        {"art5_1_f": True, "art5_1_f_exception": False},
        "prohibited",
        "not_gpai",
        {"Art. 5(1)(f)"},
    ),
    ("omnibus-ncii-before-its-date", {"art5_1_ba": True}, "minimal", "not_gpai", {"Art. 5(1)(ba)"}),
    (
        "annex-i-with-notified-body",
        {"annex_i_product": True, "annex_i_third_party": True, "annex_i_section": "section_a"},
        "high_risk",
        "not_gpai",
        {"Art. 6(1)(a)"},
    ),
    (
        "annex-i-self-assessed",
        {"annex_i_product": True, "annex_i_third_party": False},
        "minimal",
        "not_gpai",
        set(),
    ),
    (
        "credit-scoring",
        {"annex_iii_area_5": True, "annex_iii_5_b": True},
        "high_risk",
        "not_gpai",
        {"Annex III(5)(b)"},
    ),
    (
        "credit-fraud-detection-carve-out",
        {"annex_iii_area_5": True, "annex_iii_5_b": True, "annex_iii_5_b_fraud": True},
        "minimal",
        "not_gpai",
        set(),
    ),
    (
        "annex-iii-narrow-task",
        {"annex_iii_area_3": True, "annex_iii_3_b": True, "art6_3_a": True},
        "not_high_risk_art_6_3",
        "not_gpai",
        {"Art. 6(3)(a)"},
    ),
    (
        "profiling-defeats-derogation",
        {
            "annex_iii_area_4": True,
            "annex_iii_4_a": True,
            "art6_3_a": True,
            "art6_3_profiling": True,
        },
        "high_risk",
        "not_gpai",
        {"Annex III(4)(a)", "Art. 6(3)"},
    ),
    (
        "deepfakes",
        {"roles": ["deployer"], "art50_4_deepfake": True},
        "transparency",
        "not_gpai",
        {"Art. 50(4)"},
    ),
    ("gpai", {"gpai_model": True, "gpai_compute": 3e24}, "minimal", "gpai", {"Art. 3(63)"}),
    (
        "gpai-systemic-by-compute",
        {"gpai_model": True, "gpai_compute": 2e25},
        "minimal",
        "gpai_systemic_risk",
        {"Art. 51(2)"},
    ),
    (
        "gpai-exactly-threshold-is-not-over",
        {"gpai_model": True, "gpai_compute": 1e25},
        "minimal",
        "gpai",
        set(),
    ),
    (
        "gpai-designated",
        {"gpai_model": True, "gpai_compute": 1e23, "gpai_designated": True},
        "minimal",
        "gpai_systemic_risk",
        {"Art. 51(1)(b)"},
    ),
    (
        "gpai-open-source",
        {"gpai_model": True, "gpai_compute": 1e24, "gpai_open_source": True},
        "minimal",
        "gpai_open_source",
        {"Art. 53(2)"},
    ),
    (
        "gpai-open-source-systemic",
        {"gpai_model": True, "gpai_compute": 5e25, "gpai_open_source": True},
        "minimal",
        "gpai_systemic_risk",
        {"Art. 51(2)"},
    ),
]


@pytest.mark.parametrize(
    ("answers", "tier", "gpai", "citations"),
    [s[1:] for s in SCENARIOS],
    ids=[s[0] for s in SCENARIOS],
)
def test_classification(
    library: Library, answers: dict[str, Any], tier: str, gpai: str, citations: set[str]
) -> None:
    c = run(library, eu_screening(library, **answers)).classification
    assert c is not None
    assert (c.tier, c.gpai) == (tier, gpai)
    cited = {ref for reason in c.reasons for ref in reason.refs}
    assert citations <= cited
    assert c.unanswered == ()


@pytest.mark.parametrize(
    ("missing", "tier"),
    [
        ("art5_1_a", "incomplete"),
        ("union_nexus", "incomplete"),
        ("annex_iii_area_4", "incomplete"),
        ("art50_1_interaction", "incomplete"),
        ("gpai_model", "incomplete"),
    ],
)
def test_unanswered_screening_is_never_silently_minimal(
    library: Library, missing: str, tier: str
) -> None:
    report = run(library, eu_screening(library, **{missing: None}))
    assert report.classification is not None
    assert report.classification.tier == tier
    assert missing in report.classification.unanswered
    kinds = [(f.kind, f.severity) for f in report.findings]
    assert ("screening_incomplete", "high") in kinds


def test_prohibited_is_concluded_even_when_other_answers_are_missing(library: Library) -> None:
    report = run(library, {"art5_1_c": True})
    assert report.classification is not None
    assert report.classification.tier == "prohibited"
    prohibited = [f for f in report.findings if f.kind == "prohibited_practice"]
    assert [(f.ref, f.severity) for f in prohibited] == [("Art. 5(1)(c)", "critical")]


def test_high_risk_with_open_questions_elsewhere_stays_high_risk(library: Library) -> None:
    screening = eu_screening(
        library,
        annex_iii_area_4=True,
        annex_iii_4_a=True,
        art6_3_profiling=True,
        art50_1_interaction=None,
    )
    c = run(library, screening).classification
    assert c is not None
    assert c.tier == "high_risk"
    assert c.unanswered == ("art50_1_interaction",)


def test_questions_not_asked_count_as_no(library: Library) -> None:
    # annex_iii_4_a is only asked when area 4 applies; leaving it out is fine then.
    c = run(library, eu_screening(library, annex_iii_4_a=None)).classification
    assert c is not None and c.tier == "minimal" and c.unanswered == ()


def test_follow_ups_count_as_unanswered_only_once_asked(library: Library) -> None:
    c = run(library, eu_screening(library, annex_iii_area_4=None)).classification
    assert c is not None and c.tier == "incomplete"
    # Recruitment (4)(a) is asked only if area 4 applies: it is not listed before that.
    assert c.unanswered == ("annex_iii_area_4",)
    c = run(library, eu_screening(library, annex_iii_area_4=True, annex_iii_4_a=None))
    assert c.classification is not None
    assert c.classification.unanswered == ("annex_iii_4_a",)


def test_roles_filter_obligations(library: Library) -> None:
    high_risk = {"annex_iii_area_4": True, "annex_iii_4_a": True, "art6_3_profiling": True}
    provider = run(library, eu_screening(library, **high_risk))
    deployer = run(library, eu_screening(library, roles=["deployer"], **high_risk))
    both = run(library, eu_screening(library, roles=["provider", "deployer"], **high_risk))
    ids = lambda r: {c.id for c in r.controls}  # noqa: E731
    assert "art-9" in ids(provider) and "art-26" not in ids(provider)
    assert "art-26" in ids(deployer) and "art-9" not in ids(deployer)
    assert {"art-9", "art-26"} <= ids(both)


def test_art_50_2_grace_period_for_generative_systems_already_on_the_market(
    library: Library,
) -> None:
    def marking(**answers: Any) -> tuple[str | None, str | None]:
        report = run(library, eu_screening(library, art50_2_synthetic=True, **answers))
        (control,) = [c for c in report.controls if c.id == "art-50-2"]
        return control.applies_from and control.applies_from.isoformat(), control.severity

    # Unanswered (a file from before the question existed): the stricter date, and the
    # screening is still complete.
    assert marking(art50_2_on_market_before_2026_08_02=None) == ("2026-08-02", "critical")
    unanswered = run(
        library,
        eu_screening(library, art50_2_synthetic=True, art50_2_on_market_before_2026_08_02=None),
    )
    assert unanswered.classification is not None
    assert unanswered.classification.unanswered == ()
    assert marking(art50_2_on_market_before_2026_08_02=False) == ("2026-08-02", "critical")
    # On the market before 2 August 2026: marking is due from 2 December 2026, so on
    # 2026-11-27 the gap is not yet in force, but within the lead time.
    assert marking(art50_2_on_market_before_2026_08_02=True) == ("2026-12-02", "high")


def test_art_50_5_waits_for_the_marking_grace_date_only_when_marking_is_all_it_serves(
    library: Library,
) -> None:
    def clear_info_from(**answers: Any) -> str | None:
        screening = eu_screening(
            library, art50_2_synthetic=True, art50_2_on_market_before_2026_08_02=True, **answers
        )
        report = run(library, screening)
        (control,) = [c for c in report.controls if c.id == "art-50-5"]
        return control.applies_from and control.applies_from.isoformat()

    assert clear_info_from() == "2026-12-02"
    # A chatbot's disclosure (50(1)) is due now, and so is the way it is given.
    assert clear_info_from(art50_1_interaction=True) == "2026-08-02"
    assert clear_info_from(roles=["provider", "deployer"], art50_4_deepfake=True) == "2026-08-02"


def test_art_50_5_binds_whoever_owes_the_information(library: Library) -> None:
    def binds(roles: list[str], **answers: Any) -> bool:
        report = run(library, eu_screening(library, roles=roles, **answers))
        return "art-50-5" in {c.id for c in report.controls}

    # A chatbot's disclosure (50(1)) is the provider's duty, not the deployer's.
    assert binds(["provider"], art50_1_interaction=True)
    assert not binds(["deployer"], art50_1_interaction=True)
    # A deepfake label (50(4)) is the deployer's.
    assert binds(["deployer"], art50_4_deepfake=True)
    assert not binds(["provider"], art50_4_deepfake=True)


def test_fundamental_rights_impact_assessment_scope(library: Library) -> None:
    credit = {"annex_iii_area_5": True, "annex_iii_5_b": True}
    private_deployer = run(library, eu_screening(library, roles=["deployer"], **credit))
    assert "art-27" in {c.id for c in private_deployer.controls}
    hiring = {"annex_iii_area_4": True, "annex_iii_4_a": True}
    private = run(library, eu_screening(library, roles=["deployer"], **hiring))
    public = run(library, eu_screening(library, roles=["deployer"], public_service=True, **hiring))
    assert "art-27" not in {c.id for c in private.controls}
    assert "art-27" in {c.id for c in public.controls}


def test_derogation_brings_documentation_and_registration(library: Library) -> None:
    report = run(
        library,
        eu_screening(library, annex_iii_area_3=True, annex_iii_3_b=True, art6_3_b=True),
    )
    ids = {c.id for c in report.controls}
    assert {"art-6-4", "art-49-2"} <= ids
    assert "art-9" not in ids


def test_out_of_scope_means_no_eu_obligations(library: Library) -> None:
    report = run(library, eu_screening(library, union_nexus=False, art50_1_interaction=True))
    assert report.controls == ()


def test_training_compute_in_exponent_form_is_a_number(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "aicheck: 1\nsystem: {name: M}\nframeworks: [eu-ai-act]\n"
        "screening:\n  eu-ai-act: {gpai_model: true, gpai_compute: 2e25}\n"
    )
    data = json.loads(invoke(["check", str(answers), "-f", "json", "--fail-on", "none"]).stdout)
    reasons = data["systems"][0]["classification"]["reasons"]
    assert [r["refs"] for r in reasons] == [["Art. 51(2)"], ["Art. 52(1)"]]


def test_registration_of_use_binds_public_authorities_only(library: Library) -> None:
    hiring = {"annex_iii_area_4": True, "annex_iii_4_a": True, "roles": ["deployer"]}
    authority = run(library, eu_screening(library, public_authority=True, **hiring))
    service = run(library, eu_screening(library, public_service=True, **hiring))
    assert "art-49-3" in {c.id for c in authority.controls}
    assert "art-49-3" not in {c.id for c in service.controls}


def test_fraud_detection_carve_out_also_lifts_the_impact_assessment(library: Library) -> None:
    both = {
        "roles": ["deployer"],
        "annex_iii_area_4": True,
        "annex_iii_4_a": True,
        "annex_iii_area_5": True,
        "annex_iii_5_b": True,
    }
    credit = run(library, eu_screening(library, **both))
    fraud = run(library, eu_screening(library, annex_iii_5_b_fraud=True, **both))
    assert "art-27" in {c.id for c in credit.controls}
    assert "art-27" not in {c.id for c in fraud.controls}


def test_profiling_is_asked_only_when_a_derogation_condition_is_met(library: Library) -> None:
    hiring = {"annex_iii_area_4": True, "annex_iii_4_a": True, "art6_3_profiling": None}
    plain = run(library, eu_screening(library, **hiring)).classification
    assert plain is not None and (plain.tier, plain.unanswered) == ("high_risk", ())
    narrow = run(library, eu_screening(library, art6_3_a=True, **hiring)).classification
    assert narrow is not None and narrow.unanswered == ("art6_3_profiling",)


def test_out_of_scope_needs_no_further_answers(library: Library) -> None:
    screening = {
        k: v
        for k, v in eu_screening(library, excl_military=True).items()
        if k.startswith(("union", "excl_", "roles", "art5_"))
    }
    report = run(library, screening)
    assert report.classification is not None
    assert (report.classification.tier, report.classification.unanswered) == ("out_of_scope", ())
    assert not [f for f in report.findings if f.kind == "screening_incomplete"]


def test_open_source_exclusion_leaves_general_purpose_model_duties(library: Library) -> None:
    answers = {"excl_open_source": True, "gpai_model": True, "gpai_compute": 1e24,
               "gpai_open_source": True}  # fmt: skip
    report = run(library, eu_screening(library, **answers))
    c = report.classification
    assert c is not None and (c.tier, c.gpai) == ("out_of_scope", "gpai_open_source")
    ids = {r.id for r in report.controls}
    assert {"art-53-1-c", "art-53-1-d"} <= ids
    assert not {"art-4", "art-53-1-a", "art-53-1-b"} & ids


def test_outside_the_union_nothing_else_is_asked(library: Library) -> None:
    # Art. 2(1): without a link to the Union the Act does not apply, Art. 5 included.
    c = run(library, {"union_nexus": False}).classification
    assert c is not None and (c.tier, c.unanswered) == ("out_of_scope", ())


def test_an_exclusion_still_asks_article_5(library: Library) -> None:
    # An exclusion claimed next to a ban does not lift it, so Art. 5 is still asked.
    c = run(library, {"union_nexus": True, "excl_military": True}).classification
    assert c is not None and c.tier == "incomplete"
    questions = {q.id: q for q in library.frameworks["eu-ai-act"].questions}
    assert c.unanswered and all(questions[q].section == "prohibited" for q in c.unanswered)
