"""REST API for the WZK secretariat: public resolutions and documents, staff sittings and writes.

Anonymous callers see what is public information (adopted resolutions, public documents). Office
staff authenticate with a bearer token, see everything, and write through the same services as
the web pages. A forbidden object answers 404, never a leak.
"""

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from skillshub.accounts.api_auth import TokenOrAnonymous
from skillshub.accounts.rules import is_office_staff
from skillshub.core.pagination import BoundedPagination
from skillshub.stakeholders.models import Institution

from . import access, selectors
from .choices import (
    AgendaItemKind,
    AttendanceKind,
    MeetingStatus,
    ResolutionKind,
    Visibility,
)
from .models import (
    AgendaItem,
    Attendance,
    Document,
    Meeting,
    Membership,
    Resolution,
    Team,
)
from .services import meetings as services

router = Router(tags=["team"], auth=TokenOrAnonymous())
# A key filter past 2**63 overflows the database driver (a 500 schemathesis found): a 422.
MAX_ID = 2**63 - 1
# ``from`` is a Python keyword: the query parameters are named by alias.
FROM_DATE: Any = Query(None, alias="from", description="sittings on or after this day")
TO_DATE: Any = Query(None, alias="to", description="sittings on or before this day")


# --- Schemas ----------------------------------------------------------------------------------


class TeamRef(Schema):
    id: int
    name: str
    short_name: str


class TeamOut(TeamRef):
    parent_id: int | None
    description: str
    quorum_rule: str
    voting_rule: str
    pillars: list[str]
    url: str


class ResolutionOut(Schema):
    """A resolution. Anonymous callers only ever see adopted ones."""

    id: int
    label: str = Field(..., description="e.g. “Uchwała nr 3/2026 WZK”; drafts are unnumbered")
    title: str
    kind: str
    kind_label: str
    year: int | None
    number: int | None
    date: datetime.date = Field(..., description="the day of the sitting")
    team: TeamRef
    meeting_id: int
    meeting_label: str
    outcome: str
    votes_for: int
    votes_against: int
    votes_abstain: int
    present_at_vote: int
    addressee: str
    addressee_status: str
    sent_on: datetime.date | None
    answer_due: datetime.date | None
    answer_received_on: datetime.date | None
    url: str


class ResolutionDetailOut(ResolutionOut):
    text: str
    answer_text: str


class DocumentOut(Schema):
    id: int
    title: str
    team: TeamRef
    meeting_id: int | None
    meeting_label: str | None
    visibility: str
    version: int | None = Field(..., description="the current version's number")
    size: int | None = Field(..., description="bytes")
    content_type: str | None
    download_url: str


class MeetingOut(Schema):
    id: int
    team: TeamRef
    number: int
    roman: str
    label: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    place: str
    online_url: str
    status: str
    status_label: str
    version: int
    url: str


class AgendaItemOut(Schema):
    id: int
    order: int
    kind: str
    kind_label: str
    title: str
    description: str
    presenter: str
    documents: list[DocumentOut]


class AttendanceOut(Schema):
    id: int
    kind: str
    name: str
    membership_id: int | None
    stands_in_for_id: int | None
    stands_in_for: str | None
    institution: str | None


class QuorumOut(Schema):
    members: int
    present: int
    required: int
    holds: bool
    rule: str


class AttendanceSummary(Schema):
    members: int = Field(..., description="voting members present in person")
    deputies: int = Field(..., description="deputies standing in")
    guests: int
    rows: list[AttendanceOut]


class MeetingDetailOut(MeetingOut):
    agenda: list[AgendaItemOut]
    attendance: AttendanceSummary
    quorum: QuorumOut
    resolutions: list[ResolutionOut]


class AttendanceRecorded(Schema):
    attendance: AttendanceOut
    quorum: QuorumOut


class MeetingIn(Schema):
    team_id: int
    number: int | None = Field(None, description="omit to take the team's next number")
    title: str = ""
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None = None
    place: str = ""
    online_url: str = ""


class AgendaItemIn(Schema):
    title: str
    kind: AgendaItemKind = AgendaItemKind.INFORMATION
    description: str = ""
    presenter: str = ""
    document_ids: list[int] = Field(default_factory=list)


