"""Findings, severity, dates, waivers, crosswalk credit and coverage."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from aicheck.catalog.library import Library
from aicheck.models.catalog import Crosswalk
from aicheck.models.report import Finding, SystemReport
from tests.scenarios import eu_screening, run

HIGH_RISK = {"annex_iii_area_4": True, "annex_iii_4_a": True, "art6_3_profiling": True}


def finding(report: SystemReport, item: str, kind: str = "gap") -> Finding:
    matches = [f for f in report.findings if f.item == item and f.kind in (kind, "partial")]
    assert len(matches) == 1, matches
    return matches[0]


@pytest.mark.parametrize(
    ("status", "as_of", "lead_time", "severity"),
    [
        # In force (Art. 9 applies to Annex III systems from 2027-12-02).
        (None, dt.date(2028, 1, 1), 12, "critical"),
        ("not_implemented", dt.date(2028, 1, 1), 12, "critical"),
        ("planned", dt.date(2028, 1, 1), 12, "high"),
        ("partial", dt.date(2028, 1, 1), 12, "high"),
        # Within the 12-month lead time, its first day included.
        (None, dt.date(2026, 12, 2), 12, "high"),
        ("not_implemented", dt.date(2027, 12, 1), 12, "high"),
        ("planned", dt.date(2026, 12, 2), 12, "medium"),
        ("partial", dt.date(2026, 12, 2), 12, "medium"),
        # Before the lead time.
        (None, dt.date(2026, 12, 1), 12, "medium"),
        ("partial", dt.date(2026, 12, 1), 12, "low"),
        # Lead time 0: graded higher only once the duty applies, as before issue 13.
        ("not_implemented", dt.date(2027, 12, 1), 0, "medium"),
        ("planned", dt.date(2027, 12, 1), 0, "low"),
        ("partial", dt.date(2027, 12, 1), 0, "low"),
        ("partial", dt.date(2027, 12, 2), 0, "high"),
        ("implemented", dt.date(2028, 1, 1), 12, None),
    ],
)
def test_binding_severity_follows_the_calendar(
    library: Library, status: str | None, as_of: dt.date, lead_time: int, severity: str | None
) -> None:
    controls = {} if status is None else {"eu-ai-act": {"art-9": {"status": status}}}
    report = run(
        library, eu_screening(library, **HIGH_RISK), controls, as_of=as_of, lead_time=lead_time
    )
    art9 = next(c for c in report.controls if c.id == "art-9")
    assert art9.applies_from == dt.date(2027, 12, 2)
    assert art9.in_force is (as_of >= dt.date(2027, 12, 2))
    gaps = [f for f in report.findings if f.item == "art-9" and f.kind in ("gap", "partial")]
    assert [f.severity for f in gaps] == ([] if severity is None else [severity])
    assert art9.severity == severity


@pytest.mark.parametrize(
    ("due", "severity"),
    [
        (None, "medium"),
        (dt.date(2026, 12, 2), "medium"),  # due today: not past it yet
        (dt.date(2026, 12, 1), "high"),  # past its target date: one level up
    ],
)
def test_a_gap_past_its_target_date_rises_one_level(
    library: Library, due: dt.date | None, severity: str
) -> None:
    answer: dict[str, Any] = {"status": "partial"}
    if due is not None:
        answer["due"] = due.isoformat()
    report = run(
        library,
        eu_screening(library, **HIGH_RISK),
        {"eu-ai-act": {"art-9": answer}},
        as_of=dt.date(2026, 12, 2),
    )
    gap = finding(report, "art-9")
    assert (gap.severity, gap.due) == (severity, due)


def test_a_gap_past_its_target_date_never_goes_above_critical(library: Library) -> None:
    answer = {"status": "not_implemented", "due": "2025-01-01"}
    report = run(library, eu_screening(library), {"eu-ai-act": {"art-4": answer}})
    assert finding(report, "art-4").severity == "critical"


def test_annex_i_route_takes_the_later_date(library: Library) -> None:
    annex_i = {"annex_i_product": True, "annex_i_third_party": True, "annex_i_section": "section_a"}
    report = run(library, eu_screening(library, **annex_i))
    art9 = next(c for c in report.controls if c.id == "art-9")
    assert art9.applies_from == dt.date(2028, 8, 2)


def test_voluntary_severity(library: Library) -> None:
    controls = {
        "nist-ai-rmf": {
            "GOVERN-1.1": {"status": "partial"},
            "GOVERN-1.2": {"status": "not_implemented"},
            "GOVERN-1.3": {"status": "implemented"},
        }
    }
    report = run(library, eu_screening(library), controls, frameworks=("nist-ai-rmf",))
    # Below every binding duty in the same state, whatever the calendar says.
    assert finding(report, "GOVERN-1.1").severity == "low"
    assert finding(report, "GOVERN-1.2").severity == "low"
    assert finding(report, "GOVERN-1.4").severity == "low"  # unanswered
    assert not [f for f in report.findings if f.item == "GOVERN-1.3"]


def test_an_adopted_framework_is_graded_as_binding_and_in_force(library: Library) -> None:
    controls = {
        "nist-ai-rmf": {"GOVERN-1.1": {"status": "partial"}, "GOVERN-1.3": {"status": "planned"}}
    }
    frameworks = ("eu-ai-act", "nist-ai-rmf")
    report = run(
        library, eu_screening(library), controls, frameworks=frameworks, adopted=("nist-ai-rmf",)
    )
    assert finding(report, "GOVERN-1.1").severity == "high"
    assert finding(report, "GOVERN-1.2").severity == "critical"  # unanswered
    nist = [c for c in report.controls if c.framework == "nist-ai-rmf"]
    assert nist and all(c.binding and c.in_force for c in nist)
    voluntary = run(library, eu_screening(library), controls, frameworks=frameworks)
    assert finding(voluntary, "GOVERN-1.2").severity == "low"


def test_in_force_binding_gap_is_critical_today(library: Library) -> None:
    report = run(library, eu_screening(library), {"eu-ai-act": {"art-4": {"status": "planned"}}})
    assert finding(report, "art-4").severity == "high"
    report = run(library, eu_screening(library))
    assert finding(report, "art-4").severity == "critical"


def test_not_applicable_needs_no_finding(library: Library) -> None:
    controls = {"eu-ai-act": {"art-4": {"status": "not_applicable", "justification": "why"}}}
    report = run(library, eu_screening(library), controls)
    assert not [f for f in report.findings if f.item == "art-4"]
    coverage = report.coverage[0]
    assert (coverage.applicable, coverage.not_applicable) == (0, 1)


def test_generative_overlay_only_for_content_generators(library: Library) -> None:
    plain = run(library, eu_screening(library), frameworks=("nist-ai-rmf",))
    generative = run(
        library, eu_screening(library), frameworks=("nist-ai-rmf",), generates_content=True
    )
    assert len(plain.controls) == 72
    assert len(generative.controls) == 84


def test_an_organisation_that_builds_nothing_is_not_asked_about_training(
    library: Library,
) -> None:
    """Training energy (MEASURE 2.12), pre-trained models used in development (MANAGE 3.2)
    and the AI 600-1 risks are for those who build or fine-tune the system."""
    for generates in (False, True):
        user = run(
            library,
            eu_screening(library),
            frameworks=("nist-ai-rmf",),
            generates_content=generates,
            builds_system=False,
        )
        ids = {c.id for c in user.controls}
        assert len(ids) == 70
        assert not ids & {"MEASURE-2.12", "MANAGE-3.2"}
        assert not any(i.startswith("GAI-") for i in ids)


def test_oecd_asks_only_the_organisation_principles(library: Library) -> None:
    report = run(library, eu_screening(library), frameworks=("oecd-ai-principles",))
    assert [c.ref for c in report.controls] == [f"OECD 1.{n}" for n in range(1, 6)]


def with_equivalent_link(library: Library, source: str, target: str) -> Library:
    """The shipped catalogs plus a team's own crosswalk with one equivalent link."""
    custom = Library()
    for framework_id, framework in library.frameworks.items():
        custom.add_framework(framework, library.sources[framework_id])
    link = {"source": source, "target": target, "relation": "equivalent"}
    crosswalk = {
        "kind": "crosswalk",
        "format_version": 1,
        "id": "team-crosswalk",
        "title": "Our own mapping",
        "last_checked": "2026-12-02",
        "links": [link],
    }
    custom.add_crosswalk(Crosswalk.model_validate(crosswalk))
    return custom


