"""EU AI Act rules from the legal review of issue 14, each pinned by the scenario it fixes.

Each test names the provision it follows; the research behind them is summarised in the
commit messages.  Answers are built on "everything no, provider" (tests/scenarios.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from aicheck.catalog.library import Library
from aicheck.models.report import ControlResult, SystemReport
from tests.conftest import AS_OF
from tests.helpers import invoke
from tests.scenarios import eu_screening, run


def controls(report: SystemReport) -> dict[str, ControlResult]:
    return {c.id: c for c in report.controls}


def assess(library: Library, as_of: dt.date = AS_OF, **answers: Any) -> SystemReport:
    return run(library, eu_screening(library, **answers), as_of=as_of)


def test_art_6_4_and_49_2_wait_for_the_annex_iii_date(library: Library) -> None:
    # Art. 113, third paragraph, point (c)(i): Art. 6 applies to Annex III systems from
    # 2027-12-02, so documenting (6(4)) and registering (49(2)) a "not high-risk" conclusion
    # cannot be due earlier.
    report = assess(library, annex_iii_area_3=True, annex_iii_3_b=True, art6_3_b=True)
    found = controls(report)
    for control_id in ("art-6-4", "art-49-2"):
        control = found[control_id]
        assert (control.applies_from, control.in_force) == (dt.date(2027, 12, 2), False)
        assert control.severity == "medium"
    (deadline,) = [d for d in report.deadlines if d.date == dt.date(2027, 12, 2)]
    assert {"Art. 6(4)", "Art. 49(2)"} <= set(deadline.refs)


def test_the_new_bans_separate_the_system_from_its_use(library: Library) -> None:
    # Art. 5(1a): placing on the market is banned for the purpose or an unguarded,
    # foreseeable outcome (a); use only when the deployer uses it for that purpose (b).
    today = dt.date(2026, 12, 2)
    used = assess(library, as_of=today, roles=["deployer"], art5_1_ba_use=True)
    assert used.classification is not None and used.classification.tier == "prohibited"
    findings = [(f.kind, f.ref) for f in used.findings if f.kind == "prohibited_practice"]
    assert findings == [("prohibited_practice", "Art. 5(1)(ba)")]
    # A deployer is not asked about the system's design, a provider not about its own use.
    deployer = assess(library, as_of=today, roles=["deployer"], art5_1_ba=None, art5_1_bb=None)
    provider = assess(library, as_of=today, art5_1_ba_use=None, art5_1_bb_use=None)
    for report in (deployer, provider):
        assert report.classification is not None
        assert (report.classification.tier, report.classification.unanswered) == ("minimal", ())
    both = assess(library, as_of=today, roles=["provider", "deployer"], art5_1_bb_use=None)
    assert both.classification is not None
    assert both.classification.unanswered == ("art5_1_bb_use",)
    # Before 2 December 2026 the system ban is announced, not concluded.
    early = assess(library, art5_1_ba=True).classification
    assert early is not None and early.tier == "minimal"
    assert "prohibited from 2026-12-02" in [r.conclusion for r in early.reasons]


def test_a_model_providers_representative_has_its_own_tasks(library: Library) -> None:
    # Art. 54(3): the authorised representative of a non-EU model provider verifies the
    # documentation, keeps it for 10 years and cooperates with the AI Office.
    model = {"gpai_model": True, "gpai_compute": 1e24, "established_outside_eu": True}
    representative = assess(library, roles=["authorised_representative"], **model)
    provider = assess(library, roles=["provider"], **model)
    assert "art-54-3" in controls(representative) and "art-54" not in controls(representative)
    assert "art-54" in controls(provider) and "art-54-3" not in controls(provider)
    exempt = assess(library, roles=["authorised_representative"], gpai_open_source=True, **model)
    assert "art-54-3" not in controls(exempt)  # Art. 54(6)


def test_deployers_of_annex_iii_systems_explain_decisions(library: Library) -> None:
    # Art. 86: explanation of individual decisions, for Annex III systems except point 2,
    # from the Annex III date (Art. 113, third paragraph, point (c)(i)).
    hiring = assess(library, roles=["deployer"], annex_iii_area_4=True, annex_iii_4_a=True)
    explain = controls(hiring)["art-86"]
    assert (explain.applies_from, explain.in_force, explain.penalty) == (
        dt.date(2027, 12, 2),
        False,
        None,
    )
    grid = assess(library, roles=["deployer"], annex_iii_area_2=True, annex_iii_2=True)
    assert "art-86" not in controls(grid)
    provider = assess(library, annex_iii_area_4=True, annex_iii_4_a=True)
    assert "art-86" not in controls(provider)


def test_small_mid_caps_are_relieved_for_art_99_4_and_5_only(library: Library) -> None:
    # Art. 99(6a), inserted by Regulation (EU) 2026/1744: "In the case of SMCs, each fine
    # referred to in paragraphs 4 and 5" is capped at the lower amount; not paragraph 3.
    penalties = {p.id: p for p in library.frameworks["eu-ai-act"].penalties}
    assert penalties["art-99-3"].smaller_firms == (
        "for SMEs and start-ups, whichever is lower (Art. 99(6)); "
        "small mid-caps are not relieved for this paragraph (Art. 99(6a))"
    )
    for penalty_id in ("art-99-4", "art-99-5"):
        assert penalties[penalty_id].smaller_firms == (
            "for SMEs, start-ups and small mid-caps, whichever is lower (Art. 99(6), 99(6a))"
        )
    assert "Art. 25(2) and (4)" in penalties["art-99-4"].summary  # Art. 99(4)(da)
    report = assess(library, annex_iii_area_4=True, annex_iii_4_a=True)
    (gap,) = [f for f in report.findings if f.item == "art-9"]
    assert gap.penalty is not None and "small mid-caps" in gap.penalty


def test_help_texts_follow_the_amended_text(library: Library) -> None:
    eu = {q.id: q for q in library.frameworks["eu-ai-act"].questions}
    # Annex I as amended: machinery moved to Section B (point 21), vehicles always were;
    # neither is an example of the Section A route.
    section_a = eu["annex_i_product"].help.split("Section A", 1)[1].split(";", 1)[0]
    assert "vehicle" not in section_a and "machinery" not in section_a
    assert "Art. 6(1a)" in eu["annex_i_product"].help
    assert "Art. 6(1c)" in eu["annex_i_third_party"].help  # radio spectrum only: not (1)(b)
    # Annex III(1)(a) excludes verification; recitals 15 and 17 name premises access.
    assert "access to premises" in eu["annex_iii_1_a"].help
    # Art. 4 as amended: "take measures to support the development of AI literacy".
    literacy = {c.id: c for c in library.frameworks["eu-ai-act"].controls}["art-4"]
    assert "support the AI literacy" in literacy.question


def tier(report: SystemReport) -> str:
    assert report.classification is not None
    return report.classification.tier


def cited(report: SystemReport) -> set[str]:
    assert report.classification is not None
    return {ref for reason in report.classification.reasons for ref in reason.refs}


def test_personal_use_relieves_only_a_natural_person_deployer(library: Library) -> None:
    # Art. 2(10): the Act "does not apply to obligations of deployers who are natural
    # persons" in purely personal use; it never takes a provider out of scope.
    provider = assess(library, excl_personal=True, art50_1_interaction=True)
    assert tier(provider) == "transparency" and "art-50-1" in controls(provider)
    private = assess(library, roles=["deployer"], excl_personal=True, art50_4_deepfake=True)
    assert tier(private) == "out_of_scope" and "Art. 2(10)" in cited(private)
    assert controls(private) == {}
    both = assess(
        library,
        roles=["provider", "deployer"],
        excl_personal=True,
        art50_1_interaction=True,
        art50_4_deepfake=True,
    )
    assert "art-50-1" in controls(both) and "art-50-4-deepfake" not in controls(both)
    assert "Art. 2(10)" in cited(both)


SECTION = {"annex_i_product": True, "annex_i_third_party": True}


def test_annex_i_section_b_products_get_only_art_6_1_and_102_to_112(library: Library) -> None:
    # Art. 2(2) as amended: for Section B products "only Article 6(1), Article 60a and
    # Articles 102 to 112" apply; no Chapter III duty, and (decision D4) no Art. 4 or 50.
    b = assess(library, annex_i_section="section_b", art50_1_interaction=True, **SECTION)
    assert tier(b) == "high_risk" and "Art. 2(2)" in cited(b)
    assert not {"art-9", "art-16", "art-43", "art-72", "art-4", "art-50-1"} & set(controls(b))
    a = assess(library, annex_i_section="section_a", **SECTION)
    assert controls(a)["art-9"].applies_from == dt.date(2028, 8, 2)
    # Unknown section: high-risk either way, its duties wait for the answer.
    unknown = assess(library, annex_i_section=None, **SECTION)
    assert tier(unknown) == "high_risk" and "art-9" not in controls(unknown)
    assert unknown.classification is not None
    assert unknown.classification.unanswered == ("annex_i_section",)
    # An Annex III route is not lifted by Art. 2(2).
    both = assess(
        library, annex_i_section="section_b", annex_iii_area_4=True, annex_iii_4_a=True, **SECTION
    )
    assert "art-9" in controls(both) and "art-4" in controls(both)
    # A ban is never lifted silently: Art. 5 still concludes, with a review note.
    banned = assess(library, annex_i_section="section_b", art5_1_a=True, **SECTION)
    assert tier(banned) == "prohibited" and "Art. 2(2)" in cited(banned)
    assert "art-4" in controls(banned)  # the limitation is only claimed next to a ban


def test_whoever_brands_modifies_or_repurposes_becomes_the_provider(library: Library) -> None:
    # Art. 25(3): a product manufacturer shipping a Section A safety component under its
    # own name is its provider; Art. 25(1)(c): a deployer who makes a system high-risk is.
    maker = assess(library, roles=["product_manufacturer"], annex_i_section="section_a", **SECTION)
    assert {"art-9", "art-16", "art-43"} <= set(controls(maker))
    assert "Art. 25(3)" in cited(maker)
    repurposed = assess(
        library,
        roles=["deployer"],
        annex_iii_area_4=True,
        annex_iii_4_a=True,
        becomes_provider=["changed_purpose"],
    )
    assert {"art-9", "art-16", "art-43", "art-49-1", "art-26"} <= set(controls(repurposed))
    assert "Art. 25(1)(c)" in cited(repurposed)
    assert repurposed.classification is not None
    assert repurposed.classification.roles == ("deployer",)
    plain = assess(library, roles=["deployer"], annex_iii_area_4=True, annex_iii_4_a=True,
                   becomes_provider=[])  # fmt: skip
    assert "art-9" not in controls(plain)
    open_ = assess(library, roles=["deployer"], annex_iii_area_4=True, annex_iii_4_a=True,
                   becomes_provider=None)  # fmt: skip
    assert tier(open_) == "high_risk"
    assert open_.classification is not None
    assert open_.classification.unanswered == ("becomes_provider",)


def test_no_link_to_the_union_comes_before_everything(library: Library) -> None:
    # Art. 2(1): without a link to the Union the Act does not apply, Art. 5 included.
    outside = assess(library, art5_1_c=True, union_nexus=False)
    assert outside.classification is not None
    assert (tier(outside), outside.classification.unanswered) == ("out_of_scope", ())
    assert not [f for f in outside.findings if f.kind == "prohibited_practice"]
    assert {"Art. 2(1)", "Art. 5(1)(c)"} <= cited(outside)
    only = run(library, {"union_nexus": False}).classification
    assert only is not None and (only.tier, only.unanswered) == ("out_of_scope", ())
    # An exclusion claimed next to a ban does not lift it; it needs legal review.
    military = assess(library, excl_military=True, art5_1_c=True)
    assert tier(military) == "prohibited" and "Art. 2(3)" in cited(military)
    # Unknown nexus with a ban answered yes: fail closed.
    unknown = run(library, {"art5_1_c": True}).classification
    assert unknown is not None and unknown.tier == "prohibited"


def test_the_classification_says_why_the_act_applies(library: Library) -> None:
    # Art. 2(1)(a)-(f): the points that bring the system in.
    report = assess(library, roles=["importer"], union_nexus_basis=["eu_market"])
    assert report.classification is not None
    (applies,) = [r for r in report.classification.reasons if "union_nexus" in r.answers]
    assert applies.refs == ("Art. 2(1)(a)", "Art. 2(1)(d)")
    unanswered = assess(library, roles=["deployer"], union_nexus_basis=None)
    assert unanswered.classification is not None and unanswered.classification.unanswered == ()
    assert "Art. 2(1)" in cited(unanswered)


def test_a_reason_that_does_not_hold_is_not_given(library: Library) -> None:
    hiring = {"annex_iii_area_4": True, "annex_iii_4_a": True}
    for outside in ({"union_nexus": False}, {"excl_research": True}):
        report = assess(library, **hiring, **outside)
        assert tier(report) == "out_of_scope"
        assert "Annex III(4)(a)" not in cited(report)


def test_prohibited_means_stop(library: Library) -> None:
    # Art. 5: no compliance route, so Chapter III and Art. 50 duties are moot; Art. 99(3).
    report = assess(
        library,
        art5_1_c=True,
        annex_iii_area_4=True,
        annex_iii_4_a=True,
        art50_1_interaction=True,
    )
    assert tier(report) == "prohibited"
    assert not {"art-9", "art-16", "art-50-1"} & set(controls(report))
    assert "art-4" in controls(report)  # decision D6
    (ban,) = [f for f in report.findings if f.kind == "prohibited_practice"]
    assert ban.penalty is not None
    assert ban.penalty.startswith("Art. 99(3): fines up to EUR 35,000,000 or 7%")


def test_unknown_training_compute_leaves_only_the_model_dimension_open(library: Library) -> None:
    # Art. 51(2), 52(1): the system's tier does not depend on the model's compute.
    report = assess(library, gpai_model=True, gpai_compute=None)
    c = report.classification
    assert c is not None and (c.tier, c.gpai) == ("minimal", "incomplete")
    assert "gpai_compute" in c.unanswered
    assert [f.kind for f in report.findings if f.kind == "screening_incomplete"] != []
    assert "Art. 52(1)" in cited(report)


def test_notification_follows_the_compute_presumption_not_designation(library: Library) -> None:
    # Art. 52(1) applies to a model meeting Art. 51(1)(a); designation (51(1)(b)) does not.
    designated = assess(library, gpai_model=True, gpai_compute=1e23, gpai_designated=True)
    assert "art-52" not in controls(designated) and "art-55-1-a" in controls(designated)
    presumed = assess(library, gpai_model=True, gpai_compute=2e25)
    assert "art-52" in controls(presumed)


def test_a_rules_engine_written_by_people_is_not_an_ai_system(library: Library) -> None:
    # Art. 3(1): inference is the key trait; fixed rules defined by people are out.
    rules = assess(library, ai_system=False)
    c = rules.classification
    assert c is not None and (c.tier, c.unanswered) == ("out_of_scope", ())
    assert "Art. 3(1)" in cited(rules) and rules.controls == ()
    model = assess(library, ai_system=False, gpai_model=True, gpai_compute=1e24)
    assert model.classification is not None and model.classification.gpai == "gpai"
    assert "art-53-1-c" in controls(model)
    banned = assess(library, ai_system=False, art5_1_c=True)  # decision D10
    assert tier(banned) == "prohibited" and "Art. 3(1)" in cited(banned)
    unanswered = assess(library, ai_system=None)  # decision D8: read as an AI system
    assert tier(unanswered) == "minimal"


LEGACY = {"annex_iii_area_4": True, "annex_iii_4_a": True}


def test_high_risk_systems_already_on_the_market(library: Library) -> None:
    # Art. 111(2) as replaced: caught only after a significant change in design, and by
    # 2 August 2030 when intended for public authorities; Art. 4, 50 stay (decision D11).
    kept = assess(library, hr_legacy="legacy_unchanged", hr_legacy_public_authorities=False,
                  art50_1_interaction=True, **LEGACY)  # fmt: skip
    assert tier(kept) == "high_risk" and "Art. 111(2)" in cited(kept)
    assert not {"art-9", "art-16"} & set(controls(kept))
    assert {"art-4", "art-50-1"} <= set(controls(kept))
    public = assess(library, hr_legacy="legacy_unchanged", hr_legacy_public_authorities=True,
                    **LEGACY)  # fmt: skip
    assert controls(public)["art-9"].applies_from == dt.date(2030, 8, 2)
    unanswered = assess(library, hr_legacy=None, **LEGACY)  # decision D9: not legacy
    assert "art-9" in controls(unanswered)


def legacy_reason(report: SystemReport) -> str:
    assert report.classification is not None
    (reason,) = [r for r in report.classification.reasons if "Art. 111(2)" in r.refs]
    return reason.conclusion


def test_a_planned_redesign_brings_the_rules_from_the_change(library: Library) -> None:
    # Art. 111(2): such systems are caught "only if, as from that date, those systems are
    # subject to significant changes in their designs"; the date is in the future, so a
    # change can only be planned, and the duties run from it.  Until its day is given they
    # are dated from the route's date (Art. 113, third paragraph, point (c)), the earliest
    # they could apply; tests/test_legacy_change_date.py covers the day given.
    hiring = assess(library, hr_legacy="legacy_change_planned", **LEGACY)
    assert controls(hiring)["art-9"].applies_from == dt.date(2027, 12, 2)
    assert legacy_reason(hiring) == (
        "on the market before its high-risk rules apply, with a significant change in design "
        "planned: the high-risk rules apply from that change; aicheck dates them from "
        "2027-12-02, the earliest they could; give the day of the change in "
        "hr_legacy_change_date"
    )
    lift = assess(library, hr_legacy="legacy_change_planned", annex_i_section="section_a",
                  **SECTION)  # fmt: skip
    assert controls(lift)["art-9"].applies_from == dt.date(2028, 8, 2)
    assert legacy_reason(lift).endswith(
        "aicheck dates them from 2028-08-02, the earliest they could; give the day of the "
        "change in hr_legacy_change_date"
    )


def test_relying_on_art_111_2_asks_for_counsel(library: Library) -> None:
    # Art. 3(9), 3(11): which "placing on the market" or "putting into service" counts
    # (new customers, a deployer starting later, a rebrand) is not settled by the text.
    for public in (False, True):
        kept = assess(library, hr_legacy="legacy_unchanged",
                      hr_legacy_public_authorities=public, **LEGACY)  # fmt: skip
        assert legacy_reason(kept).endswith(
            "confirm with counsel that it counts as placed on the market or put into service "
            "before then"
        )
    help_text = {q.id: q for q in library.frameworks["eu-ai-act"].questions}["hr_legacy"].help
    for open_point in ("new customers", "first putting an older system into service", "rebrand"):
        assert open_point in help_text


def test_a_section_b_product_is_not_asked_about_art_111_2(library: Library) -> None:
    # Art. 2(2): a Section B product has no high-risk duty that Art. 111(2) could hold back.
    b = assess(library, annex_i_section="section_b", hr_legacy="legacy_unchanged", **SECTION)
    assert "Art. 111(2)" not in cited(b)
    assert not [a for a in b.screening if a.id == "hr_legacy"]


def test_the_old_redesigned_answer_says_what_to_write(library: Library, tmp_path: Path) -> None:
    answers = tmp_path / "aicheck.yaml"
    screening = eu_screening(library, hr_legacy="legacy_redesigned", **LEGACY)
    document = {"aicheck": 1, "system": {"name": "Ranker"}, "frameworks": ["eu-ai-act"]}
    answers.write_text(yaml.safe_dump({**document, "screening": {"eu-ai-act": screening}}))
    result = invoke(["check", str(answers), "--as-of", "2026-12-02"])
    assert result.exit_code == 2
    line = next(x for x in result.output.splitlines() if "hr_legacy" in x)
    assert line.endswith(
        "hr_legacy: 'legacy_redesigned' is no longer an answer: Art. 111(2) counts a "
        "significant change in design only from the date the high-risk rules apply "
        "(2 December 2027 for Annex III, 2 August 2028 for Annex I); write "
        "legacy_change_planned if such a change is planned, or legacy_unchanged if not"
    )


def conclusions(report: SystemReport) -> list[tuple[str, tuple[str, ...]]]:
    assert report.classification is not None
    return [(r.conclusion, r.refs) for r in report.classification.reasons]


def test_reasons_that_do_not_hold_for_the_outcome_are_not_printed(library: Library) -> None:
    # Art. 2(2): for a Section B product "only" Art. 6(1), 60a and 102 to 112 apply, so an
    # Art. 50 situation is no reason; Art. 2(10): a private person's deployer paragraphs
    # (Art. 50(3), 50(4)) are none either; with Annex III too, the output must not say
    # both "only ... apply" and list the Annex III duties.
    chatbot = assess(library, annex_i_section="section_b", art50_1_interaction=True, **SECTION)
    assert ("transparency duty", ("Art. 50(1)",)) not in conclusions(chatbot)
    assert "Art. 50(1)" not in cited(chatbot)
    private = assess(library, as_of=dt.date(2026, 12, 2), roles=["deployer"],
                     excl_personal=True, art50_4_deepfake=True, art5_1_ba_use=True)  # fmt: skip
    assert tier(private) == "prohibited" and "Art. 50(4)" not in cited(private)
    both = assess(library, roles=["provider", "deployer"], excl_personal=True,
                  art50_1_interaction=True, art50_4_deepfake=True)  # fmt: skip
    assert ("transparency duty", ("Art. 50(1)",)) in conclusions(both)
    assert "Art. 50(4)" not in cited(both)
    emotion = assess(library, annex_i_section="section_b", annex_iii_area_1=True,
                     annex_iii_1_c=True, **SECTION)  # fmt: skip
    assert "art-9" in controls(emotion)
    section_b = [c for c, refs in conclusions(emotion) if refs == ("Art. 2(2)",)]
    assert section_b == [
        "the Art. 6(1) route brings no duty under this Act (Annex I Section B); the Annex III "
        "route applies, read strictly: confirm with counsel"
    ]


def check_text(tmp_path: Path, screening: dict[str, Any], *args: str) -> list[str]:
    """Run ``aicheck check`` on a real answers file; the output lines."""
    answers = tmp_path / "aicheck.yaml"
    document = {"aicheck": 1, "system": {"name": "Scorer"}, "frameworks": ["eu-ai-act"]}
    answers.write_text(yaml.safe_dump({**document, "screening": {"eu-ai-act": screening}}))
    result = invoke(["check", str(answers), "--as-of", "2026-12-02", *args])
    assert result.exit_code in (0, 1), result.output
    return result.output.splitlines()


def test_not_an_ai_system_is_a_claim_to_review(library: Library, tmp_path: Path) -> None:
    # Art. 3(1): a credit scorer built on logistic regression still infers its outputs;
    # the team's "no" lifts every duty, so the report says to have it reviewed.
    help_text = {q.id: q for q in library.frameworks["eu-ai-act"].questions}["ai_system"].help
    assert "logistic regression" in help_text and "scores, ranks, classifies" in help_text
    scorer = eu_screening(library, ai_system=False, annex_iii_area_5=True, annex_iii_5_b=True)
    lines = check_text(tmp_path, scorer)
    assert "Findings: 0 critical, 0 high, 1 medium, 0 low" in lines
    assert (
        "  MEDIUM   answered no: out of scope on the team's own reading of Art. 3(1); it sets "
        "aside the answers under Annex III(5)(b); the claim needs review"
    ) in lines
    rules_engine = check_text(tmp_path, eu_screening(library, ai_system=False))
    assert "Findings: 0 critical, 0 high, 0 medium, 1 low" in rules_engine
    assert (
        "  LOW      answered no: out of scope on the team's own reading of Art. 3(1); the claim "
        "needs review"
    ) in rules_engine


def test_a_private_person_can_reach_art_2_10(library: Library, tmp_path: Path) -> None:
    # Art. 2(10) relieves "deployers who are natural persons" in purely personal use: the
    # roles question must lead a private person there, and "no role" is not "unanswered".
    roles = {q.id: q for q in library.frameworks["eu-ai-act"].questions}["roles"]
    assert "private person" in roles.text
    (deployer,) = [o for o in roles.options if o.value == "deployer"]
    assert "private person" in deployer.label and "professional" not in deployer.label
    none = check_text(tmp_path, eu_screening(library, roles=[], art50_4_deepfake=True))
    assert "  roles: none; not a general-purpose AI model" in none
    open_ = check_text(tmp_path, eu_screening(library, roles=None, art50_4_deepfake=True))
    assert "  roles: not answered; not a general-purpose AI model" in open_


def test_the_third_party_question_carries_the_art_6_1c_condition(
    library: Library, tmp_path: Path
) -> None:
    # Art. 6(1c): a notified body needed "solely due to risks other than risks to health and
    # safety", such as radio spectrum, does not meet Art. 6(1)(b). A user who never opens
    # the help reads only the question, so the condition is in it.
    radio = eu_screening(library, annex_i_product=True, annex_i_third_party=False)
    lines = check_text(tmp_path, radio, "--format", "markdown")
    (row,) = [line for line in lines if line.startswith("| Art. 6(1)(b) |")]
    assert row == (
        "| Art. 6(1)(b) | Does that product law require a notified body to assess the product "
        "for health or safety risks? (One needed only for radio spectrum or electromagnetic "
        "interference does not count.) | no |"
    )


def help_of(library: Library, question_id: str) -> str:
    return {q.id: q for q in library.frameworks["eu-ai-act"].questions}[question_id].help or ""


def label_of(library: Library, question_id: str, value: str) -> str:
    question = {q.id: q for q in library.frameworks["eu-ai-act"].questions}[question_id]
    (option,) = [o for o in question.options if o.value == value]
    return option.label


def test_wording_follows_the_provisions_it_cites(library: Library) -> None:
    # Issue 6: Annex I Section B has civil aviation security (point 13) and unmanned
    # aircraft (point 20), not aviation as such; an avionics maker must not answer yes.
    annex_i = help_of(library, "annex_i_product")
    assert "civil aviation security" in annex_i and "unmanned aircraft" in annex_i
    assert " aviation," not in annex_i.replace("civil aviation security", "")
    # Issue 8: Art. 25(1)(a) is "without prejudice to contractual arrangements".
    assert "contract that allocates" in help_of(library, "becomes_provider")
    art_25 = {c.id: c for c in library.frameworks["eu-ai-act"].controls}["art-25"]
    assert "Art. 25(1)(a)" in art_25.summary and "contract" in art_25.summary
    # Issue 10: Art. 2(1)(b) brings in the deployer established or located in the Union.
    assert "as its deployer" in label_of(library, "union_nexus_basis", "eu_deployer")
    # Issue 11: a product manufacturer is told it is the provider; Art. 51(1)(a) by evaluation.
    assert "treated as the provider" in label_of(library, "roles", "product_manufacturer")
    assert "Art. 51(1)(a)" in help_of(library, "gpai_compute")
    # Issue 13: the "without right" defence of Art. 5(1)(bb), Art. 5(1b) for the deployer,
    # and Arts. 102 to 110 for Section B.
    for bb in ("art5_1_bb", "art5_1_bb_use"):
        assert '"without right" defence' in " ".join(help_of(library, bb).split())
    assert "Art. 5(1b)" in help_of(library, "art5_1_ba_use")
    assert "Arts. 102 to 110" in help_of(library, "annex_i_section")
    # The CV trial: a provider that retrains every quarter could not tell whether that is
    # a significant change in design under Art. 111(2); the help says how it is read.
    legacy = " ".join(help_of(library, "hr_legacy").split())
    assert "retraining on new data with the same architecture" in legacy


def test_private_use_of_a_nudify_app_cites_the_definition_of_deployer(library: Library) -> None:
    # Issue 9: the use ban reaches deployers (Art. 5(1a)(b)), and personal non-professional
    # use is outside "deployer" (Art. 3(4)); the ban stands until counsel confirms.
    private = assess(library, as_of=dt.date(2026, 12, 2), roles=["deployer"],
                     excl_personal=True, art5_1_ba_use=True)  # fmt: skip
    assert tier(private) == "prohibited"
    (claim,) = [c for c, refs in conclusions(private) if "Art. 3(4)" in refs]
    assert claim.startswith("claimed: purely personal, non-professional use; the use ban")
    assert claim.endswith("other law, including criminal law, may still apply")


def test_tier_labels_do_not_contradict_the_duties(library: Library, tmp_path: Path) -> None:
    # Issue 12: a model provider has Chapter V duties (Art. 53), so "no specific obligations"
    # is wrong; Art. 50(1) binds the provider, not the deployer of a vendor's chatbot.
    model = eu_screening(library, gpai_model=True, gpai_compute=1e23)
    assert (
        "EU AI Act: Minimal risk as an AI system; the general-purpose AI model's duties are "
        "listed on their own"
    ) in check_text(tmp_path, model)
    vendor_bot = eu_screening(library, roles=["deployer"], art50_1_interaction=True)
    assert (
        # The last web-shop trial: a signer must read plainly that it is not high-risk.
        "EU AI Act: Not high-risk: a transparency situation (Art. 50) whose duties fall on the "
        "system's provider, not on your role"
    ) in check_text(tmp_path, vendor_bot)
    own_bot = eu_screening(library, art50_1_interaction=True)
    assert "EU AI Act: Transparency obligations (Art. 50)" in check_text(tmp_path, own_bot)
    nobody = eu_screening(library, roles=[], art50_1_interaction=True)
    assert (
        "EU AI Act: Transparency obligations (Art. 50); no role picked, so no duties for you "
        "are listed"
    ) in check_text(tmp_path, nobody)


def test_a_deployer_is_told_art_50_1_is_the_providers(library: Library) -> None:
    # Art. 50(1) and 50(2) bind the provider: for a deployer of a vendor's chatbot they are
    # the provider's duties, not a reason that binds the answerer (review issue 12).
    vendor_bot = assess(library, roles=["deployer"], art50_1_interaction=True)
    assert conclusions(vendor_bot)[-1] == (
        "transparency duty of the system's provider, not yours",
        ("Art. 50(1)",),
    )
    own_bot = assess(library, art50_1_interaction=True)
    assert conclusions(own_bot)[-1] == ("transparency duty", ("Art. 50(1)",))
