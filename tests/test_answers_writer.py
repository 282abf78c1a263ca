"""The answers writer keeps what people wrote: comments, order, layout, x- fields."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from aicheck.answers.load import load_answers
from aicheck.answers.writer import AnswersWriter
from aicheck.catalog.library import Library
from aicheck.errors import AicheckError
from tests.conftest import AS_OF, EXAMPLES

HAND_WRITTEN = """\
# Reviewed in PRs. Ask #ai-governance before changing the screening.
aicheck: 1
x-inventory-id: AI-0042   # our AI inventory
system:
  name: Support bot
  x-team: customer-care
screening:
  eu-ai-act:
    union_nexus: true     # sold in the EU
    roles: [deployer]
    # Exclusions checked with legal on 2026-10-01
    excl_military: false
controls:
  eu-ai-act:
    art-4:
      status: partial
      x-ticket: GOV-17    # training rollout
      evidence: ['docs/training.md']
      reviewed: 2026-01-05

waivers:
    - control: nist-ai-rmf/GOVERN-1.6
      justification: "Inventory migration in progress"
      approver: cto@example.com
      expires: 2027-01-31
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "aicheck.yaml"
    path.write_text(text)
    return path


def test_rewrite_without_changes_is_byte_identical(tmp_path: Path, library: Library) -> None:
    for source in (HAND_WRITTEN, (EXAMPLES / "cv-screening" / "aicheck.yaml").read_text()):
        path = write(tmp_path, source)
        writer = AnswersWriter(path, library)
        writer.save()
        assert path.read_text() == source


def test_comments_and_x_fields_survive_changes(tmp_path: Path, library: Library) -> None:
    path = write(tmp_path, HAND_WRITTEN)
    writer = AnswersWriter(path, library)
    writer.set_screening("eu-ai-act", "union_nexus", False)
    writer.set_screening("eu-ai-act", "excl_research", False)
    writer.set_control("eu-ai-act", "art-4", {"status": "implemented", "reviewed": AS_OF})
    writer.set_control(
        "eu-ai-act",
        "art-26",
        {"status": "not_applicable", "justification": "Internal pilot: not in use yet"},
    )
    writer.save()
    expected = (
        HAND_WRITTEN.replace(
            "    union_nexus: true     # sold in the EU",
            "    union_nexus: false    # sold in the EU",
        )
        .replace(
            "    excl_military: false\n",
            "    excl_military: false\n    excl_research: false\n",
        )
        .replace("      status: partial\n", "      status: implemented\n")
        .replace(
            "      reviewed: 2026-01-05\n",
            "      reviewed: 2026-11-27\n"
            "    art-26:\n"
            "      status: not_applicable\n"
            "      justification: 'Internal pilot: not in use yet'\n",
        )
    )
    assert path.read_text() == expected
    loaded = load_answers(path, library).answers
    assert loaded.controls["eu-ai-act"]["art-26"].status == "not_applicable"


def test_clearing_a_field_and_adding_evidence(tmp_path: Path, library: Library) -> None:
    path = write(tmp_path, HAND_WRITTEN)
    writer = AnswersWriter(path, library)
    writer.set_control("eu-ai-act", "art-4", {"notes": "all staff trained"}, remove=["evidence"])
    writer.set_control("eu-ai-act", "art-50", {"status": "partial", "evidence": ["a.md", "b.md"]})
    text = writer.render()
    assert "      x-ticket: GOV-17    # training rollout\n" in text
    assert "evidence: ['docs/training.md']" not in text
    assert "      notes: all staff trained\n      reviewed: 2026-01-05\n" in text
    assert "    art-50:\n      status: partial\n      evidence: [a.md, b.md]\n" in text


def test_comments_stay_above_the_key_they_were_written_for(
    tmp_path: Path, library: Library
) -> None:
    source = """\
aicheck: 1
system: {name: Bot}
screening:
  eu-ai-act:
    # Military exclusion checked with legal
    excl_military: false
    # Research exclusion checked with legal
    excl_personal: false
controls:
  eu-ai-act:
    art-4:
      status: partial   # rollout in Q3

    # Logging lives in the platform team
    art-12:
      status: implemented
"""
    path = write(tmp_path, source)
    writer = AnswersWriter(path, library)
    writer.set_screening("eu-ai-act", "union_nexus", True)  # before the first key
    writer.set_screening("eu-ai-act", "excl_research", False)  # between two keys
    writer.set_control("eu-ai-act", "art-9", {"status": "implemented"})  # across a blank line
    writer.save()
    assert (
        path.read_text()
        == """\
aicheck: 1
system: {name: Bot}
screening:
  eu-ai-act:
    union_nexus: true
    # Military exclusion checked with legal
    excl_military: false
    excl_research: false
    # Research exclusion checked with legal
    excl_personal: false
controls:
  eu-ai-act:
    art-4:
      status: partial   # rollout in Q3
    art-9:
      status: implemented

    # Logging lives in the platform team
    art-12:
      status: implemented
"""
    )


