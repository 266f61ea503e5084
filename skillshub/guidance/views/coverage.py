"""The coverage view for staff: where no one serves a target group.

The matrix (counties × target groups) and the choropleth read the same ``selectors.coverage``
(four queries whatever the data). The map draws from ``?format=geojson`` (the county shapes the
project ships, with the counts merged in), like the programme dashboard's map; the table beside
it and the list of unserved counties carry the same facts without JavaScript.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from skillshub.core.access import require_perm
from skillshub.core.models import TargetGroup

from .. import exports, selectors
from ..choices import ServiceKind, ServiceMode

GEOJSON = (
    Path(__file__).resolve().parents[2] / "core" / "data" / "region" / "powiaty_lubuskie.geojson"
)


@functools.cache
def _county_shapes() -> str:
    """The counties' geometry as shipped (read once per process)."""
    return GEOJSON.read_text(encoding="utf-8")


class CoverageForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of service"),
        required=False,
        choices=[("", _("all kinds")), *ServiceKind.choices],
    )
    mode = forms.ChoiceField(
        label=_("Mode"),
        required=False,
        choices=[("", _("any mode")), *ServiceMode.choices[:2]],
    )
    group = forms.ModelChoiceField(
        label=_("Target group on the map"),
        required=False,
        queryset=TargetGroup.objects.order_by("order", "name"),
        to_field_name="code",
        empty_label=None,
    )


def _read_filters(request: HttpRequest) -> tuple[CoverageForm, str, str, str]:
    """The form and its valid values; an invalid value is ignored (and shown on the form)."""
    form = CoverageForm(request.GET or None)
    kind = mode = group = ""
    if form.is_bound:
        form.is_valid()
        cleaned = getattr(form, "cleaned_data", {})
        kind = cleaned.get("kind") or ""
        mode = cleaned.get("mode") or ""
        chosen = cleaned.get("group")
        group = chosen.code if chosen else ""
    return form, kind, mode, group


@login_required
def coverage(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "guidance.view_coverage")
    form, kind, mode, group_code = _read_filters(request)
    data = selectors.coverage(kind=kind, mode=mode)
    group = next((g for g in data.groups if g.code == group_code), None)
    if group is None and data.groups:
        group = data.groups[0]
    if request.GET.get("format") == "geojson":
        return _map_json(data, group)
    column = data.column(group.pk) if group else []
    context = {
        "form": form,
        "coverage": data,
        "rows": data.rows(),
        "group": group,
        "kind_label": ServiceKind(kind).label if kind else "",
        "column": column,
        "unserved": [county for county, n in column if n == 0],
        "map_max": max((n for _county, n in column), default=0),
        "query": request.GET.urlencode(),
    }
    return render(request, "guidance/coverage.html", context)


def _map_json(data: selectors.Coverage, group: TargetGroup | None) -> HttpResponse:
    """The shapes with ``value`` (services for the group; null where there are none, so the
    map hatches unserved counties as well as colouring them)."""
    shapes = json.loads(_county_shapes())
    by_teryt = {county.teryt: n for county, n in (data.column(group.pk) if group else [])}
    for feature in shapes["features"]:
        n = by_teryt.get(feature["properties"]["teryt"], 0)
        feature["properties"]["count"] = n
        feature["properties"]["value"] = n or None
    shapes["group"] = {"code": group.code, "name": group.name} if group else None
    return JsonResponse(shapes, json_dumps_params={"ensure_ascii": False})


@login_required
def coverage_xlsx(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "guidance.view_coverage")
    _form, kind, mode, _group = _read_filters(request)
    data = selectors.coverage(kind=kind, mode=mode)
    response = HttpResponse(
        exports.coverage_xlsx(coverage=data),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="coverage-{stamp}.xlsx"'
    return response
