"""Placeholder views: the routes exist so every URL name resolves; each is replaced by
its owner."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def occupation_list(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def occupation_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
