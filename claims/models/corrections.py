"""Segmentation corrections that keep the reviewers' work: what a merge or a split will do to labels, notes
and evidence (shown to the lead before it happens), the corrections themselves, and undoing them.

The rules:
- A merge keeps every label: a reviewer who labelled only one of the two claims keeps that label on the
  merged claim; two labels that agree become one (notes joined); two that differ need the lead's decision per
  reviewer: the first's value, the second's, or neither (then the merged claim is back in that reviewer's
  queue). Evidence is the union; a link both claims had is kept once, the first claim's.
- A split keeps every label, note and piece of evidence on the first part, which keeps its id; the second
  part is a new claim without labels, so it is in every reviewer's queue again. Only word boundaries are cut.
- Each correction stores a snapshot of the claims before and after it on its SegmentationEvent, and undo
  puts the claims, positions, labels (values, versions, notes), evidence and the leads' decisions back
  exactly as they were, if nothing has changed on those claims since (else it is refused, so no later work
  is lost). A correction undone no longer unsettles a decision (ClaimQuerySet.with_label_status).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext

from claims.models.claims import Claim
from claims.models.decisions import Decision
from claims.models.labels import NOTE_MAX_LENGTH, Evidence, Label, LabelEvent, SegmentationEvent

KEEP_CHOICES = ("first", "second", "none")
_WORD = re.compile(r"\S+")
# Positions are shifted out of the way through this range while claims are renumbered (see _shift_positions).
_POSITION_PARKING = 10_000_000


class CorrectionRefused(Exception):
    """A segmentation correction that cannot be applied; the message is shown to the reviewer."""


class MergeNeedsDecision(CorrectionRefused):
    """Reviewers labelled the two claims differently: which labels does the merged claim keep?"""

    def __init__(self, reviewers: list[str]) -> None:
        super().__init__("Labels differ for: " + ", ".join(reviewers))
        self.reviewers = reviewers


# What a correction will do, for the preview.


@dataclass(frozen=True)
class LabelOutcome:
    reviewer: object
    first: Label | None
    second: Label | None
    outcome: str  # kept, moved, agreed, decide (merge); first-part (split)

    @property
    def differs(self) -> bool:
        return self.outcome == "decide"

    @property
    def notes(self) -> list[str]:
        return [label.note for label in (self.first, self.second) if label is not None and label.note]


@dataclass(frozen=True)
class EvidenceOutcome:
    evidence: Evidence
    outcome: str  # stays, moves, duplicate (merge); first-part (split)


@dataclass(frozen=True)
class Plan:
    claim: Claim
    following: Claim | None
    labels: list[LabelOutcome] = field(default_factory=list)
    evidence: list[EvidenceOutcome] = field(default_factory=list)

    @property
    def differing(self) -> list[LabelOutcome]:
        return [row for row in self.labels if row.differs]


def plan_merge(claim: Claim) -> Plan:
    """What merging `claim` with the next unit does to each reviewer's label and each piece of evidence."""
    following = (
        Claim.objects.filter(article_id=claim.article_id, position__gt=claim.position)
        .order_by("position")
        .first()
    )
    if following is None:
        raise CorrectionRefused(gettext("This is the last unit of the article; there is nothing to merge."))
    mine = {lb.reviewer_id: lb for lb in claim.labels.select_related("reviewer")}
    theirs = {lb.reviewer_id: lb for lb in following.labels.select_related("reviewer")}
    rows = []
    for reviewer_id in sorted(mine.keys() | theirs.keys()):
        first, second = mine.get(reviewer_id), theirs.get(reviewer_id)
        if first is None:
            outcome = "moved"
        elif second is None:
            outcome = "kept"
        else:
            outcome = "agreed" if first.value == second.value else "decide"
        rows.append(LabelOutcome((first or second).reviewer, first, second, outcome))
    rows.sort(key=lambda row: row.reviewer.get_username())
    own = list(claim.evidence.select_related("added_by"))
    # A link is a duplicate only if the same reviewer added it to both (one per reviewer and claim).
    kept = {(ev.url, ev.added_by_id) for ev in own}
    evidence = [EvidenceOutcome(ev, "stays") for ev in own] + [
        EvidenceOutcome(ev, "duplicate" if (ev.url, ev.added_by_id) in kept else "moves")
        for ev in following.evidence.select_related("added_by")
    ]
    return Plan(claim, following, rows, evidence)


