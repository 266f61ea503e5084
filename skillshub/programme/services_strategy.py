"""Every write to the reference strategy below the national areas: themes and directions of
action, and new editions. Each service is atomic, validates, and leaves an audit entry.

A new edition copies the current one's themes and directions into new rows and becomes the
current one; the old rows stay, so programme nodes linked to them keep their links."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from skillshub.core.choices import AuditAction, StrategyPart
from skillshub.core.pagecache import bump
from skillshub.core.services import audit_record, diff, snapshot

from .models import StrategyDirection, StrategyEdition, StrategyTheme

THEME_FIELDS = ["area", "code", "name", "order"]
DIRECTION_FIELDS = ["code", "name", "order"]


def _set(obj: Any, data: dict[str, Any], fields: list[str]) -> None:
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])


def _check_theme(theme: StrategyTheme) -> None:
    if theme.area_id is not None and theme.area.part != StrategyPart.DETAILED:
        raise ValidationError({"area": _("Themes sit under the 8 areas of impact.")})
    taken = StrategyTheme.objects.filter(edition_id=theme.edition_id, code=theme.code).exclude(
        pk=theme.pk
    )
    if taken.exists():
        raise ValidationError({"code": _("This code is taken in this edition.")})
    theme.full_clean()


def _check_direction(direction: StrategyDirection) -> None:
    direction.full_clean()
    taken = StrategyDirection.objects.filter(theme=direction.theme, code=direction.code).exclude(
        pk=direction.pk
    )
    if taken.exists():
        raise ValidationError({"code": _("This code is taken in this theme.")})


@transaction.atomic
def edition_create(
    *, actor: Any, name: str, published: datetime.date | None = None
) -> StrategyEdition:
    """A new edition, made current, with a copy of the current edition's themes and
    directions (none if there is no current edition yet)."""
    previous = StrategyEdition.objects.select_for_update().filter(is_current=True).first()
    edition = StrategyEdition(name=name.strip(), published=published, is_current=False)
    edition.full_clean()
    if previous is not None:
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    edition.is_current = True
    edition.save()
    themes = directions = 0
    if previous is not None:
        for theme in previous.themes.prefetch_related("directions").order_by("pk"):
            copy = StrategyTheme.objects.create(
                edition=edition,
                area_id=theme.area_id,
                code=theme.code,
                name=theme.name,
                order=theme.order,
            )
            themes += 1
            new = [
                StrategyDirection(theme=copy, code=d.code, name=d.name, order=d.order)
                for d in theme.directions.all()
            ]
            StrategyDirection.objects.bulk_create(new)
            directions += len(new)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=edition,
        changes={
            "name": [None, edition.name],
            "copied_from": [None, previous.name if previous else None],
            "themes": [None, themes],
            "directions": [None, directions],
        },
        verb="strategy_edition_create",
    )
    bump("programme")
    return edition


@transaction.atomic
def theme_create(*, edition: StrategyEdition, actor: Any, data: dict[str, Any]) -> StrategyTheme:
    theme = StrategyTheme(edition=edition)
    _set(theme, data, THEME_FIELDS)
    _check_theme(theme)
    theme.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=theme,
        changes=diff({}, snapshot(theme, THEME_FIELDS)),
        verb="strategy_theme_create",
    )
    bump("programme")
    return theme


@transaction.atomic
def theme_update(*, theme: StrategyTheme, actor: Any, data: dict[str, Any]) -> StrategyTheme:
    locked = StrategyTheme.objects.select_for_update().get(pk=theme.pk)
    before = snapshot(locked, THEME_FIELDS)
    _set(locked, data, THEME_FIELDS)
    _check_theme(locked)
    locked.save()
    changes = diff(before, snapshot(locked, THEME_FIELDS))
    if changes:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            changes=changes,
            verb="strategy_theme_update",
        )
        bump("programme")
    return locked


@transaction.atomic
def direction_create(
    *, theme: StrategyTheme, actor: Any, data: dict[str, Any]
) -> StrategyDirection:
    locked = StrategyTheme.objects.select_for_update().get(pk=theme.pk)
    direction = StrategyDirection(theme=locked)
    _set(direction, data, DIRECTION_FIELDS)
    _check_direction(direction)
    direction.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=direction,
        changes=diff({}, snapshot(direction, DIRECTION_FIELDS)),
        verb="strategy_direction_create",
    )
    bump("programme")
    return direction


@transaction.atomic
def direction_update(
    *, direction: StrategyDirection, actor: Any, data: dict[str, Any]
) -> StrategyDirection:
    locked = StrategyDirection.objects.select_for_update().get(pk=direction.pk)
    before = snapshot(locked, DIRECTION_FIELDS)
    _set(locked, data, DIRECTION_FIELDS)
    _check_direction(locked)
    locked.save()
    changes = diff(before, snapshot(locked, DIRECTION_FIELDS))
    if changes:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            changes=changes,
            verb="strategy_direction_update",
        )
        bump("programme")
    return locked
