"""What the interview asks, in which order, given the answers so far.

The plan is rebuilt after every answer, so a changed screening answer changes at once
which questions and controls come next.  Order: the system's name, purpose and owner;
the frameworks to assess against (asked once, for a new file); the EU AI Act screening
in order of precedence (scope and roles, Art. 5, Annex I, Annex III, Art. 6(3), Art. 25
and 111(2), Art. 50, general-purpose models), each question only while its ``ask_when``
holds and the yes/no questions of one kind asked together as a checklist
(:mod:`aicheck.interview.grouping`); for a deployer, importer or distributor, who the
provider is and which of its documents matter; then only the controls that apply to
this system and role (worked out exactly as ``aicheck check`` does); then the other
frameworks (NIST AI RMF, OECD) the same way, their controls one category at a time
until the team asks for the detail.  Answers that no longer apply simply drop out of the
plan; they stay in the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from aicheck.catalog.library import Library
from aicheck.engine.classify import classifies
from aicheck.engine.evaluate import applicable_controls
from aicheck.engine.provider_documents import asks_for_provider, relevant_documents
from aicheck.interview.asker import Key, Section
from aicheck.interview.grouping import checklist_groups, common_ref
from aicheck.models.answers import AnswersFile, SystemInfo
from aicheck.models.catalog import Control, Framework, Question
from aicheck.models.report import Classification
from aicheck.models.settings import RunSettings

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
SIGN_OFF_SECTION = Section(framework=None, framework_name="Sign-off", title="Who signs it off")
FRAMEWORKS_SECTION = Section(framework=None, framework_name="Frameworks", title="What to assess")
COUNTED_KINDS = frozenset({"screening", "checklist", "controls", "category"})
"""Steps the progress counter counts: the questions about the system's obligations."""


@dataclass(frozen=True)
class Step:
    """One thing to ask: a system field, the frameworks, a screening question or a
    checklist of them, the provider, a control or a whole category of controls."""

    key: Key
    section: Section
    framework: str | None = None
    questions: tuple[Question, ...] = ()
    """The screening question, or a checklist's questions."""
    controls: tuple[Control, ...] = ()
    """The control, or the controls a category answer covers."""
    optional: bool = False

    @property
    def kind(self) -> str:
        return self.key[0]

    @property
    def counted(self) -> bool:
        return self.kind in COUNTED_KINDS

    @property
    def question(self) -> Question | None:
        return self.questions[0] if self.kind == "screening" else None

    @property
    def control(self) -> Control | None:
        return self.controls[0] if self.kind == "controls" else None

    @property
    def citation(self) -> str | None:
        if self.kind in ("screening", "checklist"):
            return common_ref([q.ref for q in self.questions])
        if self.kind == "controls":
            return self.controls[0].ref
        return self.section.ref if self.kind == "category" else None

    @property
    def label(self) -> str:
        """A short name for lists: the citation and the item id."""
        if self.kind == "system":
            return f"system {self.key[-1]}"
        if self.kind in ("frameworks", "provider", "assessment"):
            return " ".join(self.key)
        ids = [q.id for q in self.questions] or [c.id for c in self.controls]
        return f"{self.citation}  {self.framework}/{', '.join(ids)}"

    @property
    def text(self) -> str:
        if self.kind in ("screening", "controls"):
            return self.questions[0].text if self.questions else self.controls[0].question
        return KIND_QUESTIONS.get(self.kind) or QUESTIONS[self.key]