def plan_split(claim: Claim) -> Plan:
    labels = sorted(claim.labels.select_related("reviewer"), key=lambda lb: lb.reviewer.get_username())
    return Plan(
        claim,
        None,
        [LabelOutcome(lb.reviewer, lb, None, "first-part") for lb in labels],
        [EvidenceOutcome(ev, "first-part") for ev in claim.evidence.select_related("added_by")],
    )


def word_boundaries(text: str) -> list[tuple[int, str]]:
    """The places a claim may be split: (offset, the word before it) for every gap between two words. The
    offset is where the whitespace after the word begins."""
    words = list(_WORD.finditer(text))
    return [(word.end(), word.group()) for word in words[:-1]]


def is_word_boundary(text: str, offset: int) -> bool:
    """True if `offset` falls on the whitespace between two words: at its first character or just after it."""
    if not 0 < offset < len(text):
        return False
    on_space = text[offset].isspace() or text[offset - 1].isspace()
    return on_space and bool(text[:offset].strip()) and bool(text[offset:].strip())


# The corrections: each runs in one transaction, keeps claim.text == article.text[start:end], keeps every
# reviewer's label, and writes a SegmentationEvent that can undo it.


def merge_with_next(claim: Claim, *, by, keep: str | dict[int, str] = "") -> Claim:
    """Join `claim` and the next unit. `keep` settles reviewers who labelled the two differently: one of
    KEEP_CHOICES for all of them, or one per reviewer id; without it, MergeNeedsDecision."""
    with transaction.atomic():
        Claim.objects.select_for_update().filter(pk=claim.pk).first()
        plan = plan_merge(claim)
        following = plan.following
        decisions = {
            row.reviewer.pk: keep.get(row.reviewer.pk, "") if isinstance(keep, dict) else keep
            for row in plan.differing
        }
        undecided = [
            row.reviewer.get_username()
            for row in plan.differing
            if decisions[row.reviewer.pk] not in KEEP_CHOICES
        ]
        if undecided:
            raise MergeNeedsDecision(undecided)
        before = _state([claim.pk, following.pk], with_events=True)
        now = timezone.now()
        for row in plan.labels:
            own, other = row.first, row.second
            if own is None:
                other.claim = claim
                other.save(update_fields=["claim"])
                continue
            if other is None:
                continue
            if other.note and other.note != own.note:
                own.note = f"{own.note}\n{other.note}".strip()[:NOTE_MAX_LENGTH]
            choice = decisions.get(row.reviewer.pk)
            if choice == "none":
                LabelEvent.objects.create(
                    claim=claim, reviewer_id=own.reviewer_id, old_value=own.value, at=now
                )
                own.delete()
                continue
            if choice == "second":
                LabelEvent.objects.create(
                    claim=claim,
                    reviewer_id=own.reviewer_id,
                    old_value=own.value,
                    new_value=other.value,
                    at=now,
                )
                own.value, own.version, own.updated_at = other.value, own.version + 1, now
            own.save(update_fields=["value", "version", "note", "updated_at"])
        moving = [row.evidence.pk for row in plan.evidence if row.outcome == "moves"]
        Evidence.objects.filter(pk__in=moving).update(claim=claim)
        following.label_events.update(claim=claim)
        # A lead's decisions on the second claim are kept as history; the merge supersedes them and every
        # decision of this claim (ClaimQuerySet.with_label_status reads the latest after the last merge).
        following.decisions.update(claim=claim)
        SegmentationEvent.objects.filter(claim=following).update(claim=claim)
        old = f"{claim.text} | {following.text}"
        claim.end = following.end
        claim.text = claim.article.text[claim.start : claim.end]
        following.delete()
        claim.save(update_fields=["end", "text"])
        _shift_positions(claim.article_id, after=following.position, by=-1)
        detail = gettext("“%(text)s”") % {"text": old}
        if decisions:
            detail += "; " + gettext("differing labels: %(choices)s") % {
                "choices": ", ".join(
                    f"{row.reviewer.get_username()} {_keep_words()[decisions[row.reviewer.pk]]}"
                    for row in plan.differing
                )
            }
        _record(claim, SegmentationEvent.Action.MERGE, detail, by=by, before=before)
    return claim


