"""The newsroom's domain: articles, the claims they are split into, reviewers' labels and evidence."""

from claims.models.accounts import Profile
from claims.models.articles import LABELS_NEEDED_MAX, Article, ArticleQuerySet
from claims.models.assignments import Assignment, AssignmentQuerySet
from claims.models.claims import (
    Claim,
    ClaimQuerySet,
    Conflict,
    CorrectionRefused,
    MergeNeedsDecision,
    desk_evidence,
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

__all__ = [
    "LABELS_NEEDED_MAX",
    "NOTE_MAX_LENGTH",
    "URL_MAX_LENGTH",
    "Article",
    "ArticleQuerySet",
    "Assignment",
    "AssignmentQuerySet",
    "Claim",
    "ClaimQuerySet",
    "Conflict",
    "CorrectionRefused",
    "Evidence",
    "Label",
    "LabelEvent",
    "MergeNeedsDecision",
    "Profile",
    "SegmentationEvent",
    "desk_evidence",
    "http_url_validator",
]
