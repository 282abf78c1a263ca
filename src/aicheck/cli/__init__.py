"""The command line: thin wrappers that parse options, call the core, pick an exit code."""

from __future__ import annotations

import gc
import sys

from aicheck.errors import EXIT_INTERRUPTED, EXIT_USAGE, printable

# Objects the cyclic garbage collector may let pile up before a young-generation pass.
# A run builds mostly long-lived objects (modules, catalogs, validators); at the default
# threshold of 700 the collector rescans them hundreds of times during start-up alone.
GC_THRESHOLD = 100_000


def main() -> None:
    # Fast path: `aicheck --version` must not pay for importing typer and the rest.
    if sys.argv[1:] == ["--version"]:
        from aicheck import __version__

        print(f"aicheck {__version__}")
        return
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    try:
        _run()
    finally:
        # The process ends here (main is only ever the console script's entry point, so
        # these process-wide settings outlive nothing).  Freezing what it built spares
        # the interpreter a last full collection; the operating system frees the memory
        # anyway, and aicheck keeps no finalizers that must run at exit.
        gc.freeze()


def _run() -> None:
    from aicheck.cli.app import app

    try:
        code = app(prog_name="aicheck", standalone_mode=False)
    except KeyboardInterrupt:
        print("aicheck: interrupted", file=sys.stderr)
        code = EXIT_INTERRUPTED
    except Exception as exc:
        if type(exc).__name__ == "Abort":  # click turns Ctrl-C at a prompt into Abort
            print("aicheck: interrupted", file=sys.stderr)
            code = EXIT_INTERRUPTED
        elif type(exc).__name__ == "NoArgsIsHelpError":
            print(exc.format_message(), file=sys.stderr)  # type: ignore[attr-defined]
            code = EXIT_USAGE
        elif _is_usage_error(exc):
            print(usage_error_line(exc), file=sys.stderr)
            code = getattr(exc, "exit_code", EXIT_USAGE)
        else:
            raise
    sys.exit(code if isinstance(code, int) else 0)


def _is_usage_error(exc: Exception) -> bool:
    # Click's (and typer's vendored click's) errors carry format_message and exit_code;
    # matching on that keeps this independent of which copy of click is installed.
    return hasattr(exc, "format_message") and hasattr(exc, "exit_code")


def usage_error_line(exc: Exception) -> str:
    """A click usage error as one line, pointing at the command's --help."""
    message = str(exc.format_message()).replace("Value error, ", "")  # type: ignore[attr-defined]
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", None) or "aicheck"
    return f"aicheck: error: {printable(message)} (see '{command} --help')"
