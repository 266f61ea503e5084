"""Guidance services: the public finder and detail page, and the providers' own pages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skillshub.accounts.rules import is_office_staff
from skillshub.core.access import require_perm
from skillshub.core.forms import add_service_errors
from skillshub.core.pagecache import public_page
from skillshub.stakeholders.exceptions import EditConflict

from .. import services
from ..access import get_service_for_user
from ..choices import PublicationStatus
from ..filters import ServiceFilter
from ..forms import ServiceForm
from ..models import GuidanceEvent, GuidanceService


def _list_query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@public_page("guidance")
def service_list(request: HttpRequest) -> HttpResponse:
    """The citizen's way to find guidance near them: published services, filtered."""
    queryset = (
        GuidanceService.objects.published()
        .select_related("provider")
        .prefetch_related("counties", "target_groups")
    )
    filterset = ServiceFilter(request.GET, queryset=queryset)
    page = Paginator(filterset.qs, settings.PAGINATE_BY).get_page(request.GET.get("page"))
    return render(
        request,
        "guidance/service_list.html",
        {"filter": filterset, "page_obj": page, "query": _list_query(request)},
    )


@public_page("guidance")
def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_service_for_user(request.user, pk)
    events = (
        GuidanceEvent.objects.published()
        .upcoming()
        .filter(service=service)
        .with_seat_counts()
        .annotate(places_left=F("capacity") - F("confirmed_count"))
        .select_related("county")[:20]
    )
    return render(
        request,
        "guidance/service_detail.html",
        {
            "service": service,
            "events": events,
            "can_change": request.user.has_perm("guidance.change_service", service),
        },
    )


@login_required
def service_manage(request: HttpRequest) -> HttpResponse:
    """The services a provider's contact (or staff) look after, every status."""
    require_perm(request.user, "guidance.add_service")
    queryset = (
        GuidanceService.objects.editable_by(request.user)
        .select_related("provider")
        .prefetch_related("counties")
        .distinct()
        .order_by("-updated_at", "pk")
    )
    status = request.GET.get("status", "")
    if status in PublicationStatus.values:
        queryset = queryset.filter(status=status)
    page = Paginator(queryset, settings.PAGINATE_BY).get_page(request.GET.get("page"))
    return render(
        request,
        "guidance/service_manage.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": PublicationStatus.choices,
            "staff": is_office_staff(request.user),
        },
    )


def _form_data(form: ServiceForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    return data


@login_required
def service_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "guidance.add_service")
    form = ServiceForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            service = services.service_create(actor=request.user, data=_form_data(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The service has been saved as a draft. Publish it when it is ready.")
            )
            return redirect(service)
    return render(
        request,
        "guidance/service_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def service_update(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_service_for_user(request.user, pk, write=True)
    form = ServiceForm(request.POST or None, instance=service, user=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            service = services.service_update(
                service=service,
                actor=request.user,
                data=_form_data(form),
                expected_version=form.cleaned_data.get("version"),
            )
        except EditConflict as exc:
            conflict = exc
            # The form keeps what this person typed; the new version lets them save it
            # deliberately once they have seen the other person's values.
            current = get_service_for_user(request.user, pk, write=True)
            form = ServiceForm(
                request.POST | {"version": str(current.version)},
                instance=current,
                user=request.user,
            )
            form.is_valid()
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(service)
    status = 409 if conflict else (400 if request.method == "POST" else 200)
    return render(
        request,
        "guidance/service_form.html",
        {"form": form, "service": service, "conflict": conflict},
        status=status,
    )


@login_required
@require_POST
def service_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish, archive or take back to draft."""
    service = get_service_for_user(request.user, pk, write=True)
    target = request.POST.get("status", "")
    if target not in PublicationStatus.values:
        messages.error(request, _("Unknown status."))
        return redirect(service)
    try:
        services.service_set_status(service=service, actor=request.user, status=target)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The status has been changed."))
    return redirect(service)
