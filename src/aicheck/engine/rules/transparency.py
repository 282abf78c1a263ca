"""Art. 50: transparency duties, one for each situation answered yes."""

from __future__ import annotations

from typing import Final

from aicheck.engine.screening import Effects, Tri
from aicheck.models.report import Reason


class Transparency:
    def __init__(
        self, applies: Tri, triggers: tuple[str, ...], reasons: tuple[Reason, ...]
    ) -> None:
        self.applies: Final = applies
        self.triggers: Final = triggers
        """The references of the situations answered yes."""
        self.reasons: Final = reasons


def decide_transparency(effects: Effects) -> Transparency:
    hits = [q for q in effects.questions("transparency") if effects.yes(q)]
    return Transparency(
        applies=effects.any_yes("transparency"),
        triggers=tuple(q.ref for q in hits),
        reasons=tuple(
            Reason(conclusion="transparency duty", refs=(q.ref,), answers=(q.id,)) for q in hits
        ),
    )