def test_crosswalk_credit_is_labelled_never_answered(library: Library) -> None:
    # No shipped link is equivalent (issue 14, item 10), so a team's own crosswalk is used.
    custom = with_equivalent_link(library, "eu-ai-act/art-9", "nist-ai-rmf/MANAGE-1.3")
    controls = {"eu-ai-act": {"art-9": {"status": "implemented"}}}
    report = run(
        custom, eu_screening(custom, **HIGH_RISK), controls, frameworks=("eu-ai-act", "nist-ai-rmf")
    )
    credited = next(c for c in report.controls if c.id == "MANAGE-1.3")
    assert credited.state == "covered_by_crosswalk"
    assert credited.covered_by == ("eu-ai-act/art-9",)
    assert not [f for f in report.findings if f.item == "MANAGE-1.3"]
    nist = next(c for c in report.coverage if c.framework == "nist-ai-rmf")
    assert nist.covered_by_crosswalk == 1 and nist.implemented == 0


def test_ai_literacy_does_not_answer_risk_management_training(library: Library) -> None:
    # Art. 4 (support the AI literacy of everyone operating or using AI for the operator,
    # an effort duty since Regulation (EU) 2026/1744) and GOVERN 2.2 (AI risk-management
    # training of staff and partners) overlap but neither implies the other: partial.
    controls = {"eu-ai-act": {"art-4": {"status": "implemented"}}}
    report = run(library, eu_screening(library), controls, frameworks=("eu-ai-act", "nist-ai-rmf"))
    training = next(c for c in report.controls if c.id == "GOVERN-2.2")
    assert (training.state, training.covered_by) == ("unanswered", ())
    assert [f.kind for f in report.findings if f.item == "GOVERN-2.2"] == ["gap"]


