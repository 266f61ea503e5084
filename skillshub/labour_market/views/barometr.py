"""Placeholder views: the routes exist so every URL name resolves; each is replaced by
its owner."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def round_list(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def round_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def round_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def round_rate(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def round_import(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def round_close(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def group_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