AWKWARD_COMMENTS = """\
aicheck: 1
system: {name: Bot}
frameworks:
  - nist-ai-rmf
# answers below
controls:
  nist-ai-rmf:  # NIST RMF answers
    # policy owned by legal
    GOVERN-1.2:
      status: partial
      evidence:
        - README.md

    # about GOVERN 1.4
    GOVERN-1.4:
      status: partial
      owner: alice

    # GOVERN 1.5 signed off
    GOVERN-1.5:
      status: implemented
      # evidence: [docs/policy.md]

    # about 1.7
    GOVERN-1.7: {status: planned}
"""


def test_comments_after_lists_end_of_line_comments_and_removed_fields_stay_put(
    tmp_path: Path, library: Library
) -> None:
    path = write(tmp_path, AWKWARD_COMMENTS)
    writer = AnswersWriter(path, library)
    # Before the first key, under a parent key with its own end-of-line comment:
    writer.set_control("nist-ai-rmf", "GOVERN-1.1", {"status": "implemented"})
    # After an entry ending in a block list:
    writer.set_control("nist-ai-rmf", "GOVERN-1.3", {"status": "implemented"})
    # Clearing an entry's last field:
    writer.set_control("nist-ai-rmf", "GOVERN-1.4", {}, remove=["owner"])
    # After an entry ending in a commented-out field, which stays in that entry:
    writer.set_control("nist-ai-rmf", "GOVERN-1.6", {"status": "planned"})
    # A new top-level section after a block list and before a comment:
    writer.set_screening("nist-ai-rmf", "generates_content", False)
    writer.save()
    assert (
        path.read_text()
        == """\
aicheck: 1
system: {name: Bot}
frameworks:
  - nist-ai-rmf
screening:
  nist-ai-rmf:
    generates_content: false
# answers below
controls:
  nist-ai-rmf:  # NIST RMF answers
    GOVERN-1.1:
      status: implemented
    # policy owned by legal
    GOVERN-1.2:
      status: partial
      evidence:
        - README.md
    GOVERN-1.3:
      status: implemented

    # about GOVERN 1.4
    GOVERN-1.4:
      status: partial

    # GOVERN 1.5 signed off
    GOVERN-1.5:
      status: implemented
      # evidence: [docs/policy.md]
    GOVERN-1.6:
      status: planned

    # about 1.7
    GOVERN-1.7: {status: planned}
"""
    )


def test_windows_line_ends_are_kept(tmp_path: Path, library: Library) -> None:
    source = HAND_WRITTEN.replace("\n", "\r\n")
    path = tmp_path / "aicheck.yaml"
    path.write_bytes(source.encode())
    AnswersWriter(path, library).save()
    assert path.read_bytes() == source.encode()  # unchanged: byte for byte
    writer = AnswersWriter(path, library)
    writer.set_system("owner", "care-team")
    writer.save()
    written = path.read_bytes().decode()
    assert "\r\n" in written and "\n" not in written.replace("\r\n", "")
    assert written.replace("\r\n", "\n") == HAND_WRITTEN.replace(
        "  name: Support bot\n", "  name: Support bot\n  owner: care-team\n"
    )


def test_aliased_entries_and_lists_are_copied_once_without_their_comments(
    tmp_path: Path, library: Library
) -> None:
    head = "aicheck: 1\nsystem: {name: Bot}\ncontrols:\n  nist-ai-rmf:\n"
    path = write(
        tmp_path,
        head + "    GOVERN-1.1: &impl\n      status: implemented\n\n    # about 1.3\n"
        "    GOVERN-1.3: *impl\n    # about 1.4\n    GOVERN-1.4:\n      status: partial\n"
        "      evidence: &ev [a.md, b.md]\n    GOVERN-1.5:\n      status: partial\n"
        "      evidence: *ev\n",
    )
    writer = AnswersWriter(path, library)
    writer.set_control("nist-ai-rmf", "GOVERN-1.3", {"owner": "o"})
    writer.set_control("nist-ai-rmf", "GOVERN-1.5", {"evidence": ["a.md"]})
    writer.save()
    assert path.read_text() == (
        head + "    GOVERN-1.1:\n      status: implemented\n\n    # about 1.3\n"
        "    GOVERN-1.3:\n      status: implemented\n      owner: o\n    # about 1.4\n"
        "    GOVERN-1.4:\n      status: partial\n      evidence: [a.md, b.md]\n"
        "    GOVERN-1.5:\n      status: partial\n      evidence: [a.md]\n"
    )


