from .documents import GovDocument
from .pages import (
    ColumnKind,
    ColumnPage,
    DepartmentCatalogPage,
    DisclosureMode,
    DisclosureRootPage,
    DocLevel,
    Genre,
    GovInfoPage,
    ItemAttachment,
    NonDisclosureReason,
    Scope,
    Validity,
)
from .review import DepartmentReviewTask, IndexSequence, PrecheckResult, PublicationRecord
from .taxonomy import Channel, PilotArea, StandardCatalogEntry, Topic

__all__ = [
    "Channel",
    "ColumnKind",
    "ColumnPage",
    "DepartmentCatalogPage",
    "DepartmentReviewTask",
    "DisclosureMode",
    "DisclosureRootPage",
    "DocLevel",
    "Genre",
    "GovDocument",
    "GovInfoPage",
    "IndexSequence",
    "ItemAttachment",
    "NonDisclosureReason",
    "PilotArea",
    "PrecheckResult",
    "PublicationRecord",
    "Scope",
    "StandardCatalogEntry",
    "Topic",
    "Validity",
]