def test_partial_links_give_no_credit(library: Library) -> None:
    partial = next(
        link
        for link in library.links
        if link.relation == "partial"
        and link.source.startswith("eu-ai-act/")
        and link.target.startswith("nist-ai-rmf/")
    )
    controls = {"eu-ai-act": {partial.source.split("/")[1]: {"status": "implemented"}}}
    report = run(
        library,
        eu_screening(library, **HIGH_RISK),
        controls,
        frameworks=("eu-ai-act", "nist-ai-rmf"),
    )
    target = next(c for c in report.controls if c.id == partial.target.split("/")[1])
    assert target.state == "unanswered"


def waiver(control: str, expires: str) -> dict[str, Any]:
    return {"control": control, "justification": "j", "approver": "cto", "expires": expires}


def test_active_waiver_hides_the_gap_from_the_gate(library: Library) -> None:
    report = run(library, eu_screening(library), waivers=[waiver("eu-ai-act/art-4", "2027-01-31")])
    gap = finding(report, "art-4")
    assert gap.waived and gap.severity == "critical"
    assert not [f for f in report.findings if f.kind == "waiver_expired"]


def test_expired_waiver_is_a_finding_and_no_longer_waives(library: Library) -> None:
    report = run(library, eu_screening(library), waivers=[waiver("eu-ai-act/art-4", "2026-11-26")])
    assert not finding(report, "art-4").waived
    expired = [f for f in report.findings if f.kind == "waiver_expired"]
    assert [(f.item, f.severity, f.location) for f in expired] == [
        ("art-4", "medium", ("waivers", 0, "expires"))
    ]


