"""Placeholder views: the routes exist so every URL name resolves; each is replaced by
its owner."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def overview(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def mzdin(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def mzdin_heatmap(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def mzdin_compute(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def threshold_list(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def threshold_update(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def forecast_list(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def supply_list(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
