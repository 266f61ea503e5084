"""Writes of the job-ad workflow: import a file, code its ads in the background, review the
unsure ones, and retrain the model with the people's answers.

1. ``job_ads_import`` validates the whole file (nothing is written if any row is wrong), stores
   the ads as PENDING in one transaction and queues ``code_job_ad_batch`` on commit.
2. ``job_ad_batch_code`` (the task's body) codes the batch's PENDING ads chunk by chunk, each
   chunk in its own transaction: the batch page shows the progress, and a worker killed midway
   leaves whole chunks behind; the retried task carries on with the ads still PENDING.
3. An ad whose best code is less likely than ``OCCUPATION_CODER_REVIEW_THRESHOLD`` (or whose
   text is empty or not Polish) goes to the review queue; the others count straight away.
4. ``job_ad_review`` records a person's code under a row lock. A second reviewer of the same ad
   is told who was first instead of overwriting them. Every answer becomes a ``CodingExample``.
5. ``coder_retrain`` queues a training run on the shipped material plus those examples.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from skillshub.core.choices import AuditAction
from skillshub.core.services import audit_record

from .. import imports
from ..choices import JobAdBatchStatus, JobAdStatus
from ..models import CodingExample, JobAd, JobAdBatch, Occupation
from . import ads as ads_file
from .runtime import CoderUnavailable, active_coder

CHUNK = 500
REVIEW_FLAGS = {"empty", "not_polish"}


class ReviewConflict(Exception):
    """Somebody else reviewed the ad first."""


def review_threshold() -> float:
    return float(settings.OCCUPATION_CODER_REVIEW_THRESHOLD)


def job_ads_import(*, actor: Any, file: Any) -> JobAdBatch:
    """Read and check the file; store its ads and queue their coding, or store only the
    rejected batch with every error."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    batch = JobAdBatch(source_name=imports.source_name(file), created_by=user)
    try:
        data = imports.read_bytes(file, max_bytes=ads_file.MAX_BYTES)
    except imports.ImportFileError as exc:
        batch.status, batch.errors = JobAdBatchStatus.FAILED, [exc.as_error()]
        batch.save()
        return batch
    batch.file_sha256 = imports.fingerprint(data)
    parsed = ads_file.parse_ads(data)
    batch.encoding = parsed.encoding
    if parsed.errors:
        batch.status, batch.errors = JobAdBatchStatus.FAILED, parsed.errors.as_list()
        batch.total = parsed.rows_read
        batch.save()
        return batch
    with transaction.atomic():
        batch.total = len(parsed.rows)
        if parsed.duplicates:
            batch.errors = [
                {
                    "row": None,
                    "column": "",
                    "reason": _("%(count)d repeated ads were skipped.")
                    % {"count": parsed.duplicates},
                }
            ]
        batch.save()
        today = timezone.localdate()
        JobAd.objects.bulk_create(
            [
                JobAd(
                    batch=batch,
                    row=r.row,
                    title=r.title,
                    description=r.description,
                    employer=r.employer,
                    place=r.place,
                    county_id=r.county_id,
                    published_on=r.published_on or today,
                    source_url=r.source_url,
                    flags=[] if r.published_on else ["date_missing"],
                )
                for r in parsed.rows
            ],
            batch_size=1000,
        )
        audit_record(
            actor=actor,
            action=AuditAction.IMPORT,
            obj=batch,
            verb=f"{batch.total} job ads",
        )
        transaction.on_commit(lambda: _enqueue_coding(batch.pk))
    return batch


def _enqueue_coding(batch_id: int) -> None:
    from .tasks import code_job_ad_batch

    code_job_ad_batch.enqueue(batch_id=batch_id)


def _status_for(prediction: Any, threshold: float) -> str:
    if prediction.confidence < threshold or REVIEW_FLAGS & set(prediction.flags):
        return JobAdStatus.REVIEW
    return JobAdStatus.CODED