QUESTIONS: dict[Key, str] = {
    ("system", "name"): "What is the AI system called?",
    ("system", "description"): "What is it for, in a sentence or two (its intended purpose)?",
    ("system", "owner"): "Who is accountable for it: a person, team or mailbox?",
    ("frameworks",): "Which frameworks should the system be assessed against?",
    (
        "provider",
        "name",
    ): "Who provides the system you use? Its name, and a contact if you have one.",
    ("provider", "documents"): "Which of the provider's documents do you hold?",
    ("assessment", "assessor"): "Who carried out this assessment (a name, and a role if you like)?",
    (
        "assessment",
        "scope",
    ): "What does this assessment cover (version, markets, what is left out)?",
    ("assessment", "approvers"): "Who approves the report? Name (role) for each, separated by ';'.",
}
SETUP_IDS = (
    "system",
    "system.name",
    "system.description",
    "system.owner",
    "frameworks",
    "provider",
    "assessment",
    "assessment.assessor",
    "assessment.scope",
    "assessment.approvers",
)
"""What ``--ask`` may name besides catalog ids: the set-up steps, and the sign-off ones
(who assessed, the scope, the approvers), which change when the people do."""
KIND_QUESTIONS = {
    "checklist": "Which of these apply?",
    "category": "Is all of this in place?",
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
        return [s for s in self.steps if s.counted]


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
        ids = default_frameworks(library)
    return in_order(library, ids)


def default_frameworks(library: Library) -> list[str]:
    """What a new file is assessed against unless the team opts in to more: the binding
    law (or, in a library without any, the frameworks selected by default)."""
    binding = [fw.id for fw in library.frameworks.values() if fw.binding]
    return binding or [fw.id for fw in library.frameworks.values() if fw.default_selected]


def in_order(library: Library, ids: Sequence[str]) -> list[str]:
    known = [i for i in ids if i in library.frameworks]
    return sorted(known, key=lambda i: not classifies(library.frameworks[i]))


def build_plan(
    library: Library,
    answers: AnswersFile,
    frameworks: Sequence[str],
    as_of: dt.date,
    *,
    ask_frameworks: bool = False,
    detailed: frozenset[Key] = frozenset(),
) -> Plan:
    """``ask_frameworks``: the frameworks question comes after the system's fields.
    ``detailed``: the category steps to ask item by item."""
    chosen = list(frameworks)
    steps: list[Step] = [
        Step(key=("system", "name"), section=SYSTEM_SECTION),
        Step(key=("system", "description"), section=SYSTEM_SECTION, optional=True),
        Step(key=("system", "owner"), section=SYSTEM_SECTION, optional=True),
    ]
    if ask_frameworks:
        steps.append(Step(key=("frameworks",), section=FRAMEWORKS_SECTION, optional=True))

    found = applicable_controls(
        library, answers, RunSettings(as_of=as_of, frameworks=tuple(chosen))
    )
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
        sections = _sections(fw)
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
        steps += _screening_steps(fw, asked, sections)
        if classifies(fw) and classification is not None and asks_for_provider(classification):
            steps += _provider_steps(fw, classification, named=answers.provider is not None)
        steps += _control_steps(fw, by_framework.get(fid, []), answers, sections, detailed)
    steps += [  # last: who signs the report off (optional; Enter leaves it for later)
        Step(key=("assessment", "assessor"), section=SIGN_OFF_SECTION, optional=True),
        Step(key=("assessment", "scope"), section=SIGN_OFF_SECTION, optional=True),
        Step(key=("assessment", "approvers"), section=SIGN_OFF_SECTION, optional=True),
    ]
    return Plan(steps=tuple(steps), classification=classification, pending=pending)


def _screening_steps(
    fw: Framework, asked: list[Question], sections: Mapping[str, Section]
) -> list[Step]:
    """One step per question, except that the yes/no questions of one checklist that are
    asked now become one step, where the first of them would be."""
    rank = {s: i for i, s in enumerate(PRECEDENCE)} if classifies(fw) else {}
    groups = checklist_groups(fw, lambda section: rank.get(section, len(rank)))
    asked_ids = {q.id for q in asked}
    steps: list[Step] = []
    placed: set[str] = set()
    for q in asked:
        if q.id in placed:
            continue
        members = tuple(m for m in groups.get(q.id, (q,)) if m.id in asked_ids)
        placed |= {m.id for m in members}
        kind = "checklist" if len(members) > 1 else "screening"
        first = groups.get(q.id, (q,))[0].id if kind == "checklist" else q.id
        steps.append(
            Step(
                key=(kind, fw.id, first),
                section=sections.get(q.section, _framework_section(fw)),
                framework=fw.id,
                questions=members,
                optional=not any(m.required for m in members),
            )
        )
    return steps


def _provider_steps(fw: Framework, classification: Classification, *, named: bool) -> list[Step]:
    section = Section(
        framework=fw.id, framework_name=fw.name, title="Your provider", ref="Art. 13, Art. 26"
    )
    steps = [Step(key=("provider", "name"), section=section, framework=fw.id, optional=True)]
    if named and relevant_documents(classification):  # the documents belong to a named provider
        steps.append(
            Step(key=("provider", "documents"), section=section, framework=fw.id, optional=True)
        )
    return steps


def _control_steps(
    fw: Framework,
    controls: list[Control],
    answers: AnswersFile,
    sections: Mapping[str, Section],
    detailed: frozenset[Key],
) -> list[Step]:
    """Binding law is asked item by item; a voluntary framework one group at a time (a
    NIST category, say), item by item where the team asked for detail or already
    answered some items on their own."""
    given = answers.controls.get(fw.id, {})
    by_group: dict[str | None, list[Control]] = {}
    for control in controls:
        by_group.setdefault(control.group, []).append(control)
    steps: list[Step] = []
    for group, members in by_group.items():
        section = sections.get(group or "", _framework_section(fw))
        key = ("category", fw.id, group or "")
        answered_alone = any(
            (a := given.get(c.id)) is not None and a.answered_for != group for c in members
        )
        if fw.binding or group is None or len(members) < 2 or key in detailed or answered_alone:
            steps += [
                Step(key=("controls", fw.id, c.id), section=section, framework=fw.id, controls=(c,))
                for c in members
            ]
        else:
            steps.append(Step(key=key, section=section, framework=fw.id, controls=tuple(members)))
    return steps


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
        g.id: Section(framework=fw.id, framework_name=fw.name, title=g.title, ref=g.ref, id=g.id)
        for g in fw.groups
    }


def _framework_section(fw: Framework) -> Section:
    return Section(framework=fw.id, framework_name=fw.name, title=fw.name)
