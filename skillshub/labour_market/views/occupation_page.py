"""The occupation page: a KZiS node's place in the hierarchy, its school occupations and ESCO
links, and every piece of evidence about it per county: MZDiN results of the latest period,
the region's trend, a county map (``?format=geojson``), the Barometr ratings of the groups
mapped to it, the MEN forecast and the school offer. A fixed number of queries, whatever the
data size.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from skillshub.core.access import require_perm
from skillshub.core.models import County

from .. import selectors
from ..choices import MzdinClass
from ..coding.selectors import monthly_for_occupation

GEOJSON = (
    Path(__file__).resolve().parents[2] / "core" / "data" / "region" / "powiaty_lubuskie.geojson"
)


@functools.cache
def _county_shapes() -> str:
    """The counties' geometry as shipped (read once per process)."""
    return GEOJSON.read_text(encoding="utf-8")


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def occupation_detail(request: HttpRequest, code: str) -> HttpResponse:
    require_perm(request.user, "labour_market.view_evidence")
    occupation = selectors.occupation_with_ancestors(code)
    if occupation is None:
        raise Http404
    threshold_set = selectors.default_set()
    evidence = selectors.occupation_evidence(occupation, threshold_set)
    if request.GET.get("format") == "geojson":
        return _map_json(evidence)
    trend = {
        "label": _("W = O/B, the region"),
        "labels": [r.period for r in evidence.trend],
        "values": [_rounded(r.intensity) for r in evidence.trend],
    }
    return render(
        request,
        "labour_market/occupation_detail.html",
        {
            "occupation": occupation,
            "evidence": evidence,
            "trend_data": trend,
            "short": {k: str(v) for k, v in selectors.CLASS_SHORT.items()},
            "demo": selectors.is_demo_data(),
            "job_ads": _job_ads(request, occupation),
        },
    )


def _job_ads(request: HttpRequest, occupation: Any) -> dict[str, Any] | None:
    """Coded online ads per county and month (the last 12 months with ads), for the office
    and the WZK only: the counts are a working signal, not published statistics."""
    if occupation.level != 6 or not request.user.has_perm("labour_market.view_gaps"):
        return None
    table = monthly_for_occupation(occupation.code)
    months = sorted({m for by_month in table.values() for m in by_month if m})[-12:]
    counties = {c.teryt: str(c) for c in County.objects.in_region()}
    rows = [
        (
            counties.get(teryt) or _("outside the region or unknown place"),
            [by_month.get(m, 0) for m in months],
            sum(by_month.get(m, 0) for m in months),
        )
        for teryt, by_month in sorted(table.items(), key=lambda item: (item[0] == "", item[0]))
    ]
    return {"months": months, "rows": rows}


def _map_json(evidence: selectors.OccupationEvidence) -> HttpResponse:
    """The shipped county shapes with ``value`` = W of the latest period (null: hatched)."""
    shapes: dict[str, Any] = json.loads(_county_shapes())
    by_teryt = {county.teryt: result for county, result in evidence.county_results}
    for feature in shapes["features"]:
        result = by_teryt.get(feature["properties"]["teryt"])
        feature["properties"]["value"] = _rounded(result.intensity) if result else None
        klass = result.klass if result else MzdinClass.NO_DATA
        feature["properties"]["klass"] = klass
        feature["properties"]["label"] = str(MzdinClass(klass).label)
    shapes["occupation"] = {"code": evidence.occupation.code, "name": evidence.occupation.name}
    shapes["period"] = evidence.latest_period
    return JsonResponse(shapes, json_dumps_params={"ensure_ascii": False})
