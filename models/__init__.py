"""SQLAlchemy 2 models of the dispatch graph."""
from __future__ import annotations

from .schema import (
    Account,
    Base,
    Correction,
    Document,
    DocumentBand,
    DocumentText,
    Organization,
    OrganizationAlias,
    Page,
    Person,
    Provenance,
    Recipient,
    Reference,
    RegisterEntry,
    Signature,
    Source,
    SourcePath,
    SourceSignature,
    Task,
    TaskAssignee,
)

__all__ = ["Account", "Base", "Correction", "Document", "DocumentBand", "DocumentText", "Organization", "OrganizationAlias", "Page", "Person", "Provenance",
           "Recipient", "Reference", "RegisterEntry", "Signature", "Source", "SourcePath", "SourceSignature", "Task", "TaskAssignee"]
