"""Turning one typed line into a reply, the same way for every asker.

A reply that is not allowed raises :class:`ReplyError`, whose message says what is; the
terminal asks again, the scripted asker stops.  Control characters (an arrow key typed
where the terminal has no line editing arrives as ``ESC [ D``) are refused rather than
written into the answers file.
"""

from __future__ import annotations

import math
import re
import unicodedata

from aicheck.files.reading import MAX_REPLY_CHARS
from aicheck.interview.asker import Answer, Command, ExplainItem, Prompt, Reply
from aicheck.models.answers import iso_day


class ReplyError(ValueError):
    """The text is not an allowed reply; the message says what is."""


COMMANDS = {"b": Command.BACK, "s": Command.SKIP, "q": Command.QUIT, "?": Command.HELP}
REST = "r"

_YES = {"y", "yes", "true"}
_NO = {"n", "no", "false"}
_NONE = {"none", "0", "-", "n", "no"}
CLEAR = "-"
_ITEM_HELP = re.compile(r"\?\s*(\d+)")
_RANGE = re.compile(r"(\d+)\s*-\s*(\d+)")
# What reads as an attempt at a date (then refused unless YYYY-MM-DD), not as part of an
# owner's name: a leading digit, a year ("March 2027", "Q1 2027"), or nothing but words
# of dates ("end of June", "next quarter").  A name with a month in it (Jan Novak, Team
# May, April Jones) is a name.
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_WORD = re.compile(r"[^\W_]+")
_MONTHS = "january february march april may june july august september october november december"
_DATE_WORDS = frozenset(
    [
        *_MONTHS.split(),
        *(month[:3] for month in _MONTHS.split()),
        *("sept", "q1", "q2", "q3", "q4", "h1", "h2", "end", "of", "by", "in", "mid"),
        *("early", "late", "start", "beginning", "the", "before", "after", "next", "this"),
        *("year", "month", "week", "quarter"),
    ]
)


def _date_like(text: str) -> bool:
    if text[:1].isdigit() or _YEAR.search(text):
        return True
    words = _WORD.findall(text.lower())
    return bool(words) and all(word in _DATE_WORDS for word in words)


def parse_reply(prompt: Prompt, raw: str) -> Reply:
    """Read one line typed for ``prompt``; raise :class:`ReplyError` when it is not allowed."""
    _check_length_and_encoding(raw)
    _refuse_control_characters(raw)
    text = raw.strip()
    lowered = text.lower()
    if lowered in COMMANDS:
        return _command(prompt, COMMANDS[lowered])
    if lowered == REST and prompt.can_rest:
        return Command.REST
    if prompt.items and (found := _ITEM_HELP.fullmatch(text)):
        return ExplainItem(_item_number(prompt, found.group(1)) - 1)
    note = None
    if prompt.takes_note and "#" in text:
        text, note = (part.strip() for part in text.split("#", 1))
        lowered = text.lower()
        if not text:
            raise ReplyError("give the answer before the note, e.g. 'y # trained in May'")
    if not text:
        return _empty(prompt)
    return _answer(prompt, text, lowered, note)


def _command(prompt: Prompt, command: Command) -> Command:
    if command is Command.BACK and not prompt.can_go_back:
        raise ReplyError("this is the first question; there is nothing to go back to")
    if command is Command.SKIP and not prompt.can_skip:
        raise ReplyError("this one cannot be skipped")
    return command


def _empty(prompt: Prompt) -> Reply:
    if prompt.current is not None:
        return Command.KEEP
    if not prompt.required:
        return Answer(None)
    if prompt.can_skip:
        raise ReplyError("an answer is needed (s skips it for now, ? explains)")
    raise ReplyError("an answer is needed (? explains)")


def _answer(prompt: Prompt, text: str, lowered: str, note: str | None) -> Answer:
    kind = prompt.kind
    if kind == "boolean":
        if lowered in _YES:
            return Answer(True)
        if lowered in _NO:
            return Answer(False)
        raise ReplyError("answer y (yes) or n (no)")
    if kind in ("choice", "status", "category"):
        return Answer(_one_choice(prompt, text), note)
    if kind == "multi":
        if text == CLEAR or (lowered == "none" and not _choice_named(prompt, "none")):
            return Answer(())
        picked = [_one_choice(prompt, part.strip()) for part in text.split(",")]
        return Answer(tuple(dict.fromkeys(picked)))
    if kind == "checklist":
        return Answer(_picked(prompt, lowered))
    if kind == "number":
        return Answer(_number(text))
    if kind == "date":
        return Answer(_date(prompt, text))
    if kind == "evidence":
        if text == CLEAR:
            return Answer(())
        return Answer(tuple(dict.fromkeys(p.strip() for p in text.split(",") if p.strip())))
    if kind == "plan":
        return Answer(_plan(prompt, text))
    if kind == "provider":
        name, _, contact = (part.strip() for part in text.partition(";"))
        if not name:
            raise ReplyError("give the provider's name first, e.g. 'ChatVendor GmbH; x@y.example'")
        return Answer((name, contact) if contact else (name,))
    return Answer(text)