def _keep_words() -> dict[str, str]:
    return {
        "first": gettext("kept the first’s"),
        "second": gettext("took the second’s"),
        "none": gettext("to label again"),
    }


def split_at(claim: Claim, offset: int, *, by) -> Claim:
    """Split `claim` at `offset` (characters into its text, on the whitespace between two words); returns
    the new second part. Whitespace around the cut stays outside both claims."""
    if not is_word_boundary(claim.text, offset):
        raise CorrectionRefused(gettext("Choose a place between two words of the claim."))
    left = claim.text[:offset].rstrip()
    right = claim.text[offset:]
    with transaction.atomic():
        before = _state([claim.pk], with_events=True)
        second_start = claim.start + offset + (len(right) - len(right.lstrip()))
        old_text = claim.text
        claim.end = claim.start + len(left)
        claim.text = claim.article.text[claim.start : claim.end]
        claim.save(update_fields=["end", "text"])
        _shift_positions(claim.article_id, after=claim.position, by=1)
        second = Claim.objects.create(
            article_id=claim.article_id,
            position=claim.position + 1,
            start=second_start,
            end=second_start + len(right.strip()),
            text=right.strip(),
            kind=claim.kind,
        )
        reviewers = sorted(lb.reviewer.get_username() for lb in claim.labels.select_related("reviewer"))
        detail = gettext("“%(text)s” after “%(word)s”") % {"text": old_text, "word": left.split()[-1]}
        if reviewers:
            detail += "; " + gettext(
                "labels kept on the first part (%(reviewers)s), the second part is unlabelled"
            ) % {"reviewers": ", ".join(reviewers)}
        event = _record(
            claim,
            SegmentationEvent.Action.SPLIT,
            detail,
            by=by,
            before=before,
            after_ids=[claim.pk, second.pk],
        )
        SegmentationEvent.objects.create(
            article_id=claim.article_id,
            claim=second,
            by=by,
            action=SegmentationEvent.Action.SPLIT,
            detail=_clip(gettext("second part of “%(text)s”") % {"text": old_text}),
            snapshot={"undo_with": event.pk},
        )
    return second


def change_kind(claim: Claim, kind: str, *, by) -> Claim:
    """A heading that is really a claim, a claim that is really boilerplate. Labels are kept (a unit that
    becomes a claim again finds them), but only labelled kinds count towards progress."""
    if kind not in Claim.Kind.values:
        raise CorrectionRefused(gettext("Unknown kind of unit."))
    if kind == claim.kind:
        return claim
    with transaction.atomic():
        before = _state([claim.pk], with_events=True)
        old = claim.kind
        claim.kind = kind
        claim.save(update_fields=["kind"])
        detail = f"{Claim.Kind(old).label} → {Claim.Kind(kind).label}"
        _record(claim, SegmentationEvent.Action.KIND, detail, by=by, before=before)
    return claim


def _record(
    claim: Claim, action: str, detail: str, *, by, before: list[dict], after_ids=None
) -> SegmentationEvent:
    snapshot = {"before": before, "after": _state(after_ids or [claim.pk])}
    return SegmentationEvent.objects.create(
        article_id=claim.article_id,
        claim=claim,
        by=by,
        action=action,
        detail=_clip(detail),
        snapshot=snapshot,
    )


# Undo.


def undoable(event: SegmentationEvent) -> SegmentationEvent | None:
    """The event whose snapshot undoes `event` (itself, or for a split's second part the first part's),
    None if it cannot be undone (an undo, an event from before snapshots, or one undone already)."""
    if "undo_with" in event.snapshot:
        event = SegmentationEvent.objects.filter(pk=event.snapshot["undo_with"]).first()
        if event is None:
            return None
    if "before" not in event.snapshot or SegmentationEvent.objects.filter(undo_of=event).exists():
        return None
    return event


