"""Background work of the job-ad coder (django-tasks): coding a batch, and retraining."""

from __future__ import annotations

from django_tasks import task


@task()
def code_job_ad_batch(*, batch_id: int) -> str:
    """Code a batch's waiting ads. Run again after a crash, it carries on where it stopped."""
    from .services import job_ad_batch_code

    batch = job_ad_batch_code(batch_id=batch_id)
    return "missing" if batch is None else f"{batch.status} {batch.coded}/{batch.total}"


@task()
def train_occupation_coder_task(*, actor_id: int | None = None, sample: int | None = None) -> str:
    """Train a new model with the reviewed ads; it becomes the active model when saved."""
    from django.conf import settings

    from .services import coder_train

    return str(coder_train(sample=sample or settings.OCCUPATION_CODER_RETRAIN_SAMPLE or None))
