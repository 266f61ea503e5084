"""Every write to career guidance: services, events and registrations. Each service is
atomic, validates with ``full_clean``, leaves an audit entry and bumps the page caches of the
guidance pages and the portal (whose home page lists events)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from skillshub.accounts.rules import is_office_staff
from skillshub.core.choices import AuditAction
from skillshub.core.pagecache import bump
from skillshub.core.services import audit_record, check_version, diff, snapshot
from skillshub.stakeholders.rules import represented_institution_id

from . import notifications
from .choices import EventStatus, PublicationStatus, RegistrationStatus
from .models import GuidanceEvent, GuidanceService, Registration

SERVICE_FIELDS = [
    "provider", "title", "kind", "description", "mode", "is_free", "address",
    "contact_email", "contact_phone", "url",
]  # fmt: skip
SERVICE_M2M = ["counties", "target_groups"]
SERVICE_AUDITED = [*SERVICE_FIELDS, *SERVICE_M2M, "status"]

EVENT_FIELDS = [
    "provider", "service", "title", "kind", "description", "county", "place", "is_online",
    "starts_at", "ends_at", "is_free", "capacity", "registration_closes_at",
]  # fmt: skip
EVENT_M2M = ["target_groups"]
EVENT_AUDITED = [*EVENT_FIELDS, *EVENT_M2M, "status"]
# A change to any of these is news for the people registered: they get an updated invitation.
EVENT_CALENDAR_FIELDS = ["starts_at", "ends_at", "place", "county", "is_online", "title"]

LIVE = [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]


def _bump() -> None:
    bump("guidance")
    bump("portal")  # the home page lists upcoming events


def _set_fields(obj: Any, data: dict[str, Any], fields: Iterable[str]) -> None:
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])


def _check_provider(actor: Any, provider: Any) -> None:
    """Staff act for any provider; a provider's contact only for their own institution."""
    if is_office_staff(actor):
        return
    if provider is None or represented_institution_id(actor) != provider.pk:
        raise ValidationError(
            {"provider": _("You can only act for the institution you represent.")}
        )


# --- Services -------------------------------------------------------------------------------


@transaction.atomic
def service_create(*, actor: Any, data: dict[str, Any]) -> GuidanceService:
    """A new service, saved as a draft (or with the status ``data`` gives, for staff)."""
    _check_provider(actor, data.get("provider"))
    service = GuidanceService(created_by=actor if getattr(actor, "pk", None) else None)
    _set_fields(service, data, SERVICE_FIELDS)
    if data.get("status") and is_office_staff(actor):
        service.status = data["status"]
    service.is_demo = bool(data.get("is_demo", False))
    service.full_clean()
    service.save()
    service.counties.set(data.get("counties", []))
    service.target_groups.set(data.get("target_groups", []))
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=service,
        changes=diff({}, snapshot(service, SERVICE_AUDITED)),
        verb="guidance_service_create",
    )
    _bump()
    return service


@transaction.atomic
def service_update(
    *,
    service: GuidanceService,
    actor: Any,
    data: dict[str, Any],
    expected_version: int | None = None,
) -> GuidanceService:
    """Save edits; with ``expected_version``, refuse if someone else saved in between."""
    locked = GuidanceService.objects.select_for_update().get(pk=service.pk)
    check_version(locked, expected_version, SERVICE_FIELDS + SERVICE_M2M, data)
    if "provider" in data and data["provider"] != locked.provider:
        _check_provider(actor, data["provider"])
    before = snapshot(locked, SERVICE_AUDITED)
    _set_fields(locked, data, SERVICE_FIELDS)
    locked.full_clean()
    for name in SERVICE_M2M:
        if name in data:
            getattr(locked, name).set(data[name])
    changes = diff(before, snapshot(locked, SERVICE_AUDITED))
    if not changes:
        return locked
    locked.version += 1
    locked.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        changes=changes,
        verb="guidance_service_update",
    )
    _bump()
    return locked


