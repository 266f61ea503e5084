"""Programmes, their versions and the tree of objectives, actions and tasks."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def programme_list(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def programme_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def programme_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def programme_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def version_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def version_revise(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def version_status(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def version_diff(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def node_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def node_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def node_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def node_delete(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
