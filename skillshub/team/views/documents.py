"""Documents: upload (type checked by content), versions, permission-checked download. (Being written.)"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def document_list(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def document_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def document_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def document_version_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def document_download(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def document_version_download(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def agenda_document_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
