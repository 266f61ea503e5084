"""The calendar of sittings and its private ICS feed. (Being written.)"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def calendar(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def calendar_feed_reset(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def calendar_feed(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def meeting_ics(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
