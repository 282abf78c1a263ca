"""Which of a provider's documents a deployer, importer or distributor should hold.

Only those the classification makes matter: for a high-risk system, the instructions
for use (read under Art. 26(1)), the declaration of conformity, the CE marking and the
registration; for an Art. 50 chatbot or generator, how it tells people they deal with
AI and how its output is marked; for a general-purpose AI model, the information its
provider owes those who build on it.
"""

from __future__ import annotations

from aicheck.models.answers import ProviderDocument, ProviderInfo
from aicheck.models.report import Classification

DOCUMENT_LABELS: dict[ProviderDocument, str] = {
    "instructions_for_use": "Instructions for use (Art. 13)",
    "declaration_of_conformity": "EU declaration of conformity (Art. 47)",
    "ce_marking": "CE marking on the system, its packaging or its documentation (Art. 48)",
    "eu_database_registration": "Proof of registration in the EU database (Art. 49, Art. 71)",
    "ai_interaction_notice": "How the system tells people they are dealing with AI (Art. 50(1))",
    "output_marking": "How its generated content is marked as artificial (Art. 50(2))",
    "gpai_model_information": (
        "The model provider's information for those who build on the model "
        "(Art. 53(1)(b), Annex XII)"
    ),
}

# What `?N` says of each document: what it is and how to tell whether you hold it.
DOCUMENT_HELP: dict[ProviderDocument, str] = {
    "instructions_for_use": (
        "The provider's written guide to the system: what it is for, how accurate it is, "
        "its limits, and the human oversight and logging it needs. A deployer must use the "
        "system as they say (Art. 26(1)). Hold it if the provider has given you such a "
        "guide, in whatever name (user manual, documentation portal)."
    ),
    "declaration_of_conformity": (
        "A signed statement by the provider that the high-risk system meets the Act's "
        "requirements (Art. 47, content in Annex V). Ask the provider for a copy."
    ),
    "ce_marking": (
        "The CE mark on the system, its packaging or its documentation, showing the "
        "conformity assessment was done (Art. 48). For software, usually in the "
        "documentation or the interface."
    ),
    "eu_database_registration": (
        "The entry the provider made for the system in the EU database before placing it "
        "on the market (Art. 49, Art. 71): ask for its registration number."
    ),
    "ai_interaction_notice": (
        "The provider must design a system that talks with people so that they are told "
        "they are dealing with AI (Art. 50(1)). Hold it if you have it in writing from the "
        "provider how the system does that (a notice it shows, a setting you switch on); "
        "terms of service that say nothing about it do not count."
    ),
    "output_marking": (
        "The provider must mark the text, images, audio or video the system generates as "
        "artificially generated, in a machine-readable way (Art. 50(2)). Hold it if the "
        "provider has told you in writing how its output is marked."
    ),
    "gpai_model_information": (
        "The information and documentation the provider of a general-purpose AI model "
        "must give to those who build it into their own systems (Art. 53(1)(b), Annex XII)."
    ),
}

_HIGH_RISK: tuple[ProviderDocument, ...] = (
    "instructions_for_use",
    "declaration_of_conformity",
    "ce_marking",
    "eu_database_registration",
)
_RECEIVING_ROLES = frozenset({"deployer", "importer", "distributor"})


def asks_for_provider(classification: Classification) -> bool:
    """Someone else provides the system, and the Act reaches it."""
    roles = set(classification.roles or ())
    return (
        bool(roles & _RECEIVING_ROLES)
        and "provider" not in roles
        and classification.tier not in ("out_of_scope", "prohibited")
    )


def relevant_documents(classification: Classification) -> tuple[ProviderDocument, ...]:
    found: list[ProviderDocument] = []
    if classification.facts.get("high_risk"):
        found += _HIGH_RISK
    if any(ref.startswith("Art. 50(1)") for ref in classification.transparency):
        found.append("ai_interaction_notice")
    if any(ref.startswith("Art. 50(2)") for ref in classification.transparency):
        found.append("output_marking")
    if classification.gpai != "not_gpai":
        found.append("gpai_model_information")
    return tuple(found)


def still_to_get(classification: Classification, provider: ProviderInfo | None) -> list[str]:
    """What to ask the provider for: the documents that matter and are not held yet
    (nothing when no provider is named, or none is needed)."""
    if provider is None or not asks_for_provider(classification):
        return []
    held = set(provider.documents)
    return [DOCUMENT_LABELS[d] for d in relevant_documents(classification) if d not in held]
