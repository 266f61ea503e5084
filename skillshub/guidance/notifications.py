"""E-mails to the people registered for guidance events. Every function here runs inside the
calling service's transaction and queues mail through core's outbox, so nobody hears of a
registration or a change that rolled back."""

from __future__ import annotations

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from skillshub.core.tasks import email_enqueue

from .choices import RegistrationStatus
from .ics import event_ics, event_location, site_url
from .models import GuidanceEvent, Registration

ICS_FILENAME = "wydarzenie.ics"


def _when(event: GuidanceEvent) -> str:
    start = timezone.localtime(event.starts_at)
    end = timezone.localtime(event.ends_at)
    return (
        f"{formats.date_format(start, 'DATE_FORMAT')} {start:%H:%M}–{end:%H:%M}"
        if start.date() == end.date()
        else f"{formats.date_format(start, 'DATE_FORMAT')} {start:%H:%M} – "
        f"{formats.date_format(end, 'DATE_FORMAT')} {end:%H:%M}"
    )


def _details(event: GuidanceEvent) -> list[str]:
    return [
        event.title,
        _("When: %(when)s") % {"when": _when(event)},
        _("Where: %(where)s") % {"where": event_location(event) or "—"},
        _("Organiser: %(name)s") % {"name": event.provider.name},
        site_url(event.get_absolute_url()),
    ]


def _cancel_line(registration: Registration) -> str:
    return _(
        "If you cannot come, please cancel here so someone else can take your place: %(url)s"
    ) % {"url": site_url(registration.get_cancel_url())}


def _ics_attachment(event: GuidanceEvent, method: str) -> dict[str, str]:
    return {
        "filename": ICS_FILENAME,
        "content": event_ics(event, method=method),
        "mimetype": f"text/calendar; method={method}; charset=utf-8",
    }


def registration_received_send(*, registration: Registration, position: int | None) -> None:
    """Confirmed: the event's details, the ICS and the cancel link. Waiting: the position."""
    event = registration.event
    with translation.override("pl"):
        if registration.status == RegistrationStatus.CONFIRMED:
            subject = _("Registration confirmed: %(title)s") % {"title": event.title}
            intro = _("Your place is confirmed.")
            attachments = [_ics_attachment(event, "REQUEST")]
        else:
            subject = _("Waiting list: %(title)s") % {"title": event.title}
            intro = _(
                "The event is full, so you are on the waiting list at position %(position)s. "
                "If a place frees up we will e-mail you."
            ) % {"position": position}
            attachments = []
        body = "\n".join(
            [
                _("Hello %(name)s,") % {"name": registration.full_name},
                "",
                intro,
                "",
                *_details(event),
                "",
                _cancel_line(registration),
            ]
        )
        email_enqueue(
            to=registration.email,
            subject=subject,
            body=body,
            attachments=attachments,
            topic=f"guidance.registration_{registration.status}",
        )


def registration_promoted_send(*, registration: Registration) -> None:
    """A place freed up: the first person waiting now has it."""
    event = registration.event
    with translation.override("pl"):
        body = "\n".join(
            [
                _("Hello %(name)s,") % {"name": registration.full_name},
                "",
                _("A place has freed up and it is yours: your registration is confirmed."),
                "",
                *_details(event),
                "",
                _cancel_line(registration),
            ]
        )
        email_enqueue(
            to=registration.email,
            subject=_("A place is yours: %(title)s") % {"title": event.title},
            body=body,
            attachments=[_ics_attachment(event, "REQUEST")],
            topic="guidance.registration_promoted",
        )


def _live_registrations(event: GuidanceEvent) -> list[Registration]:
    return list(
        event.registrations.filter(
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]
        ).order_by("created_at", "pk")
    )


def event_changed_send(*, event: GuidanceEvent) -> int:
    """The date or the place changed: everyone registered or waiting gets the new details
    with the updated ICS (same UID, higher SEQUENCE)."""
    sent = 0
    with translation.override("pl"):
        attachment = _ics_attachment(event, "REQUEST")
        for registration in _live_registrations(event):
            body = "\n".join(
                [
                    _("Hello %(name)s,") % {"name": registration.full_name},
                    "",
                    _("The event you registered for has changed. The new details:"),
                    "",
                    *_details(event),
                    "",
                    _cancel_line(registration),
                ]
            )
            email_enqueue(
                to=registration.email,
                subject=_("Changed: %(title)s") % {"title": event.title},
                body=body,
                attachments=[attachment],
                topic="guidance.event_update",
            )
            sent += 1
    return sent


def event_cancelled_send(*, event: GuidanceEvent) -> int:
    """The event is called off: everyone registered or waiting gets METHOD:CANCEL."""
    sent = 0
    with translation.override("pl"):
        attachment = _ics_attachment(event, "CANCEL")
        for registration in _live_registrations(event):
            body = "\n".join(
                [
                    _("Hello %(name)s,") % {"name": registration.full_name},
                    "",
                    _("We are sorry: the event you registered for has been cancelled."),
                    "",
                    *_details(event),
                ]
            )
            email_enqueue(
                to=registration.email,
                subject=_("Cancelled: %(title)s") % {"title": event.title},
                body=body,
                attachments=[attachment],
                topic="guidance.event_cancel",
            )
            sent += 1
    return sent
