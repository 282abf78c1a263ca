"""Rewrite the README's usage block from the real `aicheck --help` (same as
`python -m tests.test_docs`)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.test_docs import update_readme

if __name__ == "__main__":
    changed = update_readme()
    print("README.md usage block " + ("updated" if changed else "already up to date"))
