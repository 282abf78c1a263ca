"""Art. 50: transparency duties, one for each situation answered yes."""

from __future__ import annotations

from typing import Final

from aicheck.engine.screening import Effects, Tri
from aicheck.models.report import Reason

# Art. 50(3) and 50(4) bind the deployer; paragraphs 1 and 2 bind the provider.
DEPLOYER_PARAGRAPHS = ("Art. 50(3)", "Art. 50(4)")


class Transparency:
    def __init__(
        self, applies: Tri, triggers: tuple[str, ...], reasons: tuple[Reason, ...]
    ) -> None:
        self.applies: Final = applies
        self.triggers: Final = triggers
        """The references of the situations answered yes that bind a role held."""
        self.reasons: Final = reasons


def decide_transparency(
    effects: Effects, roles: frozenset[str] | None, *, deployer_relieved: Tri = False
) -> Transparency:
    """``deployer_relieved``: Art. 2(10) lifted the deployer's duties, so the deployer's
    paragraphs are no reason for this answerer.  A provider's paragraph answered by one who
    is not the provider (a deployer of a vendor's chatbot) is reported as the provider's."""
    hits = [
        q
        for q in effects.questions("transparency")
        if effects.yes(q) and not (deployer_relieved and q.ref in DEPLOYER_PARAGRAPHS)
    ]
    return Transparency(
        applies=effects.any_yes("transparency"),
        triggers=tuple(q.ref for q in hits),
        reasons=tuple(
            Reason(conclusion=_whose(q.ref, roles), refs=(q.ref,), answers=(q.id,)) for q in hits
        ),
    )


def _whose(ref: str, roles: frozenset[str] | None) -> str:
    if roles is None or ref in DEPLOYER_PARAGRAPHS or "provider" in roles:
        return "transparency duty"
    return "transparency duty of the system's provider, not yours"
