"""Typed text to replies: one parser shared by the terminal and the scripted asker."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from aicheck.errors import AicheckError
from aicheck.interview.asker import (
    CATEGORY_CHOICES,
    STATUS_CHOICES,
    Answer,
    Choice,
    Command,
    ExplainItem,
    Item,
    Progress,
    Prompt,
    PromptKind,
    Section,
)
from aicheck.interview.replies import ReplyError, parse_reply
from aicheck.interview.scripted import LineAsker

SECTION = Section(framework="eu-ai-act", framework_name="EU AI Act", title="Scope")
ROLES = (Choice("1", "provider", "Provider"), Choice("2", "deployer", "Deployer"))


def prompt(kind: PromptKind, **extra: object) -> Prompt:
    fields: dict[str, object] = {"progress": Progress(1, 1), **extra}
    return Prompt(
        key=("screening", "eu-ai-act", "q"),
        kind=kind,
        text="Question?",
        section=SECTION,
        **fields,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("kind", "typed", "expected"),
    [
        ("boolean", "y", Answer(True)),
        ("boolean", " No ", Answer(False)),
        ("number", "3.2e24", Answer(3.2e24)),
        ("number", "1_000", Answer(1000)),
        ("date", "2028-06-30", Answer("2028-06-30")),
        ("date", " 2025-01-15 ", Answer("2025-01-15")),  # a date already past is allowed
        ("text", "Ranks [bold]CVs[/bold]", Answer("Ranks [bold]CVs[/bold]")),
        (
            "evidence",
            "docs/a.md, https://x.example/b ,docs/a.md",
            Answer(("docs/a.md", "https://x.example/b")),
        ),
        ("evidence", "-", Answer(())),
        ("plan", "-", Answer(())),
        ("plan", " ml-platform@example.com ", Answer(("ml-platform@example.com", ""))),
        ("plan", "risk-team, 2027-06-30", Answer(("risk-team", "2027-06-30"))),
        ("plan", "Smith, Jones and Co", Answer(("Smith, Jones and Co", ""))),
        ("plan", "2027-1-5", None),
        ("plan", " 2027-06-30 ", Answer(("", "2027-06-30"))),
        ("provider", "ChatVendor GmbH", Answer(("ChatVendor GmbH",))),
        (
            "provider",
            "ChatVendor GmbH; trust@cv.example",
            Answer(("ChatVendor GmbH", "trust@cv.example")),
        ),
        ("boolean", "b", Command.BACK),
        ("boolean", "S", Command.SKIP),
        ("boolean", "q", Command.QUIT),
        ("boolean", "?", Command.HELP),
    ],
)
def test_parse(kind: PromptKind, typed: str, expected: object) -> None:
    if expected is None:
        with pytest.raises(ReplyError, match="is not a date: write it as YYYY-MM-DD"):
            parse_reply(prompt(kind), typed)
        return
    assert parse_reply(prompt(kind), typed) == expected


CHECKLIST = tuple(Item(f"q{n}", f"Question {n}?", f"Art. {n}", f"Help {n}") for n in range(1, 6))


@pytest.mark.parametrize(
    ("typed", "picked"),
    [
        ("1,3", ("q1", "q3")),
        ("3, 1", ("q1", "q3")),
        ("2-4", ("q2", "q3", "q4")),
        ("1 - 2, 5", ("q1", "q2", "q5")),
        ("5 1", ("q1", "q5")),
        ("none", ()),
        ("0", ()),
        ("N", ()),
        ("-", ()),
    ],
)
def test_checklist_replies_pick_items(typed: str, picked: tuple[str, ...]) -> None:
    assert parse_reply(prompt("checklist", items=CHECKLIST), typed) == Answer(picked)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("6", "'6' is not an item number: type numbers from 1 to 5"),
        ("1,x", "'x' is not an item number"),
        ("4-2", "a range goes from the lower number up"),
        ("?9", "'9' is not an item number"),
    ],
)
def test_checklist_replies_that_pick_nothing_real(typed: str, message: str) -> None:
    with pytest.raises(ReplyError, match=message):
        parse_reply(prompt("checklist", items=CHECKLIST), typed)


def test_question_mark_and_a_number_explains_one_item() -> None:
    assert parse_reply(prompt("checklist", items=CHECKLIST), "?2") == ExplainItem(1)
    assert parse_reply(prompt("checklist", items=CHECKLIST), "?") is Command.HELP


def test_a_note_rides_on_a_status_reply() -> None:
    status = prompt("status", choices=STATUS_CHOICES, takes_note=True)
    assert parse_reply(status, "y # trained in May") == Answer("implemented", "trained in May")
    assert parse_reply(status, "pl#") == Answer("planned", "")
    with pytest.raises(ReplyError, match="give the answer before the note"):
        parse_reply(status, "# only a note")
    # Where no note is taken, '#' is part of the text.
    assert parse_reply(prompt("text"), "Bot #2") == Answer("Bot #2")


def test_r_answers_the_rest_of_a_section_only_where_offered() -> None:
    status = prompt("status", choices=STATUS_CHOICES)
    with pytest.raises(ReplyError, match="not one of"):
        parse_reply(status, "r")
    assert parse_reply(prompt("status", choices=STATUS_CHOICES, can_rest=True), "R") is Command.REST


def test_a_target_date_in_the_past_is_refused() -> None:
    plan = prompt("plan", earliest=dt.date(2026, 12, 2))
    with pytest.raises(ReplyError) as past:
        parse_reply(plan, "risk-team, 2026-12-01")
    assert str(past.value) == "2026-12-01 is in the past: give a target date from 2026-12-02 on"
    assert parse_reply(plan, "risk-team, 2026-12-02") == Answer(("risk-team", "2026-12-02"))
    with pytest.raises(ReplyError, match=r"'31\.12\.2027' is not a date"):
        parse_reply(plan, "risk-team, 31.12.2027")


@pytest.mark.parametrize("typed", ["March 2027", "end of June", "Q1 2027"])
def test_a_date_in_words_is_refused_not_kept_in_the_owner(typed: str) -> None:
    # The last web-shop trial typed 'hr@x.example, March 2027': it was saved as the owner
    # 'hr@x.example, March 2027' with no target date.
    plan = prompt("plan", earliest=dt.date(2026, 12, 2))
    with pytest.raises(ReplyError, match="is not a date: write it as YYYY-MM-DD"):
        parse_reply(plan, f"hr@x.example, {typed}")
    with pytest.raises(ReplyError, match="is not a date"):
        parse_reply(plan, typed)
    # A comma inside a name is still a name.
    assert parse_reply(plan, "Ops lead, HR") == Answer(("Ops lead, HR", ""))
    assert parse_reply(plan, "Ops, Marketing") == Answer(("Ops, Marketing", ""))


@pytest.mark.parametrize("owner", ["Jan Novak", "Team May", "April Jones", "Mar García"])
def test_a_name_with_a_month_in_it_is_a_name(owner: str) -> None:
    # 'Team May' was refused as a date written in words.
    plan = prompt("plan", earliest=dt.date(2026, 12, 2))
    assert parse_reply(plan, owner) == Answer((owner, ""))
    assert parse_reply(plan, f"{owner}, 2027-03-31") == Answer((owner, "2027-03-31"))


def test_a_name_after_a_comma_that_reads_as_a_date_says_how_to_keep_it() -> None:
    plan = prompt("plan", earliest=dt.date(2026, 12, 2))
    with pytest.raises(ReplyError) as refused:
        parse_reply(plan, "Novak, Jan")
    assert str(refused.value) == (
        "'Jan' is not a date: write it as YYYY-MM-DD, for example 2028-06-30"
        " (if 'Jan' is part of the owner's name, leave out the comma)"
    )
    assert parse_reply(plan, "Novak Jan") == Answer(("Novak Jan", ""))


@pytest.mark.parametrize("typed", ["Bot\x1b[D\x1b[DX", "y\x1b[A", "\x07"])
def test_control_characters_are_refused_not_stored(typed: str) -> None:
    with pytest.raises(ReplyError, match="control character"):
        parse_reply(prompt("text"), typed.encode().decode("unicode_escape"))
    assert parse_reply(prompt("text"), "tab\there") == Answer("tab\there")


def test_status_words_and_multi_choice() -> None:
    status = prompt("status", choices=STATUS_CHOICES)
    assert parse_reply(status, "y") == Answer("implemented")
    assert parse_reply(status, "partial") == Answer("partial")
    assert parse_reply(status, "n") == Answer("not_implemented")
    assert parse_reply(status, "n/a") == Answer("not_applicable")
    assert parse_reply(status, "planned") == Answer("planned")
    roles = prompt("multi", choices=ROLES)
    assert parse_reply(roles, "1, deployer") == Answer(("provider", "deployer"))
    assert parse_reply(roles, "-") == Answer(())


def test_enter_keeps_current_or_leaves_optional_empty() -> None:
    assert parse_reply(prompt("boolean", current="yes"), "") is Command.KEEP
    assert parse_reply(prompt("evidence", required=False), "") == Answer(None)
    with pytest.raises(ReplyError, match="an answer is needed"):
        parse_reply(prompt("boolean"), "")


@pytest.mark.parametrize(
    ("kind", "typed", "message"),
    [
        ("boolean", "maybe", "answer y"),
        ("number", "lots", "answer a number"),
        ("number", "inf", "finite"),
        ("date", "30/06/2028", "'30/06/2028' is not a date: write it as YYYY-MM-DD"),
        ("date", "2028-02-30", "not a date"),
        ("date", "20280630", "not a date"),
        ("date", "next summer", "not a date"),
        ("multi", "1, 7", "not one of"),
    ],
)
def test_rejects(kind: PromptKind, typed: str, message: str) -> None:
    with pytest.raises(ReplyError, match=message):
        parse_reply(prompt(kind, choices=ROLES if kind == "multi" else ()), typed)


def test_a_wrong_choice_names_what_is_allowed_briefly_when_the_list_is_long() -> None:
    with pytest.raises(ReplyError) as short:
        parse_reply(prompt("choice", choices=ROLES), "7")
    assert str(short.value) == "'7' is not one of: 1 (Provider), 2 (Deployer)"
    with pytest.raises(ReplyError) as typed:
        parse_reply(prompt("choice", choices=ROLES), "Register Exists")
    assert str(typed.value).startswith("'Register Exists' is not one of")  # as typed
    assert parse_reply(prompt("choice", choices=ROLES), "PROVIDER") == Answer("provider")
    many = tuple(
        Choice(str(i), f"role_{i}", f"Role {i}: " + "a long description " * 5) for i in range(1, 7)
    )
    with pytest.raises(ReplyError) as long:
        parse_reply(prompt("multi", choices=many), "7")
    assert str(long.value) == "'7' is not one of: 1, 2, 3, 4, 5, 6"


def test_back_and_skip_only_where_allowed() -> None:
    with pytest.raises(ReplyError, match="first question"):
        parse_reply(prompt("boolean", can_go_back=False), "b")
    with pytest.raises(ReplyError, match="cannot be skipped"):
        parse_reply(prompt("text", can_skip=False), "s")


def test_line_asker_quits_at_end_of_input_and_names_a_bad_line() -> None:
    out = io.StringIO()
    asker = LineAsker(["y\n"], out)
    assert asker.ask(prompt("boolean")) == Answer(True)
    assert asker.ask(prompt("boolean")) is Command.QUIT
    assert asker.exhausted
    assert "Question?" in out.getvalue()
    bad = LineAsker(["\x1b[31mred"])
    with pytest.raises(AicheckError, match=r"input line 1: .*\\x1b.*control character"):
        bad.ask(prompt("boolean"))


def test_line_asker_shows_progress_only_where_it_counts() -> None:
    out = io.StringIO()
    asker = LineAsker(["y\n", "Bot\n"], out)
    asker.ask(prompt("boolean", citation="Art. 2(1)"))
    asker.ask(prompt("text", progress=None))  # a system field: not counted
    assert out.getvalue().splitlines()[:2] == ["[1/1] Art. 2(1)", "Question?"]
    assert out.getvalue().splitlines()[4:6] == [
        "Question?",
        "(free text, ? explains, b = back, s = skip, q = save and quit)",
    ]


def test_long_choice_lists_are_shown_one_per_line() -> None:
    roles = tuple(
        Choice(str(n), value, f"{value.capitalize()}: does things, and more")
        for n, value in enumerate(("provider", "deployer", "importer", "distributor"), 1)
    )
    lines = prompt("multi", choices=roles).hint_lines()
    assert lines[:4] == [
        "1 = Provider: does things, and more",
        "2 = Deployer: does things, and more",
        "3 = Importer: does things, and more",
        "4 = Distributor: does things, and more",
    ]
    assert lines[4].startswith("several separated by commas, or none, ")
    assert prompt("multi", choices=ROLES).hint_lines() == [prompt("multi", choices=ROLES).hint()]


def test_progress_says_about_how_many_are_left_while_the_total_can_change() -> None:
    assert Progress(3, 20).text() == "[3/20]"
    assert Progress(3, 20, exact=False).text() == "[3, about 18 left]"
    assert Progress(20, 20, exact=False).text() == "[20, about 1 left]"


def test_line_asker_numbers_checklist_items_and_lists_a_categorys_items() -> None:
    out = io.StringIO()
    LineAsker(["1\n"], out).ask(prompt("checklist", items=CHECKLIST[:2]))
    assert out.getvalue().splitlines()[2:4] == ["  1. Question 1?", "  2. Question 2?"]
    out = io.StringIO()
    LineAsker(["y\n"], out).ask(prompt("category", items=CHECKLIST[:1], choices=STATUS_CHOICES))
    assert out.getvalue().splitlines()[2] == "  - Art. 1  Question 1?"


def test_three_long_choices_are_shown_one_per_line_too() -> None:
    # The CV trial read Art. 111(2)'s three answers as one run-on hint line.
    legacy = tuple(
        Choice(str(n), f"v{n}", f"Yes, and a long label that explains answer {n}")
        for n in (1, 2, 3)
    )
    lines = prompt("choice", choices=legacy).hint_lines()
    assert lines[:3] == [f"{n} = Yes, and a long label that explains answer {n}" for n in (1, 2, 3)]
    with pytest.raises(ReplyError, match=r"^'4' is not one of: 1, 2, 3$"):
        parse_reply(prompt("choice", choices=legacy), "4")


def test_none_answers_a_multiple_choice_as_a_checklist_does() -> None:
    # The web-shop trial met 'none' in one list and '-' in another.
    assert parse_reply(prompt("multi", choices=ROLES), "none") == Answer(())
    assert parse_reply(prompt("multi", choices=ROLES), "-") == Answer(())


def test_a_category_explains_each_item_by_number() -> None:
    # The CV trial typed ?2 at a NIST category and was told it is not an answer.
    items = (Item("GOVERN-1.1", "Legal duties", "GOVERN 1.1", "Know the law."),)
    category = prompt("category", choices=CATEGORY_CHOICES, items=items)
    assert parse_reply(category, "?1") == ExplainItem(0)
    assert "?N explains item N" in category.hint()
    with pytest.raises(ReplyError):
        parse_reply(category, "?2")
