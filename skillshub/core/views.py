from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from .models import AuditEntry


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html")


def ping(request: HttpRequest) -> HttpResponse:
    """The framework's floor for benchmarks: no session, no query, no template."""
    return HttpResponse("pong", content_type="text/plain")


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


def _require_staff(request: HttpRequest) -> None:
    # The predicate lives in accounts/rules.py: core knows permissions only by name.
    if not request.user.has_perm("core.view_audit"):
        raise Http404


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    entries = AuditEntry.objects.select_related("content_type")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_list.html", {"page_obj": page, "subject": None})


@login_required
def audit_object(request: HttpRequest, content_type_id: int, object_id: str) -> HttpResponse:
    _require_staff(request)
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    entries = AuditEntry.objects.filter(
        content_type=content_type, object_id=object_id
    ).select_related("content_type")
    subject = entries.first()
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/audit_list.html",
        {"page_obj": page, "subject": subject.object_repr if subject else object_id},
    )


def switch_language(request: HttpRequest, code: str) -> HttpResponse:
    """The language switch: a plain link, so that public pages carry no CSRF token.

    Changing the language changes nothing on the server, so it needs no POST.
    """
    from django.conf import settings
    from django.http import HttpResponseRedirect
    from django.utils.http import url_has_allowed_host_and_scheme

    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response
