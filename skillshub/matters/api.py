"""REST API for matters: the public reads decided public matters, WZK members raise, submit and
comment, office staff move matters along the workflow. Every write calls the same service as the
web pages.

Status codes: no token for a write is 401; a matter the caller may not see is 404 (never a
leak); a matter they see but may not act on is 403 (the stakeholders API's convention); a move
made meanwhile by someone else is 409 with the current state; a refused move or bad data is 422
with the reason per field.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from skillshub.accounts.api_auth import TokenOrAnonymous
from skillshub.accounts.rules import is_office_staff
from skillshub.core.models import County, StrategyArea
from skillshub.core.pagination import BoundedPagination
from skillshub.stakeholders.models import Institution

from . import selectors, services
from .choices import AddresseeKind, MatterState, Urgency
from .exceptions import StaleMove
from .models import Matter, MatterComment, MatterQuerySet, Proposal

router = Router(tags=["matters"], auth=TokenOrAnonymous())


# --- Schemas ----------------------------------------------------------------------------------


class MatterOut(Schema):
    """A matter as the caller may see it (anonymous callers see only decided public ones)."""

    id: int
    title: str
    state: str
    state_label: str
    urgency: str
    raised_by: str = Field(..., description="who raised it; empty for anonymous callers")
    raised_orally: bool
    on_behalf_of: str | None
    areas: list[int] = Field(..., description="ZSU 2030 areas of impact (1–8)")
    counties: list[str] = Field(..., description="TERYT codes of the counties concerned")
    proposal_due: datetime.date | None
    answer_due: datetime.date | None
    overdue: bool
    confidential: bool
    is_public: bool
    sitting_label: str
    sitting_date: datetime.date | None
    decision: str
    decision_label: str
    decided_on: datetime.date | None
    addressee_kind: str
    addressee: str
    forwarded_on: datetime.date | None
    answer_received_on: datetime.date | None
    version: int
    created_at: datetime.datetime
    submitted_at: datetime.datetime | None
    url: str


class OptionOut(Schema):
    title: str
    text: str


class ProposalOut(Schema):
    number: int
    text: str
    options: list[OptionOut]
    recommended: int | None = Field(..., description="index into options")
    created_at: datetime.datetime


class CommentOut(Schema):
    id: int
    author: str
    text: str
    reply_to_id: int | None
    created_at: datetime.datetime


class TimelineEventOut(Schema):
    """One entry of the timeline: a move (from_state, to_state, note) or a comment."""

    kind: str = Field(..., description="move or comment")
    at: datetime.datetime
    actor: str
    from_state: str | None = None
    to_state: str | None = None
    note: str | None = None
    comment: CommentOut | None = None


class MatterDetailOut(MatterOut):
    description: str
    rejection_reason: str
    consultation_deadline: datetime.datetime | None
    answer_text: str
    proposal: ProposalOut | None = Field(..., description="the current version")
    timeline: list[TimelineEventOut]


class MatterIn(Schema):
    title: str = Field(..., max_length=300)
    description: str
    urgency: Urgency = Urgency.NORMAL
    confidential: bool = False
    on_behalf_of_id: int | None = Field(None, description="the institution raising it")
    areas: list[int] = Field(default_factory=list, description="ZSU areas of impact (1–8)")
    counties: list[str] = Field(default_factory=list, description="county TERYT codes")
    submit: bool = Field(False, description="submit at once instead of keeping a draft")
    submission_key: uuid.UUID | None = Field(
        None, description="send the same key on a retry: the matter is created once (200)"
    )


class CommentIn(Schema):
    text: str = Field(..., max_length=5000)
    reply_to: int | None = Field(None, description="the id of the comment replied to")


class MoveIn(Schema):
    target: MatterState
    expected_state: MatterState | None = Field(
        None, description="the state you saw; if the matter has moved since, the answer is 409"
    )
    note: str = Field("", description="a note for the timeline; the reason when rejecting")


class OptionIn(Schema):
    title: str = ""
    text: str = ""


class ProposalIn(Schema):
    text: str
    options: list[OptionIn] = Field(default_factory=list)
    recommended: int | None = Field(None, description="index into options")


class ForwardIn(Schema):
    addressee_kind: AddresseeKind
    addressee: str
    forwarded_on: datetime.date
    answer_due: datetime.date | None = None
    expected_state: MatterState | None = None


class AnswerIn(Schema):
    received_on: datetime.date
    text: str
    expected_state: MatterState | None = None


class Message(Schema):
    detail: str


class FieldErrors(Schema):
    detail: str
    errors: dict[str, list[str]]


class MoveConflict(Schema):
    detail: str
    seen: str
    current_state: str
    current_state_label: str
    version: int


# --- Helpers ----------------------------------------------------------------------------------


def _user(request: HttpRequest) -> Any:
    return getattr(request, "auth", None)


def _require_signed_in(request: HttpRequest) -> Any:
    user = _user(request)
    if user is None or not user.is_authenticated:
        raise HttpError(401, "This needs an API token (Authorization: Bearer <token>).")
    return user


def _matters(user: Any) -> MatterQuerySet:
    return (
        Matter.objects.visible_to(user)
        .select_related("raised_by", "on_behalf_of")
        .prefetch_related(
            Prefetch("areas", queryset=StrategyArea.objects.only("id", "number")),
            Prefetch("counties", queryset=County.objects.only("id", "teryt")),
        )
    )


def _matter_for(user: Any, matter_id: int, perm: str | None = None) -> Matter:
    """The matter if the caller may see it (else 404), and may do ``perm`` on it (else 403)."""
    matter = _matters(user).filter(pk=matter_id).first()
    if matter is None:
        raise Http404
    if perm is not None and not user.has_perm(perm, matter):
        raise HttpError(403, "You may not do this with this matter.")
    return matter


def _validation_response(exc: ValidationError) -> Status[dict[str, Any]]:
    if hasattr(exc, "error_dict"):
        errors = {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
    else:
        errors = {"__all__": [str(m) for m in exc.messages]}
    return Status(422, {"detail": "The request cannot be carried out.", "errors": errors})


def _stale(exc: StaleMove) -> Status[dict[str, Any]]:
    current = exc.matter
    return Status(
        409,
        {
            "detail": "Someone moved this matter after you looked at it; your move was not made.",
            "seen": exc.seen,
            "current_state": current.state,
            "current_state_label": str(current.get_state_display()),
            "version": current.version,
        },
    )


def _name(user: Any) -> str:
    return str(user) if user is not None else ""


def _matter_out(matter: Matter, *, signed_in: bool) -> dict[str, Any]:
    return {
        "id": matter.pk,
        "title": matter.title,
        "state": matter.state,
        "state_label": str(matter.get_state_display()),
        "urgency": matter.urgency,
        "raised_by": matter.raiser_display if signed_in else "",
        "raised_orally": matter.raised_orally,
        "on_behalf_of": matter.on_behalf_of.name if matter.on_behalf_of else None,
        "areas": [a.number for a in matter.areas.all()],
        "counties": [c.teryt for c in matter.counties.all()],
        "proposal_due": matter.proposal_due,
        "answer_due": matter.answer_due,
        "overdue": matter.is_overdue(),
        "confidential": matter.confidential,
        "is_public": matter.is_public,
        "sitting_label": matter.sitting_label,
        "sitting_date": matter.sitting_date,
        "decision": matter.decision,
        "decision_label": matter.decision_label,
        "decided_on": matter.decided_on,
        "addressee_kind": matter.addressee_kind,
        "addressee": matter.addressee,
        "forwarded_on": matter.forwarded_on,
        "answer_received_on": matter.answer_received_on,
        "version": matter.version,
        "created_at": matter.created_at,
        "submitted_at": matter.submitted_at,
        "url": matter.get_absolute_url(),
    }


def _comment_out(comment: MatterComment) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "author": _name(comment.author),
        "text": comment.text,
        "reply_to_id": comment.reply_to_id,
        "created_at": comment.created_at,
    }


def _proposal_out(proposal: Proposal | None) -> dict[str, Any] | None:
    if proposal is None:
        return None
    return {
        "number": proposal.number,
        "text": proposal.text,
        "options": [
            {"title": o.get("title", ""), "text": o.get("text", "")} for o in proposal.options
        ],
        "recommended": proposal.recommended,
        "created_at": proposal.created_at,
    }


def _detail_out(matter: Matter, *, user: Any) -> dict[str, Any]:
    """The matter with its current proposal and timeline. The public sees the moves only, with
    no names: the consultation among members is not public information."""
    signed_in = bool(user is not None and user.is_authenticated)
    events: list[dict[str, Any]] = []
    for event in selectors.timeline(matter=matter):
        if event.kind == "move":
            move = event.item
            events.append(
                {
                    "kind": "move",
                    "at": event.at,
                    "actor": _name(move.actor) if signed_in else "",
                    "from_state": move.from_state,
                    "to_state": move.to_state,
                    "note": move.note,
                }
            )
        elif event.kind == "comment" and signed_in:
            for comment in [event.item, *event.item.replies.all()]:
                events.append(
                    {
                        "kind": "comment",
                        "at": comment.created_at,
                        "actor": _name(comment.author),
                        "comment": _comment_out(comment),
                    }
                )
    current = matter.proposals.order_by("-number").first()
    return {
        **_matter_out(matter, signed_in=signed_in),
        "description": matter.description,
        "rejection_reason": matter.rejection_reason,
        "consultation_deadline": matter.consultation_deadline,
        "answer_text": matter.answer_text,
        "proposal": _proposal_out(current),
        "timeline": events,
    }


def _reloaded(user: Any, matter: Matter) -> dict[str, Any]:
    return _detail_out(_matters(user).get(pk=matter.pk), user=user)


class _Page:
    """A lazily sliced queryset whose rows come out as dicts."""

    def __init__(self, queryset: QuerySet[Matter], *, signed_in: bool) -> None:
        self.queryset = queryset
        self.signed_in = signed_in

    def count(self) -> int:
        return int(self.queryset.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[dict[str, Any]]:
        return [_matter_out(m, signed_in=self.signed_in) for m in self.queryset[key]]


# --- Reads ------------------------------------------------------------------------------------


@router.get("", response=list[MatterOut])
@paginate(BoundedPagination)
def list_matters(
    request: HttpRequest, state: str = "", q: str = "", overdue: bool | None = None
) -> Any:
    """The matters the caller may see, newest first.

    Without a token this is the public list: only decided matters marked public (decided,
    forwarded, answered or closed), so there is no separate public endpoint. A WZK member's
    token also sees their own matters and every submitted matter that is not confidential;
    staff see everything. Filters: ``state``, ``q`` (text in the title or the description),
    ``overdue`` (the office's proposal or the addressee's answer is late).
    """
    user = _user(request)
    queryset = _matters(user)
    if state:
        if state not in MatterState.values:
            raise HttpError(422, f"state: one of {', '.join(MatterState.values)}")
        queryset = queryset.filter(state=state)
    if q:
        queryset = queryset.search(q)
    if overdue is True:
        queryset = queryset.overdue()
    elif overdue is False:
        queryset = queryset.exclude(pk__in=Matter.objects.overdue().values("pk"))
    signed_in = bool(user is not None and user.is_authenticated)
    return _Page(queryset.order_by("-created_at", "-id"), signed_in=signed_in)


@router.get("/{matter_id}", response={200: MatterDetailOut, 404: Message})
def get_matter(request: HttpRequest, matter_id: int) -> Any:
    """A matter with its current proposal and its timeline (moves, and comments for members
    and staff). A matter the caller may not see answers 404."""
    user = _user(request)
    return _detail_out(_matter_for(user, matter_id), user=user)


# --- Members (and staff) ----------------------------------------------------------------------


def _resolve(payload: MatterIn) -> tuple[dict[str, Any], list[StrategyArea], list[County]]:
    errors: dict[str, str] = {}
    areas = list(StrategyArea.objects.filter(part="detailed", number__in=payload.areas))
    if len(areas) != len(set(payload.areas)):
        errors["areas"] = "Areas of impact are numbers 1–8."
    counties = list(County.objects.in_region().filter(teryt__in=payload.counties))
    if len(counties) != len(set(payload.counties)):
        errors["counties"] = "Unknown county TERYT code in this region."
    data: dict[str, Any] = {
        "title": payload.title,
        "description": payload.description,
        "urgency": str(payload.urgency.value),
        "confidential": payload.confidential,
    }
    if payload.on_behalf_of_id is not None:
        institution = Institution.objects.filter(pk=payload.on_behalf_of_id).first()
        if institution is None:
            errors["on_behalf_of_id"] = "No such institution."
        data["on_behalf_of"] = institution
    if errors:
        raise ValidationError(errors)
    return data, areas, counties


@router.post(
    "",
    response={
        200: MatterDetailOut,
        201: MatterDetailOut,
        401: Message,
        403: Message,
        409: Message,
        422: FieldErrors,
    },
)
def create_matter(request: HttpRequest, payload: MatterIn) -> Any:
    """Raise a matter (a draft, or submitted at once with ``submit``). A retry carrying the
    same ``submission_key`` returns the matter already made, with 200 instead of 201."""
    actor = _require_signed_in(request)
    if not actor.has_perm("matters.add_matter"):
        raise HttpError(403, "Only WZK members and the office raise matters.")
    key = payload.submission_key
    if key is not None:
        earlier = Matter.objects.filter(submission_key=key).first()
        if earlier is not None:
            if earlier.raised_by_id != actor.pk:
                return Status(409, {"detail": "This submission key belongs to another matter."})
            return Status(200, _reloaded(actor, earlier))
    try:
        data, areas, counties = _resolve(payload)
        matter = services.matter_create(
            actor=actor,
            data=data,
            areas=areas,
            counties=counties,
            submission_key=key,
            submit=payload.submit,
        )
    except ValidationError as exc:
        return _validation_response(exc)
    return Status(201, _reloaded(actor, matter))


@router.post(
    "/{matter_id}/submit",
    response={200: MatterDetailOut, 401: Message, 403: Message, 404: Message, 422: FieldErrors},
)
def submit_matter(request: HttpRequest, matter_id: int) -> Any:
    """Submit a draft to the office."""
    actor = _require_signed_in(request)
    matter = _matter_for(actor, matter_id, "matters.submit_matter")
    try:
        matter = services.matter_submit(matter=matter, actor=actor)
    except ValidationError as exc:
        return _validation_response(exc)
    return _reloaded(actor, matter)


@router.post(
    "/{matter_id}/comments",
    response={201: CommentOut, 401: Message, 403: Message, 404: Message, 422: FieldErrors},
)
def add_comment(request: HttpRequest, matter_id: int, payload: CommentIn) -> Any:
    """Comment on the proposal while its consultation is open (staff: at any time), or reply
    to a comment (one level of replies)."""
    actor = _require_signed_in(request)
    matter = _matter_for(actor, matter_id)
    if not actor.has_perm("matters.comment_matter", matter):
        if not services.consultation_is_open(matter):
            return _validation_response(ValidationError(_("Comments on this proposal are closed.")))
        raise HttpError(403, "You may not comment on this matter.")
    reply_to = None
    if payload.reply_to is not None:
        reply_to = MatterComment.objects.filter(pk=payload.reply_to, matter=matter).first()
        if reply_to is None:
            return _validation_response(
                ValidationError({"reply_to": "No such comment on this matter."})
            )
    try:
        comment = services.comment_add(
            matter=matter, actor=actor, text=payload.text, reply_to=reply_to
        )
    except ValidationError as exc:
        return _validation_response(exc)
    comment.author = actor
    return Status(201, _comment_out(comment))


# --- Staff ------------------------------------------------------------------------------------

STAFF_WRITE = {200: MatterDetailOut, 401: Message, 403: Message, 404: Message}


def _staff_matter(request: HttpRequest, matter_id: int) -> tuple[Any, Matter]:
    actor = _require_signed_in(request)
    matter = _matter_for(actor, matter_id)
    if not is_office_staff(actor):
        raise HttpError(403, "Only the coordination office moves matters.")
    return actor, matter


def _state(value: MatterState | None) -> str | None:
    return str(value.value) if value is not None else None


@router.post("/{matter_id}/move", response={**STAFF_WRITE, 409: MoveConflict, 422: FieldErrors})
def move_matter(request: HttpRequest, matter_id: int, payload: MoveIn) -> Any:
    """Move a matter by hand (accept, reject with the reason in ``note``, start or finish the
    proposal, close). Send ``expected_state``: if someone moved it meanwhile, nothing happens and
    the answer is 409 with the current state. Forwarding and the answer have their own
    endpoints; going on the agenda and the decision happen at a sitting."""
    actor, matter = _staff_matter(request, matter_id)
    try:
        matter = services.matter_move(
            matter=matter,
            actor=actor,
            target=str(payload.target.value),
            expected_state=_state(payload.expected_state),
            note=payload.note,
        )
    except StaleMove as exc:
        return _stale(exc)
    except ValidationError as exc:
        return _validation_response(exc)
    return _reloaded(actor, matter)


@router.post(
    "/{matter_id}/proposals",
    response={201: ProposalOut, 401: Message, 403: Message, 404: Message, 422: FieldErrors},
)
def add_proposal(request: HttpRequest, matter_id: int, payload: ProposalIn) -> Any:
    """A new version of the office's proposed solution, with options and a recommended one."""
    actor, matter = _staff_matter(request, matter_id)
    try:
        proposal = services.proposal_add(
            matter=matter,
            actor=actor,
            text=payload.text,
            options=[o.dict() for o in payload.options],
            recommended=payload.recommended,
        )
    except ValidationError as exc:
        return _validation_response(exc)
    return Status(201, _proposal_out(proposal))