class AttendanceIn(Schema):
    kind: AttendanceKind
    membership_id: int | None = Field(None, description="the member or deputy")
    stands_in_for_id: int | None = Field(
        None, description="for a deputy: the member replaced (default: the one they deputise)"
    )
    guest_name: str = ""
    institution_id: int | None = Field(None, description="default: the member's institution")


class ResolutionIn(Schema):
    title: str
    text: str
    kind: ResolutionKind = ResolutionKind.RESOLUTION
    addressee: str = ""
    agenda_item_id: int | None = None


class VoteIn(Schema):
    votes_for: int = Field(0, ge=0)
    votes_against: int = Field(0, ge=0)
    votes_abstain: int = Field(0, ge=0)


class FieldErrors(Schema):
    detail: str
    errors: dict[str, list[str]]


class Message(Schema):
    detail: str


# --- Helpers ----------------------------------------------------------------------------------


def _user(request: HttpRequest) -> Any:
    return getattr(request, "auth", None)


def _staff(request: HttpRequest) -> bool:
    return bool(is_office_staff(_user(request)))


def _require_signed_in(request: HttpRequest) -> Any:
    user = _user(request)
    if user is None or not user.is_authenticated:
        raise HttpError(401, "This needs an API token (Authorization: Bearer <token>).")
    return user


def _require_staff(request: HttpRequest) -> Any:
    """Writes are the office's: no token is 401; anyone else's token meets a 404."""
    user = _require_signed_in(request)
    if not is_office_staff(user):
        raise Http404
    return user


