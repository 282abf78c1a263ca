"""The shipped catalogs load, and their facts match the reference identifiers."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from aicheck.catalog.library import Library
from aicheck.catalog.locate import builtin_dir, catalog_files

REFERENCE = yaml.safe_load((Path(__file__).parent / "data" / "reference.yaml").read_text())


def refs(library: Library, framework_id: str) -> set[str]:
    fw = library.frameworks[framework_id]
    found = {c.ref for c in fw.controls} | {q.ref for q in fw.questions}
    found |= {o.ref for q in fw.questions for o in q.options if o.ref}
    return found | {p.ref for p in fw.penalties}


def test_every_shipped_file_loads(library: Library) -> None:
    names = [p.name for p in catalog_files(builtin_dir())]
    assert names == [
        "crosswalk.yaml",
        "eu-ai-act.yaml",
        "nist-ai-rmf.yaml",
        "oecd-ai-principles.yaml",
    ]
    assert sorted(library.frameworks) == ["eu-ai-act", "nist-ai-rmf", "oecd-ai-principles"]
    assert len(library.links) > 50


def test_nist_subcategories_equal_the_reference(library: Library) -> None:
    nist = library.frameworks["nist-ai-rmf"]
    pattern = re.compile(r"^(GOVERN|MAP|MEASURE|MANAGE) \d+\.\d+$")
    subcategories = [c.ref for c in nist.controls if pattern.match(c.ref)]
    assert len(subcategories) == 72
    assert subcategories == REFERENCE["nist_subcategories"]


def test_nist_structure_counts(library: Library) -> None:
    nist = library.frameworks["nist-ai-rmf"]
    functions = [g for g in nist.groups if g.kind == "function"]
    categories = [g for g in nist.groups if g.kind == "category"]
    assert [g.id for g in functions] == ["GOVERN", "MAP", "MEASURE", "MANAGE"]
    assert len(categories) == 19
    per_category = {g.ref: sum(1 for c in nist.controls if c.group == g.id) for g in categories}
    assert per_category == REFERENCE["nist_category_counts"]


def test_nist_generative_overlay_has_the_twelve_risks(library: Library) -> None:
    nist = library.frameworks["nist-ai-rmf"]
    overlay = [c for c in nist.controls if c.group == "GAI"]
    assert [c.title for c in overlay] == REFERENCE["gai_risks"]
    assert all(c.applies_when is not None for c in overlay)


def test_eu_itemises_every_prohibited_practice_and_annex_iii_point(library: Library) -> None:
    found = refs(library, "eu-ai-act")
    assert set(REFERENCE["eu_art_5_1_points"]) <= found
    assert set(REFERENCE["eu_annex_iii_points"]) <= found
    annex_iii = [q for q in library.frameworks["eu-ai-act"].questions if q.effect == "annex_iii"]
    assert sorted(q.ref for q in annex_iii) == sorted(REFERENCE["eu_annex_iii_points"])


def test_eu_carries_every_pinpoint_of_the_issue(library: Library) -> None:
    missing = set(REFERENCE["eu_pinpoints"]) - refs(library, "eu-ai-act")
    assert not missing


@pytest.mark.parametrize("date_id", sorted(REFERENCE["eu_dates"]))
def test_eu_dates_match_the_reference(library: Library, date_id: str) -> None:
    dates = {d.id: d for d in library.frameworks["eu-ai-act"].dates}
    assert dates[date_id].date.isoformat() == REFERENCE["eu_dates"][date_id]
    assert dates[date_id].source and dates[date_id].last_checked


def test_eu_prohibitions_have_their_exceptions(library: Library) -> None:
    questions = {q.id: q for q in library.frameworks["eu-ai-act"].questions}
    for point in "dfgh":
        main = questions[f"art5_1_{point}"]
        assert main.unless == (f"art5_1_{point}_exception",)
    assert questions["annex_iii_5_b"].unless == ("annex_iii_5_b_fraud",)


def test_oecd_principles_and_government_recommendations(library: Library) -> None:
    oecd = library.frameworks["oecd-ai-principles"]
    titles = {c.id: c.title for c in oecd.controls if c.audience == "organisation"}
    assert titles == REFERENCE["oecd_principles"]
    government = [c.ref for c in oecd.controls if c.audience == "government"]
    assert government == ["OECD 2.1", "OECD 2.2", "OECD 2.3", "OECD 2.4", "OECD 2.5"]


def test_one_citation_form(library: Library) -> None:
    forms = re.compile(
        r"^(Art\. \d+(\(\d+\))?(\([a-z]+\))?|Annex (I|III)(\(\d\))?(\([a-e]\))?"
        r"|(GOVERN|MAP|MEASURE|MANAGE) \d+(\.\d+)?|OECD \d(\.\d)?|AI 600-1 2\.\d+)$"
    )
    for fw in library.frameworks.values():
        for control in fw.controls:
            assert forms.match(control.ref), control.ref


# Only an equivalent link gives credit in reports, so each must be a deliberate, reviewed
# choice: add it here with the reason it is truly equivalent (issue 14, item 10).
EQUIVALENT_LINKS: set[tuple[str, str]] = set()


def test_crosswalk_links_label_their_relation(library: Library) -> None:
    relations = {link.relation for link in library.links}
    assert relations <= {"equivalent", "partial", "related"}
    assert {"partial", "related"} <= relations
    pairs = [(link.source, link.target) for link in library.links]
    assert len(pairs) == len(set(pairs))
    equivalent = {
        (link.source, link.target) for link in library.links if link.relation == "equivalent"
    }
    assert equivalent == EQUIVALENT_LINKS


OMNIBUS = "Regulation (EU) 2026/1744 (OJ L, 24.7.2026)"


def test_every_eu_date_names_the_omnibus_as_published(library: Library) -> None:
    # Issue 14 item 11: the Digital Omnibus is published; no date may still wait on it.
    eu = library.frameworks["eu-ai-act"]
    for d in eu.dates:
        assert OMNIBUS in d.source, d.id
        assert d.last_checked >= dt.date(2026, 12, 2), d.id
    assert "2026/1744" in eu.title and eu.last_checked >= dt.date(2026, 12, 2)
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "Regulation (EU) 2026/1744" in readme
    assert "to be confirmed" not in readme


def test_nist_wording_follows_ai_100_1(library: Library) -> None:
    # AI 100-1 Table 1: GOVERN 2.3 names the organisation's executive leadership (not a
    # named executive); MAP 1.6 has requirements "elicited from and understood by" AI
    # actors and design decisions that take socio-technical implications into account.
    nist = {c.id: c for c in library.frameworks["nist-ai-rmf"].controls}
    assert "executive leadership" in nist["GOVERN-2.3"].question
    assert "named senior executive" not in nist["GOVERN-2.3"].question
    assert "socio-technical" in nist["MAP-1.6"].question
    assert "agreed" not in nist["MAP-1.6"].question


def test_catalog_format_doc_names_every_effect_fact_and_field() -> None:
    # docs/catalog-format.md is the reference for catalog authors: it must keep up with
    # the models (new effects and facts come with new legal rules).
    from typing import get_args

    from aicheck.models.catalog import Control, Effect, Question
    from aicheck.models.conditions import KNOWN_FACTS

    doc = (Path(__file__).parent.parent / "docs" / "catalog-format.md").read_text()
    names = set(get_args(Effect)) | KNOWN_FACTS | set(Question.model_fields)
    names |= set(Control.model_fields)
    # An effect or fact is named in backticks; a field appears as a YAML key.
    missing = sorted(n for n in names if f"`{n}`" not in doc and f"{n}:" not in doc)
    assert not missing, f"document these in docs/catalog-format.md: {missing}"
