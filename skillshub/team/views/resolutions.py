"""The register of resolutions and the tracking of positions sent to their addressees. (Being written.)"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def resolution_list(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def resolution_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def resolution_sent(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def resolution_answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def resolution_answer_file(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
