"""Measure aicheck's start-up and inventory speed against its budgets (standard library only).

Run from anywhere, with the interpreter of the environment where aicheck is installed:

    python benchmarks/run.py              # medians, budgets as PASS/FAIL lines
    python benchmarks/run.py --runs 9     # more start-up runs for a noisy machine
    python benchmarks/run.py --vs main    # also pair the one-file check with main's code
    python benchmarks/run.py --smoke      # tiny inventory, one run each: checks that it runs
    python benchmarks/run.py --strict     # also exit 1 when a budget fails

Every command runs as a fresh child process, in rounds: each round runs every command of a
group once, so the ratios compare figures taken side by side under the same load.  The
inventories (1,000 and 5,000 answers files by default) are checked in every output format
and once more writing a baseline; what each check prints is written to a file, as CI would.
The register of the first 1,000 (`aicheck inventory`) is written as Markdown, HTML and CSV
and read back: rows counted, the CSV parsed, the HTML loaded in headless Chromium.  The
aicheck commands go through the installed console script next to ``sys.executable`` so
start-up is what users get; aicheck's modules are compiled to bytecode first, as pip
does on install.  Peak memory is the child's own maximum resident set size,
read with ``os.wait4`` (Linux and macOS); elsewhere it is not shown.

Exit status: 0 when every command ran; 2 when a measured command failed; 1 with
``--strict`` when a budget failed (never with ``--smoke``).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from inventory import generate
from measure import (
    TIME,
    Measure,
    aicheck_script,
    compile_bytecode,
    machine,
    paired_ratio,
    run_rounds,
)
from register import register_results

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = "examples/cv-screening/aicheck.yaml"
FLOOR_CODE = "import typer, pydantic, yaml, rich.console"
# `import pydantic` is lazy: the floor above never loads BaseModel or builds a validator.
# Typer 0.29 builds a pydantic TypeAdapter for every option it parses, so a typer command
# that does nothing but take one option (with yaml imported, as aicheck needs it) shows
# what any command costs before its own work.  For information, not a budget.
EMPTY_COMMAND_CODE = (
    "import typer, yaml\ndef main(name: str = 'x') -> None:\n    pass\ntyper.run(main)\n"
)
CHECK_ARGS = ("--as-of", "2026-11-27", "--fail-on", "none")


def table(measures: Sequence[Measure], bases: dict[str, Measure]) -> str:
    rows = ["| command | median ms | min ms | ratio | peak MB |", "|---|---:|---:|---|---:|"]
    for m in measures:
        base = bases.get(m.name)
        ratio = f"{m.median / base.median:.2f}x {base.name}" if base else "-"
        peak = "n/a" if m.peak_mb is None else f"{m.peak_mb:.0f}"
        low = min(m.seconds) * 1000 if m.seconds else float("nan")
        rows.append(f"| {m.name} | {m.median * 1000:.0f} | {low:.0f} | {ratio} | {peak} |")
    return "\n".join(rows)


FORMATS = ("text", "json", "sarif", "junit", "markdown")
BASELINE = "baseline"  # a text check that also writes --write-baseline
# Budgets of issue #16 for the large inventories, per format.
SCALE_SMALL = 20.0  # the smaller inventory against one file
SCALE_LARGE = 5.5  # the larger inventory against the smaller
PEAK_LARGE_MB = 300
CV_JSON_KB = 30
# One-file check against --vs REV: the pairs' median ratio, with room for the noise of a
# shared machine (repeated paired runs of one build against itself spread about 3%).
SAME_SPEED = 1.05


def inventory_measures(
    script: str, paths: Sequence[str], sizes: Sequence[int], root: Path, scratch: Path
) -> dict[tuple[str, int], Measure]:
    """One check per output format and inventory size (1 file, then ``sizes``)."""
    measures: dict[tuple[str, int], Measure] = {}
    for kind in (*FORMATS, BASELINE):
        for n in (1, *sizes):
            args = [script, "check", *paths[:n], *CHECK_ARGS]
            if kind == BASELINE:
                args += ["--write-baseline", str(scratch / f"baseline-{n}.json")]
            else:
                args += ["--format", kind]
            label = f"{kind} {n} file{'s' if n > 1 else ''}"
            measures[kind, n] = Measure(label, args, root, keep_output=True)
    return measures


def previous_build(rev: str, into: Path) -> Path:
    """The source of ``rev`` (its src/, frameworks/ and examples/), for the paired
    one-file check: both builds check ``rev``'s example, which both can read (a newer
    example may use keys an older build refuses, and a refusal is no check)."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", rev, "src", "frameworks", "examples"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        sys.exit(f"benchmarks: git archive {rev} failed: {archive.stderr.decode().strip()}")
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into / "src"


