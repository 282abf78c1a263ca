"""Measure aicheck's start-up and inventory speed against its budgets (standard library only).

Run from anywhere, with the interpreter of the environment where aicheck is installed:

    python benchmarks/run.py            # medians of 5 runs, budgets as PASS/FAIL lines
    python benchmarks/run.py --runs 9   # more runs for a noisy machine
    python benchmarks/run.py --smoke    # tiny inventory, one run each: checks that it runs
    python benchmarks/run.py --strict   # also exit 1 when a budget fails

Every command runs as a fresh child process, in rounds: each round runs every command of a
group once, so the ratios compare figures taken side by side under the same load.  The
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
    seconds: list[float] = field(default_factory=list)
    peak_kb: list[int] = field(default_factory=list)
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
        with (Path(scratch) / "stderr").open("w+b") as err:
            start = time.perf_counter()
            proc = subprocess.Popen(argv, cwd=measure.cwd, stdout=subprocess.DEVNULL, stderr=err)
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (median)")
    parser.add_argument(
        "--smoke", action="store_true", help="tiny inventory, 1 run; never fails on budgets"
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget fails")
    args = parser.parse_args(argv)
    runs = 1 if args.smoke else max(args.runs, 1)
    sizes = (5, 10) if args.smoke else (1000, 2000)

    script = str(aicheck_script())
    package = compile_bytecode()
    print(f"machine: {machine()}")
    print(f"aicheck: {script}; {runs} run(s) each, medians")
    print(f"bytecode: compiled {package}")
    print(f"peak memory via: {TIME or 'os.wait4'}\n")

    floor = Measure("floor (import deps)", [sys.executable, "-c", FLOOR_CODE], REPO)
    empty = Measure("empty typer command", [sys.executable, "-c", EMPTY_COMMAND_CODE], REPO)
    check1 = Measure("check example", [script, "check", EXAMPLE, *CHECK_ARGS], REPO)
    helps = Measure("--help", [script, "--help"], REPO)
    version = Measure("--version", [script, "--version"], REPO)
    startup = [floor, empty, check1, helps, version]

    with tempfile.TemporaryDirectory(prefix="aicheck-bench-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        paths = [p.as_posix() for p in generate(root, max(sizes))]
        print(f"generated {len(paths)} answers files in {time.perf_counter() - started:.1f} s\n")
        one = Measure("check 1 file", [script, "check", paths[0], *CHECK_ARGS], root)
        many = [
            Measure(f"check {n} files", [script, "check", *paths[:n], *CHECK_ARGS], root)
            for n in sizes
        ]
        print("start-up:", file=sys.stderr)
        run_rounds(startup, runs, warmup=not args.smoke)
        print("inventory:", file=sys.stderr)
        run_rounds([one, *many], runs, warmup=False)

    small, large = many
    bases = {
        empty.name: floor,
        check1.name: floor,
        helps.name: floor,
        version.name: floor,
        small.name: one,
        large.name: small,
    }
    measures = [*startup, one, *many]
    print(table(measures, bases))
    print()

    budgets = [
        ("one-file check <= 1.3x floor", check1.median / floor.median, 1.3),
        ("--version <= 0.6x floor", version.median / floor.median, 0.6),
        ("--help <= 1.0x floor", helps.median / floor.median, 1.0),
        (f"{small.name} <= 20x one file", small.median / one.median, 20.0),
        (f"{large.name} <= 2.2x {sizes[0]} files", large.median / small.median, 2.2),
    ]
    failed_budgets = 0
    for label, ratio, limit in budgets:
        ok = ratio <= limit
        failed_budgets += not ok
        print(f"{'PASS' if ok else 'FAIL'}  {label}: {ratio:.2f}x")
    if small.peak_mb is not None:
        ok = small.peak_mb <= 150
        failed_budgets += not ok
        verdict = "PASS" if ok else "FAIL"
        print(f"{verdict}  peak memory {small.name} <= 150 MB: {small.peak_mb:.0f} MB")
    print(f"info  one-file check vs an empty typer command: {check1.median / empty.median:.2f}x")
    print(f"info  an empty typer command vs the floor: {empty.median / floor.median:.2f}x")
    if args.smoke:
        print("(smoke run: tiny inventory, one run; budgets are not meaningful)")

    failures = [m for m in measures if m.failure]
    for m in failures:
        print(f"ERROR  {m.name} failed: {m.failure}", file=sys.stderr)
    if failures:
        return 2
    if args.strict and not args.smoke and failed_budgets:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
