"""The list and the board of matters, their exports, and the public list."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from skillshub.accounts.rules import is_office_staff
from skillshub.core.pagecache import private_page, public_page

from .. import exports, selectors
from ..access import require_perm
from ..filters import MatterFilter
from ..models import Matter


def _filter(request: HttpRequest) -> MatterFilter:
    """The list's filters over what this person may see (the permissions are in the SQL)."""
    return MatterFilter(
        request.GET or None,
        queryset=Matter.objects.visible_to(request.user),
        staff=is_office_staff(request.user),
    )


def _is_results_request(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request")) and request.headers.get("HX-Target") == "results"


@login_required
@private_page("matters", "stakeholders")
def matter_list(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "matters.view_board")
    filterset = _filter(request)
    matters = filterset.qs.select_related("raised_by", "on_behalf_of")
    page = Paginator(matters, settings.PAGINATE_BY).get_page(request.GET.get("page"))
    template = (
        "matters/_matter_rows.html" if _is_results_request(request) else "matters/matter_list.html"
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        template,
        {
            "filter": filterset,
            "page_obj": page,
            "query": query.urlencode(),
            "today": timezone.localdate(),
            "can_export": request.user.has_perm("matters.export_matters"),
        },
    )


@login_required
@private_page("matters", "stakeholders")
def matter_board(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "matters.view_board")
    filterset = _filter(request)
    columns = selectors.board(matters=filterset.qs)
    # "Show all" keeps every other filter and narrows the list to the column's state.
    query = request.GET.copy()
    for key in ("state", "page"):
        query.pop(key, None)
    return render(
        request,
        "matters/matter_board.html",
        {
            "filter": filterset,
            "columns": columns,
            "query": query.urlencode(),
            "today": timezone.localdate(),
            "cards_per_column": selectors.BOARD_CARDS_PER_COLUMN,
        },
    )


def _exported(request: HttpRequest) -> QuerySet[Matter]:
    require_perm(request.user, "matters.export_matters")
    return _filter(request).qs


def _filename(stem: str, ext: str) -> str:
    return f"{stem}-{timezone.localdate():%Y-%m-%d}.{ext}"


def matter_export_csv(request: HttpRequest) -> StreamingHttpResponse:
    matters = _exported(request)
    response = StreamingHttpResponse(
        exports.csv_stream(matters), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("kwestie", "csv")}"'
    response["Cache-Control"] = "private, no-store"
    return response


def matter_export_xlsx(request: HttpRequest) -> HttpResponse:
    matters = _exported(request)
    response = HttpResponse(
        exports.xlsx_bytes(matters),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("kwestie", "xlsx")}"'
    response["Cache-Control"] = "private, no-store"
    return response


def matter_register_pdf(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "matters.export_matters")
    sitting = request.GET.get("sitting", "").strip() or None
    if sitting is not None and not exports.SITTING_KEY.match(sitting):
        messages.error(
            request, _("The sitting is not recognised: expected a key such as meeting:12.")
        )
        return render(request, "400.html", status=400)
    matters = exports.register_matters(Matter.objects.visible_to(request.user), sitting=sitting)
    response = HttpResponse(
        exports.register_pdf(matters=matters, sitting=sitting), content_type="application/pdf"
    )
    stem = f"rejestr-kwestii-{sitting.replace(':', '-')}" if sitting else "rejestr-kwestii"
    response["Content-Disposition"] = f'attachment; filename="{_filename(stem, "pdf")}"'
    response["Cache-Control"] = "private, no-store"
    return response


@public_page("matters")
def public_list(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "matters.view_public_matters")
    q = request.GET.get("q", "").strip()[:200]
    matters = (
        Matter.objects.public()
        # Defensive: a confidential matter stays off the public page even if marked public.
        .filter(confidential=False)
        .search(q)
        .select_related("on_behalf_of")
        .order_by(F("decided_on").desc(nulls_last=True), "-id")
    )
    page = Paginator(matters, settings.PAGINATE_BY).get_page(request.GET.get("page"))
    return render(request, "matters/public_list.html", {"page_obj": page, "q": q})
