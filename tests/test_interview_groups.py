"""One answer for many items (a category, the rest of a section), and the set-up steps
(frameworks, provider), driven by scripted replies."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
import yaml

from aicheck.answers.load import load_answers
from aicheck.answers.writer import AnswersWriter
from aicheck.catalog.library import Library
from aicheck.engine.provider_documents import DOCUMENT_HELP, DOCUMENT_LABELS
from aicheck.interview.asker import Prompt, Reply
from aicheck.interview.group_answer import CATEGORY_HELP
from aicheck.interview.scripted import LineAsker
from aicheck.interview.session import Session
from tests.conftest import AS_OF
from tests.scenarios import eu_screening
from tests.test_interview_session import (
    CV_SCREENING,
    ask_frameworks_session,
    keys,
    oecd_only,
    read,
    run_session,
)

NIST = ("nist-ai-rmf",)


def nist_file(tmp_path: Path, *, builds: bool = True) -> Path:
    path = tmp_path / "aicheck.yaml"
    path.write_text(
        "aicheck: 1\nsystem: {name: Bot, owner: a, description: b}\n"
        "frameworks: [nist-ai-rmf]\nscreening:\n  nist-ai-rmf:\n"
        f"    builds_system: {str(builds).lower()}\n    generates_content: false\n"
    )
    return path


def test_a_category_answered_as_a_whole_marks_every_item(tmp_path: Path, library: Library) -> None:
    path = nist_file(tmp_path)
    # GOVERN 1: yes, all of it, with one piece of evidence; GOVERN 2: not yet.
    lines = ["y # policy set approved in May", "docs/policy.md", "n", "gov-team, 2027-06-30", "q"]
    _, asker = run_session(path, library, lines, frameworks=NIST)
    assert keys(asker.prompts)[:2] == [
        "category/nist-ai-rmf/GOVERN-1",
        "category/nist-ai-rmf/GOVERN-1",  # the evidence, once for the category
    ]
    assert asker.prompts[0].citation == "GOVERN 1"
    assert [i.ref for i in asker.prompts[0].items] == [f"GOVERN 1.{n}" for n in range(1, 8)]
    nist = load_answers(path, library).answers.controls["nist-ai-rmf"]
    for n in range(1, 8):
        answer = nist[f"GOVERN-1.{n}"]
        assert (answer.status, answer.answered_for, answer.evidence, answer.reviewed) == (
            "implemented",
            "GOVERN-1",
            ("docs/policy.md",),
            AS_OF,
        )
        assert answer.notes == "policy set approved in May"
    for n in range(1, 4):
        answer = nist[f"GOVERN-2.{n}"]
        assert (answer.status, answer.answered_for, answer.owner, answer.due) == (
            "not_implemented",
            "GOVERN-2",
            "gov-team",
            dt.date(2027, 6, 30),
        )


def test_partly_asks_each_item_and_marks_none_as_a_category_answer(
    tmp_path: Path, library: Library
) -> None:
    path = nist_file(tmp_path)
    lines = ["p", "y", "", "n", "gov-team, 2027-06-30", "q"]
    _, asker = run_session(path, library, lines, frameworks=NIST)
    assert keys(asker.prompts) == [
        "category/nist-ai-rmf/GOVERN-1",
        "controls/nist-ai-rmf/GOVERN-1.1",
        "controls/nist-ai-rmf/GOVERN-1.1",
        "controls/nist-ai-rmf/GOVERN-1.2",
        "controls/nist-ai-rmf/GOVERN-1.2",
        "controls/nist-ai-rmf/GOVERN-1.3",
    ]
    nist = load_answers(path, library).answers.controls["nist-ai-rmf"]
    assert [(c, a.status, a.answered_for) for c, a in nist.items()] == [
        ("GOVERN-1.1", "implemented", None),
        ("GOVERN-1.2", "not_implemented", None),
    ]
    # The next run goes on item by item where it stopped.
    _, again = run_session(path, library, ["q"], frameworks=NIST)
    assert keys(again.prompts) == ["controls/nist-ai-rmf/GOVERN-1.3"]


def test_an_item_answered_on_its_own_is_no_longer_a_category_answer(
    tmp_path: Path, library: Library
) -> None:
    path = nist_file(tmp_path)
    run_session(path, library, ["n", "gov-team, 2027-06-30", "q"], frameworks=NIST)
    text = path.read_text()
    assert text.count("answered_for: GOVERN-1") == 7
    # A month on, a review walks the gap: 'd' to say that one item is in place now.
    lines = ["d", "y", "docs/inventory.md", "q"]
    later = AS_OF + dt.timedelta(days=30)
    run_session(path, library, lines, frameworks=NIST, review=True, as_of=later, reviewed_on=later)
    nist = load_answers(path, library).answers.controls["nist-ai-rmf"]
    assert (nist["GOVERN-1.1"].status, nist["GOVERN-1.1"].answered_for) == ("implemented", None)
    assert nist["GOVERN-1.2"].answered_for == "GOVERN-1"  # kept: not answered alone yet


def test_r_gives_the_rest_of_the_section_one_answer(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "aicheck.yaml"
    # Art. 4 partly; at Art. 9 'r': planned, for the rest of the requirements (9-15).
    lines = [*CV_SCREENING, "p", "", "ml-lead, 2027-06-30", "r", "pl", "", "q"]
    _, asker = run_session(path, library, lines)
    rest = next(p for p in asker.prompts if p.text.startswith("One answer for these"))
    assert [i.ref for i in rest.items] == [f"Art. {n}" for n in range(9, 16)]
    assert rest.citation == "Chapter III Section 2"
    plan = asker.prompts[asker.prompts.index(rest) + 1]
    assert (plan.kind, plan.current) == ("plan", "ml-lead, 2027-06-30")  # the last one given
    controls = load_answers(path, library).answers.controls["eu-ai-act"]
    for n in range(9, 16):
        answer = controls[f"art-{n}"]
        assert (answer.status, answer.answered_for, answer.owner, answer.due) == (
            "planned",
            "hr-requirements",
            "ml-lead",
            dt.date(2027, 6, 30),
        )
    # The next question is the first of the next section.
    assert asker.prompts[-1].key == ("controls", "eu-ai-act", "art-16")


def test_a_target_date_in_the_past_is_refused_with_a_clear_message(
    tmp_path: Path, library: Library
) -> None:
    path = tmp_path / "aicheck.yaml"
    lines = [*CV_SCREENING, "n", "ml-lead, 2026-01-31"]
    with pytest.raises(Exception, match="2026-01-31 is in the past: give a target date from"):
        run_session(path, library, lines)


class _InterruptAt:
    """Replies from ``lines``; Ctrl-C when a prompt of ``kind`` comes."""

    def __init__(self, lines: list[str], kind: str) -> None:
        self.inner = LineAsker(lines)
        self.kind = kind

    def ask(self, prompt: Prompt) -> Reply:
        if prompt.kind == self.kind:
            raise KeyboardInterrupt
        return self.inner.ask(prompt)

    def show(self, event: object) -> None:
        return None


@pytest.mark.parametrize(("status", "kind"), [("p", "evidence"), ("n", "plan")])
def test_an_answer_interrupted_in_a_follow_up_resumes_there(
    tmp_path: Path, library: Library, status: str, kind: str
) -> None:
    path = oecd_only(tmp_path)
    session = Session(
        _InterruptAt(["d", status], kind),  # type: ignore[arg-type]
        AnswersWriter(path, library),
        library,
        frameworks=("oecd-ai-principles",),
        as_of=AS_OF,
        answers=load_answers(path, library).answers,
    )
    with pytest.raises(KeyboardInterrupt):
        session.run()
    answer = load_answers(path, library).answers.controls["oecd-ai-principles"]["1.1"]
    assert answer.reviewed is None  # written last: the answer is unfinished
    _, asker = run_session(path, library, ["q"], frameworks=("oecd-ai-principles",))
    assert (asker.prompts[0].key[-1], asker.prompts[0].kind) == ("1.1", kind)


def test_a_new_file_asks_which_frameworks_binding_law_by_default(
    tmp_path: Path, library: Library
) -> None:
    path = tmp_path / "aicheck.yaml"
    _, asker = ask_frameworks_session(path, library, ["Bot", "", "", "", "q"])
    prompt = asker.prompts[3]
    assert prompt.key == ("frameworks",)
    assert [i.value for i in prompt.items] == ["eu-ai-act", "nist-ai-rmf", "oecd-ai-principles"]
    assert prompt.items[1].text.startswith("NIST AI RMF (voluntary, up to 84 items): Govern, Map")
    assert prompt.current == "1"
    assert read(path)["frameworks"] == ["eu-ai-act"]
    assert asker.prompts[4].key == ("checklist", "eu-ai-act", "ai_system")

    path.unlink()
    ask_frameworks_session(path, library, ["Bot", "", "", "3, 2", "q"])
    assert read(path)["frameworks"] == ["nist-ai-rmf", "oecd-ai-principles"]


def deployer_of_a_chatbot(tmp_path: Path, library: Library, provider: str = "") -> Path:
    """A web shop that runs a vendor's chatbot: screening done, the provider block not."""
    path = tmp_path / "aicheck.yaml"
    screening = eu_screening(
        library, roles=["deployer"], art50_1_interaction=True, art50_2_synthetic=True
    )
    path.write_text(
        yaml.safe_dump(
            {
                "aicheck": 1,
                "system": {"name": "Shop chat", "owner": "a", "description": "b"},
                **({"provider": yaml.safe_load(provider)} if provider else {}),
                "frameworks": ["eu-ai-act"],
                "screening": {"eu-ai-act": screening},
            },
            sort_keys=False,
        )
    )
    return path


