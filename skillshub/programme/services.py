"""Every write to the programme. Each service is atomic, validates, and leaves an audit entry.

An adopted (or superseded) version is frozen: its tree is changed only by starting a revision,
a new draft version whose nodes keep the keys of the nodes they revise."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from skillshub.core.choices import AuditAction
from skillshub.core.models import County
from skillshub.core.pagecache import bump
from skillshub.core.services import audit_record, diff, plain, snapshot

from .choices import Direction, NodeKind, TerritorialLevel, VersionStatus
from .models import (
    Indicator,
    IndicatorLink,
    IndicatorTarget,
    Measurement,
    Node,
    Programme,
    ProgrammeVersion,
)

PROGRAMME_FIELDS = ["name", "start_year", "end_year", "description", "rollup_rule"]
NODE_FIELDS = ["parent", "kind", "code", "title", "description", "order", "weight", "lead",
               "start_date", "end_date", "funding_source", "budget_planned", "budget_spent",
               "status"]  # fmt: skip
NODE_M2M = ["areas", "directions", "partners", "target_groups", "counties"]
INDICATOR_FIELDS = ["code", "name", "definition", "unit", "source", "level", "direction",
                    "baseline_value", "baseline_year", "is_context"]  # fmt: skip
ALLOWED_PARENT = {NodeKind.OBJECTIVE: None, NodeKind.ACTION: NodeKind.OBJECTIVE,
                  NodeKind.TASK: NodeKind.ACTION}  # fmt: skip


class FrozenVersion(ValidationError):
    """An adopted version is never edited in place."""


def _set(obj: Any, data: dict[str, Any], fields: Iterable[str]) -> None:
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])


def _changed() -> None:
    bump("programme")


# --- Programme and versions ---------------------------------------------------------------------


@transaction.atomic
def programme_create(*, actor: Any, data: dict[str, Any]) -> Programme:
    """A new programme with its first, draft version."""
    programme = Programme()
    _set(programme, data, PROGRAMME_FIELDS)
    programme.is_demo = bool(data.get("is_demo", False))
    programme.full_clean()
    programme.save()
    ProgrammeVersion.objects.create(
        programme=programme,
        number=1,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=programme,
        changes=diff({}, snapshot(programme, PROGRAMME_FIELDS)),
        verb="programme_create",
    )
    _changed()
    return programme


@transaction.atomic
def programme_update(*, programme: Programme, actor: Any, data: dict[str, Any]) -> Programme:
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    before = snapshot(locked, PROGRAMME_FIELDS)
    _set(locked, data, PROGRAMME_FIELDS)
    locked.full_clean()
    locked.save()
    changes = diff(before, snapshot(locked, PROGRAMME_FIELDS))
    if changes:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            changes=changes,
            verb="programme_update",
        )
        _changed()
    return locked


def _require_editable(version: ProgrammeVersion) -> None:
    if version.is_frozen:
        raise FrozenVersion(
            _(
                "Version %(n)s is adopted and cannot be edited. Start a revision: it copies "
                "the programme into a new draft version."
            )
            % {"n": version.number}
        )


@transaction.atomic
def version_revise(*, version: ProgrammeVersion, actor: Any, note: str = "") -> ProgrammeVersion:
    """Start a revision: a new draft version with a copy of ``version``'s tree. Node keys are
    kept, so the revision's diff, and every link to a node, hold across versions."""
    programme = Programme.objects.select_for_update().get(pk=version.programme_id)
    if ProgrammeVersion.objects.filter(
        programme=programme, status__in=[VersionStatus.DRAFT, VersionStatus.CONSULTED]
    ).exists():
        raise ValidationError(
            _("A revision is already in progress: finish or adopt it before starting another.")
        )
    last = programme.versions.aggregate(m=Max("number"))["m"] or 0
    revision = ProgrammeVersion.objects.create(
        programme=programme,
        number=last + 1,
        based_on=version,
        note=note,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    copies: dict[int, Node] = {}
    nodes = list(
        version.nodes.order_by("kind", "order", "id").prefetch_related(*NODE_M2M, "indicator_links")
    )
    # Parents first: objectives, then actions, then tasks.
    rank = {NodeKind.OBJECTIVE: 0, NodeKind.ACTION: 1, NodeKind.TASK: 2}
    for node in sorted(nodes, key=lambda n: rank.get(NodeKind(n.kind), 3)):
        copy = Node(version=revision, key=node.key)
        for name in NODE_FIELDS:
            setattr(copy, name, getattr(node, name))
        copy.parent = copies[node.parent_id] if node.parent_id else None
        copy.save()
        for name in NODE_M2M:
            getattr(copy, name).set(getattr(node, name).all())
        IndicatorLink.objects.bulk_create(
            IndicatorLink(indicator_id=link.indicator_id, node=copy, weight=link.weight)
            for link in node.indicator_links.all()
        )
        copies[node.pk] = copy
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=revision,
        changes={"based_on": [None, version.number], "nodes": [None, len(copies)]},
        verb="version_revise",
    )
    _changed()
    return revision