def test_stale_answer(library: Library) -> None:
    controls = {"eu-ai-act": {"art-4": {"status": "implemented", "reviewed": "2025-11-26"}}}
    report = run(library, eu_screening(library), controls)
    stale = [f for f in report.findings if f.kind == "stale_answer"]
    assert [(f.item, f.severity) for f in stale] == [("art-4", "low")]
    assert "366 days ago" in stale[0].message
    fresh = {"eu-ai-act": {"art-4": {"status": "implemented", "reviewed": "2025-11-27"}}}
    assert not [
        f for f in run(library, eu_screening(library), fresh).findings if f.kind == "stale_answer"
    ]


def test_evidence_states_become_findings(library: Library) -> None:
    controls = {
        "eu-ai-act": {
            "art-4": {"status": "implemented", "evidence": ["a.md", "../../etc/passwd", "b.md"]}
        }
    }
    report = run(
        library,
        eu_screening(library),
        controls,
        evidence={"a.md": "ok", "../../etc/passwd": "outside", "b.md": "missing"},
    )
    got = [(f.kind, f.severity, f.location[-1]) for f in report.findings if f.item == "art-4"]
    assert got == [
        ("evidence_outside_repository", "medium", 1),
        ("missing_evidence", "medium", 2),
    ]


def test_coverage_per_function(library: Library) -> None:
    controls = {"nist-ai-rmf": {f"GOVERN-1.{n}": {"status": "implemented"} for n in range(1, 8)}}
    report = run(library, eu_screening(library), controls, frameworks=("nist-ai-rmf",))
    groups = {g.id: (g.met, g.applicable) for g in report.coverage[0].groups}
    assert groups["GOVERN"] == (7, 19)
    assert groups["GOVERN-1"] == (7, 7)
    assert groups["MAP"] == (0, 18)


def test_deadlines_list_upcoming_dates_only(library: Library) -> None:
    report = run(library, eu_screening(library, **HIGH_RISK))
    assert [(d.date.isoformat(), d.framework) for d in report.deadlines] == [
        ("2027-12-02", "eu-ai-act")
    ]
    later = run(library, eu_screening(library, **HIGH_RISK), as_of=dt.date(2028, 1, 1))
    assert later.deadlines == ()


def test_findings_are_ordered_by_severity_then_catalog_order(library: Library) -> None:
    report = run(
        library,
        eu_screening(library, **HIGH_RISK),
        frameworks=("eu-ai-act", "nist-ai-rmf"),
        as_of=dt.date(2028, 1, 1),
    )
    ranks = ["critical", "high", "medium", "low"]
    catalog = {
        (fid, item): i
        for fid in report.frameworks
        for i, item in enumerate(
            [q.id for q in library.frameworks[fid].questions]
            + [c.id for c in library.frameworks[fid].controls]
        )
    }
    keys = [
        (
            ranks.index(f.severity),
            report.frameworks.index(f.framework),
            -1 if f.item is None else catalog[(f.framework, f.item)],
        )
        for f in report.findings
    ]
    assert keys == sorted(keys)
    assert len({f.item for f in report.findings}) > 10  # a real list, not a trivial one
    nist = [f.ref for f in report.findings if f.framework == "nist-ai-rmf"]
    # Catalog order, not text order: MAP before MEASURE, 2.2 before 2.10.
    assert nist.index("MAP 1.1") < nist.index("MEASURE 1.1")
    assert nist.index("MEASURE 2.2") < nist.index("MEASURE 2.10")


def test_unanswered_screening_of_any_framework_is_a_finding(library: Library) -> None:
    report = run(
        library,
        eu_screening(library),
        frameworks=("nist-ai-rmf",),
        generates_content=None,
    )
    incomplete = [f for f in report.findings if f.kind == "screening_incomplete"]
    # Voluntary: low, below a binding framework's unanswered screening (high).
    assert [(f.framework, f.severity) for f in incomplete] == [("nist-ai-rmf", "low")]
    assert "generates_content" in incomplete[0].message
    assert report.coverage[0].pending == 12
    adopted = run(
        library,
        eu_screening(library),
        frameworks=("nist-ai-rmf",),
        generates_content=None,
        adopted=("nist-ai-rmf",),
    )
    incomplete = [f for f in adopted.findings if f.kind == "screening_incomplete"]
    assert [(f.framework, f.severity) for f in incomplete] == [("nist-ai-rmf", "high")]


