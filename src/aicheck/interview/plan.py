"""What the interview asks, in which order, given the answers so far.

The plan is rebuilt after every answer, so a changed screening answer changes at once
which questions and controls come next.  Order: the system's name and purpose; the EU
AI Act screening in order of precedence (scope and roles, Art. 5, Annex I, Annex III,
Art. 6(3), Art. 25 and 111(2), Art. 50, general-purpose models), each question only
while its ``ask_when`` holds; then only the controls that apply to this system and role
(worked out exactly as ``aicheck check`` does); then the other selected frameworks (NIST
AI RMF, OECD) the same way.  Answers that no longer apply simply drop out of the plan;
they stay in the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from aicheck.catalog.library import Library
from aicheck.engine.classify import classifies
from aicheck.engine.evaluate import applicable_controls
from aicheck.engine.findings import is_stale
from aicheck.interview.asker import Key, Section
from aicheck.models.answers import AnswersFile, ControlAnswer, SystemInfo
from aicheck.models.catalog import Control, Framework, Question
from aicheck.models.report import Classification
from aicheck.models.settings import DEFAULT_REVIEW_DAYS, RunSettings

# EU AI Act screening sections in order of precedence; other sections follow in
# catalog order.
PRECEDENCE = (
    "scope",
    "roles",
    "prohibited",
    "annex-i",
    "annex-iii",
    "art-6-3",
    "hr-other-operators",  # Art. 25(1): who becomes the provider
    "high-risk",  # Art. 111(2): already on the market
    "transparency",
    "gpai",
)

SYSTEM_SECTION = Section(framework=None, framework_name="System", title="The AI system")


@dataclass(frozen=True)
class Step:
    """One thing to ask: a system field, a screening question or a control."""

    key: Key
    section: Section
    framework: str | None = None
    question: Question | None = None
    control: Control | None = None
    optional: bool = False

    @property
    def kind(self) -> str:
        return self.key[0]

    @property
    def label(self) -> str:
        """A short name for lists: the citation and the item id."""
        if self.question is not None:
            return f"{self.question.ref}  {self.framework}/{self.question.id}"
        if self.control is not None:
            return f"{self.control.ref}  {self.framework}/{self.control.id}"
        return f"system {self.key[-1]}"

    @property
    def text(self) -> str:
        if self.question is not None:
            return self.question.text
        if self.control is not None:
            return self.control.question
        return SYSTEM_QUESTIONS[self.key[-1]]


GAP_STATUSES = frozenset({"partial", "planned", "not_implemented"})
"""Answers that leave work to do: reviewed again, and asked who closes them."""

SYSTEM_QUESTIONS = {
    "name": "What is the AI system called?",
    "description": "What is it for, in a sentence or two (its intended purpose)?",
    "owner": "Who is accountable for it: a person, team or mailbox?",
}

SYSTEM_HELP = {
    "name": "The name identifies the system in every report.",
    "description": (
        "The intended purpose is what the EU AI Act measures a system against (Art. 3(12)); "
        "reports quote it."
    ),
    "owner": (
        "Reports name the owner so reviewers know whom to ask; a team or a shared mailbox "
        "outlasts a person's name."
    ),
}


@dataclass(frozen=True)
class Plan:
    steps: tuple[Step, ...]
    classification: Classification | None
    pending: Mapping[str, int] = field(default_factory=dict)
    """Per framework, controls whose applicability waits on an unanswered (or skipped)
    screening question."""

    @property
    def pending_controls(self) -> int:
        return sum(self.pending.values())

    def get(self, key: Key) -> Step | None:
        return next((s for s in self.steps if s.key == key), None)

    def counted(self) -> list[Step]:
        """The steps that count for progress: screening questions and controls."""
        return [s for s in self.steps if s.kind != "system"]


def blank_answers() -> AnswersFile:
    """Stands in for a file that does not exist yet (no system name, nothing answered)."""
    return AnswersFile.model_construct(aicheck=1, system=SystemInfo.model_construct(name=""))


def choose_frameworks(
    library: Library, answers: AnswersFile | None, requested: Sequence[str]
) -> list[str]:
    """--framework, else the file's list, else the default ones; the classifier first."""
    if requested:
        ids = list(dict.fromkeys(requested))
    elif answers is not None and answers.frameworks is not None:
        ids = list(answers.frameworks)
    else:
        ids = [fw.id for fw in library.frameworks.values() if fw.default_selected]
    ids = [i for i in ids if i in library.frameworks]
    return sorted(ids, key=lambda i: not classifies(library.frameworks[i]))


