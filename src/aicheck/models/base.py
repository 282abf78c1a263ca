from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints


class Strict(BaseModel):
    """Unknown keys are errors (a typo must fail loudly) and values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", min_length=1, max_length=80),
]
"""An item id: letters, digits, '.', '_' and '-'; used in answers files as a YAML key."""

Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
