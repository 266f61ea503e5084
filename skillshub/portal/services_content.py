"""Every write to news, pages and campaigns. Each service is atomic, sanitises the editor's
HTML, leaves an audit entry and bumps the portal's page-cache version."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from skillshub.core import filetypes
from skillshub.core.choices import AuditAction
from skillshub.core.pagecache import bump
from skillshub.core.services import audit_record, check_version, diff, snapshot

from .choices import PublicationStatus
from .models import Campaign, NewsItem, Page
from .sanitise import clean_html

IMAGE_MAX_BYTES = 2 * 1024 * 1024
IMAGE_TYPES = {filetypes.PNG: "png", filetypes.JPEG: "jpg", filetypes.WEBP: "webp"}

NEWS_FIELDS = ["title", "slug", "lead", "body", "image_alt"]
NEWS_AUDITED = [*NEWS_FIELDS, "image", "status", "published_at"]
PAGE_FIELDS = ["title", "slug", "body", "status", "in_footer", "order"]
PAGE_AUDITED = PAGE_FIELDS
CAMPAIGN_FIELDS = [
    "title", "slug", "lead", "body", "image_alt", "link_url", "starts_on", "ends_on", "status",
]  # fmt: skip
CAMPAIGN_AUDITED = [*CAMPAIGN_FIELDS, "image"]
HTML_FIELDS = ("body",)


def validate_image(file: Any) -> str:
    """PNG, JPEG or WebP by content, at most 2 MB; return the extension to store it under."""
    content_type = filetypes.validate_upload(file, max_bytes=IMAGE_MAX_BYTES)
    if content_type not in IMAGE_TYPES:
        raise ValidationError(_("The image must be a PNG, JPEG or WebP file."), code="image_type")
    return IMAGE_TYPES[content_type]


def _snapshot(obj: Any, fields: list[str]) -> dict[str, Any]:
    """``core.services.snapshot`` with the image as its stored name (a file is not JSON)."""
    values = snapshot(obj, [f for f in fields if f != "image"])
    if "image" in fields:
        values["image"] = obj.image.name or ""
    return values


def _set_fields(obj: Any, data: dict[str, Any], fields: list[str]) -> None:
    for name in fields:
        if name in data:
            value = data[name]
            if name in HTML_FIELDS:
                value = clean_html(value)
            setattr(obj, name, value)


def _set_image(obj: Any, image: UploadedFile | None, remove_image: bool) -> None:
    """A new image under a random name (never the uploader's), or none."""
    if image is not None:
        if not obj.image_alt:
            raise ValidationError(
                {"image_alt": _("Describe the image for people who cannot see it.")}
            )
        try:
            extension = validate_image(image)
        except ValidationError as exc:
            raise ValidationError({"image": exc.messages}) from exc
        obj.image.save(f"{uuid.uuid4().hex}.{extension}", image, save=False)
    elif remove_image:
        obj.image = ""
        obj.image_alt = ""


def _create(
    obj: models.Model,
    *,
    actor: Any,
    data: dict[str, Any],
    fields: list[str],
    audited: list[str],
    verb: str,
    image: UploadedFile | None = None,
) -> Any:
    _set_fields(obj, data, fields)
    obj.is_demo = bool(data.get("is_demo", False))  # type: ignore[attr-defined]
    if hasattr(obj, "image"):
        _set_image(obj, image, remove_image=False)
    obj.full_clean()
    obj.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=obj,
        changes=diff({}, _snapshot(obj, audited)),
        verb=verb,
    )
    bump("portal")
    return obj


def _update(
    model: type[models.Model],
    pk: int,
    *,
    actor: Any,
    data: dict[str, Any],
    fields: list[str],
    audited: list[str],
    verb: str,
    expected_version: int | None,
    image: UploadedFile | None = None,
    remove_image: bool = False,
) -> Any:
    locked: Any = model._default_manager.select_for_update().get(pk=pk)
    check_version(locked, expected_version, audited, data, read=_snapshot)
    before = _snapshot(locked, audited)
    _set_fields(locked, data, fields)
    if hasattr(locked, "image"):
        _set_image(locked, image, remove_image)
    locked.full_clean()
    changes = diff(before, _snapshot(locked, audited))
    if not changes:
        return locked
    locked.version += 1
    locked.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=locked, changes=changes, verb=verb)
    bump("portal")
    return locked


