"""Sittings: planning, the agenda, convening, attendance and quorum, resolutions and votes."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skillshub.core.forms import add_service_errors

from .. import selectors
from ..access import (
    get_agenda_item_for_user,
    get_meeting_for_user,
    get_resolution_for_user,
    get_team_for_user,
    require_perm,
)
from ..choices import AttendanceKind, MeetingStatus
from ..exceptions import EditConflict
from ..forms_meetings import AgendaItemForm, AttendanceForm, MeetingForm, ResolutionForm, VoteForm
from ..models import Attendance, Meeting
from ..services import meetings as services
from ..workflow import AGENDA_EDITABLE, RECORDING_OPEN


def _flash(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
def meeting_list(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_team_for_user(request.user, pk)
    meetings = Meeting.objects.filter(team=team).order_by("-starts_at")
    page = Paginator(meetings, settings.PAGINATE_BY).get_page(request.GET.get("page"))
    return render(
        request,
        "team/meeting_list.html",
        {
            "team": team,
            "page_obj": page,
            "can_manage": request.user.has_perm("team.manage_meeting", Meeting(team=team)),
        },
    )


@login_required
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_team_for_user(request.user, pk)
    require_perm(request.user, "team.manage_meeting", Meeting(team=team))
    form = MeetingForm(
        request.POST or None,
        initial={"number": selectors.next_meeting_number(team=team)},
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            meeting = services.meeting_create(team=team, actor=request.user, data=data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("%(label)s has been planned. Now draft its agenda.") % {"label": meeting}
            )
            return redirect(meeting)
    return render(request, "team/meeting_form.html", {"form": form, "team": team})


def _detail_context(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    user = request.user
    can_manage = user.has_perm("team.manage_meeting", meeting)
    context: dict[str, Any] = {
        "meeting": meeting,
        "team": meeting.team,
        "items": list(meeting.agenda_items.all()),
        "can_manage": can_manage,
        "agenda_editable": can_manage and meeting.status in AGENDA_EDITABLE,
        "recording_open": can_manage and meeting.status in RECORDING_OPEN,
        "resolutions": list(
            meeting.resolutions.select_related("agenda_item", "team").order_by("id")
        ),
        "has_minutes": hasattr(meeting, "minutes") and meeting.status != MeetingStatus.PLANNED,
        "can_view_minutes": user.has_perm("team.view_minutes", meeting),
    }
    context.update(_attendance_context(meeting, can_manage=can_manage))
    if context["agenda_editable"]:
        context["item_form"] = AgendaItemForm(meeting=meeting)
    if context["recording_open"]:
        context["resolution_form"] = ResolutionForm(meeting=meeting)
    return context


KIND_ORDER: dict[str, int] = {
    AttendanceKind.MEMBER: 0,
    AttendanceKind.DEPUTY: 1,
    AttendanceKind.GUEST: 2,
}


def _attendance_order(row: Attendance) -> tuple[int, str, str]:
    """Members, then deputies, then guests; by surname within each."""
    person = row.membership.person if row.membership else None
    if person is None:
        return (KIND_ORDER.get(row.kind, 9), row.guest_name, "")
    return (KIND_ORDER.get(row.kind, 9), person.last_name, person.first_name)


def _attendance_context(
    meeting: Meeting, *, can_manage: bool, form: AttendanceForm | None = None
) -> dict[str, Any]:
    # Read afresh: the sitting's prefetched rows are stale once someone has been added.
    rows = sorted(
        Attendance.objects.filter(meeting=meeting).select_related(
            "membership__person", "stands_in_for__person", "institution"
        ),
        key=_attendance_order,
    )
    context: dict[str, Any] = {
        "meeting": meeting,
        "attendance_rows": rows,
        "quorum": selectors.quorum_state(meeting=meeting),
        "recording_open": can_manage and meeting.status in RECORDING_OPEN,
    }
    if context["recording_open"]:
        context["attendance_form"] = form or AttendanceForm(
            candidates=selectors.attendance_candidates(meeting=meeting)
        )
    return context


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    return render(request, "team/meeting_detail.html", _detail_context(request, meeting))


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, write=True)
    form = MeetingForm(request.POST or None, instance=meeting)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            meeting = services.meeting_update(
                meeting=meeting,
                actor=request.user,
                data=data,
                expected_version=form.cleaned_data.get("version"),
            )
        except EditConflict as exc:
            conflict = exc
            # The form keeps what this person typed; the new version lets them save it
            # deliberately once they have seen the other person's values.
            data = request.POST.copy()
            data["version"] = str(exc.current.version)
            form = MeetingForm(data, instance=exc.current)
            form.is_valid()
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if meeting.status == MeetingStatus.CONVENED:
                messages.success(
                    request, _("Saved. Members have been sent the updated invitation.")
                )
            else:
                messages.success(request, _("The changes have been saved."))
            return redirect(meeting)
    return render(
        request,
        "team/meeting_form.html",
        {"form": form, "team": meeting.team, "meeting": meeting, "conflict": conflict},
        status=409 if conflict else 200,
    )


@login_required
@require_POST
def meeting_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Convene, cancel, or record that the sitting was held."""
    meeting = get_meeting_for_user(request.user, pk, write=True)
    action = request.POST.get("action")
    try:
        if action == "convene":
            services.meeting_convene(meeting=meeting, actor=request.user)
            messages.success(
                request, _("The sitting is convened. Invitations with a calendar file are queued.")
            )
        elif action == "cancel":
            services.meeting_cancel(meeting=meeting, actor=request.user)
            messages.success(request, _("The sitting is cancelled."))
        elif action == "held":
            services.meeting_mark_held(meeting=meeting, actor=request.user)
            messages.success(request, _("The sitting is recorded as held. Its minutes are open."))
        else:
            messages.error(request, _("Unknown action."))
    except ValidationError as exc:
        _flash(request, exc)
    return redirect(meeting)