@transaction.atomic
def service_set_status(*, service: GuidanceService, actor: Any, status: str) -> GuidanceService:
    """Publish, archive or take back to draft. Publishing needs a contact (the model's rule)."""
    if status not in PublicationStatus.values:
        raise ValidationError(_("Unknown status."))
    locked = GuidanceService.objects.select_for_update().get(pk=service.pk)
    if locked.status == status:
        return locked
    before = locked.status
    locked.status = PublicationStatus(status)
    locked.full_clean()
    locked.version += 1
    locked.save(update_fields=["status", "version", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=locked,
        changes={"status": [before, locked.status]},
        verb=f"guidance_service_{status}",
    )
    _bump()
    return locked


# --- Events ---------------------------------------------------------------------------------


def _confirmed_count(event: GuidanceEvent) -> int:
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def _promote_waiting(event: GuidanceEvent, *, actor: Any) -> list[Registration]:
    """Fill free places from the waiting list, oldest first, and tell each person."""
    if event.capacity is None or event.status != EventStatus.PUBLISHED:
        return []
    free = event.capacity - _confirmed_count(event)
    if free <= 0:
        return []
    promoted = list(
        event.registrations.select_for_update()
        .filter(status=RegistrationStatus.WAITING)
        .order_by("created_at", "pk")[:free]
    )
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action=AuditAction.TRANSITION,
            obj=registration,
            changes={"status": [RegistrationStatus.WAITING, RegistrationStatus.CONFIRMED]},
            verb="guidance_registration_promote",
        )
        registration.event = event
        notifications.registration_promoted_send(registration=registration)
    return promoted


@transaction.atomic
def event_create(*, actor: Any, data: dict[str, Any]) -> GuidanceEvent:
    """A new event, saved as a draft (published later with ``event_publish``)."""
    _check_provider(actor, data.get("provider"))
    event = GuidanceEvent(created_by=actor if getattr(actor, "pk", None) else None)
    _set_fields(event, data, EVENT_FIELDS)
    event.is_demo = bool(data.get("is_demo", False))
    event.full_clean()
    event.save()
    event.target_groups.set(data.get("target_groups", []))
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=event,
        changes=diff({}, snapshot(event, EVENT_AUDITED)),
        verb="guidance_event_create",
    )
    _bump()
    return event


@transaction.atomic
def event_update(
    *,
    event: GuidanceEvent,
    actor: Any,
    data: dict[str, Any],
    expected_version: int | None = None,
) -> GuidanceEvent:
    """Save edits. A new date or place of a published event raises the ICS SEQUENCE and
    e-mails everyone registered or waiting the updated invitation."""
    locked = GuidanceEvent.objects.select_for_update().get(pk=event.pk)
    check_version(locked, expected_version, EVENT_FIELDS + EVENT_M2M, data)
    if "provider" in data and data["provider"] != locked.provider:
        _check_provider(actor, data["provider"])
    if locked.status in (EventStatus.CANCELLED, EventStatus.ARCHIVED):
        raise ValidationError(_("A cancelled or archived event cannot be edited."))
    before = snapshot(locked, EVENT_AUDITED)
    _set_fields(locked, data, EVENT_FIELDS)
    confirmed = _confirmed_count(locked)
    if confirmed and (locked.capacity is None or locked.capacity < confirmed):
        raise ValidationError(
            {
                "capacity": _(
                    "%(count)d people already hold a place: the event needs at least that many."
                )
                % {"count": confirmed}
            }
        )
    locked.full_clean()
    for name in EVENT_M2M:
        if name in data:
            getattr(locked, name).set(data[name])
    changes = diff(before, snapshot(locked, EVENT_AUDITED))
    if not changes:
        return locked
    calendar_change = any(name in changes for name in EVENT_CALENDAR_FIELDS)
    if calendar_change and locked.status == EventStatus.PUBLISHED:
        locked.sequence += 1
    locked.version += 1
    locked.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        changes=changes,
        verb="guidance_event_update",
    )
    if calendar_change and locked.status == EventStatus.PUBLISHED:
        notifications.event_changed_send(event=locked)
    _promote_waiting(locked, actor=actor)  # more places: the waiting list moves up
    _bump()
    return locked


