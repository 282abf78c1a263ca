"""Sentences the signed report says in Markdown and HTML alike, so the two never differ.

Plain text: each renderer escapes it for its own format.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Sequence

from aicheck.engine.severity import in_force
from aicheck.models.answers import Assessment
from aicheck.models.report import FileProvenance, SystemReport
from aicheck.render.signoff import GateLine, SignOff

DISCLAIMER = (
    "This report is produced by aicheck from the team's own answers. It is a structured "
    "self-assessment, not legal advice: have qualified counsel confirm the classification "
    "and obligations before relying on it."
)


def basis_sentence(tier: str, basis: Sequence[str]) -> str:
    if not basis:
        return f"{tier}."
    cited = ", ".join(basis[:-1]) + (" and " if len(basis) > 1 else "") + basis[-1]
    return f"{tier}, on the legal basis of {cited}."


def gate_line(gate: GateLine) -> str:
    if gate.threshold == "none":
        return "Gate (--fail-on none): not applied."
    verdict = "FAILED" if gate.failed else "passed"
    return f"Gate (--fail-on {gate.threshold}): {verdict}."


def counts_line(s: SignOff) -> str:
    counts = ", ".join(f"{n} {severity}" for severity, n in s.open_counts)
    waived = sum(1 for f in s.system.findings if f.waived)
    reaching = ""
    if s.gate.threshold != "none":
        reaching = f"{s.gate.failing} open finding(s) reach {s.gate.threshold}. "
    line = f"{reaching}Open findings: {counts}" + (f"; {waived} waived." if waived else ".")
    # What the plan shows differs from the findings in two ways; say both, so the counts
    # and the plan's rows can be reconciled.
    summarised = sum(g.unanswered for g in s.voluntary_unanswered)
    if summarised:
        line += (
            f" Of the low ones, {summarised} voluntary item(s) nobody has answered yet are "
            "summarised by group in an appendix, not listed in the plan."
        )
    to_get = sum(1 for d in s.provider_documents if not d.held)
    if to_get:
        line += (
            f" The plan also lists {to_get} document(s) to get from the provider: the duty "
            "behind them is the provider's, so they are not findings and do not fail the gate."
        )
    return line


def file_line(facts: FileProvenance | None) -> str:
    if facts is None:
        return "commit not looked up (use `aicheck report`)"
    if not facts.in_repository:
        return "not in a git repository"
    if facts.commit is None:
        return "not committed yet"
    changed = "with uncommitted changes" if facts.uncommitted_changes else "no uncommitted changes"
    return f"commit {facts.commit[:12]}, {changed}"


# How each Art. 2(1) link reads in the report's header (the catalog's labels are questions
# put to the team, "We place it ...").
UNION_LINKS = {
    "eu_market": "placed on the market or put into service in the EU (Art. 2(1)(a))",
    "eu_deployer": "deployer established or located in the EU (Art. 2(1)(b))",
    "output_in_eu": "outside the EU, with output used in the EU (Art. 2(1)(c))",
}


def markets(system: SystemReport) -> str:
    """How the system reaches the EU, from the EU AI Act screening."""
    basis = next((a for a in system.screening if a.id == "union_nexus_basis"), None)
    if basis is None or basis.answer is None:
        return "not answered"
    values = basis.answer if isinstance(basis.answer, tuple) else (str(basis.answer),)
    return "; ".join(UNION_LINKS.get(v, v.replace("_", " ")) for v in values) or "none"


def answer_text(value: object) -> str:
    if value is None:
        return "not answered"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(str(v).replace("_", " ") for v in value) or "none"
    return str(value).replace("_", " ")


def signed_by(assessment: Assessment | None, as_of: dt.date) -> str:
    if assessment is None or assessment.assessor is None:
        who = "Assessor not recorded (add assessment.assessor to the answers file)"
    else:
        who = f"Assessed by {assessment.assessor}"
    when = assessment.date if assessment is not None and assessment.date else as_of
    return f"{who}, {when.isoformat()}. By signing, each approver accepts the plan above."


def in_force_or(applies_from: dt.date | None, as_of: dt.date) -> dt.date | None:
    """A duty's date as the report shows it: None (read "in force") once it applies, as
    the obligations appendix says."""
    return None if in_force(applies_from, as_of) else applies_from


UNLETTERED = "Appendix ?: "
"""How a renderer heads an appendix; ``lettered`` gives the letter as they are laid out."""


def lettered(heading: str, index: int) -> str:
    """The heading of the ``index``-th appendix shown, from 0: the letters follow the
    order shown, an appendix with nothing to show is left out, and they never skip (A, B,
    C, G reads as pages missing)."""
    return heading.replace(UNLETTERED, f"Appendix {string.ascii_uppercase[index]}: ", 1)
