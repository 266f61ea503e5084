"""The guidance open-data API: published only, the site's filters, JSON and CSV."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from skillshub.core.models import County, TargetGroup
from skillshub.guidance.choices import (
    EventStatus,
    PublicationStatus,
    RegistrationStatus,
    ServiceMode,
)

from .factories import GuidanceEventFactory, GuidanceServiceFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/guidance"


def test_services_are_open_data_published_only(region, anonymous_client):
    service = GuidanceServiceFactory(title="Doradztwo online", mode=ServiceMode.ONLINE)
    GuidanceServiceFactory(status=PublicationStatus.DRAFT)
    response = anonymous_client.get(f"{API}/services")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == service.pk
    assert item["online"] is True
    assert item["counties"][0]["teryt"] == service.provider.county.teryt


def test_services_share_the_sites_filters(region, anonymous_client):
    counties = list(County.objects.in_region()[:2])
    pupils = TargetGroup.objects.get(code="pupils")
    wanted = GuidanceServiceFactory(counties=[counties[0]], target_groups=[pupils], is_free=True)
    GuidanceServiceFactory(counties=[counties[0]], is_free=False, target_groups=[pupils])
    GuidanceServiceFactory(counties=[counties[1]], target_groups=[pupils])
    response = anonymous_client.get(
        f"{API}/services", {"county": counties[0].pk, "target_group": "pupils", "free": "true"}
    )
    assert [i["id"] for i in response.json()["items"]] == [wanted.pk]


def test_invalid_filter_answers_422(region, anonymous_client):
    assert anonymous_client.get(f"{API}/services", {"kind": "nonsense"}).status_code == 422


def test_services_csv(region, anonymous_client):
    GuidanceServiceFactory.create_batch(3)
    response = anonymous_client.get(f"{API}/services.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("id;title")


def test_events_list_detail_and_places_left(region, anonymous_client):
    event = GuidanceEventFactory(capacity=4)
    RegistrationFactory.create_batch(3, event=event)
    RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    GuidanceEventFactory(status=EventStatus.DRAFT)
    listed = anonymous_client.get(f"{API}/events").json()
    assert [i["id"] for i in listed["items"]] == [event.pk]
    detail = anonymous_client.get(f"{API}/events/{event.pk}").json()
    assert detail["places_left"] == 1
    assert detail["waiting"] == 1
    assert detail["registration_open"] is True


def test_draft_event_is_not_in_the_api(region, anonymous_client):
    event = GuidanceEventFactory(status=EventStatus.DRAFT)
    assert anonymous_client.get(f"{API}/events/{event.pk}").status_code == 404


def test_events_filters_and_past(region, anonymous_client):
    start = timezone.now() - datetime.timedelta(days=5)
    past = GuidanceEventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=1))
    online = GuidanceEventFactory(is_online=True)
    GuidanceEventFactory(is_online=False)
    assert [
        i["id"] for i in anonymous_client.get(f"{API}/events", {"online": "true"}).json()["items"]
    ] == [online.pk]
    assert [
        i["id"] for i in anonymous_client.get(f"{API}/events", {"past": "true"}).json()["items"]
    ] == [past.pk]


def test_events_csv(region, anonymous_client):
    event = GuidanceEventFactory(capacity=10)
    RegistrationFactory.create_batch(2, event=event)
    response = anonymous_client.get(f"{API}/events.csv")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 2
    assert lines[1].split(";")[11] == "8"


def test_api_lists_have_a_query_ceiling(region, anonymous_client, django_assert_max_num_queries):
    for event in GuidanceEventFactory.create_batch(
        8, target_groups=list(TargetGroup.objects.all()[:2])
    ):
        RegistrationFactory(event=event)
    GuidanceServiceFactory.create_batch(8, target_groups=list(TargetGroup.objects.all()[:2]))
    with django_assert_max_num_queries(6):
        assert anonymous_client.get(f"{API}/events").json()["count"] == 8
    with django_assert_max_num_queries(6):
        assert anonymous_client.get(f"{API}/services").json()["count"] == 8
