"""The newsroom's domain: articles, the claims they are split into, reviewers' labels and evidence, and
leads' decisions."""

from claims.models.accounts import Profile
from claims.models.articles import (
    EDITABLE_DETAILS,
    LABELS_NEEDED_MAX,
    Article,
    ArticleEdit,
    ArticleQuerySet,
    language_tag_validator,
)
from claims.models.assignments import Assignment, AssignmentQuerySet
from claims.models.batches import BatchProgress, ImportBatch, ImportFile
from claims.models.claims import Claim, ClaimQuerySet, desk_evidence
from claims.models.corrections import CorrectionRefused, MergeNeedsDecision
from claims.models.decisions import Decision, DecisionConflict
from claims.models.export_jobs import ExportChunk, ExportJob
from claims.models.guidelines import (
    GUIDELINES_MAX_LENGTH,
    GUIDELINES_NOTE_MAX_LENGTH,
    GuidelinesChanged,
    GuidelineVersion,
)
from claims.models.labels import (
    NOTE_MAX_LENGTH,
    URL_MAX_LENGTH,
    Evidence,
    Label,
    LabelEvent,
    SegmentationEvent,
    http_url_validator,
)
from claims.models.versioned import Conflict, Versioned

__all__ = [
    "EDITABLE_DETAILS",
    "GUIDELINES_MAX_LENGTH",
    "GUIDELINES_NOTE_MAX_LENGTH",
    "LABELS_NEEDED_MAX",
    "NOTE_MAX_LENGTH",
    "URL_MAX_LENGTH",
    "Article",
    "ArticleEdit",
    "ArticleQuerySet",
    "Assignment",
    "AssignmentQuerySet",
    "BatchProgress",
    "Claim",
    "ClaimQuerySet",
    "Conflict",
    "CorrectionRefused",
    "Decision",
    "DecisionConflict",
    "Evidence",
    "ExportChunk",
    "ExportJob",
    "GuidelineVersion",
    "GuidelinesChanged",
    "ImportBatch",
    "ImportFile",
    "Label",
    "LabelEvent",
    "MergeNeedsDecision",
    "Profile",
    "SegmentationEvent",
    "Versioned",
    "desk_evidence",
    "http_url_validator",
    "language_tag_validator",
]
