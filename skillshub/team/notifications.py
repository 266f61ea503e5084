"""E-mails of the secretariat, with iCalendar invitations. Every function here runs inside the
calling service's transaction and queues mail through core's outbox, so an invitation is sent
exactly when the change that caused it commits."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from skillshub.core.tasks import email_enqueue

from .models import Meeting, Membership, Minutes
from .selectors import meeting_day

ICS_PRODID = "-//Skills Hub//WZK secretariat//PL"


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def meeting_ics_uid(meeting: Meeting) -> str:
    return f"{meeting.uid}@skillshub"


def meeting_vevent(meeting: Meeting, *, cancelled: bool = False) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", meeting_ics_uid(meeting))
    event.add("sequence", meeting.ics_sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at or meeting.starts_at + datetime.timedelta(hours=3))
    event.add("summary", f"{meeting.label} {meeting.team.short_name}")
    where = meeting.place or meeting.online_url
    if where:
        event.add("location", where)
    url = site_url(meeting.get_absolute_url())
    event.add("url", url)
    event.add("description", f"{meeting.title}\n{url}".strip())
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def meeting_ics(meeting: Meeting, *, method: str = "REQUEST") -> str:
    """One sitting as an iCalendar object: REQUEST for an invitation or update, CANCEL for a
    cancellation. The UID never changes; SEQUENCE tells clients which version is newer."""
    cal = icalendar.Calendar()
    cal.add("prodid", ICS_PRODID)
    cal.add("version", "2.0")
    cal.add("method", method)
    cal.add_component(meeting_vevent(meeting, cancelled=method == "CANCEL"))
    return cal.to_ical().decode()


def invitees(meeting: Meeting) -> list[Membership]:
    """Every member and deputy whose term covers the sitting's date."""
    return list(
        Membership.objects.filter(team=meeting.team)
        .current_on(meeting_day(meeting))
        .filter(person__anonymised_at__isnull=True)
        .select_related("person", "person__user")
    )


def _address(membership: Membership) -> str:
    person = membership.person
    return person.email or (person.user.email if person.user else "")


def invitations_send(*, meeting: Meeting, kind: str) -> int:
    """Queue one e-mail per member and deputy: ``kind`` is invitation, update or cancel."""
    method = "CANCEL" if kind == "cancel" else "REQUEST"
    ics = meeting_ics(meeting, method=method)
    sent = 0
    with translation.override("pl"):
        for membership in invitees(meeting):
            address = _address(membership)
            if not address:
                continue
            context = {
                "meeting": meeting,
                "membership": membership,
                "kind": kind,
                "url": site_url(meeting.get_absolute_url()),
            }
            subject = render_to_string("team/email/invitation_subject.txt", context).strip()
            body = render_to_string("team/email/invitation.txt", context)
            email_enqueue(
                to=address,
                subject=subject,
                body=body,
                attachments=[
                    {
                        "filename": "posiedzenie.ics",
                        "content": ics,
                        "mimetype": f"text/calendar; method={method}; charset=utf-8",
                    }
                ],
                topic=f"team.{kind}",
            )
            sent += 1
    return sent


def feed_url(key: str) -> str:
    return site_url(reverse("team:calendar_feed", args=[key]))


def reminder_schedule(*, meeting: Meeting) -> None:
    from .tasks import schedule_meeting_reminder

    schedule_meeting_reminder(meeting)


def reminders_send(*, meeting: Meeting) -> int:
    """The reminder 3 days before a convened sitting, to every member and deputy."""
    sent = 0
    with translation.override("pl"):
        for membership in invitees(meeting):
            address = _address(membership)
            if not address:
                continue
            context = {"meeting": meeting, "url": site_url(meeting.get_absolute_url())}
            email_enqueue(
                to=address,
                subject=render_to_string("team/email/reminder_subject.txt", context).strip(),
                body=render_to_string("team/email/reminder.txt", context),
                topic="team.reminder",
            )
            sent += 1
    return sent


# --- Minutes ----------------------------------------------------------------------------------


def minutes_recipients(*, minutes: Minutes) -> list[Membership]:
    """Every member and deputy of the minutes' team whose term covers today."""
    return list(
        Membership.objects.filter(team_id=minutes.meeting.team_id)
        .current_on(timezone.localdate())
        .filter(person__anonymised_at__isnull=True)
        .select_related("person", "person__user")
    )


def _minutes_mail(*, minutes: Minutes, template: str, topic: str) -> int:
    sent = 0
    with translation.override("pl"):
        context = {
            "minutes": minutes,
            "meeting": minutes.meeting,
            "url": site_url(minutes.get_absolute_url()),
        }
        subject = render_to_string(f"team/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"team/email/{template}.txt", context)
        for membership in minutes_recipients(minutes=minutes):
            address = _address(membership)
            if not address:
                continue
            email_enqueue(to=address, subject=subject, body=body, topic=topic)
            sent += 1
    return sent


def minutes_ready_send(*, minutes: Minutes) -> int:
    """The e-mail "minutes ready for comments", to every current member and deputy."""
    return _minutes_mail(minutes=minutes, template="minutes_ready", topic="team.minutes_ready")


def minutes_deadline_send(*, minutes: Minutes) -> int:
    """The reminder that the deadline for comments on the minutes is near."""
    return _minutes_mail(
        minutes=minutes, template="minutes_deadline", topic="team.minutes_deadline"
    )


def minutes_deadline_schedule(*, minutes: Minutes) -> None:
    from .tasks_minutes import schedule_minutes_deadline_reminder

    schedule_minutes_deadline_reminder(minutes)


def calendar_ics(meetings: Iterable[Meeting], *, name: str) -> bytes:
    """Several sittings as one published calendar (the feed, or a single download).

    Each event is the same VEVENT the invitations carry (same UID and SEQUENCE), so a
    calendar that got the e-mail and subscribes to the feed shows one entry, not two. A
    cancelled sitting stays in, marked cancelled; a planned one is tentative until convened.
    """
    from .choices import MeetingStatus

    cal = icalendar.Calendar()
    cal.add("prodid", ICS_PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for meeting in meetings:
        event = meeting_vevent(meeting, cancelled=meeting.status == MeetingStatus.CANCELLED)
        if meeting.status == MeetingStatus.PLANNED:
            event.pop("status", None)
            event.add("status", "TENTATIVE")
        cal.add_component(event)
    return cal.to_ical()
