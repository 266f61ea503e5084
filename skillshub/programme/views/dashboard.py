"""The public dashboard: progress, indicator trends, the county map."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def dashboard(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def programme_dashboard(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def indicator_map_data(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