def _check_length_and_encoding(raw: str) -> None:
    if len(raw) > MAX_REPLY_CHARS:
        raise ReplyError(
            f"too long: {len(raw)} characters, and one reply holds at most {MAX_REPLY_CHARS}"
        )
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:  # bytes a terminal in a non-UTF-8 locale could not decode
        raise ReplyError("not valid UTF-8 text; type it again") from None


def _refuse_control_characters(raw: str) -> None:
    stripped = raw.rstrip("\r\n")
    if any(unicodedata.category(c) == "Cc" and c != "\t" for c in stripped):
        raise ReplyError(
            "the reply contains a control character (an arrow or function key?); type it again"
        )


def _one_choice(prompt: Prompt, typed: str) -> str:
    """The choice ``typed`` names, in any case; the error quotes it as typed."""
    word = typed.lower()
    for i, choice in enumerate(prompt.choices, start=1):
        accepted = {choice.token.lower(), choice.value.lower(), str(i)} | {
            a.lower() for a in choice.aliases
        }
        if word in accepted:
            return choice.value
    if len(prompt.hint_lines()) > 1:  # the labels are on screen already, one per line
        allowed = ", ".join(c.token for c in prompt.choices)
    else:
        allowed = ", ".join(f"{c.token} ({c.label})" for c in prompt.choices)
    raise ReplyError(f"{typed!r} is not one of: {allowed}")


def _choice_named(prompt: Prompt, word: str) -> bool:
    return any(word in (c.token.lower(), c.value.lower()) for c in prompt.choices)


def _picked(prompt: Prompt, lowered: str) -> tuple[str, ...]:
    """The items a checklist reply picks: ``1,3``, ``1-3``, ``2 4``, or ``none``."""
    if lowered in _NONE:
        return ()
    numbers: set[int] = set()
    for part in re.split(r"[,\s]+", re.sub(r"\s*-\s*", "-", lowered)):
        if not part:
            continue
        if found := _RANGE.fullmatch(part):
            first, last = (_item_number(prompt, n) for n in found.groups())
            if first > last:
                raise ReplyError(f"{part!r}: a range goes from the lower number up")
            numbers |= set(range(first, last + 1))
        else:
            numbers.add(_item_number(prompt, part))
    return tuple(item.value for i, item in enumerate(prompt.items, start=1) if i in numbers)


def _item_number(prompt: Prompt, typed: str) -> int:
    count = len(prompt.items)
    if typed.isdigit() and 1 <= int(typed) <= count:
        return int(typed)
    raise ReplyError(
        f"{typed!r} is not an item number: type numbers from 1 to {count}, e.g. 1,3, or none"
    )


def _plan(prompt: Prompt, text: str) -> tuple[str, ...]:
    """``owner, YYYY-MM-DD``, ``owner`` or a date alone; ``-`` clears both."""
    if text == CLEAR:
        return ()
    owner, _, last = text.rpartition(",")
    last = last.strip()
    if not owner:  # no comma: an owner, or a date alone
        owner, last = ("", text) if _date_like(text) else (text, "")
    elif not _date_like(last):
        owner, last = text, ""  # a comma inside the owner's name
    if not last:
        return (owner.strip(), "")
    try:
        return (owner.strip(), _date(prompt, last))
    except ReplyError as refused:
        if owner and not any(c.isdigit() for c in last):  # "Novak, Jan"
            raise ReplyError(
                f"{refused} (if {last!r} is part of the owner's name, leave out the comma)"
            ) from None
        raise


def _date(prompt: Prompt, typed: str) -> str:
    """A day written ``YYYY-MM-DD``; not before ``prompt.earliest`` when it has one (a
    target date), any day otherwise (a planned change may already be scheduled)."""
    day = iso_day(typed)
    if day is None:
        raise ReplyError(f"{typed!r} is not a date: write it as YYYY-MM-DD, for example 2028-06-30")
    if prompt.earliest is not None and day < prompt.earliest:
        raise ReplyError(
            f"{typed} is in the past: give a target date from {prompt.earliest.isoformat()} on"
        )
    return day.isoformat()


def _number(text: str) -> int | float:
    cleaned = text.replace("_", "").replace(" ", "")
    try:
        return int(cleaned)
    except ValueError:
        pass
    try:
        value = float(cleaned)
    except ValueError:
        raise ReplyError("answer a number, for example 3.2e24") from None
    if not math.isfinite(value):
        raise ReplyError("answer a finite number")
    return value
