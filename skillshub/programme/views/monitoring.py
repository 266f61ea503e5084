"""Monitoring rounds: lead institutions report, staff review, the round closes into a report."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def round_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def round_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def round_close(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def round_report_pdf(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def round_report_docx(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def round_data_xlsx(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def my_reports(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def report_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def report_review(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
