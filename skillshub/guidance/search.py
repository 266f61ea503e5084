"""What career guidance shows in the public search: published services, and published events
that are upcoming or just past. Signals keep the index fresh after each commit (the index is
derived data: refreshing it is a side effect, not business logic)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from skillshub.core.search import SearchDocument, index_object, register, remove_object

from .choices import EventStatus, ServiceMode
from .models import GuidanceEvent, GuidanceService

RECENT_DAYS = 30  # an event stays findable this long after it ends
BATCH = 1000


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


class ServiceProvider:
    kind = "service"

    def _queryset(self) -> QuerySet[GuidanceService]:
        return (
            GuidanceService.objects.published()
            .select_related("provider")
            .prefetch_related("counties", "target_groups")
        )

    def _document(self, service: GuidanceService) -> SearchDocument:
        counties = list(service.counties.all())
        groups = list(service.target_groups.all())
        return SearchDocument(
            kind=self.kind,
            object_id=service.pk,
            url=service.get_absolute_url(),
            title=service.title,
            summary=_join(service.description, service.provider.name),
            body=_join(
                str(service.get_kind_display()),
                service.provider.name,
                service.address,
                " ".join(c.name for c in counties),
                " ".join(g.name for g in groups),
            ),
            county_ids=tuple(c.pk for c in counties),
            target_groups=tuple(g.code for g in groups),
            subkind=service.kind,
            is_free=service.is_free,
            is_online=service.mode != ServiceMode.IN_PERSON,
        )

    def documents(self) -> Iterable[SearchDocument]:
        for service in self._queryset().iterator(chunk_size=BATCH):
            yield self._document(service)

    def document_for(self, obj: Any) -> SearchDocument | None:
        service = self._queryset().filter(pk=obj.pk).first()
        return self._document(service) if service else None


class EventProvider:
    kind = "event"

    def _queryset(self) -> QuerySet[GuidanceEvent]:
        since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
        return (
            GuidanceEvent.objects.filter(status=EventStatus.PUBLISHED, ends_at__gte=since)
            .select_related("provider", "county")
            .prefetch_related("target_groups")
        )

    def _document(self, event: GuidanceEvent) -> SearchDocument:
        groups = list(event.target_groups.all())
        return SearchDocument(
            kind=self.kind,
            object_id=event.pk,
            url=event.get_absolute_url(),
            title=event.title,
            summary=_join(event.description, event.provider.name),
            body=_join(
                str(event.get_kind_display()),
                event.provider.name,
                event.place,
                event.county.name if event.county else "",
                " ".join(g.name for g in groups),
            ),
            county_ids=(event.county_id,) if event.county_id else (),
            target_groups=tuple(g.code for g in groups),
            subkind=event.kind,
            is_free=event.is_free,
            is_online=event.is_online,
            starts_on=timezone.localtime(event.starts_at).date(),
            ends_on=timezone.localtime(event.ends_at).date(),
        )

    def documents(self) -> Iterator[SearchDocument]:
        for event in self._queryset().iterator(chunk_size=BATCH):
            yield self._document(event)

    def document_for(self, obj: Any) -> SearchDocument | None:
        event = self._queryset().filter(pk=obj.pk).first()
        return self._document(event) if event else None


register(ServiceProvider())
register(EventProvider())


# --- Keeping the index fresh ----------------------------------------------------------------


def _refresh(kind: str, obj: Any) -> None:
    transaction.on_commit(lambda: index_object(kind, obj))


def _service_saved(sender: Any, instance: GuidanceService, **kwargs: Any) -> None:
    _refresh("service", instance)


def _service_deleted(sender: Any, instance: GuidanceService, **kwargs: Any) -> None:
    object_id = instance.pk
    transaction.on_commit(lambda: remove_object("service", object_id))


def _event_saved(sender: Any, instance: GuidanceEvent, **kwargs: Any) -> None:
    _refresh("event", instance)


def _event_deleted(sender: Any, instance: GuidanceEvent, **kwargs: Any) -> None:
    object_id = instance.pk
    transaction.on_commit(lambda: remove_object("event", object_id))


def _service_m2m(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear") and isinstance(
        instance, GuidanceService
    ):
        _refresh("service", instance)


def _event_m2m(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, GuidanceEvent):
        _refresh("event", instance)


post_save.connect(_service_saved, sender=GuidanceService, dispatch_uid="guidance_service_index")
post_delete.connect(
    _service_deleted, sender=GuidanceService, dispatch_uid="guidance_service_unindex"
)
post_save.connect(_event_saved, sender=GuidanceEvent, dispatch_uid="guidance_event_index")
post_delete.connect(_event_deleted, sender=GuidanceEvent, dispatch_uid="guidance_event_unindex")
for _through in (GuidanceService.counties.through, GuidanceService.target_groups.through):
    m2m_changed.connect(
        _service_m2m, sender=_through, dispatch_uid=f"guidance_service_m2m_{_through.__name__}"
    )
m2m_changed.connect(
    _event_m2m, sender=GuidanceEvent.target_groups.through, dispatch_uid="guidance_event_m2m"
)