def undo(event: SegmentationEvent, *, by) -> SegmentationEvent:
    """Put the claims of `event`'s correction back as they were before it; returns the undo's own event.
    Refused (CorrectionRefused) if it was undone already or if anything changed on those claims since."""
    with transaction.atomic():
        # Lock the article's claims: a correction elsewhere in it would renumber them under us.
        list(Claim.objects.select_for_update().filter(article_id=event.article_id).values_list("pk"))
        target = undoable(SegmentationEvent.objects.get(pk=event.pk))
        if target is None:
            raise CorrectionRefused(
                gettext("This correction cannot be undone, or it has been undone already.")
            )
        before, after = target.snapshot["before"], target.snapshot["after"]
        after_ids = [c["id"] for c in after]
        claims = {c.pk: c for c in Claim.objects.filter(pk__in=after_ids, article_id=target.article_id)}
        if len(claims) != len(after_ids) or not _unchanged(after_ids, after):
            raise CorrectionRefused(
                gettext(
                    "These claims have changed since this correction (their text, kind, labels, notes, "
                    "evidence or decisions); undoing it would lose that work, so it was not undone."
                )
            )
        base = claims[after_ids[0]].position
        before_ids = [c["id"] for c in before]
        now = timezone.now()
        values_now = {
            (lb.claim_id, lb.reviewer_id): lb.value for lb in Label.objects.filter(claim_id__in=after_ids)
        }
        Claim.objects.filter(pk__in=set(after_ids) - set(before_ids)).delete()
        if len(before) != len(after):
            _shift_positions(target.article_id, after=base + len(after) - 1, by=len(before) - len(after))
        for c in before:
            fields = {
                "article_id": target.article_id,
                "position": base + c["offset"],
                "start": c["start"],
                "end": c["end"],
                "text": c["text"],
                "kind": c["kind"],
                "duplicate_of_id": c["duplicate_of"],
                "source_id": c["source_id"],
                "reference_label": c["reference_label"],
                "created_at": _when(c["created_at"]),
            }
            if not Claim.objects.filter(pk=c["id"]).update(**fields):
                Claim.objects.create(pk=c["id"], **fields)
        label_ids = [lb["id"] for c in before for lb in c["labels"]]
        Label.objects.filter(claim_id__in=before_ids).exclude(pk__in=label_ids).delete()
        evidence_ids = [ev["id"] for c in before for ev in c["evidence"]]
        Evidence.objects.filter(claim_id__in=before_ids).exclude(pk__in=evidence_ids).delete()
        restored_values = {}
        for c in before:
            LabelEvent.objects.filter(pk__in=c["label_events"]).update(claim_id=c["id"])
            SegmentationEvent.objects.filter(pk__in=c["segmentation_events"]).update(claim_id=c["id"])
            # Decisions are append-only: only a merge moves them (the second claim's onto the first).
            Decision.objects.filter(pk__in=c.get("decisions", [])).update(claim_id=c["id"])
            for lb in c["labels"]:
                restored_values[(c["id"], lb["reviewer"])] = lb["value"]
                fields = {
                    "claim_id": c["id"],
                    "reviewer_id": lb["reviewer"],
                    "value": lb["value"],
                    "note": lb["note"],
                    "version": lb["version"],
                    "created_at": _when(lb["created_at"]),
                    "updated_at": _when(lb["updated_at"]),
                }
                if not Label.objects.filter(pk=lb["id"]).update(**fields):
                    Label.objects.create(pk=lb["id"], **fields)
            for ev in c["evidence"]:
                fields = {
                    "claim_id": c["id"],
                    "url": ev["url"],
                    "title": ev["title"],
                    "stance": ev["stance"],
                    "note": ev["note"],
                    "added_by_id": ev["added_by"],
                    "added_at": _when(ev["added_at"]),
                }
                # A new version, so an edit page opened before the undo cannot overwrite it unseen.
                if not Evidence.objects.filter(pk=ev["id"]).update(**fields, version=F("version") + 1):
                    Evidence.objects.create(pk=ev["id"], **fields)
        # The label history tells what the undo changed on the claims that stayed; a claim brought back has
        # its own history back.
        changes = []
        for key in sorted(values_now.keys() | restored_values.keys()):
            old, new = values_now.get(key, ""), restored_values.get(key, "")
            if key[0] in claims and key[0] in before_ids and old != new:
                changes.append(
                    LabelEvent(claim_id=key[0], reviewer_id=key[1], old_value=old, new_value=new, at=now)
                )
        LabelEvent.objects.bulk_create(changes)
        detail = gettext("%(correction)s of %(date)s undone") % {
            "correction": target.get_action_display(),
            "date": formats.date_format(timezone.localtime(target.at), "SHORT_DATETIME_FORMAT"),
        }
        return SegmentationEvent.objects.create(
            article_id=target.article_id,
            claim_id=before_ids[0],
            by=by,
            action=SegmentationEvent.Action.UNDO,
            detail=_clip(detail),
            undo_of=target,
        )


