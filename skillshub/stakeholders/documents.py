"""PDF documents of the stakeholder network (WeasyPrint)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone


def personal_data_pdf(*, data: dict[str, Any], request: HttpRequest | None = None) -> bytes:
    """Everything held about one person, as a PDF an office can hand over under RODO art. 15."""
    # Imported here: WeasyPrint loads Pango through cffi, which costs time at start-up.
    from weasyprint import HTML

    html = render_to_string(
        "stakeholders/person_export_pdf.html",
        {"data": data, "generated_at": timezone.now()},
        request=request,
    )
    return HTML(string=html).write_pdf()
