"""Guidance events: the public calendar, the event page with registration, ICS downloads,
and the organisers' pages (their events, the form, the registrations list)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skillshub.accounts.rules import is_office_staff
from skillshub.core.access import require_perm
from skillshub.core.csvstream import BOM, csv_writer
from skillshub.core.forms import add_service_errors
from skillshub.core.pagecache import public_page
from skillshub.stakeholders.exceptions import EditConflict

from .. import services
from ..access import get_event_for_user
from ..choices import EventStatus, RegistrationStatus
from ..filters import EventFilter
from ..forms import EventForm, RegistrationForm
from ..ics import event_ics as build_event_ics
from ..ics import events_ics
from ..models import GuidanceEvent, GuidanceEventQuerySet, Registration

FEED_LIMIT = 500


def _with_places(queryset: GuidanceEventQuerySet) -> QuerySet[GuidanceEvent]:
    return queryset.with_seat_counts().annotate(places_left=F("capacity") - F("confirmed_count"))


def _list_query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@public_page("guidance")
def event_list(request: HttpRequest) -> HttpResponse:
    """Upcoming published events (or past ones with ``past=on``), filtered."""
    queryset = _with_places(GuidanceEvent.objects.published().select_related("provider", "county"))
    filterset = EventFilter(request.GET, queryset=queryset)
    page = Paginator(filterset.qs, settings.PAGINATE_BY).get_page(request.GET.get("page"))
    return render(
        request,
        "guidance/event_list.html",
        {"filter": filterset, "page_obj": page, "query": _list_query(request)},
    )


def _detail_context(
    request: HttpRequest, event: GuidanceEvent, form: RegistrationForm
) -> dict[str, Any]:
    confirmed = getattr(event, "confirmed_count", 0)
    places_left = None if event.capacity is None else max(event.capacity - confirmed, 0)
    return {
        "event": event,
        "form": form,
        "places_left": places_left,
        "registration_open": event.registration_is_open(),
        "can_change": request.user.has_perm("guidance.change_event", event),
        "can_see_registrations": request.user.has_perm("guidance.view_registrations", event),
    }


# Not page-cached: the registration form carries the visitor's own CSRF token.
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk)
    return render(
        request, "guidance/event_detail.html", _detail_context(request, event, RegistrationForm())
    )


def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk)
    require_perm(request.user, "guidance.register", event)
    if request.method != "POST":
        return redirect(event)
    form = RegistrationForm(request.POST)
    if form.is_valid():
        try:
            registration = services.registration_create(
                event=event,
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                privacy_accepted=form.cleaned_data["privacy_accepted"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if registration.status == RegistrationStatus.CONFIRMED:
                messages.success(
                    request,
                    _("Your place is confirmed. We have sent the details to %(email)s.")
                    % {"email": registration.email},
                )
            else:
                messages.info(
                    request,
                    _(
                        "The event is full: you are on the waiting list at position "
                        "%(position)s. We will e-mail %(email)s if a place frees up."
                    )
                    % {
                        "position": services.waiting_position(registration),
                        "email": registration.email,
                    },
                )
            return redirect(event)
    event = get_event_for_user(request.user, pk)  # fresh counts
    return render(
        request, "guidance/event_detail.html", _detail_context(request, event, form), status=400
    )


def _ics_response(content: str | bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk)
    return _ics_response(build_event_ics(event), f"event-{event.pk}.ics")


def event_feed_ics(request: HttpRequest) -> HttpResponse:
    """Every upcoming published event, as a calendar people can subscribe to."""
    events = (
        GuidanceEvent.objects.published()
        .upcoming()
        .select_related("county")
        .order_by("starts_at", "pk")[:FEED_LIMIT]
    )
    return _ics_response(
        events_ics(events, name=_("Career guidance events")), "guidance-events.ics"
    )


# --- Organisers ------------------------------------------------------------------------------


@login_required
def event_manage(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "guidance.add_event")
    queryset = _with_places(
        GuidanceEvent.objects.editable_by(request.user).select_related("provider", "county")
    ).order_by("-starts_at", "pk")
    status = request.GET.get("status", "")
    if status in EventStatus.values:
        queryset = queryset.filter(status=status)
    page = Paginator(queryset, settings.PAGINATE_BY).get_page(request.GET.get("page"))
    return render(
        request,
        "guidance/event_manage.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": EventStatus.choices,
            "staff": is_office_staff(request.user),
        },
    )


def _form_data(form: EventForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    return data


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "guidance.add_event")
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(actor=request.user, data=_form_data(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The event has been saved as a draft. Publish it when it is ready.")
            )
            return redirect(event)
    return render(
        request,
        "guidance/event_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def event_update(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk, write=True)
    form = EventForm(request.POST or None, instance=event, user=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_update(
                event=event,
                actor=request.user,
                data=_form_data(form),
                expected_version=form.cleaned_data.get("version"),
            )
        except EditConflict as exc:
            conflict = exc
            current = get_event_for_user(request.user, pk, write=True)
            form = EventForm(
                request.POST | {"version": str(current.version)},
                instance=current,
                user=request.user,
            )
            form.is_valid()
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(event)
    status = 409 if conflict else (400 if request.method == "POST" else 200)
    return render(
        request,
        "guidance/event_form.html",
        {"form": form, "event": event, "conflict": conflict},
        status=status,
    )


@login_required
@require_POST
def event_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish a draft, or cancel the event (everyone registered is told)."""
    event = get_event_for_user(request.user, pk, write=True)
    target = request.POST.get("status", "")
    try:
        if target == EventStatus.PUBLISHED:
            services.event_publish(event=event, actor=request.user)
            messages.success(request, _("The event has been published."))
        elif target == EventStatus.CANCELLED:
            services.event_cancel(event=event, actor=request.user)
            messages.success(
                request, _("The event has been cancelled; the people registered are told.")
            )
        else:
            messages.error(request, _("Unknown status."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(event)


def _registrations_csv(registrations: list[Registration]) -> Iterator[str]:
    """UTF-8 with a BOM and `;` separators: what Polish Excel opens without a wizard."""
    writer = csv_writer()
    yield BOM
    yield writer.writerow(
        [_("Full name"), _("E-mail"), _("Phone"), _("Status"), _("Registered"), _("Cancelled")]
    )
    for r in registrations:
        yield writer.writerow(
            [
                r.full_name,
                r.email,
                r.phone,
                r.get_status_display(),
                timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
                timezone.localtime(r.cancelled_at).strftime("%Y-%m-%d %H:%M")
                if r.cancelled_at
                else "",
            ]
        )


@login_required
def event_registrations(request: HttpRequest, pk: int) -> HttpResponse | StreamingHttpResponse:
    """Who registered: confirmed, waiting (in order) and cancelled; CSV with ?format=csv."""
    event = get_event_for_user(request.user, pk, registrations=True)
    registrations = list(event.registrations.order_by("created_at", "pk"))
    if request.GET.get("format") == "csv":
        response = StreamingHttpResponse(
            _registrations_csv(registrations), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="event-{event.pk}-registrations.csv"'
        )
        return response
    groups = {
        status: [r for r in registrations if r.status == status]
        for status in RegistrationStatus.values
    }
    return render(
        request,
        "guidance/event_registrations.html",
        {
            "event": event,
            "confirmed": groups[RegistrationStatus.CONFIRMED],
            "waiting": groups[RegistrationStatus.WAITING],
            "cancelled": groups[RegistrationStatus.CANCELLED],
        },
    )


def registration_cancel(request: HttpRequest, token: Any) -> HttpResponse:
    """The link in the confirmation e-mail: GET asks to confirm, POST cancels. Staff and the
    organiser cancel from the registrations list through the same address."""
    registration = get_object_or_404(
        Registration.objects.select_related("event", "event__provider", "event__county"),
        token=token,
    )
    event = registration.event
    manager = request.user.has_perm("guidance.view_registrations", event)
    if request.method == "POST":
        services.registration_cancel(
            registration=registration,
            actor=request.user if request.user.is_authenticated else None,
        )
        messages.success(request, _("The registration has been cancelled."))
        if manager and request.POST.get("next") == "registrations":
            return redirect("guidance:event_registrations", pk=event.pk)
        return redirect("guidance:registration_cancel", token=registration.token)
    if event.status not in (EventStatus.PUBLISHED, EventStatus.CANCELLED) and not manager:
        raise Http404
    return render(
        request,
        "guidance/registration_cancel.html",
        {"registration": registration, "event": event},
    )
