"""Placeholder views: the routes exist so every URL name resolves; each is replaced by
its owner."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def gap_analysis(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def gap_pdf(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def gap_xlsx(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
