"""Run a command as a fresh child process and record its wall time and peak memory.

Shared by run.py; standard library only.
"""

from __future__ import annotations

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
    cpu_seconds: list[float] = field(default_factory=list)
    """User plus system time of the child and what it waited for."""
    peak_kb: list[int] = field(default_factory=list)
    output_bytes: int = 0
    failure: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu_seconds) if self.cpu_seconds else float("nan")

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
                measure.cpu_seconds.append(usage.ru_utime + usage.ru_stime)
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
    """Each round runs the measures in order (one listed twice runs twice)."""
    if warmup:  # fill the page cache and any on-disk caches; not counted
        for m in measures:
            run_once(m)
        for m in measures:
            m.seconds.clear()
            m.cpu_seconds.clear()
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


def paired_ratio(a: Measure, b: Measure) -> float:
    """The median of the run-by-run ratios: each pair ran back to back in one round."""
    return statistics.median(x / y for x, y in zip(a.seconds, b.seconds, strict=True))