@router.post("/{matter_id}/forward", response={**STAFF_WRITE, 409: MoveConflict, 422: FieldErrors})
def forward_matter(request: HttpRequest, matter_id: int, payload: ForwardIn) -> Any:
    """Record that the decision went to the regional board, the ministry or another body (the
    letter itself is uploaded on the matter's page)."""
    actor, matter = _staff_matter(request, matter_id)
    try:
        matter = services.matter_forward(
            matter=matter,
            actor=actor,
            addressee_kind=str(payload.addressee_kind.value),
            addressee=payload.addressee,
            forwarded_on=payload.forwarded_on,
            answer_due=payload.answer_due,
            expected_state=_state(payload.expected_state),
        )
    except StaleMove as exc:
        return _stale(exc)
    except ValidationError as exc:
        return _validation_response(exc)
    return _reloaded(actor, matter)


@router.post("/{matter_id}/answer", response={**STAFF_WRITE, 409: MoveConflict, 422: FieldErrors})
def answer_matter(request: HttpRequest, matter_id: int, payload: AnswerIn) -> Any:
    """Record the addressee's answer and the day it came."""
    actor, matter = _staff_matter(request, matter_id)
    try:
        matter = services.matter_record_answer(
            matter=matter,
            actor=actor,
            received_on=payload.received_on,
            text=payload.text,
            expected_state=_state(payload.expected_state),
        )
    except StaleMove as exc:
        return _stale(exc)
    except ValidationError as exc:
        return _validation_response(exc)
    return _reloaded(actor, matter)