def job_ad_batch_code(*, batch_id: int) -> JobAdBatch | None:
    """Code the batch's PENDING ads; safe to run again (it only ever takes PENDING ads)."""
    batch = JobAdBatch.objects.filter(pk=batch_id).first()
    if batch is None or batch.status == JobAdBatchStatus.FAILED:
        return batch
    try:
        coder = active_coder()
    except CoderUnavailable as exc:
        JobAdBatch.objects.filter(pk=batch_id).update(
            status=JobAdBatchStatus.FAILED,
            errors=[{"row": None, "column": "", "reason": str(exc)}],
            finished_at=timezone.now(),
        )
        return JobAdBatch.objects.get(pk=batch_id)
    JobAdBatch.objects.filter(pk=batch_id).update(
        status=JobAdBatchStatus.CODING, model_version=coder.version
    )
    codes = dict(Occupation.objects.filter(level=6).values_list("code", "pk"))
    threshold = review_threshold()
    started = time.perf_counter()
    while True:
        with transaction.atomic():
            chunk = list(
                JobAd.objects.select_for_update()
                .filter(batch_id=batch_id, status=JobAdStatus.PENDING)
                .order_by("pk")
                .only("pk", "title", "description", "flags")[:CHUNK]
            )
            if not chunk:
                break
            # No explanations here: they cost a fifth of the time, and the review page asks
            # for the one ad a person opens (``explanation_for``).
            predictions = coder.predict([(ad.title, ad.description) for ad in chunk], explain=False)
            for ad, prediction in zip(chunk, predictions, strict=True):
                ad.suggestions = [
                    {"code": s.code, "probability": round(s.probability, 4)}
                    for s in prediction.suggestions
                ]
                ad.confidence = round(prediction.confidence, 4)
                ad.occupation_id = codes.get(prediction.code)
                ad.group_code = prediction.group_code
                ad.flags = sorted({*ad.flags, *prediction.flags})
                ad.model_version = coder.version
                ad.status = _status_for(prediction, threshold)
                if ad.occupation_id is None:  # a code the database does not know (old model)
                    ad.status = JobAdStatus.REVIEW
            JobAd.objects.bulk_update(
                chunk,
                [
                    "suggestions",
                    "confidence",
                    "occupation",
                    "group_code",
                    "flags",
                    "model_version",
                    "status",
                ],
            )
            JobAdBatch.objects.filter(pk=batch_id).update(coded=F("coded") + len(chunk))
    with transaction.atomic():
        batch = JobAdBatch.objects.select_for_update().get(pk=batch_id)
        batch.status = JobAdBatchStatus.DONE
        batch.coded = batch.total
        batch.finished_at = timezone.now()
        batch.save(update_fields=["status", "coded", "finished_at"])
        audit_record(
            actor=None,
            action=AuditAction.TRANSITION,
            obj=batch,
            verb=f"coded with {coder.version} in {time.perf_counter() - started:.1f} s",
        )
    return batch


def job_ad_review(*, ad: JobAd, actor: Any, code: str, expected_status: str) -> JobAd:
    """Record the person's code for the ad: a confirmation when it is the model's best guess,
    a correction otherwise. ``expected_status`` is the status the reviewer saw."""
    occupation = Occupation.objects.filter(code=code, level=6).first()
    if occupation is None:
        raise ValueError(
            _("“%(code)s” is not a 6-digit KZiS 2023 occupation code.") % {"code": code}
        )
    with transaction.atomic():
        locked = JobAd.objects.select_for_update().get(pk=ad.pk)
        if locked.status != expected_status or locked.status in (
            JobAdStatus.CONFIRMED,
            JobAdStatus.CORRECTED,
        ):
            who = locked.reviewed_by.get_full_name() if locked.reviewed_by else ""
            raise ReviewConflict(
                _("This ad has already been reviewed%(who)s. Your choice was not saved.")
                % {"who": f" ({who})" if who else ""}
            )
        best = locked.suggestions[0]["code"] if locked.suggestions else ""
        before = locked.occupation_id
        locked.occupation = occupation
        locked.status = JobAdStatus.CONFIRMED if code == best else JobAdStatus.CORRECTED
        locked.reviewed_by = actor
        locked.reviewed_at = timezone.now()
        locked.save(update_fields=["occupation", "status", "reviewed_by", "reviewed_at"])
        CodingExample.objects.update_or_create(
            job_ad=locked,
            defaults={
                "title": locked.title,
                "description": locked.description,
                "occupation": occupation,
                "was_correction": locked.status == JobAdStatus.CORRECTED,
                "created_by": actor,
            },
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            changes={"occupation": [before, occupation.pk]},
            verb=str(locked.get_status_display()),
        )
    return locked


def coder_retrain(*, actor: Any, sample: int | None = None) -> None:
    """Queue a training run on the shipped material plus every coding example."""
    from .tasks import train_occupation_coder_task

    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=actor,
            verb="retraining of the occupation coder queued",
        )
        user_id = actor.pk if getattr(actor, "is_authenticated", False) else None
        transaction.on_commit(
            lambda: train_occupation_coder_task.enqueue(actor_id=user_id, sample=sample)
        )


def coder_material(extra: Any = (), *, sample: int | None = None, seed: int = 2030) -> list[Any]:
    """The training examples: the shipped material plus ``extra`` (people's answers), codes of
    KZiS 2023 only (a few hand-coded ads carry codes the 2023 edition no longer has, and a
    model suggesting them would send every such ad to review); ``sample`` limits the
    hand-coded ads (CI and tests train a small model)."""
    from . import training

    current = {code for code in training.load_hierarchy() if len(code) == 6}
    examples = [e for e in training.training_material(extra) if e.code in current]
    if sample:
        examples = training.subsample(examples, sample, seed)
    return examples


def coder_train(*, sample: int | None = None, seed: int = 2030) -> Any:
    """Train a model on the shipped material plus every coding example, save it beside the
    others (it becomes the active one) and return its path. It writes files only: the request
    for it (``coder_retrain``) is what the audit trail records."""
    from . import training
    from .model import OccupationCoder
    from .runtime import model_dir

    extra = [
        training.Example(code=code, title=title, description=description, source="correction")
        for title, description, code in CodingExample.objects.values_list(
            "title", "description", "occupation__code"
        )
    ]
    examples = coder_material(extra, sample=sample, seed=seed)
    coder = OccupationCoder.train(examples, seed=seed)
    return coder.save(model_dir())


def explanation_for(ad: JobAd) -> list[str]:
    """The words that drove the ad's best code, computed when a person looks (a few ms), or
    nothing when no model is available. Nothing is written."""
    try:
        coder = active_coder()
    except CoderUnavailable:
        return []
    return list(coder.predict([(ad.title, ad.description)])[0].explanation)