def test_new_omnibus_prohibition_counts_from_its_own_date(library: Library) -> None:
    before = run(library, eu_screening(library, art5_1_ba=True), as_of=dt.date(2026, 12, 1))
    after = run(library, eu_screening(library, art5_1_ba=True), as_of=dt.date(2026, 12, 2))
    assert before.classification is not None and after.classification is not None
    assert (before.classification.tier, after.classification.tier) == ("minimal", "prohibited")
    bans = [r.conclusion for r in before.classification.reasons if r.refs == ("Art. 5(1)(ba)",)]
    assert bans == ["prohibited from 2026-12-02"]
    banned = [(f.kind, f.severity) for f in before.findings if f.item == "art5_1_ba"]
    assert banned == [("prohibited_practice", "high")]
    banned = [(f.kind, f.severity) for f in after.findings if f.item == "art5_1_ba"]
    assert banned == [("prohibited_practice", "critical")]


def test_models_placed_before_august_2025_get_until_2027(library: Library) -> None:
    gpai = {"gpai_model": True, "gpai_compute": 1e24}
    new = run(library, eu_screening(library, **gpai))
    legacy = run(library, eu_screening(library, gpai_placed_before_2025_08_02=True, **gpai))
    dates = {c.id: c.applies_from for c in new.controls}
    legacy_dates = {c.id: c.applies_from for c in legacy.controls}
    assert dates["art-53-1-c"] == dt.date(2025, 8, 2)
    assert legacy_dates["art-53-1-c"] == dt.date(2027, 8, 2)
    assert finding(new, "art-53-1-c").severity == "critical"
    # 2027-08-02 is within the 12-month lead time of the tests' date, 2026-11-27.
    assert finding(legacy, "art-53-1-c").severity == "high"
    later = run(
        library,
        eu_screening(library, gpai_placed_before_2025_08_02=True, **gpai),
        lead_time=6,
    )
    assert finding(later, "art-53-1-c").severity == "medium"


def test_an_unanswered_question_never_postpones_an_obligation(library: Library) -> None:
    both = {
        "annex_i_product": True,
        "annex_i_third_party": True,
        "annex_i_section": "section_a",
        "annex_iii_area_4": True,
        "annex_iii_4_a": None,
    }
    report = run(library, eu_screening(library, **both), as_of=dt.date(2028, 1, 1))
    art9 = next(c for c in report.controls if c.id == "art-9")
    assert (art9.applies_from, art9.in_force) == (dt.date(2027, 12, 2), True)
    assert finding(report, "art-9").severity == "critical"


def test_coverage_totals_agree_with_their_groups(library: Library) -> None:
    controls = {"nist-ai-rmf": {"GOVERN-1.1": {"status": "implemented"}}}
    report = run(
        library,
        eu_screening(library),
        controls,
        frameworks=("nist-ai-rmf",),
        waivers=[waiver("nist-ai-rmf/GOVERN-1.2", "2027-01-31")],
    )
    cov = report.coverage[0]
    top = [g for g in cov.groups if g.parent is None]
    assert cov.met == sum(g.met for g in top) == 1


def test_a_review_date_after_the_assessment_date_is_a_finding(library: Library) -> None:
    answers = {"eu-ai-act": {"art-4": {"status": "implemented", "reviewed": "2062-01-05"}}}
    report = run(library, eu_screening(library), controls=answers)
    future = [f for f in report.findings if f.kind == "review_date_in_future"]
    assert [(f.rule, f.severity, f.item, f.location) for f in future] == [
        (
            "aicheck/review-date-in-future",
            "low",
            "art-4",
            ("controls", "eu-ai-act", "art-4", "reviewed"),
        )
    ]
    assert future[0].message == (
        "Art. 4: reviewed date 2062-01-05 is after the assessment date 2026-11-27"
    )
    assert not [f for f in report.findings if f.kind == "stale_answer"]
