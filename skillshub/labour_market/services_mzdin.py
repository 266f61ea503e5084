"""Computing and classifying the MZDiN indicators of a period, and revising threshold sets.

``mzdin_compute`` aggregates the raw counts in the database at every level of the KZiS
hierarchy (1, 2, 3, 4 and 6 digits) for every county, subregion and the region, classifies
each row with the threshold set's SQL CASE (``indicators.class_expression``) and writes the
results with ``INSERT … SELECT``: no row passes through Python.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Case, CharField, F, QuerySet, Sum, Value, When
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from skillshub.core.choices import AuditAction
from skillshub.core.services import audit_record

from . import indicators
from .choices import TerritoryKind, ThresholdMethod
from .models import (
    LEVEL_DIGITS,
    MzdinCount,
    MzdinResult,
    Subregion,
    ThresholdSet,
    validate_period,
)

REQUIRED_PARAMS = {
    ThresholdMethod.W_RATIO: ("deficit_above", "surplus_below"),
    ThresholdMethod.THREE_INDICATORS: (
        "deficit_intensity_above",
        "deficit_long_term_below",
        "deficit_fluidity_above",
        "surplus_intensity_below",
        "surplus_long_term_at_least",
        "surplus_fluidity_below",
    ),
}

_RESULT_COLUMNS = (
    "period", "level", "code", "territory_kind", "territory_code", "offers", "unemployed",
    "inflow", "outflow", "long_term", "intensity", "long_term_share", "fluidity", "klass",
    "threshold_set_id", "computed_at",
)  # fmt: skip


def _classified(rows: QuerySet[Any], threshold_set: ThresholdSet) -> QuerySet[Any]:
    """``rows`` (annotated with ``c``, the code, and ``t``, the territory; holding the five
    counts under their model names) summed per code and territory, with the indicators and the
    class."""
    return (
        rows.values("c", "t")
        .annotate(
            o=Sum("offers"),
            b=Sum("unemployed"),
            bn=Sum("inflow"),
            bo=Sum("outflow"),
            bd=Sum("long_term"),
        )
        .annotate(
            w=indicators.ratio("o", "b"),
            lts=indicators.ratio("bd", "b"),
            fl=indicators.ratio("bo", "bn"),
            klass=indicators.class_expression(threshold_set.method, threshold_set.params),
        )
        .order_by()
    )


def _insert_select(
    rows: QuerySet[Any], period: str, digits: int, kind: str, threshold_set: ThresholdSet, now: Any
) -> None:
    select_sql, select_params = rows.query.sql_with_params()
    quote = connection.ops.quote_name
    table = quote(MzdinResult._meta.db_table)
    columns = ", ".join(quote(c) for c in _RESULT_COLUMNS)
    sql = (
        f"INSERT INTO {table} ({columns}) "
        "SELECT %s, %s, sub.c, %s, sub.t, sub.o, sub.b, sub.bn, sub.bo, sub.bd, "
        f"sub.w, sub.lts, sub.fl, sub.klass, %s, %s FROM ({select_sql}) sub"
    )
    params = [
        period,
        digits,
        kind,
        threshold_set.pk,
        connection.ops.adapt_datetimefield_value(now),
        *select_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _subregion_of_county() -> Case | None:
    """County TERYT → subregion code, as a CASE over the few counties of the region (a county
    in several subregions counts in the first)."""
    pairs = Subregion.counties.through.objects.values_list("county__teryt", "subregion__code")
    whens = [When(territory_code=teryt, then=Value(code)) for teryt, code in pairs]
    return Case(*whens, default=Value(None), output_field=CharField()) if whens else None


@transaction.atomic
def mzdin_compute(*, actor: Any, period: str, threshold_set: ThresholdSet) -> int:
    """(Re)compute every indicator of ``period`` under ``threshold_set``; returns the number of
    results. The previous results of the same period and set are replaced in the same
    transaction, so a reader never sees a half-computed period.

    The raw counts are read once, for the occupations × counties; every coarser level is summed
    from the level below it, and subregions and the region from the counties of the same level
    (sums of sums are the same sums, and the rows shrink at each step).
    """
    validate_period(period)
    if not MzdinCount.objects.filter(period=period).exists():
        raise ValidationError(_("There are no MZDiN counts for %(period)s.") % {"period": period})
    MzdinResult.objects.filter(threshold_set=threshold_set, period=period).delete()
    now = timezone.now()
    results = MzdinResult.objects.filter(threshold_set=threshold_set, period=period)
    county = TerritoryKind.COUNTY
    # Occupations × counties are the raw rows themselves (one per occupation, county and
    # period): classified as they are, without grouping.
    raw = (
        MzdinCount.objects.filter(period=period)
        .annotate(
            c=F("occupation_id"),
            t=F("county__teryt"),
            o=F("offers"),
            b=F("unemployed"),
            bn=F("inflow"),
            bo=F("outflow"),
            bd=F("long_term"),
        )
        .annotate(
            w=indicators.ratio("o", "b"),
            lts=indicators.ratio("bd", "b"),
            fl=indicators.ratio("bo", "bn"),
            klass=indicators.class_expression(threshold_set.method, threshold_set.params),
        )
        .values("c", "t", "o", "b", "bn", "bo", "bd", "w", "lts", "fl", "klass")
        .order_by()
    )
    _insert_select(raw, period, 6, county, threshold_set, now)
    finer = 6
    for digits in sorted((d for d in LEVEL_DIGITS if d < 6), reverse=True):
        rows = results.filter(level=finer, territory_kind=county).annotate(
            c=Substr("code", 1, digits), t=F("territory_code")
        )
        _insert_select(_classified(rows, threshold_set), period, digits, county, threshold_set, now)
        finer = digits
    subregion = _subregion_of_county()
    links = Subregion.counties.through.objects
    partitioned = (
        subregion is not None
        and links.values("county").distinct().count() == links.count()
        and not MzdinCount.objects.filter(period=period, county__subregions__isnull=True).exists()
    )
    for digits in LEVEL_DIGITS:
        counties = results.filter(level=digits, territory_kind=county)
        if subregion is not None:
            rows = counties.annotate(c=F("code"), t=subregion).exclude(t=None)
            _insert_select(
                _classified(rows, threshold_set),
                period,
                digits,
                TerritoryKind.SUBREGION,
                threshold_set,
                now,
            )
        # The region from the subregions when they cover every county once (fewer rows),
        # otherwise from the counties.
        source = (
            results.filter(level=digits, territory_kind=TerritoryKind.SUBREGION)
            if partitioned
            else counties
        )
        rows = source.annotate(c=F("code"), t=Value(settings.REGION_TERYT))
        _insert_select(
            _classified(rows, threshold_set),
            period,
            digits,
            TerritoryKind.REGION,
            threshold_set,
            now,
        )
    written = results.count()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=threshold_set,
        verb=f"computed MZDiN {period}",
        changes={"results": [None, written]},
    )
    return written


def _validated_params(method: str, params: dict[str, Any]) -> dict[str, float]:
    required = REQUIRED_PARAMS.get(ThresholdMethod(method), ())
    clean: dict[str, float] = {}
    errors = {}
    for name in required:
        try:
            value = float(params[name])
        except (KeyError, TypeError, ValueError):
            errors[name] = _("Give a number.")
            continue
        if value < 0:
            errors[name] = _("A threshold cannot be negative.")
        clean[name] = value
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def threshold_set_revise(
    *, actor: Any, threshold_set: ThresholdSet, params: dict[str, Any], note: str = ""
) -> ThresholdSet:
    """A new version of the set with other numbers; the old version and the results computed
    under it stay as they were."""
    clean = _validated_params(threshold_set.method, params)
    latest = ThresholdSet.objects.filter(name=threshold_set.name).order_by("-version").first()
    assert latest is not None
    revised = ThresholdSet(
        name=threshold_set.name,
        version=latest.version + 1,
        method=threshold_set.method,
        params=clean,
        note=note or threshold_set.note,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    revised.full_clean()
    revised.save()
    ThresholdSet.objects.filter(name=threshold_set.name).exclude(pk=revised.pk).update(
        is_active=False
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=revised,
        verb="revised threshold set",
        changes={"params": [threshold_set.params, clean]},
    )
    return revised
