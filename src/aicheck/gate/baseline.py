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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from aicheck.errors import AicheckError
from aicheck.files.reading import read_text
from aicheck.gate.diff import key, same_kind
from aicheck.gate.run import Assessed, BaselineUse
from aicheck.models.report import Finding

BASELINE_FORMAT = 1
Fingerprint = tuple[str, str, str, str]


def _relative(source: str, folder: Path) -> str:
    """The answers file's path relative to the baseline's folder, with '/' separators,
    so the baseline matches whatever folder the check runs from."""
    try:
        rel = os.path.relpath(Path(source).resolve(), folder.resolve())
    except ValueError:  # another drive on Windows
        return Path(source).as_posix()
    return Path(rel).as_posix()


def _entry(key: Fingerprint, count: int) -> str:
    source, rule, kind, item = key
    entry = {"source": source, "rule": rule, "kind": kind, "item": item or None, "count": count}
    return json.dumps(entry, sort_keys=True, ensure_ascii=False)


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


def record(
    systems: Iterable[Assessed], path: Path, say: Callable[[str], None], use: BaselineUse
) -> Iterator[Assessed]:
    """Write each system's unwaived findings to the baseline at ``path`` as it passes,
    and pass it on without them: the gate passes on the day the baseline is taken.

    One entry per line, the systems in the order of the run; the file replaces ``path``
    only when the run completes.
    """
    from aicheck.files.atomic import atomic_output

    folder = path.parent
    recorded = 0
    with atomic_output(path) as handle:
        handle.write(f'{{"aicheck_baseline": {BASELINE_FORMAT}, "findings": [')
        separator = "\n"
        for assessed in systems:
            # Resolved once per file, not once per finding: resolving is a system call.
            source = _relative(assessed.report.source, folder)
            live = [f for f in assessed.report.findings if not f.waived]
            counts = Counter((source, *key(f)) for f in live)
            for entry, count in sorted(counts.items()):
                handle.write(separator + _entry(entry, count))
                separator = ",\n"
            recorded += len(live)
            use.accepted = recorded
            waived = tuple(f for f in assessed.report.findings if f.waived)
            yield replace(assessed, report=assessed.report.replace(findings=waived))
        handle.write("\n]}\n")
    say(f"aicheck: wrote baseline {path} ({recorded} findings recorded)")


def apply(
    systems: Iterable[Assessed],
    known: Counter[Fingerprint],
    path: Path,
    say: Callable[[str], None],
    use: BaselineUse,
) -> Iterator[Assessed]:
    """Drop the findings the baseline at ``path`` records (``known``, up to the recorded
    count each) from each system as it passes; at the end, ``say`` how many it dropped."""
    folder = path.parent
    left = Counter(known)
    suppressed = 0
    checked: set[str] = set()
    for assessed in systems:
        source = _relative(assessed.report.source, folder)
        checked.add(source)
        kept: list[Finding] = []
        for f in assessed.report.findings:
            known_as: Fingerprint = (source, *key(f))
            if not f.waived and left[known_as] > 0:
                left[known_as] -= 1
                suppressed += 1
                use.accepted = suppressed
            else:
                kept.append(f)
        yield replace(assessed, report=assessed.report.replace(findings=tuple(kept)))
    # Entries of files not checked this time are not "fixed", just not looked at.
    fixed = sum(n for entry, n in left.items() if n > 0 and entry[0] in checked)
    use.no_longer_found = fixed
    message = f"aicheck: baseline {path}: {suppressed} findings suppressed"
    if fixed:
        message += (
            f"; {fixed} recorded findings no longer occur (run --write-baseline to drop them)"
        )
    say(message)


def use_baseline(
    systems: Iterable[Assessed],
    *,
    read: Path | None,
    write: Path | None,
    say: Callable[[str], None],
) -> tuple[Iterator[Assessed], BaselineUse]:
    """The systems with a baseline written or applied as they pass (the service has
    refused --baseline with --write-baseline already), and what it did, known once they
    have all passed."""
    assert read is None or write is None
    if write is not None:
        use = BaselineUse(file=str(write), written=True)
        return record(systems, write, say, use), use
    assert read is not None
    use = BaselineUse(file=str(read), written=False)
    # Read now: a missing or broken baseline stops the run before any system is checked.
    return apply(systems, load_baseline(read), read, say, use), use