def test_a_deployer_names_its_provider_and_the_documents_that_matter(
    tmp_path: Path, library: Library
) -> None:
    path = deployer_of_a_chatbot(tmp_path, library)
    _, asker = run_session(path, library, ["ChatVendor GmbH", "2", "q"])
    assert asker.prompts[0].key == ("provider", "name")
    documents = asker.prompts[1]
    assert documents.key == ("provider", "documents")
    # A chatbot that generates text: the two Art. 50 documents, nothing for high-risk.
    assert [i.value for i in documents.items] == ["ai_interaction_notice", "output_marking"]
    assert asker.prompts[2].key == ("controls", "eu-ai-act", "art-4")
    provider = load_answers(path, library).answers.provider
    assert provider is not None
    assert (provider.name, provider.contact, provider.documents) == (
        "ChatVendor GmbH",
        None,
        ("output_marking",),
    )


def test_each_provider_document_explains_itself(tmp_path: Path, library: Library) -> None:
    # The web-shop trial met "No further explanation" at `?1` and could not tell whether
    # the vendor's terms count as the AI-interaction notice.
    path = deployer_of_a_chatbot(tmp_path, library)
    _, asker = run_session(path, library, ["ChatVendor GmbH", "q"])
    documents = asker.prompts[1]
    notice = documents.items[0]
    assert notice.value == "ai_interaction_notice"
    assert notice.help is not None and "terms of service" in notice.help
    assert set(DOCUMENT_HELP) == set(DOCUMENT_LABELS)
    assert all("Art." in text for text in DOCUMENT_HELP.values())