def _event_move(
    event: GuidanceEvent, *, actor: Any, to: str, allowed_from: list[str]
) -> tuple[GuidanceEvent, bool]:
    """Move the event to ``to``; answers the event and whether it moved."""
    locked = GuidanceEvent.objects.select_for_update().get(pk=event.pk)
    if locked.status == to:
        return locked, False
    if locked.status not in allowed_from:
        raise ValidationError(
            _("An event that is %(status)s cannot be moved like that.")
            % {"status": locked.get_status_display()}
        )
    before = locked.status
    locked.status = EventStatus(to)
    if to == EventStatus.CANCELLED:
        locked.sequence += 1
    locked.full_clean()
    locked.version += 1
    locked.save(update_fields=["status", "sequence", "version", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=locked,
        changes={"status": [before, locked.status]},
        verb=f"guidance_event_{to}",
    )
    _bump()
    return locked, True


@transaction.atomic
def event_publish(*, event: GuidanceEvent, actor: Any) -> GuidanceEvent:
    published, _moved = _event_move(
        event, actor=actor, to=EventStatus.PUBLISHED, allowed_from=[EventStatus.DRAFT]
    )
    return published


@transaction.atomic
def event_cancel(*, event: GuidanceEvent, actor: Any) -> GuidanceEvent:
    """Call the event off; everyone registered or waiting gets the cancellation (METHOD:CANCEL).
    Their registrations stay as they were, so the organiser still sees who was coming."""
    cancelled, moved = _event_move(
        event,
        actor=actor,
        to=EventStatus.CANCELLED,
        allowed_from=[EventStatus.DRAFT, EventStatus.PUBLISHED],
    )
    if moved:
        notifications.event_cancelled_send(event=cancelled)
    return cancelled


# --- Registrations --------------------------------------------------------------------------


def _already_registered() -> ValidationError:
    return ValidationError(
        {
            "email": _(
                "This e-mail address is already registered for this event. "
                "Check your mailbox for the confirmation."
            )
        }
    )


@transaction.atomic
def registration_create(
    *,
    event: GuidanceEvent,
    full_name: str,
    email: str,
    phone: str = "",
    privacy_accepted: bool,
) -> Registration:
    """Register one person: a free place confirms them, otherwise they join the waiting list.

    The event's row is locked while places are counted, so two people can never take the last
    place at once (on SQLite the write lock serialises the transactions anyway).
    """
    email = (email or "").strip().lower()
    full_name = (full_name or "").strip()
    if not privacy_accepted:
        raise ValidationError(
            {"privacy_accepted": _("Please accept the privacy notice to register.")}
        )
    locked = GuidanceEvent.objects.select_for_update().get(pk=event.pk)
    if not locked.registration_is_open():
        raise ValidationError(_("Registration for this event is closed."))
    if locked.registrations.filter(email=email, status__in=LIVE).exists():
        raise _already_registered()
    assert locked.capacity is not None  # registration_is_open() says it takes registrations
    status = (
        RegistrationStatus.CONFIRMED
        if _confirmed_count(locked) < locked.capacity
        else RegistrationStatus.WAITING
    )
    registration = Registration(
        event=locked,
        full_name=full_name,
        email=email,
        phone=(phone or "").strip(),
        status=status,
        privacy_accepted_at=timezone.now(),
    )
    registration.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        # Someone registered the same address between our check and our insert.
        raise _already_registered() from None
    audit_record(
        actor=None,
        action=AuditAction.CREATE,
        obj=registration,
        changes={"status": [None, status]},
        verb="guidance_registration_create",
    )
    position = None
    if status == RegistrationStatus.WAITING:
        position = locked.registrations.filter(status=RegistrationStatus.WAITING).count()
    registration.waiting_position = position  # type: ignore[attr-defined]
    notifications.registration_received_send(registration=registration, position=position)
    _bump()
    return registration


def waiting_position(registration: Registration) -> int | None:
    """1 for the first person on the waiting list; None when not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    return (
        Registration.objects.filter(
            event_id=registration.event_id,
            status=RegistrationStatus.WAITING,
            created_at__lte=registration.created_at,
        )
        .exclude(created_at=registration.created_at, pk__gt=registration.pk)
        .count()
    )


@transaction.atomic
def registration_cancel(*, registration: Registration, actor: Any = None) -> Registration:
    """Cancel a registration (by its holder's link, or by staff or the organiser). A place it
    held goes to the first person waiting, who is e-mailed. Cancelling twice does nothing."""
    event = GuidanceEvent.objects.select_for_update().get(pk=registration.event_id)
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status == RegistrationStatus.CANCELLED:
        return locked
    held_place = locked.status == RegistrationStatus.CONFIRMED
    before = locked.status
    locked.status = RegistrationStatus.CANCELLED
    locked.cancelled_at = timezone.now()
    locked.save(update_fields=["status", "cancelled_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=locked,
        changes={"status": [before, locked.status]},
        verb="guidance_registration_cancel",
    )
    if held_place and event.starts_at > timezone.now():
        _promote_waiting(event, actor=actor)
    _bump()
    return locked
