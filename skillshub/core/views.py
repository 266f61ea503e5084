from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models import Case, Count, DateTimeField, F, Min, When
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views import defaults
from django.views.decorators.cache import never_cache
from django_tasks_db.models import DBTaskResult, get_date_max

from .middleware import database_unavailable_response, is_database_unavailable
from .models import AuditEntry


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html")


def ping(request: HttpRequest) -> HttpResponse:
    """The framework's floor for benchmarks: no session, no query, no template."""
    return HttpResponse("pong", content_type="text/plain")


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer: 200 when this process can serve, 503 with the reason if not.

    It checks the database answers and the task queue moves: the oldest task that is due
    (READY, its run_after passed) has waited less than HEALTHZ_MAX_READY_AGE_SECONDS. A queue
    that stops moving means no worker runs, and e-mails and reminders silently wait.
    """
    body: dict[str, Any] = {"status": "ok", "database": connection.vendor}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return _unhealthy(body, f"database unreachable: {error.__class__.__name__}")
    try:
        body["tasks"] = _task_queue_state()
    except DatabaseError as error:
        return _unhealthy(body, f"task queue unreachable: {error.__class__.__name__}")
    limit = settings.HEALTHZ_MAX_READY_AGE_SECONDS
    oldest = body["tasks"]["oldest_ready_seconds"]
    if oldest is not None and oldest > limit:
        return _unhealthy(body, f"task queue stuck: a task has waited {oldest}s (limit {limit}s)")
    return JsonResponse(body)


def _task_queue_state() -> dict[str, int | None]:
    # A task is due from run_after, or from enqueueing when it has none (stored as the
    # far-future sentinel). One aggregate query over the partial index of READY rows.
    due_since = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")),
        default=F("run_after"),
        output_field=DateTimeField(),
    )
    state = DBTaskResult.objects.ready().aggregate(ready=Count("pk"), oldest=Min(due_since))
    oldest = state["oldest"]
    age = max(0, int((timezone.now() - oldest).total_seconds())) if oldest else None
    return {"ready": state["ready"], "oldest_ready_seconds": age}


def _unhealthy(body: dict[str, Any], reason: str) -> JsonResponse:
    return JsonResponse({**body, "status": "error", "reason": reason}, status=503)


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


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: Django's 500 page, or the 503 page when the database is unavailable.

    ``DatabaseUnavailableMiddleware`` answers a view's database error; this catches the same
    error raised by a middleware (a session saved on the way out), which no middleware sees.
    Django calls the handler while handling the exception, so ``sys.exc_info()`` holds it.
    """
    if is_database_unavailable(sys.exc_info()[1]):
        return database_unavailable_response(request)
    return defaults.server_error(request)