def build_plan(
    library: Library, answers: AnswersFile, frameworks: Sequence[str], as_of: dt.date
) -> Plan:
    chosen = list(frameworks)
    settings = RunSettings(as_of=as_of, frameworks=tuple(chosen))
    steps: list[Step] = [
        Step(key=("system", "name"), section=SYSTEM_SECTION),
        Step(key=("system", "description"), section=SYSTEM_SECTION, optional=True),
        Step(key=("system", "owner"), section=SYSTEM_SECTION, optional=True),
    ]

    found = applicable_controls(library, answers, settings)
    classification = found.classification
    by_framework: dict[str, list[Control]] = {}
    pending: dict[str, int] = {}
    for fid, control, applies in found.controls:
        if applies:
            by_framework.setdefault(fid, []).append(control)
        elif applies is None:
            pending[fid] = pending.get(fid, 0) + 1

    for fid in chosen:
        fw = library.frameworks[fid]
        # Holds the classification's final facts, so every ask_when that names one reads it.
        screening = found.screenings[fid]
        asked = [q for q in fw.questions if screening.is_asked(q.id) is True]
        if classifies(fw):
            asked = _by_precedence(asked)
            if classification is not None and classification.tier == "out_of_scope":
                # Nothing after scope, roles and Art. 5 can change an out-of-scope outcome,
                # except for a general-purpose AI model, which Art. 2(12) does not exempt.
                still = set(classification.unanswered)
                asked = [
                    q
                    for q in asked
                    if q.section in PRECEDENCE[:3]
                    or q.id in still
                    or (q.section == "gpai" and classification.facts.get("gpai") is not False)
                ]
        groups = _sections(fw)
        for q in asked:
            steps.append(
                Step(
                    key=("screening", fid, q.id),
                    section=groups.get(q.section, _framework_section(fw)),
                    framework=fid,
                    question=q,
                    optional=not q.required,
                )
            )
        for control in by_framework.get(fid, []):
            steps.append(
                Step(
                    key=("controls", fid, control.id),
                    section=groups.get(control.group or "", _framework_section(fw)),
                    framework=fid,
                    control=control,
                )
            )
    return Plan(steps=tuple(steps), classification=classification, pending=pending)


def is_answered(step: Step, answers: AnswersFile) -> bool:
    if step.kind == "system":
        return bool(getattr(answers.system, step.key[-1], None))
    if step.kind == "screening":
        return answers.screening.get(step.key[1], {}).get(step.key[2]) is not None
    return control_answer(step, answers) is not None


def control_answer(step: Step, answers: AnswersFile) -> ControlAnswer | None:
    if step.kind != "controls":
        return None
    return answers.controls.get(step.key[1], {}).get(step.key[2])


def needs_review(
    step: Step,
    answers: AnswersFile,
    as_of: dt.date,
    review_days: int = DEFAULT_REVIEW_DAYS,
    *,
    reviewed_on: dt.date | None = None,
) -> bool:
    """Missing, stale (reviewed longer ago than the review interval, or dated after
    ``as_of``), or a gap (partly, planned, not implemented) not yet reviewed on ``as_of``,
    so that a review run that stops resumes after the gaps it has confirmed."""
    if not is_answered(step, answers):
        return not step.optional
    answer = control_answer(step, answers)
    if answer is None:
        return False
    if answer.reviewed is not None and answer.reviewed > as_of:
        return True  # a date after today is a mistake to correct by reviewing
    if is_stale(answer, as_of, review_days):
        return True
    return answer.status in GAP_STATUSES and answer.reviewed != (reviewed_on or as_of)


def _by_precedence(questions: list[Question]) -> list[Question]:
    rank = {section: i for i, section in enumerate(PRECEDENCE)}
    position = {q.id: i for i, q in enumerate(questions)}
    ordered = sorted(questions, key=lambda q: (rank.get(q.section, len(rank)), position[q.id]))
    return _follow_ups_after_parents(ordered)


def _follow_ups_after_parents(questions: list[Question]) -> list[Question]:
    """Put a follow-up (asked because of an earlier answer in its section) right after it.

    "Employment?" is then followed by "recruitment or selection?" before the next area.
    """
    placed: list[Question] = []
    parents: dict[str, set[str]] = {}

    def under(qid: str, roots: set[str]) -> bool:
        seen: set[str] = set()
        todo = [qid]
        while todo:
            current = todo.pop()
            if current in roots:
                return True
            if current not in seen:
                seen.add(current)
                todo.extend(parents.get(current, ()))
        return False

    for q in questions:
        same_section = {p.id for p in placed if p.section == q.section}
        deps = (q.ask_when.question_ids() if q.ask_when else set()) & same_section
        if not deps:
            placed.append(q)
            continue
        parents[q.id] = deps
        anchor = max(i for i, p in enumerate(placed) if under(p.id, deps))
        placed.insert(anchor + 1, q)
    return placed


def _sections(fw: Framework) -> dict[str, Section]:
    return {
        g.id: Section(framework=fw.id, framework_name=fw.name, title=g.title, ref=g.ref)
        for g in fw.groups
    }


def _framework_section(fw: Framework) -> Section:
    return Section(framework=fw.id, framework_name=fw.name, title=fw.name)
