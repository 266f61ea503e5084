"""The list and the board of matters, their exports, and the public list. (Being written.)"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def matter_list(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def matter_board(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def matter_export_csv(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def matter_export_xlsx(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def matter_register_pdf(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def public_list(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
