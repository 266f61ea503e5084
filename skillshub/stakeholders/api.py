"""REST API for the stakeholder directory: public reads, staff writes through the services."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from skillshub.accounts.api_auth import TokenOrAnonymous
from skillshub.accounts.rules import is_office_staff
from skillshub.core.models import County, StrategyArea, TargetGroup
from skillshub.core.pagination import BoundedPagination

from . import selectors, services
from .choices import InstitutionKind, InstitutionStatus
from .exceptions import EditConflict
from .filters import InstitutionFilter
from .models import Institution

router = Router(tags=["institutions"], auth=TokenOrAnonymous())

STAFF_FIELDS = [
    "nip", "regon", "krs", "street", "postal_code", "email", "phone", "status",
    "listed_publicly", "version", "created_at", "updated_at",
]  # fmt: skip


class CountyOut(Schema):
    teryt: str
    name: str


class InstitutionOut(Schema):
    """An institution. Fields marked *staff* are present only for office staff."""

    id: int
    name: str
    short_name: str
    kind: str
    kind_label: str
    county: CountyOut
    city: str
    website: str
    areas: list[int] = Field(description="ZSU 2030 areas of impact (1–8)")
    target_groups: list[str]
    url: str
    nip: str | None = Field(None, description="staff")
    regon: str | None = Field(None, description="staff")
    krs: str | None = Field(None, description="staff")
    street: str | None = Field(None, description="staff")
    postal_code: str | None = Field(None, description="staff")
    email: str | None = Field(None, description="staff")
    phone: str | None = Field(None, description="staff")
    status: str | None = Field(None, description="staff")
    listed_publicly: bool | None = Field(None, description="staff")
    version: int | None = Field(None, description="staff: send it back with PATCH")
    created_at: datetime.datetime | None = Field(None, description="staff")
    updated_at: datetime.datetime | None = Field(None, description="staff")


def _out(institution: Institution, *, staff: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": institution.pk,
        "name": institution.name,
        "short_name": institution.short_name,
        "kind": institution.kind,
        "kind_label": str(institution.get_kind_display()),
        "county": {"teryt": institution.county.teryt, "name": institution.county.name},
        "city": institution.city,
        "website": institution.website,
        "areas": [a.number for a in institution.areas.all()],
        "target_groups": [g.code for g in institution.target_groups.all()],
        "url": institution.get_absolute_url(),
    }
    if staff:
        data.update({name: getattr(institution, name) for name in STAFF_FIELDS})
    return data


class InstitutionIn(Schema):
    name: str
    kind: InstitutionKind
    county_teryt: str = Field(..., description="4-digit TERYT code of a county in the region")
    short_name: str = ""
    nip: str = ""
    regon: str = ""
    krs: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    description: str = ""
    listed_publicly: bool = False
    areas: list[int] = Field(default_factory=list, description="ZSU areas of impact (1–8)")
    target_groups: list[str] = Field(default_factory=list, description="target group codes")


class InstitutionPatch(Schema):
    version: int = Field(..., description="the version you read; a newer save answers 409")
    name: str | None = None
    kind: InstitutionKind | None = None
    county_teryt: str | None = None
    short_name: str | None = None
    nip: str | None = None
    regon: str | None = None
    krs: str | None = None
    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    description: str | None = None
    listed_publicly: bool | None = None
    areas: list[int] | None = None
    target_groups: list[str] | None = None


class FieldErrors(Schema):
    detail: str
    errors: dict[str, list[str]]


class Conflict(Schema):
    detail: str
    current_version: int
    changes: dict[str, dict[str, Any]]


def _user(request: HttpRequest) -> Any:
    """Who the auth class said is calling (a user, or AnonymousUser)."""
    return getattr(request, "auth", None)


def _staff(request: HttpRequest) -> bool:
    return bool(is_office_staff(_user(request)))


def _require_staff(request: HttpRequest) -> Any:
    user = _user(request)
    if not user.is_authenticated:
        raise HttpError(401, "Writing needs an API token (Authorization: Bearer <token>).")
    if not is_office_staff(user):
        raise HttpError(403, "Only the coordination office may change the register.")
    return user


def _resolve(payload: dict[str, Any]) -> dict[str, Any]:
    """Turn TERYT codes and area numbers into objects; unknown ones are field errors."""
    errors: dict[str, list[str]] = {}
    data = dict(payload)
    if "county_teryt" in data:
        teryt = data.pop("county_teryt")
        county = County.objects.in_region().filter(teryt=teryt).first()
        if county is None:
            errors["county_teryt"] = [f"{teryt!r} is not a county TERYT code of this region."]
        data["county"] = county
    if data.get("areas") is not None:
        numbers = data["areas"]
        found = list(StrategyArea.objects.filter(part="detailed", number__in=numbers))
        if len(found) != len(set(numbers)):
            errors["areas"] = ["Areas of impact are numbers 1–8."]
        data["areas"] = found
    if data.get("target_groups") is not None:
        codes = data["target_groups"]
        groups = list(TargetGroup.objects.filter(code__in=codes))
        if len(groups) != len(set(codes)):
            errors["target_groups"] = ["Unknown target group code."]
        data["target_groups"] = groups
    if "kind" in data and data["kind"] is not None:
        data["kind"] = str(data["kind"].value if hasattr(data["kind"], "value") else data["kind"])
    if errors:
        raise _FieldError(errors)
    return data


class _FieldError(Exception):
    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors


def _validation_response(exc: ValidationError | _FieldError) -> Status[dict[str, Any]]:
    if isinstance(exc, _FieldError):
        errors = exc.errors
    elif hasattr(exc, "error_dict"):
        errors = {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
    else:
        errors = {"__all__": [str(m) for m in exc.messages]}
    return Status(422, {"detail": "The data is not valid.", "errors": errors})


@router.get("/", response=list[InstitutionOut], exclude_none=True)
@paginate(BoundedPagination)
def list_institutions(
    request: HttpRequest,
    q: str = "",
    kind: str = "",
    county: int | None = None,
    pillar: int | None = None,
    area: int | None = None,
    target_group: int | None = None,
    status: str = "",
) -> Any:
    """The directory, with the same filters as the web page. Public callers see listed ones."""
    staff = _staff(request)
    given = {
        "q": q,
        "kind": kind,
        "county": county,
        "pillar": pillar,
        "area": area,
        "target_group": target_group,
        "status": status,
    }
    params = {k: v for k, v in given.items() if v not in ("", None)}
    queryset = selectors.directory(user=_user(request))
    filterset = InstitutionFilter(params, queryset=queryset, staff=staff)
    if not filterset.is_valid():
        raise HttpError(422, f"Invalid filter: {dict(filterset.errors)}")
    return _Page(filterset.qs.prefetch_related("target_groups"), staff=staff)


class _Page:
    """A lazily sliced queryset whose items come out as dicts for the right audience."""

    def __init__(self, queryset: Any, *, staff: bool) -> None:
        self.queryset = queryset
        self.staff = staff

    def count(self) -> int:
        return int(self.queryset.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[dict[str, Any]]:
        return [_out(i, staff=self.staff) for i in self.queryset[key]]


@router.get("/{institution_id}", response=InstitutionOut, exclude_none=True)
def get_institution(request: HttpRequest, institution_id: int) -> Any:
    institution = selectors.institution_detail(user=_user(request), pk=institution_id)
    if institution is None:
        raise Http404
    return _out(institution, staff=_staff(request))


@router.post(
    "/", response={201: InstitutionOut, 401: FieldErrors, 403: FieldErrors, 422: FieldErrors}
)
def create_institution(request: HttpRequest, payload: InstitutionIn) -> Any:
    actor = _require_staff(request)
    try:
        data = _resolve(payload.dict())
        institution = services.institution_create(
            actor=actor,
            data=data,
            areas=data.pop("areas"),
            target_groups=data.pop("target_groups"),
            verb="api_institution_create",
        )
    except (ValidationError, _FieldError) as exc:
        return _validation_response(exc)
    return Status(201, _out(institution, staff=True))


@router.patch(
    "/{institution_id}",
    response={200: InstitutionOut, 404: FieldErrors, 409: Conflict, 422: FieldErrors},
)
def update_institution(request: HttpRequest, institution_id: int, payload: InstitutionPatch) -> Any:
    actor = _require_staff(request)
    institution = Institution.objects.filter(pk=institution_id).first()
    if institution is None:
        raise Http404
    raw = payload.dict(exclude_unset=True)
    version = raw.pop("version")
    try:
        data = _resolve(raw)
        institution = services.institution_update(
            institution=institution,
            actor=actor,
            data=data,
            expected_version=version,
            verb="api_institution_update",
        )
    except EditConflict as exc:
        return Status(
            409,
            {
                "detail": "Someone saved this institution after you read it.",
                "current_version": exc.current.version,
                "changes": {k: {"theirs": t, "yours": y} for k, (t, y) in exc.changes.items()},
            },
        )
    except (ValidationError, _FieldError) as exc:
        return _validation_response(exc)
    return Status(200, _out(institution, staff=True))


def _set_status(request: HttpRequest, institution_id: int, status: str) -> Any:
    actor = _require_staff(request)
    institution = Institution.objects.filter(pk=institution_id).first()
    if institution is None:
        raise Http404
    institution = services.institution_set_status(
        institution=institution, actor=actor, status=status
    )
    return _out(institution, staff=True)


@router.post("/{institution_id}/archive", response=InstitutionOut)
def archive_institution(request: HttpRequest, institution_id: int) -> Any:
    return _set_status(request, institution_id, InstitutionStatus.ARCHIVED)


@router.post("/{institution_id}/restore", response=InstitutionOut)
def restore_institution(request: HttpRequest, institution_id: int) -> Any:
    return _set_status(request, institution_id, InstitutionStatus.ACTIVE)
