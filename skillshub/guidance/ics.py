"""Guidance events as iCalendar. An event keeps one UID for life; every change that people
should see in their calendars (a new date or place, a cancellation) raises SEQUENCE, so a
calendar that already holds the event replaces it instead of adding a second one."""

from __future__ import annotations

from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.utils import timezone

from .choices import EventStatus
from .models import GuidanceEvent

ICS_PRODID = "-//Skills Hub//Career guidance//PL"


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def event_ics_uid(event: GuidanceEvent) -> str:
    return f"{event.uid}@skillshub-guidance"


def event_location(event: GuidanceEvent) -> str:
    parts = [event.place]
    if event.county_id and event.county:
        parts.append(str(event.county))
    if event.is_online:
        parts.append("online")
    return ", ".join(p for p in parts if p)


def event_vevent(event: GuidanceEvent, *, cancelled: bool = False) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", event_ics_uid(event))
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", event.starts_at)
    vevent.add("dtend", event.ends_at)
    vevent.add("summary", event.title)
    location = event_location(event)
    if location:
        vevent.add("location", location)
    url = site_url(event.get_absolute_url())
    vevent.add("url", url)
    vevent.add("description", f"{event.description}\n\n{url}".strip())
    vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return vevent


def event_ics(event: GuidanceEvent, *, method: str = "PUBLISH") -> str:
    """One event: PUBLISH for a download, REQUEST for a confirmation or update, CANCEL when
    the event is called off."""
    cal = icalendar.Calendar()
    cal.add("prodid", ICS_PRODID)
    cal.add("version", "2.0")
    cal.add("method", method)
    cal.add_component(
        event_vevent(event, cancelled=method == "CANCEL" or event.status == EventStatus.CANCELLED)
    )
    return str(cal.to_ical().decode())


def events_ics(events: Iterable[GuidanceEvent], *, name: str) -> bytes:
    """Several events as one published calendar (the public feed)."""
    cal = icalendar.Calendar()
    cal.add("prodid", ICS_PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(event_vevent(event, cancelled=event.status == EventStatus.CANCELLED))
    return bytes(cal.to_ical())
