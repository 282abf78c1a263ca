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
The
aicheck commands go through the installed console script next to ``sys.executable`` so
start-up is what users get; aicheck's modules are compiled to bytecode first, as pip
does on install.  Peak memory is the child's own maximum resident set size,
read with ``os.wait4`` (Linux and macOS); elsewhere it is not shown.

Exit status: 0 when every command ran; 2 when a measured command failed; 1 with
``--strict`` when a budget failed (never with ``--smoke``).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from inventory import generate

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


@dataclass
class Measure:
    name: str
    argv: list[str]
    cwd: Path
    keep_output: bool = False
    """Write stdout to a file and record its size (else it goes to /dev/null)."""
    env: dict[str, str] = field(default_factory=dict)
    """Added to the environment of the command."""
    seconds: list[float] = field(default_factory=list)
    peak_kb: list[int] = field(default_factory=list)
    output_bytes: int = 0
    failure: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")

    @property
    def peak_mb(self) -> float | None:
        return max(self.peak_kb) / 1024 if self.peak_kb else None


def aicheck_script() -> Path:
    """The console script installed next to the interpreter (what users run)."""
    folder = Path(sys.executable).parent
    for name in ("aicheck", "aicheck.exe"):
        if (folder / name).is_file():
            return folder / name
    found = shutil.which("aicheck")
    if found:
        return Path(found)
    sys.exit(f"benchmarks: no aicheck console script next to {sys.executable}; install first")


def compile_bytecode() -> str:
    """Compile aicheck's modules, as pip does when it installs a wheel.

    An editable install never gets bytecode when PYTHONDONTWRITEBYTECODE is set, and
    then every run would compile aicheck from source while the dependencies (installed
    by pip) load from bytecode: the ratios would measure the compiler.
    """
    where = subprocess.run(
        [sys.executable, "-c", "import aicheck, os; print(os.path.dirname(aicheck.__file__))"],
        capture_output=True,
        text=True,
        check=False,
    )
    if where.returncode != 0:
        sys.exit(f"benchmarks: cannot import aicheck with {sys.executable}; install first")
    package = where.stdout.strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], check=True)
    return package


def gnu_time() -> str | None:
    """GNU time, if installed: it reads the child's peak memory from a tiny parent."""
    path = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    if path is None:
        return None
    probe = subprocess.run(
        [path, "-f", "%M", "-o", os.devnull, sys.executable, "-c", "pass"],
        capture_output=True,
        check=False,
    )
    return path if probe.returncode == 0 else None


TIME = gnu_time()


def run_once(measure: Measure) -> None:
    """Run the command once; record wall time and the child's own peak memory.

    With GNU time the peak is measured from its small process; otherwise ``os.wait4``
    gives the child's peak, which on Linux also counts the pages the child shared with
    this (larger) Python process before exec, so small figures read a little high.
    """
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "peak"
        argv = measure.argv
        if TIME:
            argv = [TIME, "-f", "%M", "-o", str(report), *argv]
        output = Path(scratch) / "stdout" if measure.keep_output else Path(os.devnull)
        env = {**os.environ, **measure.env} if measure.env else None
        with (Path(scratch) / "stderr").open("w+b") as err, output.open("wb") as out:
            start = time.perf_counter()
            proc = subprocess.Popen(argv, cwd=measure.cwd, stdout=out, stderr=err, env=env)
            if hasattr(os, "wait4"):
                _, status, usage = os.wait4(proc.pid, 0)
                elapsed = time.perf_counter() - start
                proc.returncode = os.waitstatus_to_exitcode(status)
                # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
                kb = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
            else:  # pragma: no cover - Windows
                proc.wait()
                elapsed = time.perf_counter() - start
                kb = 0
            if TIME and report.exists():
                lines = report.read_text().split()
                kb = int(lines[-1]) if lines and lines[-1].isdigit() else kb
            if kb:
                measure.peak_kb.append(int(kb))
            if measure.keep_output:
                measure.output_bytes = output.stat().st_size
            if proc.returncode != 0 and measure.failure is None:
                err.seek(0)
                tail = err.read().decode("utf-8", "replace").strip().splitlines()[-5:]
                measure.failure = f"exit {proc.returncode}: " + " | ".join(tail)
    measure.seconds.append(elapsed)


