from directory.models.confirmation import ConfirmationRequest
from directory.models.directory_index import DirectoryIndexPage
from directory.models.entries import (
    DirectoryEntryPage,
    EntryCountry,
    EntryOrganisation,
    EntryStatus,
    TypeAssignedBy,
)
from directory.models.members import MemberIndexPage, MemberKind, MemberPage, MembershipStatus, Sector
from directory.models.questions import PriorityQuestion, QuestionsPage
from directory.models.releases import DirectoryRelease
from directory.models.responsibility import Answer, DataArrangement, DataProtection, Sensitivity, SharingLevel
from directory.models.taxonomy import CollaborativeType, DataSource, Method, Region, ValueProposition

__all__ = [
    "Answer",
    "DataArrangement",
    "DataProtection",
    "Sensitivity",
    "SharingLevel",
    "CollaborativeType",
    "ConfirmationRequest",
    "DataSource",
    "DirectoryEntryPage",
    "DirectoryIndexPage",
    "DirectoryRelease",
    "EntryCountry",
    "EntryOrganisation",
    "EntryStatus",
    "MemberIndexPage",
    "MemberKind",
    "MemberPage",
    "MembershipStatus",
    "Method",
    "PriorityQuestion",
    "QuestionsPage",
    "Region",
    "Sector",
    "TypeAssignedBy",
    "ValueProposition",
]
