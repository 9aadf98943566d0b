"""SQLAlchemy 2 models of the dispatch graph."""
from __future__ import annotations

from .schema import (
    Base,
    Document,
    Organization,
    OrganizationAlias,
    Page,
    Person,
    Provenance,
    Recipient,
    Reference,
    Signature,
    Source,
    Task,
    TaskAssignee,
)

__all__ = ["Base", "Document", "Organization", "OrganizationAlias", "Page", "Person", "Provenance",
           "Recipient", "Reference", "Signature", "Source", "Task", "TaskAssignee"]