def _when(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _unchanged(claim_ids: list[int], after: list[dict]) -> bool:
    """True if the claims are as the correction left them. A snapshot taken before decisions were kept in
    it is compared without them."""
    now = _state(claim_ids)
    if any("decisions" not in c for c in after):
        for c in now:
            del c["decisions"]
    return now == after


def _state(claim_ids: list[int], *, with_events: bool = False) -> list[dict]:
    """The claims `claim_ids` (in that order) as undo restores them and compares them: position relative to
    the first, offsets, text, kind, every label and every piece of evidence, sorted by id, and the ids of
    the leads' decisions; with_events, also which history events are theirs (a merge moves the second
    claim's onto the first)."""
    claims = {c.pk: c for c in Claim.objects.filter(pk__in=claim_ids)}
    labels: dict[int, list[dict]] = {pk: [] for pk in claim_ids}
    for lb in Label.objects.filter(claim_id__in=claim_ids).order_by("pk"):
        labels[lb.claim_id].append(
            {
                "id": lb.pk,
                "reviewer": lb.reviewer_id,
                "value": lb.value,
                "note": lb.note,
                "version": lb.version,
                "created_at": lb.created_at.isoformat(),
                "updated_at": lb.updated_at.isoformat(),
            }
        )
    evidence: dict[int, list[dict]] = {pk: [] for pk in claim_ids}
    for ev in Evidence.objects.filter(claim_id__in=claim_ids).order_by("pk"):
        evidence[ev.claim_id].append(
            {
                "id": ev.pk,
                "url": ev.url,
                "title": ev.title,
                "stance": ev.stance,
                "note": ev.note,
                "added_by": ev.added_by_id,
                "added_at": ev.added_at.isoformat(),
            }
        )
    decisions: dict[int, list[int]] = {pk: [] for pk in claim_ids}
    for decision_id, claim_id in (
        Decision.objects.filter(claim_id__in=claim_ids).order_by("pk").values_list("pk", "claim_id")
    ):
        decisions[claim_id].append(decision_id)
    base = claims[claim_ids[0]].position
    state = []
    for pk in claim_ids:
        c = claims[pk]
        entry = {
            "id": pk,
            "offset": c.position - base,
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "kind": c.kind,
            "duplicate_of": c.duplicate_of_id,
            "source_id": c.source_id,
            "reference_label": c.reference_label,
            "created_at": c.created_at.isoformat(),
            "labels": labels[pk],
            "evidence": evidence[pk],
            "decisions": decisions[pk],
        }
        if with_events:
            entry["label_events"] = list(LabelEvent.objects.filter(claim_id=pk).values_list("pk", flat=True))
            entry["segmentation_events"] = list(
                SegmentationEvent.objects.filter(claim_id=pk).values_list("pk", flat=True)
            )
        state.append(entry)
    return state


def _clip(text: str, limit: int = 1000) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _shift_positions(article_id: int, *, after: int, by: int) -> None:
    """Move every claim after `after` by `by` places without ever breaking the unique (article, position).

    One UPDATE of position = position + by can collide with a neighbour mid-statement (PostgreSQL checks
    unique constraints row by row, SQLite too), so the rows are first parked far above any real position,
    then brought back to their final place.
    """
    claims = Claim.objects.filter(article_id=article_id)
    claims.filter(position__gt=after, position__lt=_POSITION_PARKING).update(
        position=F("position") + _POSITION_PARKING
    )
    claims.filter(position__gte=_POSITION_PARKING).update(position=F("position") - _POSITION_PARKING + by)
