"""The reference strategy: themes and directions of action per edition."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def strategy_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def theme_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def theme_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def direction_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def direction_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
