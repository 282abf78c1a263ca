"""Typed text to replies: one parser shared by the terminal and the scripted asker."""

from __future__ import annotations

import io

import pytest

from aicheck.errors import AicheckError
from aicheck.interview.asker import (
    STATUS_CHOICES,
    Answer,
    Choice,
    Command,
    Progress,
    Prompt,
    PromptKind,
    ReplyError,
    Section,
    parse_reply,
)
from aicheck.interview.scripted import LineAsker

SECTION = Section(framework="eu-ai-act", framework_name="EU AI Act", title="Scope")
ROLES = (Choice("1", "provider", "Provider"), Choice("2", "deployer", "Deployer"))


def prompt(kind: PromptKind, **extra: object) -> Prompt:
    fields: dict[str, object] = {"progress": Progress(0, 1), **extra}
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
        ("text", "Ranks [bold]CVs[/bold]", Answer("Ranks [bold]CVs[/bold]")),
        (
            "evidence",
            "docs/a.md, https://x.example/b ,docs/a.md",
            Answer(("docs/a.md", "https://x.example/b")),
        ),
        ("evidence", "-", Answer(())),
        ("note", "-", Answer(None)),
        ("owner", "-", Answer(None)),
        ("owner", " ml-platform@example.com ", Answer("ml-platform@example.com")),
        ("boolean", "b", Command.BACK),
        ("boolean", "S", Command.SKIP),
        ("boolean", "q", Command.QUIT),
        ("boolean", "?", Command.HELP),
    ],
)
def test_parse(kind: PromptKind, typed: str, expected: object) -> None:
    assert parse_reply(prompt(kind), typed) == expected


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
    assert parse_reply(prompt("note", required=False), "") == Answer(None)
    with pytest.raises(ReplyError, match="an answer is needed"):
        parse_reply(prompt("boolean"), "")


@pytest.mark.parametrize(
    ("kind", "typed", "message"),
    [
        ("boolean", "maybe", "answer y"),
        ("number", "lots", "answer a number"),
        ("number", "inf", "finite"),
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
    with pytest.raises(AicheckError, match=r"input line 1: .*\\x1b"):
        bad.ask(prompt("boolean"))


def test_line_asker_shows_progress_only_where_it_counts() -> None:
    out = io.StringIO()
    asker = LineAsker(["y\n", "Bot\n"], out)
    asker.ask(prompt("boolean", citation="Art. 2(1)"))
    asker.ask(prompt("text", progress=None))  # a system field: not counted
    assert out.getvalue().splitlines()[:2] == ["[0/1] Art. 2(1)", "Question?"]
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
    assert lines[4].startswith("several separated by commas, - for none, ")
    assert prompt("multi", choices=ROLES).hint_lines() == [prompt("multi", choices=ROLES).hint()]
