"""The home page: search first, what is on now, and quick ways in."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from skillshub.core.models import County
from skillshub.guidance.choices import EventStatus
from skillshub.guidance.tests.factories import GuidanceEventFactory
from skillshub.portal.choices import PublicationStatus
from skillshub.portal.tests.factories import CampaignFactory, NewsItemFactory, PageFactory

pytestmark = pytest.mark.django_db


def test_home_shows_search_news_events_and_campaigns(region, anonymous_client, settings):
    # What the page shows, freshly rendered (the page cache has its own tests).
    settings.PUBLIC_PAGE_CACHE = False
    now = timezone.now()
    for i in range(5):
        NewsItemFactory(title=f"Wiadomość {i}", published_at=now - datetime.timedelta(days=i))
    NewsItemFactory(title="Szkic", status=PublicationStatus.DRAFT)
    for i in range(6):
        GuidanceEventFactory(
            title=f"Wydarzenie {i}", starts_at=now + datetime.timedelta(days=i + 1)
        )
    GuidanceEventFactory(title="Niepublikowane", status=EventStatus.DRAFT)
    GuidanceEventFactory(
        title="Minione",
        starts_at=now - datetime.timedelta(days=3),
        ends_at=now - datetime.timedelta(days=2),
    )
    CampaignFactory(title="Kampania trwająca")
    CampaignFactory(
        title="Kampania zakończona",
        starts_on=timezone.localdate() - datetime.timedelta(days=60),
        ends_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    response = anonymous_client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'action="{reverse("portal:search")}"' in html and 'name="q"' in html
    assert 'for="home-q"' in html
    assert [n.title for n in response.context["news_items"]] == [
        "Wiadomość 0",
        "Wiadomość 1",
        "Wiadomość 2",
    ]
    assert [e.title for e in response.context["events"]] == [f"Wydarzenie {i}" for i in range(4)]
    assert "Kampania trwająca" in html and "Kampania zakończona" not in html
    assert "Szkic" not in html and "Niepublikowane" not in html and "Minione" not in html
    county = County.objects.in_region().first()
    assert f"{reverse('guidance:service_list')}?county={county.pk}" in html
    assert f"{reverse('portal:offer_list')}?kind=kkz" in html
    assert '<meta property="og:title"' in html
    assert html.count("<h1") == 1


def test_home_keeps_the_network_links(region, anonymous_client):
    html = anonymous_client.get("/").content.decode()
    assert reverse("stakeholders:institution_list") in html
    assert reverse("stakeholders:join") in html


def test_home_query_ceiling_does_not_grow(
    region, anonymous_client, coordinator_client, django_assert_max_num_queries
):
    NewsItemFactory.create_batch(6)
    GuidanceEventFactory.create_batch(6)
    CampaignFactory.create_batch(4)
    PageFactory.create_batch(3, in_footer=True)
    with django_assert_max_num_queries(8):
        assert anonymous_client.get("/").status_code == 200
    with django_assert_max_num_queries(10):  # + the session and the user
        assert coordinator_client.get("/").status_code == 200


def test_home_is_cached_for_anonymous_and_refreshed_by_a_news_change(
    region, anonymous_client, coordinator, settings
):
    from skillshub.portal import services_content as services

    settings.PUBLIC_PAGE_CACHE = True
    anonymous_client.get("/")
    services.news_create(
        actor=coordinator,
        data={
            "title": "Świeża wiadomość",
            "slug": "swieza",
            "lead": "l",
            "body": "b",
            "image_alt": "",
            "status": "published",
        },
    )
    assert "Świeża wiadomość" in anonymous_client.get("/").content.decode()