def from_source(name: str, src: Path, cwd: Path) -> Measure:
    """The one-file check of the example under ``cwd``, run from the aicheck package
    under ``src`` (compiled to bytecode first, as an installed package is)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], check=True)
    code = "import sys; from aicheck.cli import main; sys.argv[0] = 'aicheck'; main()"
    argv = [sys.executable, "-c", code, "check", EXAMPLE, *CHECK_ARGS]
    return Measure(name, argv, cwd, env={"PYTHONPATH": str(src)})


def cv_json_bytes(script: str) -> int:
    done = subprocess.run(
        [script, "check", EXAMPLE, *CHECK_ARGS, "--format", "json"],
        cwd=REPO,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"benchmarks: JSON of {EXAMPLE} failed: {done.stderr.decode().strip()}")
    return len(done.stdout)


def round_ratio(a: Measure, b: Measure, rounds: int) -> float:
    """The median over the rounds of ``a``'s cost over ``b``'s in the same round (each
    the median of its runs in that round): two figures taken minutes apart, on a machine
    whose speed drifts, are never divided one by the other."""

    def per_round(m: Measure) -> list[float]:
        runs = m.cpu_seconds or m.seconds
        each = len(runs) // rounds
        return [statistics.median(runs[r * each : (r + 1) * each]) for r in range(rounds)]

    return statistics.median(x / y for x, y in zip(per_round(a), per_round(b), strict=True))


def inventory_table(
    measures: dict[tuple[str, int], Measure], sizes: Sequence[int], rounds: int
) -> tuple[str, list[tuple[str, float, float, str]]]:
    """The per-format table, and the budgets as (label, figure, limit, unit); ratios are
    taken round by round (round_ratio)."""
    rows = [
        "| format | files | median s | cpu s | ratio (cpu) | peak MB | output MB | KB per system |",
        "|---|---:|---:|---:|---|---:|---:|---:|",
    ]
    budgets: list[tuple[str, float, float, str]] = []
    small, large = sizes
    for kind in (*FORMATS, BASELINE):
        previous: Measure | None = None
        for n in (1, *sizes):
            m = measures[kind, n]
            ratio = f"{round_ratio(m, previous, rounds):.2f}x" if previous else "-"
            peak = "n/a" if m.peak_mb is None else f"{m.peak_mb:.0f}"
            out = f"{m.output_bytes / 1e6:.1f}" if kind != BASELINE else "-"
            each = f"{m.output_bytes / 1e3 / n:.1f}" if kind != BASELINE else "-"
            cpu = f"{m.cpu_median:.2f}" if m.cpu_seconds else "n/a"
            rows.append(
                f"| {kind} | {n} | {m.median:.2f} | {cpu} | {ratio} | {peak} | {out} | {each} |"
            )
            previous = m
        one, m_small, m_large = (measures[kind, n] for n in (1, small, large))
        budgets.append(
            (f"{kind}: {small} files <= {SCALE_SMALL:g}x one file",
             round_ratio(m_small, one, rounds), SCALE_SMALL, "x")
        )  # fmt: skip
        budgets.append(
            (f"{kind}: {large} files <= {SCALE_LARGE:g}x {small} files",
             round_ratio(m_large, m_small, rounds), SCALE_LARGE, "x")
        )  # fmt: skip
        if m_large.peak_mb is not None:
            budgets.append(
                (f"{kind}: peak memory {large} files <= {PEAK_LARGE_MB} MB",
                 m_large.peak_mb, PEAK_LARGE_MB, " MB")
            )  # fmt: skip
    return "\n".join(rows), budgets


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per start-up command (median)")
    parser.add_argument(
        "--inventory-runs", type=int, default=3, help="runs per inventory check (median)"
    )
    parser.add_argument(
        "--sizes",
        default="1000,5000",
        help="the two inventory sizes, smaller first (default 1000,5000)",
    )
    parser.add_argument(
        "--vs", metavar="REV", help="also time the one-file check against this git revision"
    )
    parser.add_argument(
        "--smoke", action="store_true", help="tiny inventory, 1 run; never fails on budgets"
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget fails")
    args = parser.parse_args(argv)
    runs = 1 if args.smoke else max(args.runs, 1)
    inventory_runs = 1 if args.smoke else max(args.inventory_runs, 1)
    sizes = (5, 10) if args.smoke else tuple(int(n) for n in args.sizes.split(","))
    if len(sizes) != 2 or not 1 < sizes[0] < sizes[1]:
        parser.error("--sizes takes two sizes, smaller first, both above 1: e.g. 1000,5000")

    script = str(aicheck_script())
    package = compile_bytecode()
    print(f"machine: {machine()}")
    print(f"aicheck: {script}; {runs} run(s) per start-up command, {inventory_runs} per check")
    print(f"bytecode: compiled {package}")
    print(f"peak memory via: {TIME or 'os.wait4'}\n")

    floor = Measure("floor (import deps)", [sys.executable, "-c", FLOOR_CODE], REPO)
    empty = Measure("empty typer command", [sys.executable, "-c", EMPTY_COMMAND_CODE], REPO)
    check1 = Measure("check example", [script, "check", EXAMPLE, *CHECK_ARGS], REPO)
    helps = Measure("--help", [script, "--help"], REPO)
    version = Measure("--version", [script, "--version"], REPO)
    startup = [floor, empty, check1, helps, version]

    with tempfile.TemporaryDirectory(prefix="aicheck-bench-") as tmp:
        root = Path(tmp) / "inventory"
        scratch = Path(tmp) / "scratch"
        scratch.mkdir()
        started = time.perf_counter()
        paths = [p.as_posix() for p in generate(root, max(sizes))]
        print(f"generated {len(paths)} answers files in {time.perf_counter() - started:.1f} s\n")
        inventory = inventory_measures(script, paths, sizes, root, scratch)
        print("start-up:", file=sys.stderr)
        run_rounds(startup, runs, warmup=not args.smoke)
        paired: list[Measure] = []
        if args.vs:
            old = previous_build(args.vs, scratch)
            before = from_source(f"check example at {args.vs}", old, scratch)
            now = from_source("check example, this tree", REPO / "src", scratch)
            paired = [now, before]
            print(f"one-file check against {args.vs}:", file=sys.stderr)
            run_rounds(paired, runs, warmup=True)
        print("inventory:", file=sys.stderr)
        # A one-file check takes a fraction of a second and is the divisor of every
        # 1,000-file ratio, so it is warmed up (page cache, catalog cache) and run five
        # times a round, around the format's large checks: one cold or unlucky run, or
        # the machine slowing down between the two figures, would move the ratio.
        one_file = [m for (_, n), m in inventory.items() if n == 1]
        run_rounds(one_file, 0, warmup=True)
        sequence = []
        for kind in (*FORMATS, BASELINE):
            one = inventory[kind, 1]
            sequence += [one, one, inventory[kind, sizes[0]], one, one, inventory[kind, sizes[1]]]
            sequence.append(one)
        run_rounds(sequence, inventory_runs, warmup=False)
        print("register:", file=sys.stderr)
        register = register_results(script, paths[: sizes[0]], root, scratch)
    cv_bytes = cv_json_bytes(script)

    bases = {
        empty.name: floor,
        check1.name: floor,
        helps.name: floor,
        version.name: floor,
    }
    if paired:
        bases[paired[0].name] = paired[1]
    print(table([*startup, *paired], bases))
    print()
    scale_rows, scale_budgets = inventory_table(inventory, sizes, inventory_runs)
    print(scale_rows)
    print()

    budgets: list[tuple[str, float, float, str]] = [
        ("one-file check <= 1.3x floor", check1.median / floor.median, 1.3, "x"),
        ("--version <= 0.6x floor", version.median / floor.median, 0.6, "x"),
        ("--help <= 1.0x floor", helps.median / floor.median, 1.0, "x"),
        *scale_budgets,
        (f"JSON of {EXAMPLE} <= {CV_JSON_KB} KB", cv_bytes / 1000, CV_JSON_KB, " KB"),
    ]
    if paired:
        ratio = paired_ratio(paired[0], paired[1])
        budgets.append((f"one-file check no slower than {args.vs}", ratio, SAME_SPEED, "x"))
    failed_budgets = 0
    for label, figure, limit, unit in budgets:
        ok = figure <= limit
        failed_budgets += not ok
        shown = f"{figure:.2f}" if unit == "x" else f"{figure:.1f}"
        print(f"{'PASS' if ok else 'FAIL'}  {label}: {shown}{unit}")
    for line in register:
        failed_budgets += line.startswith("FAIL")
        print(line)
    print(f"info  one-file check vs an empty typer command: {check1.median / empty.median:.2f}x")
    print(f"info  an empty typer command vs the floor: {empty.median / floor.median:.2f}x")
    if args.smoke:
        print("(smoke run: tiny inventory, one run; budgets are not meaningful)")

    failures = [m for m in [*startup, *paired, *inventory.values()] if m.failure]
    for m in failures:
        print(f"ERROR  {m.name} failed: {m.failure}", file=sys.stderr)
    if failures:
        return 2
    if args.strict and not args.smoke and failed_budgets:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
