"""The public search page: one box over offers, services, events, news and institutions."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from skillshub.core import search as engine

from ..forms_search import KIND_LABELS, SearchForm

PER_PAGE = 20


def search(request: HttpRequest) -> HttpResponse:
    # Not behind public_page: query strings vary without end, and the engine is fast enough.
    form = SearchForm(request.GET)
    form.is_valid()  # invalid filters are shown on the form and left out of the search
    query = form.query()
    results = None
    if query.strip() or "q" in request.GET:
        try:
            page = int(request.GET.get("page", "1"))
        except ValueError:
            page = 1
        results = engine.search(query, filters=form.filters(), page=page, per_page=PER_PAGE)
    hits = [(KIND_LABELS.get(hit.kind, hit.kind), hit) for hit in results.hits] if results else []
    template = (
        "portal/_search_results.html"
        if request.headers.get("HX-Request")
        and request.headers.get("HX-Target") == "search-results"
        else "portal/search.html"
    )
    response = render(
        request,
        template,
        {
            "form": form,
            "query": query,
            "results": results,
            "hits": hits,
            "first_number": (results.page - 1) * PER_PAGE + 1 if results else 1,
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response
