"""``/sitemap.xml``: the public list pages and every published offer, guidance service,
upcoming event, news item and page."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from skillshub.guidance.models import GuidanceEvent, GuidanceService

from .models import LearningOffer, NewsItem, Page

# Sitemaps are capped at 50,000 addresses a file; Django paginates beyond ``limit``.
LIMIT = 5000


class StaticSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self) -> list[str]:
        return [
            "portal:home",
            "portal:offer_list",
            "portal:news_list",
            "portal:search",
            "guidance:service_list",
            "guidance:event_list",
            "stakeholders:institution_list",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class _ModelSitemap(Sitemap):
    limit = LIMIT

    def lastmod(self, item: Any) -> datetime.datetime:
        return item.updated_at


class OfferSitemap(_ModelSitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[LearningOffer]:
        return LearningOffer.objects.published().only("pk", "updated_at").order_by("pk")


class ServiceSitemap(_ModelSitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[GuidanceService]:
        return GuidanceService.objects.published().only("pk", "updated_at").order_by("pk")


class EventSitemap(_ModelSitemap):
    changefreq = "daily"

    def items(self) -> QuerySet[GuidanceEvent]:
        return GuidanceEvent.objects.published().upcoming().only("pk", "updated_at").order_by("pk")


class NewsSitemap(_ModelSitemap):
    changefreq = "monthly"

    def items(self) -> QuerySet[NewsItem]:
        return NewsItem.objects.published().only("pk", "slug", "updated_at").order_by("pk")


class PageSitemap(_ModelSitemap):
    changefreq = "monthly"

    def items(self) -> QuerySet[Page]:
        return Page.objects.published().only("pk", "slug", "updated_at").order_by("pk")


sitemaps: dict[str, type[Sitemap]] = {
    "static": StaticSitemap,
    "offers": OfferSitemap,
    "services": ServiceSitemap,
    "events": EventSitemap,
    "news": NewsSitemap,
    "pages": PageSitemap,
}


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawl the public site; keep out of the staff's and members' pages and the API's bulk
    exports (their data is open through the API itself)."""
    lines = [
        "User-agent: *",
        "Disallow: /accounts/",
        "Disallow: /admin/",
        "Disallow: /manage/",
        "Disallow: /audit/",
        "Disallow: /outbox/",
        "Disallow: /search/",
        "Disallow: /wzk/",
        "Disallow: /matters/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
