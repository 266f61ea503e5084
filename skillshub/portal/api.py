"""The portal API: learning offers as open data (JSON and CSV), with the site's filters."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, StreamingHttpResponse
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from skillshub.accounts.api_auth import TokenOrAnonymous
from skillshub.core.pagination import BoundedPagination

from . import exports, selectors
from .filters import OfferFilter
from .models import LearningOffer

router = Router(tags=["portal"], auth=TokenOrAnonymous())


class OfferCountyOut(Schema):
    teryt: str
    name: str


class OfferProviderOut(Schema):
    id: int
    name: str


class OfferOut(Schema):
    """A published learning offer."""

    id: int
    kind: str
    kind_label: str
    title: str
    provider: OfferProviderOut
    county: OfferCountyOut | None
    place: str
    is_online: bool
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    is_free: bool
    price: Decimal | None = None
    target_groups: list[str] = Field(description="target group codes")
    area: int | None = None
    occupation_codes: list[str]
    description: str
    link: str
    url: str


def _out(offer: LearningOffer) -> dict[str, Any]:
    return {
        "id": offer.pk,
        "kind": offer.kind,
        "kind_label": str(offer.get_kind_display()),
        "title": offer.title,
        "provider": {"id": offer.provider_id, "name": offer.provider.name},
        "county": (
            {"teryt": offer.county.teryt, "name": offer.county.name} if offer.county else None
        ),
        "place": offer.place,
        "is_online": offer.is_online,
        "starts_on": offer.starts_on,
        "ends_on": offer.ends_on,
        "is_free": offer.is_free,
        "price": offer.price,
        "target_groups": [g.code for g in offer.target_groups.all()],
        "area": offer.area.number if offer.area else None,
        "occupation_codes": offer.occupation_code_list(),
        "description": offer.description,
        "link": offer.url,
        "url": offer.get_absolute_url(),
    }


def _filtered(params: dict[str, Any]) -> Any:
    given = {k: v for k, v in params.items() if v not in ("", None)}
    filterset = OfferFilter(given, queryset=selectors.public_offers())
    if not filterset.is_valid():
        raise HttpError(422, f"Invalid filter: {dict(filterset.errors)}")
    return filterset.qs


class _Page:
    """A lazily sliced queryset whose items come out as dicts."""

    def __init__(self, queryset: Any) -> None:
        self.queryset = queryset

    def count(self) -> int:
        return int(self.queryset.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[dict[str, Any]]:
        return [_out(o) for o in self.queryset[key]]


@router.get("/offers", response=list[OfferOut])
@paginate(BoundedPagination)
def list_offers(
    request: HttpRequest,
    q: str = "",
    kind: str = "",
    county: int | None = None,
    target_group: str = "",
    cost: str = "",
    online: str = "",
    date_from: str = "",
    date_to: str = "",
    area: int | None = None,
) -> Any:
    """Published learning offers, with the same filters as the catalogue page: ``county`` (id),
    ``target_group`` (code), ``cost`` (free | paid), ``online`` (yes | no), ``date_from`` and
    ``date_to`` (YYYY-MM-DD), ``area`` (ZSU area of impact, 1–8)."""
    queryset = _filtered(
        {
            "q": q,
            "kind": kind,
            "county": county,
            "target_group": target_group,
            "cost": cost,
            "online": online,
            "date_from": date_from,
            "date_to": date_to,
            "area": area,
        }
    )
    return _Page(
        queryset.select_related("provider", "county", "area").prefetch_related("target_groups")
    )


CSV_RESPONSE = {
    "responses": {
        "200": {
            "description": "UTF-8 with a BOM, `;` separated",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
}


@router.get("/offers.csv", openapi_extra=CSV_RESPONSE)
def list_offers_csv(
    request: HttpRequest,
    q: str = "",
    kind: str = "",
    county: int | None = None,
    target_group: str = "",
    cost: str = "",
    online: str = "",
    date_from: str = "",
    date_to: str = "",
    area: int | None = None,
) -> StreamingHttpResponse:
    """The same list as CSV (UTF-8 with BOM, `;`), streamed."""
    queryset = _filtered(
        {
            "q": q,
            "kind": kind,
            "county": county,
            "target_group": target_group,
            "cost": cost,
            "online": online,
            "date_from": date_from,
            "date_to": date_to,
            "area": area,
        }
    )
    response = StreamingHttpResponse(
        exports.csv_stream(queryset), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="oferty.csv"'
    return response


@router.get("/offers/{offer_id}", response=OfferOut)
def get_offer(request: HttpRequest, offer_id: int) -> Any:
    """One published offer."""
    offer = (
        selectors.public_offers()
        .select_related("area")
        .prefetch_related("target_groups")
        .filter(pk=offer_id)
        .first()
    )
    if offer is None:
        raise Http404
    return _out(offer)