@pytest.mark.parametrize(
    ("fields", "left"),
    [
        (  # the comment below the removed field stays above the next one
            "      owner: alice  # until March\n      # status agreed with legal\n"
            "      status: partial\n",
            "      # status agreed with legal\n      status: partial\n",
        ),
        (  # and stays in order with a comment above the removed field
            "      # about justification\n      justification: old\n"
            "      # about status\n      status: implemented\n",
            "      # about justification\n      # about status\n      status: implemented\n",
        ),
    ],
)
def test_removing_a_first_field_keeps_the_comments(
    tmp_path: Path, library: Library, fields: str, left: str
) -> None:
    head = "aicheck: 1\nsystem: {name: Bot}\ncontrols:\n  nist-ai-rmf:\n    GOVERN-1.1:\n"
    path = write(tmp_path, head + fields)
    first = "owner" if "owner:" in fields else "justification"
    writer = AnswersWriter(path, library)
    writer.set_control("nist-ai-rmf", "GOVERN-1.1", {}, remove=[first])
    writer.save()
    assert path.read_text() == head + left


def test_comments_after_a_block_scalar_stay_put(tmp_path: Path, library: Library) -> None:
    head = "aicheck: 1\nsystem: {name: Bot}\ncontrols:\n  nist-ai-rmf:\n    GOVERN-1.1:\n"
    tail = "    # about 1.3\n    GOVERN-1.3:\n      status: partial\n"
    source = head + "      status: partial\n      notes: |\n        line one\n" + tail
    path = write(tmp_path, source)
    writer = AnswersWriter(path, library)
    writer.set_control("nist-ai-rmf", "GOVERN-1.1", {"reviewed": AS_OF})
    writer.set_control("nist-ai-rmf", "GOVERN-1.2", {"status": "planned"})
    writer.save()
    assert path.read_text() == (
        head + "      status: partial\n      notes: |\n        line one\n"
        "      reviewed: 2026-11-27\n    GOVERN-1.2:\n      status: planned\n" + tail
    )
    path = write(tmp_path, source)
    writer = AnswersWriter(path, library)
    writer.set_control("nist-ai-rmf", "GOVERN-1.1", {}, remove=["notes"])
    writer.save()
    assert path.read_text() == head + "      status: partial\n" + tail


BLOCK_LIST = (
    "      status: partial\n      evidence:\n        - docs/risk.md   # v3\n"
    "        # - docs/risk-old.md\n      # end of evidence list\n"
)
ITEM_COMMENTS = (
    "      status: partial\n      evidence:\n        - old.md\n        # - older.md\n"
    "        - mid.md  # M\n        # about new\n        - new.md\n"
)


@pytest.mark.parametrize(
    ("fields", "evidence", "expected"),
    [
        (  # an added path goes at the end; the list's own comments stay after it
            BLOCK_LIST,
            ["docs/risk.md", "docs/data.md"],
            "      status: partial\n      evidence:\n        - docs/risk.md   # v3\n"
            "        - docs/data.md\n        # - docs/risk-old.md\n"
            "      # end of evidence list\n",
        ),
        (  # a removed path takes only its own end-of-line comment with it
            BLOCK_LIST,
            ["docs/data.md"],
            "      status: partial\n      evidence:\n        - docs/data.md\n"
            "        # - docs/risk-old.md\n      # end of evidence list\n",
        ),
        (  # removing the first item keeps the lines after it, in order
            ITEM_COMMENTS,
            ["mid.md", "new.md"],
            "      status: partial\n      evidence:\n        - mid.md  # M\n"
            "        # - older.md\n        # about new\n        - new.md\n",
        ),
    ],
)
def test_an_evidence_list_is_edited_in_place(
    tmp_path: Path, library: Library, fields: str, evidence: list[str], expected: str
) -> None:
    head = "aicheck: 1\nsystem: {name: Bot}\ncontrols:\n  eu-ai-act:\n    art-9:\n"
    path = write(tmp_path, head + fields)
    writer = AnswersWriter(path, library)
    writer.set_control("eu-ai-act", "art-9", {"evidence": evidence})
    writer.save()
    assert path.read_text() == head + expected


