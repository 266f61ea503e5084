"""RSS and Atom feeds, the sitemap and robots.txt."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from skillshub.guidance.choices import PublicationStatus as GuidancePublication
from skillshub.guidance.tests.factories import GuidanceEventFactory, GuidanceServiceFactory
from skillshub.portal.choices import OfferStatus, PublicationStatus
from skillshub.portal.tests.factories import LearningOfferFactory, NewsItemFactory, PageFactory

pytestmark = pytest.mark.django_db


def test_rss_has_the_latest_20_published_news(region, anonymous_client):
    now = timezone.now()
    for i in range(22):
        NewsItemFactory(title=f"Wiadomość {i}", published_at=now - datetime.timedelta(hours=i))
    NewsItemFactory(title="Szkic", status=PublicationStatus.DRAFT)
    response = anonymous_client.get(reverse("portal:news_rss"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    titles = [item.findtext("title") for item in root.iter("item")]
    assert len(titles) == 20
    assert titles[0] == "Wiadomość 0"
    assert "Szkic" not in titles
    link = root.find("channel/item/link")
    assert link is not None and link.text and link.text.startswith("http://testserver/news/")


def test_atom_feed(region, anonymous_client):
    NewsItemFactory(title="Targi <pracy>", body="<p>treść</p><script>x</script>")
    response = anonymous_client.get(reverse("portal:news_atom"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert [e.findtext("a:title", namespaces=ns) for e in entries] == ["Targi <pracy>"]


def test_feed_query_ceiling(region, anonymous_client, django_assert_max_num_queries):
    NewsItemFactory.create_batch(10)
    with django_assert_max_num_queries(3):
        assert anonymous_client.get(reverse("portal:news_rss")).status_code == 200


def test_sitemap_lists_public_things_only(region, anonymous_client):
    offer = LearningOfferFactory()
    draft_offer = LearningOfferFactory(status=OfferStatus.DRAFT)
    service = GuidanceServiceFactory()
    draft_service = GuidanceServiceFactory(status=GuidancePublication.DRAFT)
    event = GuidanceEventFactory()
    past = GuidanceEventFactory(
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=2),
    )
    news = NewsItemFactory()
    page = PageFactory()
    hidden_page = PageFactory(status=PublicationStatus.DRAFT)
    response = anonymous_client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {loc.text for loc in root.findall("s:url/s:loc", ns)}
    base = "http://testserver"
    for obj in (offer, service, event, news, page):
        assert base + obj.get_absolute_url() in locs
    for obj in (draft_offer, draft_service, past, hidden_page):
        assert base + obj.get_absolute_url() not in locs
    for name in ("portal:home", "portal:offer_list", "portal:news_list", "guidance:event_list"):
        assert base + reverse(name) in locs


def test_sitemap_query_ceiling(region, anonymous_client, django_assert_max_num_queries):
    LearningOfferFactory.create_batch(5)
    NewsItemFactory.create_batch(5)
    with django_assert_max_num_queries(8):
        assert anonymous_client.get("/sitemap.xml").status_code == 200


def test_robots_points_at_the_sitemap(anonymous_client):
    response = anonymous_client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
