"""One matter: raising it, its timeline, the proposal, comments, moves, forwarding."""

from __future__ import annotations

import mimetypes
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skillshub.accounts.rules import is_office_staff
from skillshub.core.forms import add_service_errors

from .. import selectors, services
from ..access import get_matter_for_user, require_perm
from ..choices import MatterState
from ..exceptions import EditConflict, StaleMove
from ..forms import (
    AnswerForm,
    AttachmentForm,
    CommentForm,
    ConsultationForm,
    ForwardForm,
    MatterForm,
    MoveForm,
    ProposalForm,
)
from ..models import Matter, MatterAttachment, MatterComment
from ..workflow import next_states

S = MatterState
# Moves that need more than a button: their own forms.
OWN_FORM_MOVES = {S.FORWARDED: "matters:matter_forward", S.ANSWERED: "matters:matter_answer"}
PROPOSAL_STATES = (S.ACCEPTED, S.PROPOSAL_IN_PREPARATION, S.PROPOSAL_READY)
CONSULTATION_STATES = (S.PROPOSAL_IN_PREPARATION, S.PROPOSAL_READY)


def _flash(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _stale(request: HttpRequest, exc: StaleMove) -> HttpResponse:
    """Someone moved the matter first: say where it is now, who moved it and when."""
    matter = exc.matter
    last = matter.transitions.select_related("actor").order_by("created_at", "id").last()
    if last is None:
        messages.error(
            request,
            _("Your move was not made: the matter is now “%(state)s”.")
            % {"state": matter.get_state_display()},
        )
    else:
        messages.error(
            request,
            _(
                "Your move was not made: meanwhile %(who)s moved the matter to “%(state)s” "
                "on %(when)s. Check its current state below."
            )
            % {
                "who": str(last.actor) if last.actor else _("someone"),
                "state": matter.get_state_display(),
                "when": formats.date_format(last.created_at, "DATETIME_FORMAT"),
            },
        )
    return redirect(matter)


# --- Raising and editing ----------------------------------------------------------------------


def _default_institution(user: Any) -> int | None:
    person = getattr(user, "contact_person", None)
    return person.institution_id if person is not None else None


@login_required
def matter_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "matters.add_matter")
    staff = is_office_staff(request.user)
    if request.method == "POST":
        form = MatterForm(request.POST, request.FILES, staff=staff, creating=True)
        if form.is_valid():
            try:
                matter = services.matter_create(
                    actor=request.user,
                    data=form.service_data(),
                    areas=form.cleaned_data["areas"],
                    counties=form.cleaned_data["counties"],
                    attachments=form.cleaned_data["attachments"],
                    submission_key=form.cleaned_data["submission_key"],
                    submit="submit" in request.POST,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if matter.state == S.DRAFT:
                    messages.success(request, _("The matter has been saved as a draft."))
                else:
                    messages.success(request, _("The matter has been submitted to the office."))
                return redirect(matter)
        return render(request, "matters/matter_form.html", {"form": form}, status=400)
    form = MatterForm(
        initial={
            "submission_key": uuid.uuid4(),
            "on_behalf_of": _default_institution(request.user),
        },
        staff=staff,
        creating=True,
    )
    return render(request, "matters/matter_form.html", {"form": form})


@login_required
def matter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    matter = get_matter_for_user(request.user, pk, write=True)
    staff = is_office_staff(request.user)
    conflict = None
    status = 200
    if request.method == "POST":
        form = MatterForm(request.POST, staff=staff, creating=False)
        if form.is_valid():
            try:
                matter = services.matter_update(
                    matter=matter,
                    actor=request.user,
                    data=form.service_data(),
                    areas=form.cleaned_data["areas"],
                    counties=form.cleaned_data["counties"],
                    expected_version=form.cleaned_data["version"],
                )
            except EditConflict as exc:
                conflict = exc
                # Keep what this person typed; the new version lets them save it deliberately
                # once they have seen the other person's values.
                data = request.POST.copy()
                data["version"] = str(exc.current.version)
                form = MatterForm(data, staff=staff, creating=False)
                form.is_valid()
                status = 409
            except ValidationError as exc:
                add_service_errors(form, exc)
                status = 400
            else:
                messages.success(request, _("The changes have been saved."))
                return redirect(matter)
        else:
            status = 400
    else:
        form = MatterForm(initial=MatterForm.initial_for(matter), staff=staff, creating=False)
    return render(
        request,
        "matters/matter_form.html",
        {"form": form, "matter": matter, "conflict": conflict},
        status=status,
    )


# --- The page ---------------------------------------------------------------------------------


def _detail(
    request: HttpRequest,
    matter: Matter,
    *,
    comment_form: CommentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    events = selectors.timeline(matter=matter)
    proposals = sorted(
        (e.item for e in events if e.kind == "proposal"), key=lambda p: p.number, reverse=True
    )
    can_move = user.has_perm("matters.move_matter", matter)
    moves = []
    if can_move:
        for target in next_states(matter.state):
            moves.append(
                {
                    "target": target,
                    "label": S(target).label,
                    "url_name": OWN_FORM_MOVES.get(S(target)),
                }
            )
    can_write_proposal = (
        user.has_perm("matters.write_proposal", matter) and matter.state in PROPOSAL_STATES
    )
    can_change = user.has_perm("matters.change_matter", matter) and matter.state != S.CLOSED
    can_comment = user.has_perm("matters.comment_matter", matter) and matter.state != S.CLOSED
    context: dict[str, Any] = {
        "matter": matter,
        "events": events,
        "proposal": proposals[0] if proposals else None,
        "older_proposals": proposals[1:],
        "attachments": list(matter.attachments.all()),
        "overdue": matter.is_overdue(),
        "answer_overdue": matter.state == S.FORWARDED and matter.is_overdue(),
        "can_change": can_change,
        "can_submit": user.has_perm("matters.submit_matter", matter) and matter.state == S.DRAFT,
        "can_attach": can_change and (is_office_staff(user) or matter.state == S.DRAFT),
        "can_move": can_move,
        "moves": moves,
        "can_write_proposal": can_write_proposal,
        "can_open_consultation": can_write_proposal
        and matter.state in CONSULTATION_STATES
        and bool(proposals),
        "consultation_is_open": services.consultation_is_open(matter),
        "can_comment": can_comment,
        "can_reply": can_comment and is_office_staff(user),
        "comment_form": comment_form or (CommentForm() if can_comment else None),
        "attachment_form": AttachmentForm(),
    }
    return render(request, "matters/matter_detail.html", context, status=status)


def matter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Open to whoever may see the matter, including the public once it is decided and
    public; everyone else gets 404."""
    return _detail(request, get_matter_for_user(request.user, pk))


# --- Moves ------------------------------------------------------------------------------------


@login_required
@require_POST
def matter_submit(request: HttpRequest, pk: int) -> HttpResponse:
    matter = get_matter_for_user(request.user, pk)
    require_perm(request.user, "matters.submit_matter", matter)
    try:
        services.matter_submit(matter=matter, actor=request.user)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("The matter has been submitted to the office."))
    return redirect(matter)


@login_required
@require_POST
def matter_move(request: HttpRequest, pk: int) -> HttpResponse:
    matter = get_matter_for_user(request.user, pk)
    require_perm(request.user, "matters.move_matter", matter)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That move is not known."))
        return redirect(matter)
    try:
        moved = services.matter_move(
            matter=matter,
            actor=request.user,
            target=form.cleaned_data["target"],
            expected_state=form.cleaned_data["expected_state"],
            note=form.cleaned_data["note"],
        )
    except StaleMove as exc:
        return _stale(request, exc)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(
            request,
            _("The matter is now “%(state)s”.") % {"state": moved.get_state_display()},
        )
    return redirect(matter)


# --- The proposal, the consultation, comments -------------------------------------------------


@login_required
def proposal_create(request: HttpRequest, pk: int) -> HttpResponse:
    matter = get_matter_for_user(request.user, pk)
    require_perm(request.user, "matters.write_proposal", matter)
    latest = matter.proposals.order_by("-number").first()
    if request.method == "POST":
        form = ProposalForm(request.POST)
        if form.is_valid():
            try:
                proposal = services.proposal_add(
                    matter=matter,
                    actor=request.user,
                    text=form.cleaned_data["text"],
                    options=form.cleaned_data["options"],
                    recommended=form.cleaned_data["recommended_index"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Version %(n)s of the proposed solution has been saved.")
                    % {"n": proposal.number},
                )
                return redirect(matter)
        status = 400
    else:
        form = ProposalForm(initial=ProposalForm.initial_for(latest))
        status = 200
    return render(
        request,
        "matters/proposal_form.html",
        {"form": form, "matter": matter, "latest": latest},
        status=status,
    )


@login_required
def consultation_open(request: HttpRequest, pk: int) -> HttpResponse:
    matter = get_matter_for_user(request.user, pk)
    require_perm(request.user, "matters.write_proposal", matter)
    if request.method == "POST":
        form = ConsultationForm(request.POST)
        if form.is_valid():
            try:
                services.consultation_open(
                    matter=matter, actor=request.user, deadline=form.cleaned_data["deadline"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Members have been invited to comment on the proposal.")
                )
                return redirect(matter)
        status = 400
    else:
        form = ConsultationForm(initial={"deadline": matter.consultation_deadline})
        status = 200
    return render(
        request,
        "matters/matter_consultation_form.html",
        {"form": form, "matter": matter},
        status=status,
    )


@login_required
@require_POST
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    matter = get_matter_for_user(request.user, pk)
    require_perm(request.user, "matters.comment_matter", matter)
    form = CommentForm(request.POST)
    if form.is_valid():
        reply_to = None
        reply_pk = form.cleaned_data.get("reply_to")
        if reply_pk and is_office_staff(request.user):  # replies are the office's
            reply_to = get_object_or_404(MatterComment, pk=reply_pk, matter=matter)
        try:
            services.comment_add(
                matter=matter, actor=request.user, text=form.cleaned_data["text"], reply_to=reply_to
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your comment has been added."))
            return redirect(f"{matter.get_absolute_url()}#timeline")
    return _detail(request, matter, comment_form=form, status=400)


# --- Forwarding and the answer ----------------------------------------------------------------


@login_required
def matter_forward(request: HttpRequest, pk: int) -> HttpResponse:
    matter = get_matter_for_user(request.user, pk)
    require_perm(request.user, "matters.move_matter", matter)
    if request.method == "POST":
        form = ForwardForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.matter_forward(
                    matter=matter,
                    actor=request.user,
                    addressee_kind=data["addressee_kind"],
                    addressee=data["addressee"],
                    forwarded_on=data["forwarded_on"],
                    answer_due=data["answer_due"],
                    letter=data["letter"],
                    expected_state=data["expected_state"],
                )
            except StaleMove as exc:
                return _stale(request, exc)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The forwarding has been recorded."))
                return redirect(matter)
        status = 400
    else:
        form = ForwardForm(initial={"expected_state": matter.state})
        status = 200
    return render(
        request, "matters/forward_form.html", {"form": form, "matter": matter}, status=status
    )


@login_required
def matter_answer(request: HttpRequest, pk: int) -> HttpResponse:
    matter = get_matter_for_user(request.user, pk)
    require_perm(request.user, "matters.move_matter", matter)
    if request.method == "POST":
        form = AnswerForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.matter_record_answer(
                    matter=matter,
                    actor=request.user,
                    received_on=data["received_on"],
                    text=data["text"],
                    file=data["file"],
                    expected_state=data["expected_state"],
                )
            except StaleMove as exc:
                return _stale(request, exc)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The answer has been recorded."))
                return redirect(matter)
        status = 400
    else:
        form = AnswerForm(initial={"expected_state": matter.state})
        status = 200
    return render(
        request, "matters/answer_form.html", {"form": form, "matter": matter}, status=status
    )


# --- Files ------------------------------------------------------------------------------------


@login_required
@require_POST
def attachment_create(request: HttpRequest, pk: int) -> HttpResponse:
    matter = get_matter_for_user(request.user, pk, write=True)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to add."))
        return redirect(matter)
    try:
        services.matter_attach(matter=matter, actor=request.user, file=form.cleaned_data["file"])
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("The file has been added."))
    return redirect(matter)


def _serve(file: FieldFile, *, filename: str, content_type: str, public: bool) -> FileResponse:
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    if not public:
        # A members-only file must never sit in a shared cache.
        response["Cache-Control"] = "private, no-store"
    return response


def _is_public(matter: Matter) -> bool:
    return matter.is_public and matter.state in Matter.PUBLIC_STATES


def _stored(matter: Matter, file: FieldFile, stem: str) -> tuple[str, str]:
    """A download name and type for a file stored under a random name."""
    name = file.name or ""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else "bin"
    filename = f"{stem}-{matter.pk}.{suffix}"
    return filename, mimetypes.guess_type(filename)[0] or "application/octet-stream"


def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(MatterAttachment.objects.only("matter_id"), pk=pk)
    matter = get_matter_for_user(request.user, attachment.matter_id)
    attachment = get_object_or_404(MatterAttachment, pk=pk, matter=matter)
    return _serve(
        attachment.file,
        filename=attachment.original_name,
        content_type=attachment.content_type,
        public=_is_public(matter),
    )


def letter_download(request: HttpRequest, pk: int) -> FileResponse:
    matter = get_matter_for_user(request.user, pk)
    if not matter.letter:
        raise Http404
    filename, content_type = _stored(matter, matter.letter, "letter")
    return _serve(
        matter.letter, filename=filename, content_type=content_type, public=_is_public(matter)
    )


def answer_file_download(request: HttpRequest, pk: int) -> FileResponse:
    matter = get_matter_for_user(request.user, pk)
    if not matter.answer_file:
        raise Http404
    filename, content_type = _stored(matter, matter.answer_file, "answer")
    return _serve(
        matter.answer_file,
        filename=filename,
        content_type=content_type,
        public=_is_public(matter),
    )
