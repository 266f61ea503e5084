"""The register of resolutions and the tracking of positions sent to their addressees."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skillshub.accounts.rules import is_office_staff
from skillshub.core.filetypes import sniff
from skillshub.core.forms import add_service_errors

from ..access import get_resolution_for_user, require_perm
from ..choices import AddresseeStatus, ResolutionOutcome
from ..forms_teams import ResolutionAnswerForm, ResolutionFilterForm, ResolutionSentForm
from ..models import Resolution, Team
from ..rules import member_team_ids
from ..services import meetings as services


def register_for(user: Any) -> Any:
    """What the register shows this person: adopted resolutions of every team for everyone;
    for staff and members of a team also its pending and rejected ones. One SQL condition."""
    visible = Q(outcome=ResolutionOutcome.ADOPTED)
    if is_office_staff(user):
        visible = Q()
    elif getattr(user, "is_authenticated", False):
        visible |= Q(team__in=Team.objects.visible_to(user))
    return Resolution.objects.filter(visible)


def register_years() -> list[int]:
    years = Resolution.objects.filter(year__isnull=False).order_by("-year").values_list("year")
    return [year for (year,) in years.distinct() if year is not None]


def resolution_list(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "team.view_resolution_register")
    sees_more = is_office_staff(request.user) or bool(member_team_ids(request.user))
    form = ResolutionFilterForm(request.GET or None, years=register_years(), with_outcome=sees_more)
    resolutions = form.apply(register_for(request.user)).select_related("team", "meeting")
    resolutions = resolutions.order_by(
        F("year").desc(nulls_first=True), F("number").desc(nulls_first=True), "-created_at"
    )
    page = Paginator(resolutions, settings.PAGINATE_BY).get_page(request.GET.get("page"))
    return render(
        request,
        "team/resolution_list.html",
        {
            "filter_form": form,
            "page_obj": page,
            "sees_more": sees_more,
            "today": timezone.localdate(),
        },
    )


def _detail(
    request: HttpRequest,
    resolution: Resolution,
    *,
    sent_form: ResolutionSentForm | None = None,
    answer_form: ResolutionAnswerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    can_manage = request.user.has_perm("team.manage_resolutions", resolution)
    addressed = bool(resolution.addressee) and resolution.outcome == ResolutionOutcome.ADOPTED
    context: dict[str, Any] = {
        "resolution": resolution,
        "named_votes": list(
            resolution.named_votes.select_related("membership__person", "membership__institution")
        ),
        "can_view_meeting": request.user.has_perm("team.view_meeting", resolution.meeting),
        "can_manage": can_manage,
        "today": timezone.localdate(),
        "is_overdue": _is_overdue(resolution),
    }
    if can_manage and addressed:
        if resolution.addressee_status in (AddresseeStatus.TO_SEND, AddresseeStatus.SENT):
            initial = {"sent_on": resolution.sent_on or timezone.localdate()}
            if resolution.answer_due:
                initial["answer_due"] = resolution.answer_due
            context["sent_form"] = sent_form or ResolutionSentForm(initial=initial)
        if resolution.addressee_status == AddresseeStatus.SENT:
            context["answer_form"] = answer_form or ResolutionAnswerForm(
                initial={"received_on": timezone.localdate()}
            )
    return render(request, "team/resolution_detail.html", context, status=status)


def _is_overdue(resolution: Resolution) -> bool:
    return (
        resolution.addressee_status == AddresseeStatus.SENT
        and resolution.answer_due is not None
        and resolution.answer_due < timezone.localdate()
    )


def resolution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = get_resolution_for_user(request.user, pk)
    return _detail(request, resolution)


@login_required
@require_POST
def resolution_sent(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = get_resolution_for_user(request.user, pk, write=True)
    form = ResolutionSentForm(request.POST)
    if form.is_valid():
        try:
            services.resolution_mark_sent(
                resolution=resolution,
                actor=request.user,
                sent_on=form.cleaned_data["sent_on"],
                answer_due=form.cleaned_data["answer_due"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The sending has been recorded."))
            return redirect(resolution)
    return _detail(request, resolution, sent_form=form, status=400)


@login_required
@require_POST
def resolution_answer(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = get_resolution_for_user(request.user, pk, write=True)
    form = ResolutionAnswerForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.resolution_record_answer(
                resolution=resolution,
                actor=request.user,
                received_on=form.cleaned_data["received_on"],
                text=form.cleaned_data["text"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The answer has been recorded."))
            return redirect(resolution)
    return _detail(request, resolution, answer_form=form, status=400)


def resolution_answer_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    resolution = get_resolution_for_user(request.user, pk)
    if not resolution.answer_file:
        raise Http404
    try:
        handle = resolution.answer_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = sniff(handle) or "application/octet-stream"
    stored = resolution.answer_file.name
    suffix = stored.rsplit(".", 1)[-1].lower()[:8] if "." in stored else "bin"
    if resolution.number:
        name = f"odpowiedz-uchwala-{resolution.number}-{resolution.year}.{suffix}"
    else:
        name = f"odpowiedz-{resolution.pk}.{suffix}"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
