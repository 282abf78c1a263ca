"""Grouping the questions changes how they are asked, never what they decide.

Each example and each classification scenario is replayed through the interview: every
prompt is answered with what that answers file says (a checklist with the numbers of
its items answered yes), and the file the interview writes must classify exactly like
the original: the same tier, roles, routes, duties, reasons, open questions and the same
controls applying.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from aicheck.answers.load import load_answers
from aicheck.answers.writer import AnswersWriter
from aicheck.catalog.library import Library
from aicheck.engine.evaluate import applicable_controls
from aicheck.interview.asker import Event, Prompt, Reply
from aicheck.interview.plan import in_order
from aicheck.interview.replies import parse_reply
from aicheck.interview.session import Session
from aicheck.interview.sign_off_step import approvers_text
from aicheck.models.answers import AnswersFile
from aicheck.models.settings import RunSettings
from tests.conftest import AS_OF, EXAMPLES
from tests.scenarios import eu_screening
from tests.test_engine_classify import SCENARIOS


class Replay:
    """Answers each prompt from an answers file; controls are skipped (they decide
    nothing about the classification)."""

    def __init__(self, source: AnswersFile) -> None:
        self.source = source
        self.prompts: list[Prompt] = []

    def ask(self, prompt: Prompt) -> Reply:
        self.prompts.append(prompt)
        return parse_reply(prompt, self._typed(prompt))

    def show(self, event: Event) -> None:
        return None

    def _typed(self, prompt: Prompt) -> str:
        kind, key = prompt.key[0], prompt.key
        if kind == "system":
            return getattr(self.source.system, key[-1]) or ""
        if kind == "provider":
            return self._provider(prompt)
        if kind == "assessment":
            given_by = self.source.assessment
            if given_by is None:
                return ""
            if key[-1] in ("assessor", "scope"):
                return str(getattr(given_by, key[-1]) or "")
            return approvers_text(given_by.approvers)
        if kind in ("controls", "category"):
            return "s"
        given = self.source.screening.get(key[1], {})
        if kind == "checklist":
            values = [given.get(item.value) for item in prompt.items]
            if any(v is None for v in values):
                return "s"
            return ",".join(str(i) for i, v in enumerate(values, start=1) if v) or "none"
        return _typed_value(given.get(key[2]))

    def _provider(self, prompt: Prompt) -> str:
        provider = self.source.provider
        if provider is None:
            return "s"
        if prompt.key[-1] == "documents":
            picked = [
                str(i) for i, it in enumerate(prompt.items, 1) if it.value in provider.documents
            ]
            return ",".join(picked) or "none"
        return provider.name + (f"; {provider.contact}" if provider.contact else "")


def _typed_value(value: Any) -> str:
    if value is None:
        return "s"
    if isinstance(value, bool):
        return "y" if value else "n"
    if isinstance(value, list):
        return ",".join(value) or "-"
    return str(value)


def outcome(library: Library, answers: AnswersFile) -> tuple[object, ...]:
    found = applicable_controls(library, answers, RunSettings(as_of=AS_OF))
    c = found.classification
    assert c is not None
    applying = tuple((fid, control.id, applies) for fid, control, applies in found.controls)
    return (c.tier, c.gpai, c.roles, c.high_risk_routes, c.transparency, c.prohibited,
            c.reasons, c.unanswered, applying)  # fmt: skip


def replay(library: Library, source: AnswersFile, tmp_path: Path) -> AnswersFile:
    path = tmp_path / "replayed.yaml"
    frameworks = in_order(library, source.frameworks or list(library.frameworks))
    asker = Replay(source)
    result = Session(
        asker, AnswersWriter(path, library), library, frameworks=frameworks, as_of=AS_OF
    ).run()
    assert result.outcome == "finished"
    return load_answers(path, library).answers


@pytest.mark.parametrize("example", sorted(p.parent.name for p in EXAMPLES.glob("*/aicheck.yaml")))
def test_each_example_classifies_the_same_when_answered_through_the_interview(
    tmp_path: Path, library: Library, example: str
) -> None:
    source = load_answers(EXAMPLES / example / "aicheck.yaml", library).answers
    replayed = replay(library, source, tmp_path)
    assert outcome(library, replayed) == outcome(library, source)
    assert replayed.provider == source.provider
    # Who signs it off is asked last; the date, which the interview does not ask, is not
    # written.
    if source.assessment is not None:
        assert replayed.assessment is not None
        fields = ("assessor", "scope", "approvers")
        assert [getattr(replayed.assessment, f) for f in fields] == [
            getattr(source.assessment, f) for f in fields
        ]


@pytest.mark.parametrize(
    ("answers", "tier"), [(s[1], s[2]) for s in SCENARIOS], ids=[s[0] for s in SCENARIOS]
)
def test_each_classification_scenario_classifies_the_same(
    tmp_path: Path, library: Library, answers: dict[str, Any], tier: str
) -> None:
    source = AnswersFile.model_validate(
        {
            "aicheck": 1,
            "system": {"name": "Scenario"},
            "frameworks": ["eu-ai-act"],
            "screening": {"eu-ai-act": eu_screening(library, **answers)},
        }
    )
    replayed = replay(library, source, tmp_path)
    assert outcome(library, replayed) == outcome(library, source)
    assert outcome(library, replayed)[0] == tier
