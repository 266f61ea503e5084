"""The public "join the network" form and the office's review of applications."""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from skillshub.core.access import require_perm

from .. import selectors, services
from ..access import get_application_for_user
from ..choices import ApplicationStatus
from ..forms import DecisionForm, JoinForm
from ..models import JoinApplication


def _client_key(request: HttpRequest) -> str:
    ip = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"join:{ip}".encode()).hexdigest()[:32]


def _rate_limited(request: HttpRequest) -> bool:
    """At most JOIN_RATE_LIMIT_PER_HOUR submissions per client address, shared across workers."""
    key = f"join-rate:{_client_key(request)}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > settings.JOIN_RATE_LIMIT_PER_HOUR


def join(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = JoinForm(request.POST)
        if form.is_spam():
            # Look like success to the bot; store nothing.
            return redirect("stakeholders:join_thanks")
        if _rate_limited(request):
            form.is_valid()
            form.add_error(
                None,
                _("Too many applications were sent from your address. Try again in an hour."),
            )
            return render(request, "stakeholders/join.html", {"form": form}, status=429)
        if form.is_valid():
            data = dict(form.cleaned_data)
            areas = data.pop("areas")
            key = data.pop("submission_key")
            try:
                services.application_submit(
                    data=data,
                    areas=areas,
                    submission_key=key,
                    submitted_from=_client_key(request),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("stakeholders:join_thanks")
        return render(request, "stakeholders/join.html", {"form": form}, status=400)
    form = JoinForm(initial={"submission_key": uuid.uuid4()})
    return render(request, "stakeholders/join.html", {"form": form})


def join_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "stakeholders/join_thanks.html")


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "stakeholders.review_application")
    status = request.GET.get("status", "open")
    applications = JoinApplication.objects.select_related("county", "institution")
    if status == "open":
        applications = selectors.open_applications().select_related("county", "institution")
    elif status in ApplicationStatus.values:
        applications = applications.filter(status=status)
    page = Paginator(applications, settings.PAGINATE_BY).get_page(request.GET.get("page"))
    return render(
        request,
        "stakeholders/application_list.html",
        {"page_obj": page, "status": status, "statuses": ApplicationStatus.choices},
    )


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application_for_user(request.user, pk)
    duplicates = selectors.application_duplicates(application=application)
    form = DecisionForm(request.POST or None, candidates=[inst for inst, _why in duplicates])
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        note = form.cleaned_data.get("note", "")
        try:
            if decision == "accept":
                services.application_accept(
                    application=application,
                    actor=request.user,
                    link_to=form.cleaned_data.get("link_to"),
                    note=note,
                )
                messages.success(request, _("The application has been accepted."))
            elif decision == "request_info":
                services.application_request_info(
                    application=application, actor=request.user, note=note
                )
                messages.success(request, _("The applicant has been asked for more information."))
            else:
                services.application_reject(application=application, actor=request.user, note=note)
                messages.success(request, _("The application has been rejected."))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect(application)
    return render(
        request,
        "stakeholders/application_detail.html",
        {"application": application, "duplicates": duplicates, "form": form},
        status=400 if request.method == "POST" else 200,
    )
