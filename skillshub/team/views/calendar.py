"""The calendar of sittings and its private ICS feed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import notifications
from ..access import get_meeting_for_user, require_perm
from ..models import CalendarFeed, Meeting
from ..services import calendar as services

PAST_DAYS = 92  # the page's "last three months"
FEED_PAST_DAYS = 365  # the feed reaches a year back
UPCOMING_LIMIT = 200


@dataclass
class Month:
    first_day: datetime.date
    meetings: list[Meeting] = field(default_factory=list)


def _by_month(meetings: list[Meeting]) -> list[Month]:
    months: list[Month] = []
    for meeting in meetings:
        first_day = timezone.localtime(meeting.starts_at).date().replace(day=1)
        if not months or months[-1].first_day != first_day:
            months.append(Month(first_day))
        months[-1].meetings.append(meeting)
    return months


def _visible_meetings(user: Any) -> Any:
    """Sittings of the teams the person sees today (staff: all), working groups included."""
    return Meeting.objects.visible_to(user).select_related("team", "team__parent")


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "team.view_calendar")
    now = timezone.now()
    meetings = _visible_meetings(request.user)
    upcoming = list(meetings.filter(starts_at__gte=now).order_by("starts_at")[:UPCOMING_LIMIT])
    past = list(
        meetings.filter(
            starts_at__lt=now, starts_at__gte=now - datetime.timedelta(days=PAST_DAYS)
        ).order_by("-starts_at")
    )
    feed = services.calendar_feed_get_or_create(user=request.user)
    return render(
        request,
        "team/calendar.html",
        {
            "months": _by_month(upcoming),
            "past": past,
            "feed_url": notifications.feed_url(feed.key),
        },
    )


@login_required
@require_POST
def calendar_feed_reset(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "team.view_calendar")
    services.calendar_feed_reset(user=request.user)
    messages.success(
        request,
        _("Your calendar has a new address. Subscribe again with it: the old one no longer works."),
    )
    return redirect("team:calendar")


def _ics_response(content: bytes, *, filename: str | None = None) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def calendar_feed(request: HttpRequest, key: str) -> HttpResponse:
    """The subscribable feed. No login (calendar apps cannot log in): the secret key in the
    address stands for the person, and what they see is decided now, not when the address was
    made, so someone whose term has ended gets nothing new."""
    feed = CalendarFeed.objects.select_related("user").filter(key=key).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    meetings = _visible_meetings(feed.user).filter(starts_at__gte=since).order_by("starts_at")
    with translation.override("pl"):
        name = _("Team sittings")
    return _ics_response(notifications.calendar_ics(meetings, name=name))


@login_required
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    return _ics_response(
        notifications.calendar_ics([meeting], name=str(meeting)),
        filename=f"posiedzenie-{meeting.roman}-{meeting.team.short_name}.ics",
    )
