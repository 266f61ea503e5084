"""What every page's layout needs from the portal: the footer's links to published pages."""

from __future__ import annotations

from typing import Any

from django.core.cache import caches
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from skillshub.core.pagecache import TIMEOUT, current_version

from .models import Page


def _footer_pages() -> list[tuple[str, str]]:
    """(title, address) of published footer pages, kept in each process's memory under the
    portal's data version: a page service bumps it, so a change shows at once everywhere."""
    key = f"portal:footer:{current_version('portal')}"
    pages = caches["pages"]
    links: list[tuple[str, str]] | None = pages.get(key)
    if links is None:
        links = [
            (page.title, page.get_absolute_url())
            for page in Page.objects.published().filter(in_footer=True).only("title", "slug")
        ]
        pages.set(key, links, TIMEOUT)
    return links


def footer(request: HttpRequest) -> dict[str, Any]:
    return {"footer_pages": SimpleLazyObject(_footer_pages)}
