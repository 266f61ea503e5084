"""The guidance entries of the public search stay in step with publishing, editing and
archiving (after the commit)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from skillshub.core import search
from skillshub.core.models import County, SearchEntry, TargetGroup
from skillshub.guidance import services
from skillshub.guidance.choices import EventStatus, PublicationStatus, ServiceMode
from skillshub.stakeholders.tests.factories import InstitutionFactory

from .factories import GuidanceEventFactory, GuidanceServiceFactory

pytestmark = pytest.mark.django_db


def test_published_service_is_indexed_with_its_facets(region, django_capture_on_commit_callbacks):
    county = County.objects.in_region().get(name__icontains="gorzowski")
    adults = TargetGroup.objects.get(code="adults")
    with django_capture_on_commit_callbacks(execute=True):
        service = GuidanceServiceFactory(
            title="Doradztwo zawodowe dla osób dorosłych",
            description="Indywidualne porady, Gorzów Wielkopolski.",
            provider=InstitutionFactory(name="Poradnia Gorzów"),
            counties=[county],
            target_groups=[adults],
            mode=ServiceMode.BOTH,
            is_free=True,
        )
    entry = SearchEntry.objects.get(kind="service", object_id=service.pk)
    assert entry.url == service.get_absolute_url()
    assert entry.subkind == service.kind
    assert entry.is_online is True and entry.is_free is True
    assert list(entry.counties.all()) == [county]
    assert list(entry.target_groups.values_list("code", flat=True)) == ["adults"]
    results = search.search(
        "doradztwa zawodowego dla dorosłych w Gorzowie",
        filters=search.SearchFilters(kinds=("service",), county_id=county.pk),
    )
    assert [hit.object_id for hit in results.hits] == [service.pk]


def test_archiving_a_service_removes_it_and_publishing_brings_it_back(
    region, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        service = GuidanceServiceFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.service_set_status(
            service=service, actor=coordinator, status=PublicationStatus.ARCHIVED
        )
    assert not SearchEntry.objects.filter(kind="service", object_id=service.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.service_set_status(
            service=service, actor=coordinator, status=PublicationStatus.PUBLISHED
        )
    assert SearchEntry.objects.filter(kind="service", object_id=service.pk).exists()


def test_editing_counties_updates_the_entry(
    region, coordinator, django_capture_on_commit_callbacks
):
    first, second = County.objects.in_region()[:2]
    with django_capture_on_commit_callbacks(execute=True):
        service = GuidanceServiceFactory(counties=[first])
    with django_capture_on_commit_callbacks(execute=True):
        services.service_update(service=service, actor=coordinator, data={"counties": [second]})
    entry = SearchEntry.objects.get(kind="service", object_id=service.pk)
    assert list(entry.counties.all()) == [second]


def test_draft_service_is_not_indexed(region, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        GuidanceServiceFactory(status=PublicationStatus.DRAFT)
    assert not SearchEntry.objects.filter(kind="service").exists()


def test_event_is_indexed_with_local_dates_and_removed_when_cancelled(
    region, coordinator, django_capture_on_commit_callbacks
):
    starts = timezone.now() + datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        event = GuidanceEventFactory(
            title="Targi pracy w Żarach",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(days=1),
            is_online=False,
        )
    entry = SearchEntry.objects.get(kind="event", object_id=event.pk)
    assert entry.starts_on == timezone.localtime(starts).date()
    assert entry.ends_on == timezone.localtime(event.ends_at).date()
    assert list(entry.counties.all()) == [event.county]
    assert [h.object_id for h in search.search("zary targi").hits] == [event.pk]
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, actor=coordinator)
    assert not SearchEntry.objects.filter(kind="event", object_id=event.pk).exists()


def test_deleting_removes_the_entry(region, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event = GuidanceEventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        event.delete()
    assert not SearchEntry.objects.filter(kind="event").exists()


def test_rebuild_indexes_only_public_objects(region):
    GuidanceServiceFactory.create_batch(2)
    GuidanceServiceFactory(status=PublicationStatus.DRAFT)
    GuidanceEventFactory()
    GuidanceEventFactory(status=EventStatus.CANCELLED)
    long_ago = timezone.now() - datetime.timedelta(days=400)
    GuidanceEventFactory(starts_at=long_ago, ends_at=long_ago + datetime.timedelta(hours=1))
    assert search.rebuild(["service", "event"]) == {"service": 2, "event": 1}
