"""The portal's home page: search first, then what is on now (campaigns, news, events) and
quick ways in (offers by kind, guidance by county). A handful of queries whatever the data."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from skillshub.core.models import County
from skillshub.core.pagecache import public_page
from skillshub.guidance.models import GuidanceEvent

from ..choices import OfferKind
from ..models import Campaign, NewsItem

NEWS_SHOWN = 3
EVENTS_SHOWN = 4
CAMPAIGNS_SHOWN = 3


@public_page("portal")
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    campaigns = Campaign.objects.published().filter(starts_on__lte=today, ends_on__gte=today)
    news = NewsItem.objects.published().only("title", "slug", "lead", "published_at")
    events = (
        GuidanceEvent.objects.published()
        .upcoming()
        .select_related("county")
        .only("title", "starts_at", "ends_at", "place", "is_online", "county")
        .order_by("starts_at", "pk")
    )
    context = {
        "campaigns": list(campaigns[:CAMPAIGNS_SHOWN]),
        "news_items": list(news[:NEWS_SHOWN]),
        "events": list(events[:EVENTS_SHOWN]),
        "counties": list(County.objects.in_region()),
        "offer_kinds": OfferKind.choices,
    }
    return render(request, "portal/home.html", context)
