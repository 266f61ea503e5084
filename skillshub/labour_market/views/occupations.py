"""The KZiS 2023 hierarchy, browsable and searchable (public). The occupation page itself is in
``occupation_page.py``."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from skillshub.core.access import require_perm
from skillshub.core.search.text import fold

from ..forms_imports import OccupationFilterForm
from ..models import Occupation
from .occupation_page import occupation_detail

__all__ = ["occupation_detail", "occupation_list"]


def _matching_codes(query: str, level: int | None) -> list[str]:
    """Codes starting with a digit query, or names holding every folded word of a text one.

    Folding ("zolnierz" finds "Żołnierz") is done in Python over the 3,543 names in one
    query: the model keeps no folded column, and SQL lower() does not fold Polish letters."""
    nodes = Occupation.objects.all()
    if level:
        nodes = nodes.filter(level=level)
    words = fold(query).split()
    rows = nodes.values_list("code", "name").order_by("code")
    return [
        code
        for code, name in rows
        if all(word in code if word.isdigit() else word in fold(name) for word in words)
    ]


def occupation_list(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "labour_market.view_evidence")
    form = OccupationFilterForm(request.GET or None)
    query, level = "", None
    if form.is_valid():
        query, level = form.cleaned_data["q"].strip(), form.cleaned_data["level"]
    nodes = Occupation.objects.select_related("parent")
    if query.isdigit():
        nodes = nodes.filter(code__startswith=query)
        if level:
            nodes = nodes.filter(level=level)
    elif query:
        nodes = nodes.filter(code__in=_matching_codes(query, level))
    elif level:
        nodes = nodes.filter(level=level)
    page = Paginator(nodes.order_by("code"), settings.PAGINATE_BY).get_page(request.GET.get("page"))
    return render(
        request,
        "labour_market/occupation_list.html",
        {"form": form, "page_obj": page, "query": query},
    )
