"""Minutes: the draft, comments, approval, and the PDF and DOCX."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import exports
from ..access import get_minutes_for_user
from ..choices import MeetingStatus, MinutesStatus
from ..exceptions import EditConflict
from ..forms_minutes import ApproveForm, CommentForm, ConsultationForm, MinutesForm
from ..models import AgendaItem, Meeting, Minutes, MinutesComment
from ..services import minutes as services

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _later_sittings(minutes: Minutes) -> Any:
    meeting = minutes.meeting
    return Meeting.objects.filter(
        team_id=meeting.team_id,
        starts_at__gt=meeting.starts_at,
        status__in=[MeetingStatus.CONVENED, MeetingStatus.HELD],
    ).order_by("starts_at")


def _comment_form(minutes: Minutes, data: Any = None) -> CommentForm:
    return CommentForm(data, meeting=minutes.meeting, minutes_id=minutes.pk)


def _render_detail(
    request: HttpRequest, minutes: Minutes, status: int = 200, **forms: Any
) -> HttpResponse:
    user = request.user
    can_manage = user.has_perm("team.manage_minutes", minutes)
    can_comment = minutes.status != MinutesStatus.APPROVED and user.has_perm(
        "team.comment_minutes", minutes
    )
    comments = list(
        MinutesComment.objects.filter(minutes=minutes, reply_to__isnull=True)
        .select_related("author", "agenda_item")
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=MinutesComment.objects.select_related("author").order_by(
                    "created_at", "id"
                ),
            )
        )
    )
    context: dict[str, Any] = {
        **exports.minutes_context(minutes),
        "comments": comments,
        "can_manage": can_manage,
        "can_comment": can_comment,
        "comment_form": forms.get("comment_form")
        or (_comment_form(minutes) if can_comment else None),
    }
    if can_manage and minutes.status != MinutesStatus.APPROVED:
        context["consultation_form"] = forms.get("consultation_form") or ConsultationForm()
        later = _later_sittings(minutes)
        context["approve_form"] = forms.get("approve_form") or ApproveForm(later=later)
    return render(request, "team/minutes_detail.html", context, status=status)


def minutes_detail(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = get_minutes_for_user(request.user, pk)
    return _render_detail(request, minutes)


@login_required
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = get_minutes_for_user(request.user, pk, write=True)
    items = list(AgendaItem.objects.filter(meeting_id=minutes.meeting_id).order_by("order", "id"))
    initial = {
        "version": minutes.version,
        "opening": minutes.opening,
        "closing": minutes.closing,
        "recorded_by": minutes.recorded_by,
    }
    form = MinutesForm(request.POST or None, initial=initial, items=items)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data, summaries = form.data_and_summaries()
        try:
            services.minutes_update(
                minutes=minutes,
                actor=request.user,
                data=data,
                summaries=summaries,
                expected_version=form.cleaned_data.get("version"),
            )
        except EditConflict as exc:
            conflict = exc
            # The form keeps what this person typed; the new version lets them save it
            # deliberately once they have seen the other person's values.
            form = MinutesForm(request.POST | {"version": str(exc.current.version)}, items=items)
            form.is_valid()
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The minutes have been saved."))
            return redirect(minutes)
    status = 409 if conflict else (400 if request.method == "POST" else 200)
    return render(
        request,
        "team/minutes_form.html",
        {"form": form, "minutes": minutes, "meeting": minutes.meeting, "conflict": conflict},
        status=status,
    )


@login_required
@require_POST
def minutes_consultation(request: HttpRequest, pk: int) -> HttpResponse:
    """Open the draft for comments with a deadline, or take it back to draft."""
    minutes = get_minutes_for_user(request.user, pk, write=True)
    if request.POST.get("action") == "draft":
        try:
            services.minutes_back_to_draft(minutes=minutes, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The minutes are a draft again."))
        return redirect(minutes)
    form = ConsultationForm(request.POST)
    if form.is_valid():
        try:
            services.minutes_open_consultation(
                minutes=minutes, actor=request.user, deadline=form.cleaned_data["deadline"]
            )
        except ValidationError as exc:
            form.add_error("deadline" if hasattr(exc, "error_dict") else None, exc)
        else:
            messages.success(
                request, _("The minutes are open for comments; members have been told.")
            )
            return redirect(minutes)
    return _render_detail(request, minutes, status=400, consultation_form=form)


@login_required
@require_POST
def minutes_comment(request: HttpRequest, pk: int) -> HttpResponse:
    # Any reader reaches the service, which says why a comment is refused (e.g. too late).
    minutes = get_minutes_for_user(request.user, pk)
    form = _comment_form(minutes, request.POST)
    if form.is_valid():
        try:
            services.minutes_comment_add(
                minutes=minutes,
                actor=request.user,
                text=form.cleaned_data["text"],
                agenda_item=form.cleaned_data.get("agenda_item"),
                reply_to=form.cleaned_data.get("reply_to"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your comment has been added."))
            return redirect(minutes.get_absolute_url() + "#comments")
    return _render_detail(request, minutes, status=400, comment_form=form)


@login_required
@require_POST
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = get_minutes_for_user(request.user, pk, write=True)
    form = ApproveForm(request.POST, later=_later_sittings(minutes))
    if form.is_valid():
        try:
            services.minutes_approve(
                minutes=minutes, actor=request.user, at_meeting=form.cleaned_data["at_meeting"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The minutes have been approved."))
            return redirect(minutes)
    return _render_detail(request, minutes, status=400, approve_form=form)


def _filename(minutes: Minutes, ext: str) -> str:
    meeting = minutes.meeting
    return f"protokol-{meeting.roman}-{slugify(meeting.team.short_name) or 'zespol'}.{ext}"


def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = get_minutes_for_user(request.user, pk)
    response = HttpResponse(exports.minutes_pdf(minutes=minutes), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(minutes, "pdf")}"'
    response["Cache-Control"] = "private, no-store"
    return response


def minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = get_minutes_for_user(request.user, pk)
    response = HttpResponse(exports.minutes_docx(minutes=minutes), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{_filename(minutes, "docx")}"'
    response["Cache-Control"] = "private, no-store"
    return response
