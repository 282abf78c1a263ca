from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from aicheck.catalog.library import Library
from aicheck.catalog.loader import default_library
from tests.helpers import is_git_repository_variable

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
AS_OF = dt.date(2026, 11, 27)


@pytest.fixture(scope="session")
def library() -> Library:
    return default_library()


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AICHECK_FRAMEWORKS_PATH", "AICHECK_DEBUG", "AICHECK_MAX_FILE_BYTES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture(autouse=True)
def _no_outer_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run as if outside any git operation: under `git rebase --exec` (or a hook) git sets
    GIT_DIR and friends, and `aicheck diff --git` or a test's scratch repository would
    then act on the outer repository (once re-initialising it as bare)."""
    for name in list(os.environ):
        if is_git_repository_variable(name):
            monkeypatch.delenv(name)


@pytest.fixture(autouse=True)
def _private_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    monkeypatch.setenv("AICHECK_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.delenv("AICHECK_NO_CACHE", raising=False)
