"""Export and bulk import of institutions. (Being built: see the import/export helper.)"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse


def export_csv(request: HttpRequest) -> HttpResponse:
    raise Http404


def export_xlsx(request: HttpRequest) -> HttpResponse:
    raise Http404


def import_upload(request: HttpRequest) -> HttpResponse:
    raise Http404


def import_template(request: HttpRequest) -> HttpResponse:
    raise Http404


def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    raise Http404
