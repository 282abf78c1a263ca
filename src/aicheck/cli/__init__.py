"""The command line: thin wrappers that parse options, call the core, pick an exit code.

This module is the entry point and holds the one error handler: whatever a command
raises becomes one line on stderr and an exit code here (:func:`exit_code_for`), so
commands need no decorator of their own.
"""

from __future__ import annotations

import errno
import gc
import os
import signal
import sys

from aicheck.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, AicheckError, printable

# Objects the cyclic garbage collector may let pile up before a young-generation pass.
# A run builds mostly long-lived objects (modules, catalogs, validators); at the default
# threshold of 700 the collector rescans them hundreds of times during start-up alone.
GC_THRESHOLD = 100_000
# An internal error's message may quote a whole input; keep the one line readable.
MAX_INTERNAL_MESSAGE = 300
# 128 + SIGPIPE, what a shell reports for a writer killed by a closed pipe.
EXIT_BROKEN_PIPE = 141
# No room to write: a full disk, a quota, a file size limit.
_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def main() -> None:
    # Fast path: `aicheck --version` must not pay for importing typer and the rest.
    if sys.argv[1:] == ["--version"]:
        from aicheck import __version__

        try:
            print(f"aicheck {__version__}", flush=True)
        except OSError as exc:
            sys.exit(exit_code_for(exc))
        return
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    _stop_cleanly_on(signal.SIGTERM, signal.SIGHUP)
    try:
        _run()
    finally:
        # The process ends here (main is only ever the console script's entry point, so
        # these process-wide settings outlive nothing).  Freezing what it built spares
        # the interpreter a last full collection; the operating system frees the memory
        # anyway, and aicheck keeps no finalizers that must run at exit.
        gc.freeze()


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP (the terminal closed): unwound like Ctrl-C, so a save in
    progress removes its temporary file and lets go of its lock instead of dying."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop_cleanly_on(*signums: int) -> None:
    def stop(signum: int, frame: object) -> None:
        raise Stopped(signum)

    for signum in signums:
        if signal.getsignal(signum) is signal.SIG_DFL:  # not when told to ignore it (nohup)
            signal.signal(signum, stop)


def _run() -> None:
    try:
        from aicheck.cli.app import app

        code = app(prog_name="aicheck", standalone_mode=False)
    except (Exception, KeyboardInterrupt) as exc:
        # Usage errors and Ctrl-C outside a command; a command's own errors were
        # handled inside the app (cli/app.py routes every command through here too).
        code = exit_code_for(exc)
    sys.exit(code if isinstance(code, int) else 0)


def exit_code_for(exc: BaseException) -> int:
    """Say what went wrong in one line on stderr, and return the exit code: 2 for bad
    input or usage, 130 for Ctrl-C, 141 for a closed pipe, 3 for anything else (a bug)."""
    name = type(exc).__name__
    if isinstance(exc, AicheckError):
        # dict.fromkeys: a problem met in every file read (a bad setting) prints once.
        for line in dict.fromkeys(str(exc).splitlines()):
            print(f"aicheck: error: {line}", file=sys.stderr)
        return exc.exit_code
    if isinstance(exc, Stopped):
        print(f"aicheck: stopped by {signal.Signals(exc.signum).name}", file=sys.stderr)
        return 128 + exc.signum
    if isinstance(exc, KeyboardInterrupt) or name == "Abort":  # click: Ctrl-C at a prompt
        print("aicheck: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    if isinstance(exc, BrokenPipeError):
        # The reader went away (`aicheck ... | head`): stop quietly, like other tools.
        silence_stdout()
        return EXIT_BROKEN_PIPE
    if isinstance(exc, OSError) and exc.errno in _FULL:
        # A write failed for want of room (`aicheck --help > /dev/full`): the environment.
        silence_stdout()
        print(f"aicheck: error: cannot write: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    if name == "NoArgsIsHelpError":
        print(exc.format_message(), file=sys.stderr)  # type: ignore[attr-defined]
        return EXIT_USAGE
    if is_usage_error(exc):
        print(usage_error_line(exc), file=sys.stderr)
        return int(getattr(exc, "exit_code", EXIT_USAGE))
    if os.environ.get("AICHECK_DEBUG", "") not in ("", "0"):
        import traceback

        traceback.print_exception(exc)
    detail = printable(str(exc))
    if len(detail) > MAX_INTERNAL_MESSAGE:
        detail = detail[: MAX_INTERNAL_MESSAGE - 3] + "..."
    print(
        f"aicheck: internal error: {name}: {detail}"
        " (run with --debug for the traceback; please report it)",
        file=sys.stderr,
    )
    return EXIT_INTERNAL


def is_usage_error(exc: BaseException) -> bool:
    # Click's (and typer's vendored click's) errors carry format_message and exit_code;
    # matching on that keeps this independent of which copy of click is installed.
    return hasattr(exc, "format_message") and hasattr(exc, "exit_code")


def usage_error_line(exc: BaseException) -> str:
    """A click usage error as one line, pointing at the command's --help."""
    message = str(exc.format_message()).replace("Value error, ", "")  # type: ignore[attr-defined]
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", None) or "aicheck"
    return f"aicheck: error: {printable(message)} (see '{command} --help')"


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (tests, CliRunner)
        pass