# --- Agenda -----------------------------------------------------------------------------------


@login_required
def agenda_item_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, write=True)
    form = AgendaItemForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        documents = data.pop("documents")
        matter = data.pop("matter", None)
        try:
            services.agenda_item_add(
                meeting=meeting,
                actor=request.user,
                data=data,
                documents=documents,
                matter=matter,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The item has been added to the agenda."))
            return redirect(meeting.get_absolute_url() + "#agenda")
    return render(
        request, "team/agenda_item_form.html", {"form": form, "meeting": meeting, "item": None}
    )


@login_required
def agenda_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_agenda_item_for_user(request.user, pk)
    meeting = item.meeting
    form = AgendaItemForm(request.POST or None, instance=item, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        documents = data.pop("documents")
        try:
            services.agenda_item_update(
                item=item, actor=request.user, data=data, documents=documents
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(meeting.get_absolute_url() + "#agenda")
    return render(
        request, "team/agenda_item_form.html", {"form": form, "meeting": meeting, "item": item}
    )


@login_required
@require_POST
def agenda_item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_agenda_item_for_user(request.user, pk)
    meeting = item.meeting
    try:
        services.agenda_item_remove(item=item, actor=request.user)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("The item has been removed from the agenda."))
    return redirect(meeting.get_absolute_url() + "#agenda")


@login_required
@require_POST
def agenda_item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_agenda_item_for_user(request.user, pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    try:
        services.agenda_item_move(item=item, actor=request.user, offset=offset)
    except ValidationError as exc:
        _flash(request, exc)
    return redirect(item.meeting.get_absolute_url() + "#agenda")


# --- Attendance and quorum --------------------------------------------------------------------


def _is_htmx(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request"))


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """The attendance panel: GET shows it (htmx refreshes it), POST adds someone."""
    meeting = get_meeting_for_user(request.user, pk)
    can_manage = request.user.has_perm("team.manage_meeting", meeting)
    form = None
    status = 200
    if request.method == "POST":
        require_perm(request.user, "team.manage_meeting", meeting)
        form = AttendanceForm(
            request.POST, candidates=selectors.attendance_candidates(meeting=meeting)
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.attendance_record(
                    meeting=meeting,
                    actor=request.user,
                    kind=data["kind"],
                    membership=data["membership"] if data["kind"] != AttendanceKind.GUEST else None,
                    guest_name=data["guest_name"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
                status = 422
            else:
                form = None
                if not _is_htmx(request):
                    messages.success(request, _("Attendance recorded."))
                    return redirect(meeting.get_absolute_url() + "#attendance")
        else:
            status = 422
        if form is not None and not _is_htmx(request):
            context = _detail_context(request, meeting)
            context.update(_attendance_context(meeting, can_manage=can_manage, form=form))
            return render(request, "team/meeting_detail.html", context, status=status)
    context = _attendance_context(meeting, can_manage=can_manage, form=form)
    # htmx swaps only 2xx responses by default; errors are shown in the panel.
    return render(
        request, "team/_attendance.html", context, status=200 if _is_htmx(request) else status
    )


@login_required
@require_POST
def attendance_delete(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Attendance.objects.select_related("meeting"), pk=pk)
    meeting = get_meeting_for_user(request.user, row.meeting_id, write=True)
    try:
        services.attendance_remove(attendance=row, actor=request.user)
    except ValidationError as exc:
        _flash(request, exc)
    if _is_htmx(request):
        return render(
            request, "team/_attendance.html", _attendance_context(meeting, can_manage=True)
        )
    return redirect(meeting.get_absolute_url() + "#attendance")


# --- Resolutions and votes --------------------------------------------------------------------


@login_required
@require_POST
def resolution_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, write=True)
    form = ResolutionForm(request.POST, meeting=meeting)
    if form.is_valid():
        data = dict(form.cleaned_data)
        item = data.pop("agenda_item")
        try:
            resolution = services.resolution_draft(
                meeting=meeting, actor=request.user, data=data, agenda_item=item
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The draft resolution is ready for the vote."))
            return redirect("team:resolution_vote", pk=resolution.pk)
    context = _detail_context(request, meeting)
    context["resolution_form"] = form
    return render(request, "team/meeting_detail.html", context, status=422)


@login_required
def resolution_vote(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = get_resolution_for_user(request.user, pk, write=True)
    meeting = resolution.meeting
    voters = selectors.present_voters(meeting=meeting)
    decides_matter = bool(resolution.agenda_item and resolution.agenda_item.matter_id)
    form = VoteForm(request.POST or None, voters=voters, decides_matter=decides_matter)
    quorum = selectors.quorum_state(meeting=meeting)
    if request.method == "POST" and form.is_valid():
        named = form.named_votes()
        try:
            resolution = services.resolution_vote(
                resolution=resolution,
                actor=request.user,
                votes_for=form.cleaned_data["votes_for"],
                votes_against=form.cleaned_data["votes_against"],
                votes_abstain=form.cleaned_data["votes_abstain"],
                named_votes=named or None,
                amended=bool(form.cleaned_data.get("amended")),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if resolution.number:
                messages.success(
                    request, _("%(label)s has been adopted.") % {"label": resolution.label}
                )
            else:
                messages.warning(request, _("The resolution was not adopted."))
            return redirect(meeting.get_absolute_url() + "#resolutions")
    return render(
        request,
        "team/resolution_vote.html",
        {"form": form, "resolution": resolution, "meeting": meeting, "quorum": quorum},
        status=422 if form.errors else 200,
    )
