"""The audit trail writer, and helpers every service uses to compute what changed."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from .choices import AuditAction
from .exceptions import EditConflict
from .models import AuditEntry


def plain(value: Any) -> Any:
    """Turn a field value into something JSON can hold and a person can read."""
    if isinstance(value, models.QuerySet):
        value = list(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple | set):
        return sorted(plain(v) for v in value)
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """Readable values of ``fields`` on ``obj``; many-to-many fields become sorted lists."""
    result: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            result[name] = plain([str(o) for o in getattr(obj, name).all()]) if obj.pk else []
        elif field.is_relation:
            result[name] = plain(getattr(obj, name))
        else:
            result[name] = plain(getattr(obj, name))
    return result


def check_version(
    obj: Any,
    expected: int | None,
    fields: Iterable[str],
    data: dict[str, Any],
    *,
    read: Callable[[Any, list[str]], dict[str, Any]] | None = None,
) -> None:
    """Refuse to overwrite a newer save (optimistic concurrency): when the editor opened
    version ``expected`` and ``obj`` (read under a row lock) is at another version, raise
    ``EditConflict`` naming each field whose stored value differs from the editor's as
    ``(their value, your value)``. ``read`` replaces ``snapshot`` for fields that need it."""
    if expected is None or obj.version == expected:
        return
    mine = {name: plain(data[name]) for name in fields if name in data}
    theirs = (read or snapshot)(obj, list(mine))
    changes = {name: (theirs[name], mine[name]) for name in mine if theirs[name] != mine[name]}
    raise EditConflict(current=obj, changes=changes)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [before, after]}`` for the fields whose value changed."""
    return {
        name: [before.get(name), after.get(name)]
        for name in after
        if before.get(name) != after.get(name)
    }


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    changes: dict[str, list[Any]] | None = None,
    verb: str = "",
) -> AuditEntry:
    """Write one audit entry. Must be called inside the service's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the service's transaction")
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_repr=str(user) if user else "anonymous",
        action=AuditAction(action),
        verb=verb,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes=changes or {},
    )
