"""Adopt the gate without fixing everything first: a baseline of today's findings.

`aicheck check --write-baseline FILE` records every unwaived finding; `--baseline FILE`
then drops the recorded ones from the report, so the gate fails only on findings that are
new.  A finding is recognised by a fingerprint that survives edits elsewhere in the file:
the answers file (relative to the baseline's folder), the rule, the kind and the item.
Line numbers, severities and message wording are left out on purpose: answering another
control moves lines, and the calendar moves severities (an obligation coming into force).
Several findings with the same fingerprint (two missing evidence files of one control) are
counted, and only that many are suppressed.

Waived findings are not recorded: a waiver already keeps them out of the gate, and when it
expires they must fail again rather than hide behind the baseline.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from aicheck.errors import AicheckError
from aicheck.files.reading import read_text
from aicheck.gate.diff import key, same_kind
from aicheck.models.report import Finding, Report

BASELINE_FORMAT = 1
Fingerprint = tuple[str, str, str, str]


def fingerprint(source: str, finding: Finding, folder: Path) -> Fingerprint:
    return (_relative(source, folder), *key(finding))


def _relative(source: str, folder: Path) -> str:
    """The answers file's path relative to the baseline's folder, with '/' separators,
    so the baseline matches whatever folder the check runs from."""
    try:
        rel = os.path.relpath(Path(source).resolve(), folder.resolve())
    except ValueError:  # another drive on Windows
        return Path(source).as_posix()
    return Path(rel).as_posix()


def fingerprints(report: Report, folder: Path) -> Counter[Fingerprint]:
    return Counter(
        fingerprint(system.source, f, folder)
        for system in report.systems
        for f in system.findings
        if not f.waived
    )


def baseline_json(report: Report, folder: Path) -> str:
    counts = fingerprints(report, folder)
    entries = [
        {"source": s, "rule": r, "kind": k, "item": i or None, "count": n}
        for (s, r, k, i), n in sorted(counts.items())
    ]
    data = {"aicheck_baseline": BASELINE_FORMAT, "findings": entries}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def load_baseline(path: Path) -> Counter[Fingerprint]:
    if not os.path.lexists(path):
        raise AicheckError(
            "baseline file not found", path=path, hint="create it with --write-baseline"
        )
    text = read_text(path, kind="JSON")
    try:
        data = json.loads(text)
    except RecursionError:
        raise AicheckError("baseline is not valid JSON: nested too deeply", path=path) from None
    except json.JSONDecodeError as exc:
        raise AicheckError(
            f"baseline is not valid JSON: {exc.msg}", path=path, line=exc.lineno
        ) from None
    except ValueError:  # not a JSONDecodeError: an integer of over 4,300 digits
        raise AicheckError("baseline is not valid JSON: a number too large", path=path) from None
    if not isinstance(data, dict) or data.get("aicheck_baseline") != BASELINE_FORMAT:
        raise AicheckError(
            f'not an aicheck baseline (expected "aicheck_baseline": {BASELINE_FORMAT})',
            path=path,
            hint="create it with --write-baseline",
        )
    entries = data.get("findings")
    if not isinstance(entries, list):
        raise AicheckError("baseline: 'findings' must be a list", path=path)
    counts: Counter[Fingerprint] = Counter()
    for number, entry in enumerate(entries, start=1):
        if not (
            isinstance(entry, dict)
            and all(isinstance(entry.get(k), str) for k in ("source", "rule", "kind"))
            and isinstance(entry.get("item"), str | None)
            and isinstance(entry.get("count", 1), int)
            and not isinstance(entry.get("count", 1), bool)
            and entry.get("count", 1) >= 1
        ):
            raise AicheckError(
                f"baseline: finding {number} needs source, rule, kind (strings), item "
                "(string or null) and count (1 or more)",
                path=path,
            )
        key = (entry["source"], entry["rule"], same_kind(entry["kind"]), entry["item"] or "")
        counts[key] += entry.get("count", 1)
    return counts


@dataclass(frozen=True)
class Applied:
    report: Report
    suppressed: int  # findings dropped because the baseline knows them
    fixed: int  # baseline entries no finding matched any more


def apply_baseline(report: Report, known: Counter[Fingerprint], folder: Path) -> Applied:
    """Drop the findings the baseline records (up to the recorded count each)."""
    left = Counter(known)
    suppressed = 0
    systems = []
    checked = {_relative(system.source, folder) for system in report.systems}
    for system in report.systems:
        kept: list[Finding] = []
        for f in system.findings:
            key = fingerprint(system.source, f, folder)
            if not f.waived and left[key] > 0:
                left[key] -= 1
                suppressed += 1
            else:
                kept.append(f)
        systems.append(system.replace(findings=tuple(kept)))
    # Entries of files not checked this time are not "fixed", just not looked at.
    fixed = sum(n for key, n in left.items() if n > 0 and key[0] in checked)
    return Applied(report.replace(systems=tuple(systems)), suppressed, fixed)


def use_baseline(
    report: Report, *, read: Path | None, write: Path | None, say: Callable[[str], None]
) -> Report:
    """Write and/or apply a baseline, and ``say`` what happened.

    Writing records today's findings and then applies them, so the report and the exit
    code agree: the gate passes on the day the baseline is taken.
    """
    from aicheck.files.atomic import write_atomic

    path = write if write is not None else read
    assert path is not None and (read is None or write is None)
    folder = path.parent
    if write is not None:
        write_atomic(write, baseline_json(report, folder))
        known = fingerprints(report, folder)
        say(f"aicheck: wrote baseline {write} ({sum(known.values())} findings recorded)")
        return apply_baseline(report, known, folder).report
    applied = apply_baseline(report, load_baseline(path), folder)
    message = f"aicheck: baseline {path}: {applied.suppressed} findings suppressed"
    if applied.fixed:
        message += (
            f"; {applied.fixed} recorded findings no longer occur"
            " (run --write-baseline to drop them)"
        )
    say(message)
    return applied.report
