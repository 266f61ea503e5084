"""Placeholder views: the routes exist so every URL name resolves; each is replaced by
its owner."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def import_list(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def import_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def mzdin_import(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def forecast_import(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def supply_import(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def import_template(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