def test_new_file_gets_a_header_and_loads(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "new.yaml"
    writer = AnswersWriter(path, library)
    assert not writer.exists
    writer.set_system("name", "Fresh system")
    writer.set_frameworks(["eu-ai-act", "oecd-ai-principles"])
    writer.set_screening("eu-ai-act", "roles", ["provider", "deployer"])
    writer.set_screening("eu-ai-act", "union_nexus", True)
    writer.set_screening("eu-ai-act", "gpai_compute", 1e25)
    writer.save()
    text = path.read_text()
    assert text.startswith("# Answers file for one AI system, written by `aicheck assess`.")
    assert "frameworks: [eu-ai-act, oecd-ai-principles]\n" in text
    # Catalog order, whatever order the answers came in.
    assert text.index("union_nexus") < text.index("roles: [provider, deployer]")
    assert "gpai_compute: 1.0e+25\n" in text
    loaded = load_answers(path, library).answers
    assert loaded.screening["eu-ai-act"]["gpai_compute"] == 1e25
    assert loaded.frameworks == ("eu-ai-act", "oecd-ai-principles")


def test_same_date_twice_is_not_written_as_an_alias(tmp_path: Path, library: Library) -> None:
    path = write(tmp_path, HAND_WRITTEN)
    writer = AnswersWriter(path, library)
    day = dt.date(2026, 11, 27)
    writer.set_control("eu-ai-act", "art-4", {"reviewed": day})
    writer.set_control("eu-ai-act", "art-26", {"status": "implemented", "reviewed": day})
    text = writer.render()
    assert "&" not in text and "*id" not in text


def test_invalid_result_is_never_written(tmp_path: Path, library: Library) -> None:
    path = write(tmp_path, HAND_WRITTEN)
    writer = AnswersWriter(path, library)
    writer.set_control("eu-ai-act", "art-4", {"status": "not_applicable"})  # no justification
    with pytest.raises(AicheckError):
        writer.save()
    assert path.read_text() == HAND_WRITTEN


def test_example_file_stays_loadable_after_a_change(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "aicheck.yaml"
    shutil.copy(EXAMPLES / "cv-screening" / "aicheck.yaml", path)
    before = path.read_text()
    writer = AnswersWriter(path, library)
    writer.set_control("eu-ai-act", "art-11", {"status": "planned", "reviewed": AS_OF})
    writer.save()
    after = path.read_text()
    assert (
        after.replace(
            "    art-11:\n      status: planned\n      reviewed: 2026-11-27\n",
            "    art-11:\n      status: not_implemented\n",
        )
        == before
    )
    load_answers(path, library)


def test_target_dates_and_group_answers_take_their_canonical_place(
    tmp_path: Path, library: Library
) -> None:
    head = "aicheck: 1\nsystem: {name: Bot}\ncontrols:\n  nist-ai-rmf:\n    GOVERN-4.1:\n"
    path = write(tmp_path, head + "      status: partial\n      notes: Half the teams.\n")
    writer = AnswersWriter(path, library)
    writer.set_control(
        "nist-ai-rmf",
        "GOVERN-4.1",
        {
            "status": "not_implemented",
            "due": dt.date(2027, 6, 30),
            "owner": "risk@example.com",
            "answered_for": "GOVERN-4",
        },
    )
    writer.save()
    assert path.read_text() == head + (
        "      status: not_implemented\n"
        "      answered_for: GOVERN-4\n"
        "      owner: risk@example.com\n"
        "      due: 2027-06-30\n"
        "      notes: Half the teams.\n"
    )
    answer = load_answers(path, library).answers.controls["nist-ai-rmf"]["GOVERN-4.1"]
    assert (answer.due, answer.answered_for) == (dt.date(2027, 6, 30), "GOVERN-4")


def test_provider_and_assessment_blocks_load(tmp_path: Path, library: Library) -> None:
    path = write(
        tmp_path,
        "aicheck: 1\n"
        "system: {name: Shop assistant}\n"
        "provider:\n"
        "  name: ChatVendor GmbH\n"
        "  contact: compliance@chatvendor.example\n"
        "  documents: [instructions_for_use, ai_interaction_notice]\n"
        "assessment:\n"
        "  assessor: Jo Example\n"
        "  date: 2026-12-01\n"
        "  scope: The chatbot in the web shop; not the e-mail assistant.\n"
        "  approvers:\n"
        "    - {name: Ann Example, role: Chief compliance officer}\n",
    )
    answers = load_answers(path, library).answers
    assert answers.provider is not None and answers.assessment is not None
    assert answers.provider.documents == ("instructions_for_use", "ai_interaction_notice")
    assert answers.assessment.approvers[0].role == "Chief compliance officer"
    AnswersWriter(path, library).save()  # a rewrite keeps both blocks as they were
    assert load_answers(path, library).answers == answers
