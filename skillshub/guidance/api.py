"""The guidance API: published services and events as open data (JSON and CSV), with the
same filters as the site (the FilterSets in ``filters.py``). Anonymous callers are welcome.

No ``from __future__ import annotations`` here: django-ninja builds its query-parameter model
from the real annotations, and a postponed ``datetime.date`` cannot be resolved there."""

import datetime
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from skillshub.accounts.api_auth import TokenOrAnonymous
from skillshub.core.csvstream import BOM, csv_writer
from skillshub.core.pagination import BoundedPagination

from .filters import EventFilter, ServiceFilter
from .ics import event_location
from .models import GuidanceEvent, GuidanceService

router = Router(tags=["guidance"], auth=TokenOrAnonymous())

CSV_RESPONSE = {
    "responses": {
        "200": {
            "description": "UTF-8 with a BOM, `;` separated",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
}
CHUNK = 500


class CountyOut(Schema):
    teryt: str
    name: str


class ProviderOut(Schema):
    id: int
    name: str


class ServiceOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    description: str
    provider: ProviderOut
    mode: str
    online: bool = Field(description="available online (mode online or both)")
    counties: list[CountyOut]
    target_groups: list[str] = Field(description="target group codes")
    is_free: bool
    address: str
    contact_email: str
    contact_phone: str
    web_page: str
    url: str


class EventOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    description: str
    provider: ProviderOut
    service_id: int | None
    county: CountyOut | None
    place: str
    is_online: bool
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    is_free: bool
    target_groups: list[str]
    capacity: int | None = Field(description="null: no registration needed")
    places_left: int | None = Field(description="null: no registration needed")
    waiting: int = Field(description="people on the waiting list")
    registration_open: bool
    url: str
    ics_url: str


def _county(county: Any) -> dict[str, str] | None:
    return {"teryt": county.teryt, "name": county.name} if county else None


def _service_out(service: GuidanceService) -> dict[str, Any]:
    return {
        "id": service.pk,
        "title": service.title,
        "kind": service.kind,
        "kind_label": str(service.get_kind_display()),
        "description": service.description,
        "provider": {"id": service.provider_id, "name": service.provider.name},
        "mode": service.mode,
        "online": service.mode != "in_person",
        "counties": [_county(c) for c in service.counties.all()],
        "target_groups": [g.code for g in service.target_groups.all()],
        "is_free": service.is_free,
        "address": service.address,
        "contact_email": service.contact_email,
        "contact_phone": service.contact_phone,
        "web_page": service.url,
        "url": service.get_absolute_url(),
    }


def _event_out(event: GuidanceEvent) -> dict[str, Any]:
    confirmed = getattr(event, "confirmed_count", 0)
    return {
        "id": event.pk,
        "title": event.title,
        "kind": event.kind,
        "kind_label": str(event.get_kind_display()),
        "description": event.description,
        "provider": {"id": event.provider_id, "name": event.provider.name},
        "service_id": event.service_id,
        "county": _county(event.county),
        "place": event.place,
        "is_online": event.is_online,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "is_free": event.is_free,
        "target_groups": [g.code for g in event.target_groups.all()],
        "capacity": event.capacity,
        "places_left": None if event.capacity is None else max(event.capacity - confirmed, 0),
        "waiting": getattr(event, "waiting_count", 0),
        "registration_open": event.registration_is_open(),
        "url": event.get_absolute_url(),
        "ics_url": event.get_absolute_url() + "event.ics",
    }


def _params(**given: Any) -> dict[str, str]:
    params: dict[str, str] = {}
    for key, value in given.items():
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            params[key] = "true" if value else "false"
        else:
            params[key] = str(value)
    return params


def _services(params: dict[str, str]) -> QuerySet[GuidanceService]:
    queryset = (
        GuidanceService.objects.published()
        .select_related("provider")
        .prefetch_related("counties", "target_groups")
    )
    filterset = ServiceFilter(params, queryset=queryset)
    if not filterset.is_valid():
        raise HttpError(422, f"Invalid filter: {dict(filterset.errors)}")
    return filterset.qs


def _events(params: dict[str, str]) -> QuerySet[GuidanceEvent]:
    queryset = (
        GuidanceEvent.objects.published()
        .with_seat_counts()
        .select_related("provider", "county")
        .prefetch_related("target_groups")
    )
    filterset = EventFilter(params, queryset=queryset)
    if not filterset.is_valid():
        raise HttpError(422, f"Invalid filter: {dict(filterset.errors)}")
    return filterset.qs


class _Page:
    """A lazily sliced queryset whose items come out as dicts."""

    def __init__(self, queryset: Any, out: Any) -> None:
        self.queryset = queryset
        self.out = out

    def count(self) -> int:
        return int(self.queryset.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[dict[str, Any]]:
        return [self.out(obj) for obj in self.queryset[key]]


def _csv(header: list[str], rows: Iterable[list[Any]], filename: str) -> StreamingHttpResponse:
    def stream() -> Iterator[str]:
        writer = csv_writer()
        yield BOM
        yield writer.writerow(header)
        for values in rows:
            yield writer.writerow(values)

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _local(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


@router.get("/services", response=list[ServiceOut])
@paginate(BoundedPagination)
def list_services(
    request: HttpRequest,
    county: int | None = None,
    target_group: str = "",
    kind: str = "",
    mode: str = "",
    online: bool | None = None,
    free: bool | None = None,
) -> Any:
    """Published guidance services. ``county`` is a county id, ``target_group`` a code."""
    params = _params(
        county=county, target_group=target_group, kind=kind, mode=mode, online=online, free=free
    )
    return _Page(_services(params), _service_out)


@router.get("/services.csv", openapi_extra=CSV_RESPONSE)
def services_csv(
    request: HttpRequest,
    county: int | None = None,
    target_group: str = "",
    kind: str = "",
    mode: str = "",
    online: bool | None = None,
    free: bool | None = None,
) -> StreamingHttpResponse:
    """The same services as CSV (open data)."""
    params = _params(
        county=county, target_group=target_group, kind=kind, mode=mode, online=online, free=free
    )
    queryset = _services(params)
    header = [
        "id", "title", "kind", "provider", "mode", "counties", "target_groups", "is_free",
        "address", "contact_email", "contact_phone", "web_page",
    ]  # fmt: skip
    rows = (
        [
            s.pk,
            s.title,
            s.kind,
            s.provider.name,
            s.mode,
            ",".join(c.teryt for c in s.counties.all()),
            ",".join(g.code for g in s.target_groups.all()),
            "tak" if s.is_free else "nie",
            s.address,
            s.contact_email,
            s.contact_phone,
            s.url,
        ]
        for s in queryset.iterator(chunk_size=CHUNK)
    )
    return _csv(header, rows, "guidance-services.csv")


@router.get("/events", response=list[EventOut])
@paginate(BoundedPagination)
def list_events(
    request: HttpRequest,
    county: int | None = None,
    kind: str = "",
    target_group: str = "",
    online: bool | None = None,
    free: bool | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    past: bool = False,
) -> Any:
    """Published events: upcoming by default, past ones with ``past=true``."""
    params = _params(
        county=county,
        kind=kind,
        target_group=target_group,
        online=online,
        free=free,
        date_from=date_from,
        date_to=date_to,
        past=past or None,
    )
    return _Page(_events(params), _event_out)


@router.get("/events.csv", openapi_extra=CSV_RESPONSE)
def events_csv(
    request: HttpRequest,
    county: int | None = None,
    kind: str = "",
    target_group: str = "",
    online: bool | None = None,
    free: bool | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    past: bool = False,
) -> StreamingHttpResponse:
    """The same events as CSV (open data)."""
    params = _params(
        county=county,
        kind=kind,
        target_group=target_group,
        online=online,
        free=free,
        date_from=date_from,
        date_to=date_to,
        past=past or None,
    )
    queryset = _events(params).annotate(places_left=F("capacity") - F("confirmed_count"))
    header = [
        "id", "title", "kind", "organiser", "starts_at", "ends_at", "county", "place",
        "is_online", "is_free", "capacity", "places_left", "target_groups",
    ]  # fmt: skip
    rows = (
        [
            e.pk,
            e.title,
            e.kind,
            e.provider.name,
            _local(e.starts_at),
            _local(e.ends_at),
            e.county.teryt if e.county else "",
            event_location(e),
            "tak" if e.is_online else "nie",
            "tak" if e.is_free else "nie",
            "" if e.capacity is None else e.capacity,
            "" if e.capacity is None else max(e.places_left, 0),
            ",".join(g.code for g in e.target_groups.all()),
        ]
        for e in queryset.iterator(chunk_size=CHUNK)
    )
    return _csv(header, rows, "guidance-events.csv")


@router.get("/events/{event_id}", response=EventOut)
def get_event(request: HttpRequest, event_id: int) -> Any:
    """One published event, with the places left."""
    event = (
        GuidanceEvent.objects.published()
        .with_seat_counts()
        .select_related("provider", "county")
        .prefetch_related("target_groups")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        raise Http404
    return _event_out(event)
