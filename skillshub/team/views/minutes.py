"""Minutes: the draft, comments, approval, and the PDF and DOCX. (Being written.)"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def minutes_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def minutes_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def minutes_consultation(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def minutes_comment(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def minutes_approve(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def minutes_pdf(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def minutes_docx(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
