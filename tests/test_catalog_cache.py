"""The validated-catalog cache: keyed by content, safe to delete, never stale."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from aicheck.catalog import cache
from aicheck.catalog.library import Library
from aicheck.catalog.loader import default_library, load_library
from aicheck.catalog.locate import builtin_dir, catalog_files
from tests.helpers import VALID_FRAMEWORK, invoke


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("AICHECK_CACHE_DIR", str(folder))
    return folder


def test_second_load_comes_from_the_cache(cache_dir: Path) -> None:
    files = catalog_files(builtin_dir())
    builds: list[int] = []

    def build(paths: Sequence[Path]) -> Library:
        builds.append(1)
        return load_library(paths)

    first = cache.cached(files, build)
    second = cache.cached(files, build)
    assert builds == [1]
    assert len(list(cache_dir.glob("catalogs-*.pickle"))) == 1
    assert second.frameworks == first.frameworks
    assert second.links == first.links


def test_changed_catalog_is_never_served_stale(cache_dir: Path, tmp_path: Path) -> None:
    custom = tmp_path / "custom"
    custom.mkdir()
    path = custom / "acme.yaml"
    path.write_text(VALID_FRAMEWORK)
    assert default_library([custom]).frameworks["acme-policy"].name == "ACME AI policy"
    path.write_text(VALID_FRAMEWORK.replace("name: ACME AI policy", "name: ACME policy v4"))
    assert default_library([custom]).frameworks["acme-policy"].name == "ACME policy v4"


def test_broken_catalog_is_reported_even_after_a_good_one_was_cached(
    cache_dir: Path, tmp_path: Path
) -> None:
    custom = tmp_path / "custom"
    custom.mkdir()
    (custom / "acme.yaml").write_text(VALID_FRAMEWORK)
    assert invoke(["frameworks", "list", "--frameworks-dir", str(custom)]).exit_code == 0
    (custom / "acme.yaml").write_text(VALID_FRAMEWORK.replace("binding:", "bnding:"))
    result = invoke(["frameworks", "list", "--frameworks-dir", str(custom)])
    assert result.exit_code == 2
    assert "bnding: unknown key" in result.stderr


def test_corrupt_cache_entry_is_ignored_and_rebuilt(cache_dir: Path) -> None:
    default_library()
    (entry,) = cache_dir.glob("catalogs-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert "eu-ai-act" in default_library().frameworks
    assert entry.read_bytes() != b"not a pickle"


def test_deleting_the_cache_is_safe(cache_dir: Path) -> None:
    default_library()
    for entry in cache_dir.iterdir():
        entry.unlink()
    cache_dir.rmdir()
    assert len(default_library().frameworks) == 3


def test_no_cache_bypasses_it(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AICHECK_NO_CACHE", "1")
    default_library()
    assert not cache_dir.exists()


def test_unwritable_cache_dir_does_not_break_a_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("AICHECK_CACHE_DIR", str(blocker / "cache"))
    assert len(default_library().frameworks) == 3


def test_no_home_folder_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AICHECK_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert len(default_library().frameworks) == 3


def test_a_cache_others_can_write_to_is_not_trusted(cache_dir: Path) -> None:
    files = catalog_files(builtin_dir())
    builds: list[int] = []

    def build(paths: Sequence[Path]) -> Library:
        builds.append(1)
        return load_library(paths)

    cache.cached(files, build)
    assert (cache_dir.stat().st_mode & 0o777) == 0o700
    cache_dir.chmod(0o777)
    cache.cached(files, build)
    assert builds == [1, 1]
