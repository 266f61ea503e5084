"""RSS 2.0 and Atom feeds of the latest published news."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import NewsItem
from .sanitise import plain_text

FEED_SIZE = 20


class NewsRssFeed(Feed):
    link = reverse_lazy("portal:news_list")
    description = _("News from the coordination office of the Integrated Skills Strategy 2030.")

    def title(self) -> str:
        return f"{settings.SITE_NAME}: {_('News')}"

    def items(self) -> QuerySet[NewsItem]:
        return NewsItem.objects.published().order_by("-published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item: NewsItem) -> str:
        return item.title

    def item_description(self, item: NewsItem) -> str:
        # Plain text: feed readers render HTML in their own ways, and the lead says it all.
        return f"{item.lead} {plain_text(item.body)[:600]}".strip()

    def item_link(self, item: NewsItem) -> str:
        return reverse("portal:news_detail", args=[item.slug])

    def item_pubdate(self, item: NewsItem) -> datetime.datetime | None:
        return item.published_at

    def item_updateddate(self, item: NewsItem) -> datetime.datetime:
        return item.updated_at

    def item_guid(self, item: NewsItem) -> str:
        return f"skillshub-news-{item.pk}"

    item_guid_is_permalink = False


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
