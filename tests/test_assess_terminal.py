"""`aicheck assess` in a pseudo-terminal, answered as real users would answer it.

Two personas of issue 12 go through the whole interview, and the number of prompts they
see (follow-ups and prompts answered with Enter included) must stay within budget:
- a web shop that deploys a vendor's customer-support chatbot, EU AI Act only: 25;
- an HR-tech start-up that provides a CV-ranking model, EU AI Act only: 80, and with all
  three frameworks: 180 (the first trial of the interview took 374).
The other tests pin the four bugs a trial run hit: Ctrl-C in a follow-up, ``b`` and
change, the progress counter, and a review as of a later date; and line editing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from aicheck.answers.load import load_answers
from aicheck.catalog.library import Library
from aicheck.engine.evaluate import applicable_controls
from aicheck.models.answers import AnswersFile
from aicheck.models.settings import RunSettings
from tests.conftest import AS_OF, EXAMPLES
from tests.terminal import Persona, Run, Terminal, run_persona
from tests.test_interview_session import oecd_only

BUDGETS = {"web shop, EU only": 25, "CV ranking, EU only": 80, "CV ranking, all": 180}

WEB_SHOP = Persona(
    rules=[
        ("What is the AI system called", "Nordhaus support chat"),
        ("intended purpose", "Answers shoppers' questions about delivery, returns and assembly"),
        ("accountable", "customer-service@nordhaus.example"),
        ("Which frameworks", ""),  # the default: the EU AI Act
        ("Who provides the system", "ChatVendor GmbH; compliance@chatvendor.example"),
        ("provider's documents", "1"),  # the AI notice; the marking statement is to come
        ("Who carried out this assessment", "Ana Ortiz (compliance lead)"),
        ("What does this assessment cover", "The support chat of the EU web shop"),
        ("Who approves the report", "Lea Brandt (Head of Customer Service)"),
    ],
    screening={
        "Art. 3(1), Art. 2(1)": "1,2",  # an AI system, used in the EU
        "Art. 2(1)": "2",  # by an organisation in the EU (Art. 2(1)(b))
        "Art. 2": "none",
        "Art. 3": "2",  # deployer
        "Art. 2(10)": "n",  # a company, not a private person
        "Art. 5(1)": "none",
        "Art. 6(1)(a)": "n",
        "Annex III": "none",
        "Art. 50": "1,2",  # it chats, and its replies are generated text
        "Art. 3(63)": "n",
    },
    statuses={"Art. 4": "p # agents trained in October; weekend temps in January"},
    evidence="docs/ai-literacy-training.md",
    plan="customer-service@nordhaus.example, 2027-03-31",
)

_CV_SYSTEM = [
    ("What is the AI system called", "TalentSift ranker"),
    ("intended purpose", "Ranks job applications for employers in the EU"),
    ("accountable", "compliance@talentsift.example"),
    ("Who carried out this assessment", "Dana Whitfield (compliance lead)"),
    ("What does this assessment cover", "TalentSift v2 ranking service for EU customers"),
    ("Who approves the report", "Priya Raman (Head of Product); Jonas Becker (DPO)"),
]
_CV_SCREENING = {
    "Art. 3(1), Art. 2(1)": "1,2",  # a learned model, offered in the EU
    "Art. 2(1)": "1",  # placed on the EU market (Art. 2(1)(a))
    "Art. 2": "none",
    "Art. 3": "1",  # provider
    "Art. 22(1)": "n",  # established in the EU
    "Art. 5(1)": "none",
    "Art. 6(1)(a)": "n",
    "Annex III": "4",  # employment
    "Annex III(4)": "1",  # recruitment and selection
    "Art. 6(3)": "none",
    "Art. 111(2)": "1",  # not on the market before its high-risk rules apply
    "Art. 50": "none",
    "Art. 3(63)": "n",
    "AI RMF Appendix A, NIST AI 600-1": "1",  # builds the system; generates no content
}
_CV_STATUSES = {
    "Art. 4": "p # recruiter-facing staff trained; engineering module not yet",
    "Art. 9": "p # register exists; residual-risk sign-off being drafted",
    "Art. 10": "p",
    "Art. 11": "pl",
    "Art. 12": "y",
    "Art. 13": "pl",
    "Art. 14": "y # recruiters confirm every shortlist",
    "Art. 15": "p",
    "Art. 16": "pl",
    "Art. 17": "pl",
    "Art. 18": "r",  # the rest of the provider duties: planned, same owner and date
    "Art. 43": "r",  # conformity, declaration, marking, registration: not started
    "Art. 72": "pl",
    # NIST AI RMF: a first pass per category, the detail where it is partly in place.
    "GOVERN 1": "p",
    "GOVERN 1.1": "y",
    "GOVERN 1.2": "y",
    "GOVERN 1.6": "y",
    "GOVERN 2": "y",
    "GOVERN 4": "pl",
    "MAP 1": "y",
    "MAP 2": "y",
    "MEASURE 2": "p",
    "MEASURE 2.1": "y",
    "MEASURE 2.3": "y",
    "MEASURE 2.5": "y",
    "MEASURE 2.11": "p # gender tested; age and disability pending",
    "MANAGE 4": "pl",
    # OECD: the five principles are not all in place: one by one.
    "OECD 1": "d",
    "OECD 1.3": "y",
    "OECD 1.5": "p",
}
CV_RANKING = Persona(
    rules=[*_CV_SYSTEM, ("Which frameworks", "")],
    screening=_CV_SCREENING,
    statuses=_CV_STATUSES,
    rest={"Chapter III Section 3": "pl", "Chapter III Section 5": "n"},
    plan="ml-lead@talentsift.example, 2027-09-30",
)
CV_RANKING_ALL = Persona(
    rules=[*_CV_SYSTEM, ("Which frameworks", "1-3")],
    screening=_CV_SCREENING,
    statuses=_CV_STATUSES,
    rest=CV_RANKING.rest,
    plan=CV_RANKING.plan,
)


def classification_of(path: Path, library: Library) -> tuple[object, ...]:
    answers: AnswersFile = load_answers(path, library).answers
    found = applicable_controls(library, answers, RunSettings(as_of=AS_OF))
    c = found.classification
    assert c is not None
    return (c.tier, c.roles, c.high_risk_routes, c.transparency, c.gpai, c.unanswered)


def assert_counter_only_moves_forward(run: Run) -> None:
    positions = [s.position for s in run.screens if s.position is not None]
    assert positions == sorted(positions)


def test_web_shop_deploying_a_vendor_chatbot(tmp_path: Path, library: Library) -> None:
    run = run_persona(WEB_SHOP, tmp_path)
    assert run.exit_status == 0
    assert run.prompts <= BUDGETS["web shop, EU only"], run.prompts
    assert_counter_only_moves_forward(run)
    written = tmp_path / "aicheck.yaml"
    answers = load_answers(written, library).answers
    assert answers.frameworks == ("eu-ai-act",)
    assert answers.provider is not None
    assert (answers.provider.name, answers.provider.documents) == (
        "ChatVendor GmbH",
        ("ai_interaction_notice",),
    )
    art4 = answers.controls["eu-ai-act"]["art-4"]
    assert (art4.status, art4.owner, art4.due.isoformat() if art4.due else None) == (
        "partial",
        "customer-service@nordhaus.example",
        "2027-03-31",
    )
    assert art4.notes == "agents trained in October; weekend temps in January"
    # The same answers as the example of this persona, so the same classification.
    example = EXAMPLES / "vendor-chatbot" / "aicheck.yaml"
    assert classification_of(written, library) == classification_of(example, library)


def test_cv_ranking_provider_eu_only(tmp_path: Path, library: Library) -> None:
    run = run_persona(CV_RANKING, tmp_path)
    assert run.exit_status == 0
    assert run.prompts <= BUDGETS["CV ranking, EU only"], run.prompts
    assert_counter_only_moves_forward(run)
    answers = load_answers(tmp_path / "aicheck.yaml", library).answers
    controls = answers.controls["eu-ai-act"]
    # 'r' at Art. 18 answered the rest of the provider duties, and the file says so.
    assert {cid: a.answered_for for cid, a in controls.items() if a.answered_for} == {
        "art-18": "hr-providers",
        "art-19": "hr-providers",
        "art-20": "hr-providers",
        "art-21": "hr-providers",
        "art-43": "hr-conformity",
        "art-47": "hr-conformity",
        "art-48": "hr-conformity",
        "art-49-1": "hr-conformity",
    }
    # Every gap has an owner and a target date; Enter took the last one given.
    gaps = [a for a in controls.values() if a.status != "implemented"]
    assert gaps and all(a.owner and a.due for a in gaps)
    tier, _, routes, *_ = classification_of(tmp_path / "aicheck.yaml", library)
    assert (tier, routes) == ("high_risk", ("Annex III(4)(a)",))


def test_cv_ranking_provider_all_frameworks(tmp_path: Path, library: Library) -> None:
    run = run_persona(CV_RANKING_ALL, tmp_path)
    assert run.exit_status == 0
    assert run.prompts <= BUDGETS["CV ranking, all"], run.prompts
    assert_counter_only_moves_forward(run)
    answers = load_answers(tmp_path / "aicheck.yaml", library).answers
    nist = answers.controls["nist-ai-rmf"]
    # Said for the whole category: every subcategory, marked as such.
    assert {cid for cid, a in nist.items() if a.answered_for == "GOVERN-2"} == {
        "GOVERN-2.1",
        "GOVERN-2.2",
        "GOVERN-2.3",
    }
    assert all(nist[c].status == "implemented" for c in ("GOVERN-2.1", "GOVERN-2.2"))
    # Partly in place: asked one by one, and none of them is marked as a category answer.
    assert nist["GOVERN-1.1"].status == "implemented"
    assert nist["GOVERN-1.3"].status == "not_implemented"
    assert not any(nist[f"GOVERN-1.{n}"].answered_for for n in range(1, 8))
    # It builds the system and generates no content: no NIST AI 600-1 risks.
    assert not any(cid.startswith("GAI-") for cid in nist)
    assert "MEASURE-2.12" in nist  # training energy concerns a builder
    assert set(answers.controls["oecd-ai-principles"]) == {f"1.{n}" for n in range(1, 6)}


# ---- the bugs of the first trial --------------------------------------------------------


def test_ctrl_c_in_a_follow_up_resumes_at_that_follow_up(tmp_path: Path, library: Library) -> None:
    oecd_only(tmp_path)
    terminal = Terminal(tmp_path)
    for expected, reply in [("OECD 1", "d"), ("OECD 1.1", "p")]:
        screen = terminal.next()
        assert screen is not None and screen.citation == expected
        terminal.answer(reply)
    screen = terminal.next()
    assert screen is not None and screen.prompt.startswith("Evidence (optional)")
    terminal.child.sendintr()
    assert terminal.finish() == 130
    kept = load_answers(tmp_path / "aicheck.yaml", library).answers
    assert kept.controls["oecd-ai-principles"]["1.1"].status == "partial"

    # The next run starts in the same answer, at the evidence, under its header.
    terminal = Terminal(tmp_path)
    screen = terminal.next()
    assert screen is not None
    assert screen.citation == "OECD 1.1"
    assert "Evidence (optional)" in screen.prompt
    terminal.answer("docs/fairness.md")
    screen = terminal.next()
    assert screen is not None and "Who closes this gap" in screen.prompt
    terminal.answer("fair-team, 2027-06-30")
    screen = terminal.next()
    assert screen is not None and screen.citation == "OECD 1.2"
    terminal.answer("q")
    assert terminal.finish() == 0
    answer = load_answers(tmp_path / "aicheck.yaml", library).answers.controls[
        "oecd-ai-principles"
    ]["1.1"]
    assert (answer.evidence, answer.owner) == (("docs/fairness.md",), "fair-team")
    assert answer.reviewed is not None


def test_back_then_a_changed_answer_goes_on_from_the_next_question(tmp_path: Path) -> None:
    terminal = Terminal(tmp_path, "--framework", "eu-ai-act")
    # Provider; then back twice, and an authorised representative too (no new question).
    terminal.answer_each(["Bot", "", "", "1,2", "1", "none", "1", "n", "b", "b", "1,3"])
    screen = terminal.next()
    # Not the first question never answered (Art. 5): the one after the roles.
    assert screen is not None and screen.citation == "Art. 22(1)"
    assert "current answer: no" in screen.prompt
    terminal.answer("q")
    assert terminal.finish() == 0


def test_the_counter_never_goes_back_and_says_about_while_the_total_can_change(
    tmp_path: Path,
) -> None:
    terminal = Terminal(tmp_path, "--framework", "eu-ai-act")
    # Up to the Annex III areas: employment, its points, then back twice and no area.
    replies = ["Bot", "", "", "1,2", "1", "none", "1", "n", "none", "n", "4", "1", "b", "b", "none"]
    terminal.answer_each([*replies, "q"])
    assert terminal.finish() == 0
    counted = [s for s in terminal.screens if s.position is not None]
    shown = [(s.citation, s.position, s.left, s.exact) for s in counted]
    # (citation, position, questions left with this one, total known for sure)
    assert shown == [
        ("Art. 3(1), Art. 2(1)", 1, 8, False),
        ("Art. 2(1)", 2, 8, False),  # in the EU: on which grounds, one more
        ("Art. 2", 3, 7, False),
        ("Art. 3", 4, 6, False),
        # A provider: Art. 22(1) is asked, and Art. 4 applies: two more, no jump.
        ("Art. 22(1)", 5, 6, False),
        ("Art. 5(1)", 6, 5, False),
        ("Art. 6(1)(a)", 7, 4, False),
        ("Annex III", 8, 4, False),
        ("Annex III(4)", 9, 4, False),  # the points of the area picked come in
        ("Art. 6(3)", 10, 5, False),  # listed: Art. 6(3) and Art. 111(2) come in
        ("Annex III(4)", 10, 6, False),  # 'b': the counter stays where it was
        ("Annex III", 10, 6, False),  # 'b' again, then "none" ...
        ("Art. 50", 10, 3, False),  # ... and the points, Art. 6(3) and 111(2) drop out
    ]


def test_review_as_of_a_later_date_walks_gaps_reviewed_before_it(tmp_path: Path) -> None:
    """Gaps reviewed today, a review as of three months on: each is walked again."""
    today = dt.date.today()
    path = oecd_only(tmp_path)
    with path.open("a") as handle:
        handle.write(
            "controls:\n  oecd-ai-principles:\n"
            f"    '1.1': {{status: partial, owner: x, reviewed: {today}}}\n"
            + "".join(
                f"    '1.{n}': {{status: implemented, reviewed: {today}}}\n" for n in range(2, 6)
            )
        )
    later = today + dt.timedelta(days=90)
    terminal = Terminal(tmp_path, "--review", "--as-of", later.isoformat())
    screen = terminal.next()
    assert screen is not None and screen.citation == "OECD 1.1"
    assert f"current answer: partly (reviewed {today})" in screen.prompt
    terminal.answer("q")
    assert terminal.finish() == 0


def test_arrow_keys_edit_the_line_instead_of_landing_in_the_file(
    tmp_path: Path, library: Library
) -> None:
    terminal = Terminal(tmp_path, "--framework", "eu-ai-act")
    assert terminal.next() is not None
    terminal.child.send("Bot\x1b[D\x1b[DX\r")  # left, left, X: "BXot"
    assert terminal.next() is not None
    terminal.child.send("\x1b[A\r")  # up: the last reply again
    assert terminal.next() is not None
    terminal.answer("q")
    assert terminal.finish() == 0
    system = load_answers(tmp_path / "aicheck.yaml", library).answers.system
    assert (system.name, system.description) == ("BXot", "BXot")
    assert "\x1b" not in (tmp_path / "aicheck.yaml").read_text()
