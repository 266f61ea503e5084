"""Documents of a team: upload (the type checked by content), versions, edits. Every write is
atomic and audited; the file's type, size and SHA-256 are recorded from its bytes."""

from __future__ import annotations

import hashlib
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from skillshub.core.choices import AuditAction
from skillshub.core.filetypes import validate_upload
from skillshub.core.services import audit_record, diff, snapshot

from ..models import AgendaItem, Document, DocumentVersion, Meeting, Team

DOCUMENT_FIELDS = ["title", "description", "visibility"]
VERSION_FIELDS = ["number", "original_name", "content_type", "size", "sha256", "note"]


def _sha256(file: Any) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    chunks = file.chunks() if hasattr(file, "chunks") else iter(lambda: file.read(65536), b"")
    for chunk in chunks:
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def _original_name(file: Any) -> str:
    # Only the last path component: some browsers send a full client path.
    name = os.path.basename(str(getattr(file, "name", "") or "").replace("\\", "/"))
    return name[:255] or "document"


def _new_version(*, document: Document, actor: Any, file: Any, number: int, note: str) -> Any:
    content_type = validate_upload(file)
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=_original_name(file),
        content_type=content_type,
        size=file.size,
        sha256=_sha256(file),
        note=note.strip(),
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    version.file = file
    version.full_clean()
    version.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=version,
        changes=diff({}, snapshot(version, VERSION_FIELDS)),
        verb="document_version_add",
    )
    return version


@transaction.atomic
def document_upload(
    *,
    team: Team,
    actor: Any,
    title: str,
    file: Any,
    visibility: str,
    meeting: Meeting | None = None,
    description: str = "",
    is_demo: bool = False,
) -> Document:
    """A new document of ``team`` with its first version."""
    if meeting is not None and meeting.team_id != team.pk:
        raise ValidationError({"meeting": _("The sitting belongs to another team.")})
    # Checked before anything is written: a refused file leaves no half-made document.
    validate_upload(file)
    document = Document(
        team=team,
        meeting=meeting,
        title=title.strip(),
        description=description.strip(),
        visibility=visibility,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        is_demo=is_demo,
    )
    document.full_clean()
    document.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=document,
        changes=diff({}, snapshot(document, [*DOCUMENT_FIELDS, "team", "meeting"])),
        verb="document_upload",
    )
    version = _new_version(document=document, actor=actor, file=file, number=1, note="")
    document.current_version = version
    document.save(update_fields=["current_version", "updated_at"])
    return document


@transaction.atomic
def document_add_version(
    *, document: Document, actor: Any, file: Any, note: str = ""
) -> DocumentVersion:
    """A new version of a document; it becomes the current one. Earlier versions are kept."""
    # The lock serialises numbering: two uploads at once get 2 and 3, never 2 twice.
    locked = Document.objects.select_for_update().get(pk=document.pk)
    last = locked.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = _new_version(document=locked, actor=actor, file=file, number=last + 1, note=note)
    locked.current_version = version
    locked.save(update_fields=["current_version", "updated_at"])
    document.current_version = version
    return version


@transaction.atomic
def document_update(*, document: Document, actor: Any, data: dict[str, Any]) -> Document:
    """Change a document's title, description or visibility."""
    locked = Document.objects.select_for_update().get(pk=document.pk)
    before = snapshot(locked, DOCUMENT_FIELDS)
    for name in DOCUMENT_FIELDS:
        if name in data:
            value = data[name]
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
    locked.full_clean()
    locked.save(update_fields=[*DOCUMENT_FIELDS, "updated_at"])
    changes = diff(before, snapshot(locked, DOCUMENT_FIELDS))
    if changes:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            changes=changes,
            verb="document_update",
        )
    return locked


@transaction.atomic
def agenda_document_upload(
    *,
    item: AgendaItem,
    actor: Any,
    title: str,
    file: Any,
    visibility: str,
    description: str = "",
) -> Document:
    """Upload a document straight onto an agenda item: it belongs to the item's team and
    sitting. If the agenda can no longer change, nothing is written."""
    from .meetings import agenda_item_update

    meeting = item.meeting
    document = document_upload(
        team=meeting.team,
        actor=actor,
        title=title,
        file=file,
        visibility=visibility,
        meeting=meeting,
        description=description,
    )
    agenda_item_update(item=item, actor=actor, data={}, documents=[*item.documents.all(), document])
    return document