def run_rounds(measures: Sequence[Measure], runs: int, *, warmup: bool) -> None:
    if warmup:  # fill the page cache and any on-disk caches; not counted
        for m in measures:
            run_once(m)
        for m in measures:
            m.seconds.clear()
            m.peak_kb.clear()
    for i in range(runs):
        for m in measures:
            run_once(m)
        print(f"  round {i + 1}/{runs} done", file=sys.stderr, flush=True)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs ({cpu}); Python {platform.python_version()} "
        f"({platform.python_implementation()}) on {platform.system()} {platform.release()}"
    )


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
    """The source of ``rev`` (its src/ and frameworks/), for the paired one-file check."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", rev, "src", "frameworks"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        sys.exit(f"benchmarks: git archive {rev} failed: {archive.stderr.decode().strip()}")
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(into / "src")], check=True)
    return into / "src"


def from_source(name: str, src: Path) -> Measure:
    """The one-file check run from the aicheck package under ``src``."""
    code = "import sys; from aicheck.cli import main; sys.argv[0] = 'aicheck'; main()"
    argv = [sys.executable, "-c", code, "check", EXAMPLE, *CHECK_ARGS]
    return Measure(name, argv, REPO, env={"PYTHONPATH": str(src)})


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


def inventory_table(
    measures: dict[tuple[str, int], Measure], sizes: Sequence[int]
) -> tuple[str, list[tuple[str, float, float, str]]]:
    """The per-format table, and the budgets as (label, figure, limit, unit)."""
    rows = [
        "| format | files | median s | min s | ratio | peak MB | output MB | KB per system |",
        "|---|---:|---:|---:|---|---:|---:|---:|",
    ]
    budgets: list[tuple[str, float, float, str]] = []
    small, large = sizes
    for kind in (*FORMATS, BASELINE):
        previous: Measure | None = None
        for n in (1, *sizes):
            m = measures[kind, n]
            ratio = f"{m.median / previous.median:.2f}x" if previous else "-"
            peak = "n/a" if m.peak_mb is None else f"{m.peak_mb:.0f}"
            out = f"{m.output_bytes / 1e6:.1f}" if kind != BASELINE else "-"
            each = f"{m.output_bytes / 1e3 / n:.1f}" if kind != BASELINE else "-"
            low = min(m.seconds) if m.seconds else float("nan")
            rows.append(
                f"| {kind} | {n} | {m.median:.2f} | {low:.2f} | {ratio} | {peak} | {out} | {each} |"
            )
            previous = m
        one, m_small, m_large = (measures[kind, n] for n in (1, small, large))
        budgets.append(
            (f"{kind}: {small} files <= {SCALE_SMALL:g}x one file",
             m_small.median / one.median, SCALE_SMALL, "x")
        )  # fmt: skip
        budgets.append(
            (f"{kind}: {large} files <= {SCALE_LARGE:g}x {small} files",
             m_large.median / m_small.median, SCALE_LARGE, "x")
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
            before = from_source(f"check example at {args.vs}", previous_build(args.vs, scratch))
            now = from_source("check example, this tree", REPO / "src")
            paired = [now, before]
            print(f"one-file check against {args.vs}:", file=sys.stderr)
            run_rounds(paired, runs, warmup=True)
        print("inventory:", file=sys.stderr)
        run_rounds(list(inventory.values()), inventory_runs, warmup=False)
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
    scale_rows, scale_budgets = inventory_table(inventory, sizes)
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
        shown = f"{figure:.2f}" if unit == "x" else f"{figure:.0f}"
        print(f"{'PASS' if ok else 'FAIL'}  {label}: {shown}{unit}")
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


def paired_ratio(a: Measure, b: Measure) -> float:
    """The median of the run-by-run ratios: each pair ran back to back in one round."""
    return statistics.median(x / y for x, y in zip(a.seconds, b.seconds, strict=True))


if __name__ == "__main__":
    sys.exit(main())
