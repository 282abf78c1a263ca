"""What aicheck does not model yet: said once here, printed by every sign-off report and
quoted word for word in the README's "Not modelled yet" (tests/test_caveats.py)."""

from __future__ import annotations

NOT_MODELLED_INTRO = (
    "Ask counsel about these; aicheck lists obligations as if these rules did not exist:"
)

NOT_MODELLED: tuple[str, ...] = (
    "the lighter quality-management, documentation, log and monitoring duties of regulated "
    "financial institutions (Art. 17(4), 18(3), 19(2), 26(5), 72(4));",
    "Annex X large-scale IT systems (Art. 111(1));",
    "the duties between an initial provider and the party that becomes the provider, and "
    "the written agreements with suppliers of components for high-risk systems "
    "(Art. 25(2) and (4), as replaced by Regulation (EU) 2026/1744, now fined under "
    "Art. 99(4)(da));",
    "delegated acts that may limit Arts. 9 to 15 and 17 to 25 for Art. 6(1) systems where "
    "Annex I Section A law already protects as well (Art. 2(13), due by 2 August 2027), and "
    "real-world testing of Annex I Section B products (Art. 60a).",
)
