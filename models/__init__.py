"""SQLAlchemy 2 models of the dispatch graph."""
from __future__ import annotations

from .schema import (
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
    Signature,
    Source,
    SourcePath,
    SourceSignature,
    Task,
    TaskAssignee,
)

__all__ = ["Base", "Correction", "Document", "DocumentBand", "DocumentText", "Organization", "OrganizationAlias", "Page", "Person", "Provenance",
           "Recipient", "Reference", "Signature", "Source", "SourcePath", "SourceSignature", "Task", "TaskAssignee"]