def test_a_document_listed_by_hand_is_kept(tmp_path: Path, library: Library) -> None:
    provider = "{name: ChatVendor GmbH, documents: [instructions_for_use]}"
    path = deployer_of_a_chatbot(tmp_path, library, provider)
    # The provider steps are answered: 'b' from Art. 4 goes back to the documents.
    run_session(path, library, ["b", "1,2", "q"])
    answers = load_answers(path, library).answers
    assert answers.provider is not None
    assert answers.provider.documents == (
        "instructions_for_use",
        "ai_interaction_notice",
        "output_marking",
    )


def test_b_in_a_category_follow_up_comes_back_to_the_category(
    tmp_path: Path, library: Library
) -> None:
    path = nist_file(tmp_path)
    # GOVERN 1: yes ... 'b' at the evidence: no after all. Nothing was written for "yes".
    run_session(path, library, ["y", "b", "n", "gov-team, 2027-06-30", "q"], frameworks=NIST)
    nist = load_answers(path, library).answers.controls["nist-ai-rmf"]
    assert {a.status for a in nist.values()} == {"not_implemented"}
    assert len(nist) == 7


def test_b_at_the_first_item_of_a_detailed_group_asks_the_group_again(
    tmp_path: Path, library: Library
) -> None:
    path = nist_file(tmp_path)
    _, asker = run_session(path, library, ["d", "b", "pl", "", "q"], frameworks=NIST)
    assert keys(asker.prompts)[:3] == [
        "category/nist-ai-rmf/GOVERN-1",
        "controls/nist-ai-rmf/GOVERN-1.1",  # 'b'
        "category/nist-ai-rmf/GOVERN-1",  # planned, all of it
    ]
    nist = load_answers(path, library).answers.controls["nist-ai-rmf"]
    assert {(a.status, a.answered_for) for a in nist.values()} == {("planned", "GOVERN-1")}


def test_enter_keeps_a_group_answer_and_its_reason(tmp_path: Path, library: Library) -> None:
    path = nist_file(tmp_path)
    lines = ["na", "A pilot with no users yet", "b", "", "", "q"]
    _, asker = run_session(path, library, lines, frameworks=NIST)
    again = asker.prompts[4]  # after "b" and Enter at the group
    assert (again.kind, again.current) == ("justification", "A pilot with no users yet")
    nist = load_answers(path, library).answers.controls["nist-ai-rmf"]
    assert {(a.status, a.justification) for a in nist.values()} == {
        ("not_applicable", "A pilot with no users yet")
    }


def test_a_category_says_how_to_answer_for_all_of_it(tmp_path: Path, library: Library) -> None:
    # The CV trial's '?' at GOVERN 1 printed "No further explanation for this question."
    path = nist_file(tmp_path)
    out = io.StringIO()
    existing = load_answers(path, library).answers
    asker = LineAsker(["?", "?2", "q"], out)
    session = Session(
        asker, AnswersWriter(path, library), library, frameworks=NIST, as_of=AS_OF, answers=existing
    )
    session.run()
    shown = out.getvalue()
    assert CATEGORY_HELP in shown.replace("\n", " ")
    second = library.framework("nist-ai-rmf").controls[1]
    assert second.summary is not None and second.summary in shown
