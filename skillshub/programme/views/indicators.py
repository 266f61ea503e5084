"""Indicators: definitions, targets, measurements, links to the tree, open data."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def indicator_list(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def indicator_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def indicator_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def indicator_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def target_set(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def measurement_add(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def indicator_link(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def measurements_csv(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
