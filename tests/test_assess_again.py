"""`aicheck assess --ask ID`: change one answer of a finished file without editing YAML.

The web-shop persona trial found no way to correct an answer once the interview was
done: `assess` on a complete file only printed the summary.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.helpers import invoke

ART50 = "art50_1_interaction"


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLES / "vendor-chatbot", tmp_path, dirs_exist_ok=True)
    return tmp_path / "aicheck.yaml"


def test_ask_changes_one_answer_and_leaves_every_other_line(shop: Path) -> None:
    before = shop.read_text().splitlines()
    result = invoke(
        ["assess", "aicheck.yaml", "--ask", ART50, "--as-of", "2026-11-27"], input="1\n"
    )
    assert result.exit_code == 0, result.output
    # One checklist asked (the one holding the item), then the summary: nothing else.
    assert result.stderr.count("Which of these apply?") == 1
    assert "current answer: 1, 2" in result.stderr
    after = shop.read_text().splitlines()
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert changed == [
        (
            "    art50_2_synthetic: true      # its replies are generated text",
            "    art50_2_synthetic: false     # its replies are generated text",
        )
    ]


def test_enter_keeps_the_answer_and_the_file(shop: Path) -> None:
    before = shop.read_bytes()
    result = invoke(["assess", "aicheck.yaml", "--ask", "provider"], input="\n\n")
    assert result.exit_code == 0, result.output
    assert "Who provides the system you use?" in result.stderr
    assert "Which of the provider's documents do you hold?" in result.stderr
    assert shop.read_bytes() == before


def test_a_changed_answer_asks_what_it_brings_in(shop: Path) -> None:
    # Employment (Annex III point 4) picked: its points are asked next, then the rest of
    # what a high-risk deployer must answer; the file's other answers are not asked.
    result = invoke(["assess", "aicheck.yaml", "--ask", "annex_iii_area_4"], input="4\nq\n")
    assert result.exit_code == 0, result.output
    prompts = result.stderr.split("Which of these apply?")
    assert len(prompts) == 3, result.stderr  # the areas, then the points of area 4
    assert "Is it used to recruit or select people" in prompts[2]


def test_unknown_id_is_a_usage_error_with_a_suggestion(shop: Path) -> None:
    result = invoke(["assess", "aicheck.yaml", "--ask", "art50_interaction"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "aicheck: error: --ask: no question, control or group 'art50_interaction' "
        "(did you mean 'art50_1_interaction'?)"
    )


@pytest.mark.parametrize("other", ["--review", "--no-input"])
def test_ask_with_review_or_no_input_is_refused(shop: Path, other: str) -> None:
    before = shop.read_bytes()
    result = invoke(["assess", "aicheck.yaml", "--ask", ART50, other])
    assert result.exit_code == 2
    assert "--ask cannot be combined with --review or --no-input" in result.stderr
    assert shop.read_bytes() == before
