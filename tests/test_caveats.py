"""The README's "Not modelled yet" and the report's caveats are the same text."""

from __future__ import annotations

import re

from aicheck.models.caveats import NOT_MODELLED, NOT_MODELLED_INTRO
from tests.conftest import REPO


def test_readme_and_report_caveats_agree() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Not modelled yet\n", 1)[1].split("\n## ", 1)[0]
    intro, _, items = section.strip().partition("\n\n")
    assert " ".join(intro.split()) == NOT_MODELLED_INTRO
    bullets = [" ".join(b.split()) for b in re.split(r"^- ", items, flags=re.M) if b.strip()]
    assert bullets == list(NOT_MODELLED)