def _validation_response(exc: ValidationError) -> Status[dict[str, Any]]:
    if hasattr(exc, "error_dict"):
        errors = {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
    else:
        errors = {"__all__": [str(m) for m in exc.messages]}
    return Status(422, {"detail": "The request cannot be carried out.", "errors": errors})


class _Page:
    """A lazily sliced queryset whose rows come out through ``render``."""

    def __init__(self, queryset: QuerySet[Any], render: Callable[[Any], dict[str, Any]]) -> None:
        self.queryset = queryset
        self.render = render

    def count(self) -> int:
        return int(self.queryset.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[dict[str, Any]]:
        return [self.render(row) for row in self.queryset[key]]


def _team_ref(team: Team) -> dict[str, Any]:
    return {"id": team.pk, "name": team.name, "short_name": team.short_name}


def _team_out(team: Team) -> dict[str, Any]:
    return {
        **_team_ref(team),
        "parent_id": team.parent_id,
        "description": team.description,
        "quorum_rule": team.quorum_rule,
        "voting_rule": team.voting_rule,
        "pillars": [p.name for p in team.pillars.all()],
        "url": team.get_absolute_url(),
    }


def _resolution_out(resolution: Resolution) -> dict[str, Any]:
    meeting = resolution.meeting
    return {
        "id": resolution.pk,
        "label": resolution.label,
        "title": resolution.title,
        "kind": resolution.kind,
        "kind_label": str(resolution.get_kind_display()),
        "year": resolution.year,
        "number": resolution.number,
        "date": selectors.meeting_day(meeting),
        "team": _team_ref(resolution.team),
        "meeting_id": meeting.pk,
        "meeting_label": meeting.label,
        "outcome": resolution.outcome,
        "votes_for": resolution.votes_for,
        "votes_against": resolution.votes_against,
        "votes_abstain": resolution.votes_abstain,
        "present_at_vote": resolution.present_at_vote,
        "addressee": resolution.addressee,
        "addressee_status": resolution.addressee_status,
        "sent_on": resolution.sent_on,
        "answer_due": resolution.answer_due,
        "answer_received_on": resolution.answer_received_on,
        "url": resolution.get_absolute_url(),
    }


def _document_out(document: Document) -> dict[str, Any]:
    version = document.current_version
    meeting = document.meeting
    return {
        "id": document.pk,
        "title": document.title,
        "team": _team_ref(document.team),
        "meeting_id": document.meeting_id,
        "meeting_label": meeting.label if meeting is not None else None,
        "visibility": document.visibility,
        "version": version.number if version else None,
        "size": version.size if version else None,
        "content_type": version.content_type if version else None,
        "download_url": reverse("team:document_download", args=[document.pk]),
    }


def _meeting_out(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "team": _team_ref(meeting.team),
        "number": meeting.number,
        "roman": meeting.roman,
        "label": meeting.label,
        "title": meeting.title,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "place": meeting.place,
        "online_url": meeting.online_url,
        "status": meeting.status,
        "status_label": str(meeting.get_status_display()),
        "version": meeting.version,
        "url": meeting.get_absolute_url(),
    }


def _attendance_out(row: Attendance) -> dict[str, Any]:
    name = str(row.membership.person) if row.membership is not None else row.guest_name
    return {
        "id": row.pk,
        "kind": row.kind,
        "name": name,
        "membership_id": row.membership_id,
        "stands_in_for_id": row.stands_in_for_id,
        "stands_in_for": str(row.stands_in_for.person) if row.stands_in_for else None,
        "institution": row.institution.name if row.institution else None,
    }


def _quorum_out(meeting: Meeting) -> dict[str, Any]:
    quorum = selectors.quorum_state(meeting=meeting)
    return {
        "members": quorum.members,
        "present": quorum.present,
        "required": quorum.required,
        "holds": quorum.holds,
        "rule": quorum.rule,
    }


def _meeting_detail_out(meeting: Meeting) -> dict[str, Any]:
    """``meeting`` comes from ``selectors.meeting_detail`` (agenda and attendance prefetched)."""
    for item in meeting.agenda_items.all():
        for document in item.documents.all():
            # The team and sitting of a sitting's document are the sitting's: no query each.
            document.team = meeting.team
            if document.meeting_id == meeting.pk:
                document.meeting = meeting
    rows = list(meeting.attendance.all())
    resolutions = Resolution.objects.filter(meeting=meeting).select_related("team", "meeting")
    return {
        **_meeting_out(meeting),
        "agenda": [
            {
                "id": item.pk,
                "order": item.order,
                "kind": item.kind,
                "kind_label": str(item.get_kind_display()),
                "title": item.title,
                "description": item.description,
                "presenter": item.presenter,
                "documents": [_document_out(d) for d in item.documents.all()],
            }
            for item in meeting.agenda_items.all()
        ],
        "attendance": {
            "members": sum(1 for r in rows if r.kind == AttendanceKind.MEMBER),
            "deputies": sum(1 for r in rows if r.kind == AttendanceKind.DEPUTY),
            "guests": sum(1 for r in rows if r.kind == AttendanceKind.GUEST),
            "rows": [_attendance_out(r) for r in rows],
        },
        "quorum": _quorum_out(meeting),
        "resolutions": [_resolution_out(r) for r in resolutions],
    }


def _meeting_for_staff(request: HttpRequest, meeting_id: int) -> tuple[Any, Meeting]:
    actor = _require_staff(request)
    return actor, access.get_meeting_for_user(actor, meeting_id, write=True)


# --- Public reads (more for staff) ------------------------------------------------------------


def _resolutions_for(request: HttpRequest) -> QuerySet[Resolution]:
    queryset = Resolution.objects.select_related("team", "meeting")
    if _staff(request):
        return queryset
    return queryset.adopted()


@router.get("/resolutions", response=list[ResolutionOut])
@paginate(BoundedPagination)
def list_resolutions(
    request: HttpRequest,
    # A sitting's year, as a datetime in the site's time zone: year 1 would underflow when the
    # year's start is turned into UTC (a 500, found by schemathesis), so the range is sane.
    year: int | None = Query(None, ge=1900, le=2999),
    team: int | None = Query(None, ge=1, le=MAX_ID),
    kind: str = "",
) -> Any:
    """The register of resolutions: adopted ones for everyone, every draft too for staff."""
    queryset = _resolutions_for(request)
    if year is not None:
        queryset = queryset.filter(
            Q(year=year) | Q(year__isnull=True, meeting__starts_at__year=year)
        )
    if team is not None:
        queryset = queryset.filter(team_id=team)
    if kind:
        if kind not in ResolutionKind.values:
            raise HttpError(422, f"kind: one of {', '.join(ResolutionKind.values)}")
        queryset = queryset.filter(kind=kind)
    return _Page(queryset.order_by("-year", "-number", "-id"), _resolution_out)


@router.get("/resolutions/{resolution_id}", response=ResolutionDetailOut)
def get_resolution(request: HttpRequest, resolution_id: int) -> Any:
    resolution = _resolutions_for(request).filter(pk=resolution_id).first()
    if resolution is None:
        raise Http404
    return {
        **_resolution_out(resolution),
        "text": resolution.text,
        "answer_text": resolution.answer_text,
    }


@router.get("/documents", response=list[DocumentOut])
@paginate(BoundedPagination)
def list_documents(
    request: HttpRequest,
    team: int | None = Query(None, ge=1, le=MAX_ID),
    meeting: int | None = Query(None, ge=1, le=MAX_ID),
) -> Any:
    """Public documents for everyone; members-only ones too for staff."""
    queryset = Document.objects.select_related("team", "meeting", "current_version")
    if not _staff(request):
        queryset = queryset.filter(visibility=Visibility.PUBLIC)
    if team is not None:
        queryset = queryset.filter(team_id=team)
    if meeting is not None:
        queryset = queryset.filter(meeting_id=meeting)
    return _Page(queryset.order_by("-created_at", "-id"), _document_out)


# --- Staff reads ------------------------------------------------------------------------------


@router.get("/teams", response={200: list[TeamOut], 401: Message})
def list_teams(request: HttpRequest) -> Any:
    """The teams the caller may see (every team for staff)."""
    user = _require_signed_in(request)
    teams = Team.objects.visible_to(user).prefetch_related("pillars").order_by("parent_id", "name")
    return [_team_out(t) for t in teams]


@router.get("/meetings", response=list[MeetingOut])
@paginate(BoundedPagination)
def list_meetings(
    request: HttpRequest,
    team: int | None = Query(None, ge=1, le=MAX_ID),
    status: str = "",
    date_from: datetime.date | None = FROM_DATE,
    date_to: datetime.date | None = TO_DATE,
) -> Any:
    """Sittings, newest first, that the caller may see (every one for staff)."""
    user = _require_signed_in(request)
    queryset = Meeting.objects.visible_to(user).select_related("team")
    if team is not None:
        queryset = queryset.filter(team_id=team)
    if status:
        if status not in MeetingStatus.values:
            raise HttpError(422, f"status: one of {', '.join(MeetingStatus.values)}")
        queryset = queryset.filter(status=status)
    if date_from is not None:
        queryset = queryset.filter(starts_at__date__gte=date_from)
    if date_to is not None:
        queryset = queryset.filter(starts_at__date__lte=date_to)
    return _Page(queryset.order_by("-starts_at", "-id"), _meeting_out)


@router.get("/meetings/{meeting_id}", response={200: MeetingDetailOut, 401: Message})
def get_meeting(request: HttpRequest, meeting_id: int) -> Any:
    """A sitting with its ordered agenda, attendance and whether the quorum holds."""
    user = _require_signed_in(request)
    return _meeting_detail_out(access.get_meeting_for_user(user, meeting_id))


# --- Staff writes, through the services -------------------------------------------------------


@router.post(
    "/meetings",
    response={201: MeetingDetailOut, 401: Message, 404: Message, 422: FieldErrors},
)
def create_meeting(request: HttpRequest, payload: MeetingIn) -> Any:
    actor = _require_staff(request)
    team = access.get_team_for_user(actor, payload.team_id, write=True)
    data = payload.dict(exclude={"team_id"})
    if not data.get("number"):
        data.pop("number", None)
    try:
        meeting = services.meeting_create(team=team, actor=actor, data=data)
    except ValidationError as exc:
        return _validation_response(exc)
    return Status(201, _meeting_detail_out(access.get_meeting_for_user(actor, meeting.pk)))


@router.post(
    "/meetings/{meeting_id}/agenda",
    response={201: AgendaItemOut, 401: Message, 404: Message, 422: FieldErrors},
)
def add_agenda_item(request: HttpRequest, meeting_id: int, payload: AgendaItemIn) -> Any:
    actor, meeting = _meeting_for_staff(request, meeting_id)
    data = payload.dict(exclude={"document_ids"})
    data["kind"] = str(payload.kind.value)
    ids = set(payload.document_ids)
    documents = list(
        Document.objects.filter(team=meeting.team, pk__in=ids).select_related(
            "team", "meeting", "current_version"
        )
    )
    if len(documents) != len(ids):
        return _validation_response(
            ValidationError({"document_ids": "Every document must belong to the sitting's team."})
        )
    try:
        item = services.agenda_item_add(
            meeting=meeting, actor=actor, data=data, documents=documents
        )
    except ValidationError as exc:
        return _validation_response(exc)
    return Status(
        201,
        {
            "id": item.pk,
            "order": item.order,
            "kind": item.kind,
            "kind_label": str(item.get_kind_display()),
            "title": item.title,
            "description": item.description,
            "presenter": item.presenter,
            "documents": [_document_out(d) for d in documents],
        },
    )


@router.post(
    "/meetings/{meeting_id}/convene",
    response={200: MeetingOut, 401: Message, 404: Message, 422: FieldErrors},
)
def convene_meeting(request: HttpRequest, meeting_id: int) -> Any:
    """Convene the sitting: members and deputies get the invitation with an .ics file."""
    actor, meeting = _meeting_for_staff(request, meeting_id)
    try:
        meeting = services.meeting_convene(meeting=meeting, actor=actor)
    except ValidationError as exc:
        return _validation_response(exc)
    return _meeting_out(meeting)


@router.post(
    "/meetings/{meeting_id}/attendance",
    response={201: AttendanceRecorded, 401: Message, 404: Message, 422: FieldErrors},
)
def record_attendance(request: HttpRequest, meeting_id: int, payload: AttendanceIn) -> Any:
    actor, meeting = _meeting_for_staff(request, meeting_id)
    errors: dict[str, str] = {}
    memberships = Membership.objects.filter(team=meeting.team).select_related(
        "person", "institution", "deputy_of"
    )
    membership = stands_in_for = institution = None
    if payload.membership_id is not None:
        membership = memberships.filter(pk=payload.membership_id).first()
        if membership is None:
            errors["membership_id"] = "No such member or deputy in this team."
    if payload.stands_in_for_id is not None:
        stands_in_for = memberships.filter(pk=payload.stands_in_for_id).first()
        if stands_in_for is None:
            errors["stands_in_for_id"] = "No such member in this team."
    if payload.institution_id is not None:
        institution = Institution.objects.filter(pk=payload.institution_id).first()
        if institution is None:
            errors["institution_id"] = "No such institution."
    if errors:
        return _validation_response(ValidationError(errors))
    try:
        row = services.attendance_record(
            meeting=meeting,
            actor=actor,
            kind=str(payload.kind.value),
            membership=membership,
            stands_in_for=stands_in_for,
            guest_name=payload.guest_name,
            institution=institution,
        )
    except ValidationError as exc:
        return _validation_response(exc)
    row = Attendance.objects.select_related(
        "membership__person", "stands_in_for__person", "institution"
    ).get(pk=row.pk)
    return Status(201, {"attendance": _attendance_out(row), "quorum": _quorum_out(meeting)})


@router.post(
    "/meetings/{meeting_id}/resolutions",
    response={201: ResolutionDetailOut, 401: Message, 404: Message, 422: FieldErrors},
)
def draft_resolution(request: HttpRequest, meeting_id: int, payload: ResolutionIn) -> Any:
    actor, meeting = _meeting_for_staff(request, meeting_id)
    agenda_item = None
    if payload.agenda_item_id is not None:
        agenda_item = AgendaItem.objects.filter(pk=payload.agenda_item_id).first()
        if agenda_item is None:
            return _validation_response(ValidationError({"agenda_item_id": "No such item."}))
    data = payload.dict(exclude={"agenda_item_id"})
    data["kind"] = str(payload.kind.value)
    try:
        resolution = services.resolution_draft(
            meeting=meeting, actor=actor, data=data, agenda_item=agenda_item
        )
    except ValidationError as exc:
        return _validation_response(exc)
    return Status(201, _resolution_detail(resolution.pk))


def _resolution_detail(pk: int) -> dict[str, Any]:
    resolution = Resolution.objects.select_related("team", "meeting").get(pk=pk)
    return {
        **_resolution_out(resolution),
        "text": resolution.text,
        "answer_text": resolution.answer_text,
    }


@router.post(
    "/resolutions/{resolution_id}/vote",
    response={200: ResolutionDetailOut, 401: Message, 404: Message, 422: FieldErrors},
)
def vote_resolution(request: HttpRequest, resolution_id: int, payload: VoteIn) -> Any:
    """Record the counts. Refused (422) without quorum; adopted ones take the next number."""
    actor = _require_staff(request)
    resolution = access.get_resolution_for_user(actor, resolution_id, write=True)
    try:
        services.resolution_vote(
            resolution=resolution,
            actor=actor,
            votes_for=payload.votes_for,
            votes_against=payload.votes_against,
            votes_abstain=payload.votes_abstain,
        )
    except ValidationError as exc:
        return _validation_response(exc)
    return _resolution_detail(resolution.pk)