VERSION_MOVES = {
    VersionStatus.DRAFT: {VersionStatus.CONSULTED, VersionStatus.ADOPTED},
    VersionStatus.CONSULTED: {VersionStatus.DRAFT, VersionStatus.ADOPTED},
    VersionStatus.ADOPTED: set(),
    VersionStatus.SUPERSEDED: set(),
}


@transaction.atomic
def version_set_status(
    *,
    version: ProgrammeVersion,
    actor: Any,
    status: str,
    adopted_on: datetime.date | None = None,
    adopted_by: str = "",
) -> ProgrammeVersion:
    """Consult or adopt a version. Adoption needs the board's resolution and date; the
    previously adopted version becomes superseded, and the adopted one is frozen."""
    locked = ProgrammeVersion.objects.select_for_update().get(pk=version.pk)
    if status not in VERSION_MOVES[VersionStatus(locked.status)]:
        raise ValidationError(
            _("A version that is “%(current)s” cannot become “%(target)s”.")
            % {"current": locked.get_status_display(), "target": VersionStatus(status).label}
        )
    before = locked.status
    if status == VersionStatus.ADOPTED:
        errors = {}
        if adopted_on is None:
            errors["adopted_on"] = _("Give the date of the board's resolution.")
        if not adopted_by.strip():
            errors["adopted_by"] = _("Give the number of the board's resolution.")
        if not locked.nodes.exists():
            errors["__all__"] = _("An empty programme cannot be adopted.")
        if errors:
            raise ValidationError(errors)
        ProgrammeVersion.objects.filter(
            programme_id=locked.programme_id, status=VersionStatus.ADOPTED
        ).update(status=VersionStatus.SUPERSEDED)
        locked.adopted_on, locked.adopted_by = adopted_on, adopted_by.strip()
    locked.status = VersionStatus(status)
    locked.full_clean()
    locked.save()
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=locked,
        changes={"status": [before, status], "adopted_by": [None, locked.adopted_by or None]},
        verb=f"version_{status}",
    )
    _changed()
    return locked


# --- The tree -----------------------------------------------------------------------------------


def _validate_node(node: Node) -> None:
    expected = ALLOWED_PARENT[NodeKind(node.kind)]
    parent = node.parent
    if expected is None and parent is not None:
        raise ValidationError({"parent": _("A regional objective sits at the top of the tree.")})
    if expected is not None:
        if parent is None or parent.kind != expected:
            raise ValidationError(
                {"parent": _("A %(kind)s belongs under a %(parent)s.")
                 % {"kind": NodeKind(node.kind).label, "parent": NodeKind(expected).label}}
            )  # fmt: skip
        if parent.version_id != node.version_id:
            raise ValidationError({"parent": _("The parent belongs to another version.")})
    node.full_clean(exclude=["key"])


@transaction.atomic
def node_create(
    *,
    version: ProgrammeVersion,
    actor: Any,
    data: dict[str, Any],
    m2m: dict[str, Any] | None = None,
) -> Node:
    locked = ProgrammeVersion.objects.select_for_update().get(pk=version.pk)
    _require_editable(locked)
    node = Node(version=locked)
    _set(node, data, NODE_FIELDS)
    _validate_node(node)
    node.save()
    for name, values in (m2m or {}).items():
        getattr(node, name).set(values)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=node,
        changes=diff({}, snapshot(node, [*NODE_FIELDS, *NODE_M2M])),
        verb="node_create",
    )
    _changed()
    return node


@transaction.atomic
def node_update(
    *, node: Node, actor: Any, data: dict[str, Any], m2m: dict[str, Any] | None = None
) -> Node:
    locked = Node.objects.select_for_update().select_related("version").get(pk=node.pk)
    _require_editable(locked.version)
    audited = [*NODE_FIELDS, *NODE_M2M]
    before = snapshot(locked, audited)
    _set(locked, data, NODE_FIELDS)
    _validate_node(locked)
    locked.save()
    for name, values in (m2m or {}).items():
        getattr(locked, name).set(values)
    changes = diff(before, snapshot(locked, audited))
    if changes:
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=locked, changes=changes, verb="node_update"
        )
        _changed()
    return locked


@transaction.atomic
def node_delete(*, node: Node, actor: Any) -> None:
    locked = Node.objects.select_for_update().select_related("version").get(pk=node.pk)
    _require_editable(locked.version)
    if locked.children.exists():
        raise ValidationError(_("Remove or move the parts below this one first."))
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        obj=locked,
        changes=diff(snapshot(locked, ["code", "title", "kind"]), {}),
        verb="node_delete",
    )
    locked.delete()
    _changed()


# --- Indicators, targets, measurements ----------------------------------------------------------


def _decimal(value: Any, field: str) -> Decimal:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(
            {field: _("“%(value)s” is not a number.") % {"value": value}}
        ) from exc
    if not number.is_finite():
        raise ValidationError({field: _("“%(value)s” is not a number.") % {"value": value}})
    return number