def _move(model: type[models.Model], pk: int, *, actor: Any, status: str, verb: str) -> Any:
    locked: Any = model._default_manager.select_for_update().get(pk=pk)
    if locked.status == status:
        return locked
    before = locked.status
    locked.status = PublicationStatus(status)
    update = ["status", "version", "updated_at"]
    if status == PublicationStatus.PUBLISHED and getattr(locked, "published_at", False) is None:
        locked.published_at = timezone.now()
        update.append("published_at")
    locked.version += 1
    locked.save(update_fields=update)
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=locked,
        changes={"status": [before, locked.status]},
        verb=verb,
    )
    bump("portal")
    return locked


# --- News -------------------------------------------------------------------------------------


@transaction.atomic
def news_create(*, actor: Any, data: dict[str, Any], image: UploadedFile | None = None) -> NewsItem:
    """A news item, as a draft unless ``data["status"]`` says published."""
    news = NewsItem(author=actor if getattr(actor, "is_authenticated", False) else None)
    news = _create(
        news,
        actor=actor,
        data=data,
        fields=NEWS_FIELDS,
        audited=NEWS_AUDITED,
        verb="news_create",
        image=image,
    )
    if data.get("status") == PublicationStatus.PUBLISHED:
        news = _move(
            NewsItem, news.pk, actor=actor, status=PublicationStatus.PUBLISHED, verb="news_publish"
        )
    return news


@transaction.atomic
def news_update(
    *,
    news: NewsItem,
    actor: Any,
    data: dict[str, Any],
    expected_version: int | None = None,
    image: UploadedFile | None = None,
    remove_image: bool = False,
) -> NewsItem:
    updated: NewsItem = _update(
        NewsItem,
        news.pk,
        actor=actor,
        data=data,
        fields=NEWS_FIELDS,
        audited=NEWS_AUDITED,
        verb="news_update",
        expected_version=expected_version,
        image=image,
        remove_image=remove_image,
    )
    return updated


@transaction.atomic
def news_publish(*, news: NewsItem, actor: Any) -> NewsItem:
    published: NewsItem = _move(
        NewsItem, news.pk, actor=actor, status=PublicationStatus.PUBLISHED, verb="news_publish"
    )
    return published


@transaction.atomic
def news_archive(*, news: NewsItem, actor: Any) -> NewsItem:
    archived: NewsItem = _move(
        NewsItem, news.pk, actor=actor, status=PublicationStatus.ARCHIVED, verb="news_archive"
    )
    return archived


# --- Pages ------------------------------------------------------------------------------------


@transaction.atomic
def page_create(*, actor: Any, data: dict[str, Any]) -> Page:
    page: Page = _create(
        Page(), actor=actor, data=data, fields=PAGE_FIELDS, audited=PAGE_AUDITED, verb="page_create"
    )
    return page


@transaction.atomic
def page_update(
    *, page: Page, actor: Any, data: dict[str, Any], expected_version: int | None = None
) -> Page:
    updated: Page = _update(
        Page,
        page.pk,
        actor=actor,
        data=data,
        fields=PAGE_FIELDS,
        audited=PAGE_AUDITED,
        verb="page_update",
        expected_version=expected_version,
    )
    return updated


# --- Campaigns --------------------------------------------------------------------------------


@transaction.atomic
def campaign_create(
    *, actor: Any, data: dict[str, Any], image: UploadedFile | None = None
) -> Campaign:
    campaign: Campaign = _create(
        Campaign(),
        actor=actor,
        data=data,
        fields=CAMPAIGN_FIELDS,
        audited=CAMPAIGN_AUDITED,
        verb="campaign_create",
        image=image,
    )
    return campaign


@transaction.atomic
def campaign_update(
    *,
    campaign: Campaign,
    actor: Any,
    data: dict[str, Any],
    expected_version: int | None = None,
    image: UploadedFile | None = None,
    remove_image: bool = False,
) -> Campaign:
    updated: Campaign = _update(
        Campaign,
        campaign.pk,
        actor=actor,
        data=data,
        fields=CAMPAIGN_FIELDS,
        audited=CAMPAIGN_AUDITED,
        verb="campaign_update",
        expected_version=expected_version,
        image=image,
        remove_image=remove_image,
    )
    return updated