@transaction.atomic
def indicator_create(*, programme: Programme, actor: Any, data: dict[str, Any]) -> Indicator:
    indicator = Indicator(programme=programme)
    _set(indicator, data, INDICATOR_FIELDS)
    indicator.is_demo = bool(data.get("is_demo", False))
    if indicator.baseline_value is not None:
        indicator.baseline_value = _decimal(indicator.baseline_value, "baseline_value")
    indicator.full_clean()
    indicator.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=indicator,
        changes=diff({}, snapshot(indicator, INDICATOR_FIELDS)),
        verb="indicator_create",
    )
    _changed()
    return indicator


@transaction.atomic
def indicator_update(*, indicator: Indicator, actor: Any, data: dict[str, Any]) -> Indicator:
    locked = Indicator.objects.select_for_update().get(pk=indicator.pk)
    before = snapshot(locked, INDICATOR_FIELDS)
    _set(locked, data, INDICATOR_FIELDS)
    locked.full_clean()
    for target in locked.targets.all():
        _check_target(locked, target.year, target.value)
    locked.save()
    changes = diff(before, snapshot(locked, INDICATOR_FIELDS))
    if changes:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            changes=changes,
            verb="indicator_update",
        )
        _changed()
    return locked


def _check_target(indicator: Indicator, year: int, value: Decimal) -> None:
    errors: dict[str, str] = {}
    if indicator.baseline_year is not None and year <= indicator.baseline_year:
        errors["year"] = _("A target must come after the baseline year (%(year)s).") % {
            "year": indicator.baseline_year
        }
    baseline = indicator.baseline_value
    if baseline is not None:
        if indicator.direction == Direction.HIGHER and value < baseline:
            errors["value"] = _(
                "For an indicator where higher is better the target cannot be below the "
                "baseline (%(baseline)s)."
            ) % {"baseline": baseline}
        if indicator.direction == Direction.LOWER and value > baseline:
            errors["value"] = _(
                "For an indicator where lower is better the target cannot be above the "
                "baseline (%(baseline)s)."
            ) % {"baseline": baseline}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def target_set(*, indicator: Indicator, actor: Any, year: int, value: Any) -> IndicatorTarget:
    locked = Indicator.objects.select_for_update().get(pk=indicator.pk)
    number = _decimal(value, "value")
    _check_target(locked, year, number)
    target, created = IndicatorTarget.objects.update_or_create(
        indicator=locked, year=year, defaults={"value": number}
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=locked,
        changes={f"target {year}": [None, plain(number)]},
        verb="target_set",
    )
    _changed()
    return target


@transaction.atomic
def measurement_record(
    *,
    indicator: Indicator,
    actor: Any,
    year: int,
    value: Any,
    county: County | None = None,
    unit: str | None = None,
    source_note: str = "",
) -> Measurement:
    """Record (or correct) the value for a year and territory. Refused: a year outside the
    programme's period (the baseline year counts), a value that is not a number, a unit other
    than the indicator's, a county for a region-level indicator."""
    locked = Indicator.objects.select_for_update().select_related("programme").get(pk=indicator.pk)
    programme = locked.programme
    errors: dict[str, str] = {}
    first = min(programme.start_year, locked.baseline_year or programme.start_year)
    if not first <= int(year) <= programme.end_year:
        errors["year"] = _("%(year)s is outside the programme (%(first)s–%(last)s).") % {
            "year": year,
            "first": first,
            "last": programme.end_year,
        }
    if unit is not None and unit.strip() and unit.strip() != locked.unit:
        errors["unit"] = _("The indicator is measured in “%(unit)s”, not “%(given)s”.") % {
            "unit": locked.unit,
            "given": unit.strip(),
        }
    if county is not None and locked.level == TerritorialLevel.REGION:
        errors["county"] = _("This indicator is measured for the region only.")
    try:
        number = _decimal(value, "value")
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
        number = Decimal("0")
    if errors:
        raise ValidationError(errors)
    measurement = Measurement.objects.filter(indicator=locked, year=year, county=county).first()
    before = plain(measurement.value) if measurement else None
    if measurement is None:
        measurement = Measurement(indicator=locked, year=year, county=county)
    measurement.value = number
    measurement.source_note = source_note
    measurement.entered_by = actor if getattr(actor, "is_authenticated", False) else None
    measurement.full_clean(validate_constraints=False)
    measurement.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE if before is not None else AuditAction.CREATE,
        obj=locked,
        changes={f"{year} {county.teryt if county else 'region'}": [before, plain(number)]},
        verb="measurement_record",
    )
    _changed()
    return measurement


@transaction.atomic
def indicator_link(
    *, indicator: Indicator, node: Node, actor: Any, weight: Any = 1
) -> IndicatorLink:
    locked = Node.objects.select_for_update().select_related("version").get(pk=node.pk)
    _require_editable(locked.version)
    if indicator.programme_id != locked.version.programme_id:
        raise ValidationError(_("The indicator belongs to another programme."))
    link, _created = IndicatorLink.objects.update_or_create(
        indicator=indicator, node=locked, defaults={"weight": _decimal(weight, "weight")}
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        changes={"indicators": [None, indicator.code]},
        verb="indicator_link",
    )
    _changed()
    return link
