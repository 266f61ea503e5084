"""The WZK secretariat on a long history (``manage.py seed_team_scale``): SQL queries of the
sitting page and the calendar as office staff (target: <= 15 each, whatever the history), and
the time to render the minutes PDF of a sitting with 20 agenda items (target: < 3 s, median of
5 runs). Prints Markdown; exits 1 if a target is missed."""

from __future__ import annotations

import os
import statistics
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from skillshub.accounts.models import User  # noqa: E402
from skillshub.team.exports import minutes_pdf  # noqa: E402
from skillshub.team.management.commands.seed_team_scale import TEAM_NAME  # noqa: E402
from skillshub.team.models import Document, Meeting, Minutes, Team  # noqa: E402

QUERY_LIMIT = 15
PDF_LIMIT = 3.0
RUNS = 5

team = Team.objects.filter(name=TEAM_NAME).first()
if team is None:
    sys.exit("Run manage.py seed_team_scale first.")
sitting = (
    Meeting.objects.filter(team=team, minutes__isnull=False)
    .annotate(items=Count("agenda_items"))
    .order_by("-items", "-number")
    .first()
)
assert sitting is not None
staff, _created = User.objects.get_or_create(
    username="bench-staff", defaults={"role": "office_staff"}
)
client = Client()
client.force_login(staff)

missed = []
print(
    f"WZK secretariat on {team.meetings.count()} sittings, {team.memberships.count()} "
    f"memberships, {Document.objects.filter(team=team).count()} documents; "
    f"{connection.vendor}, {os.cpu_count()} cores"
)
print()
for name, url in (
    ("sitting page", f"/wzk/meetings/{sitting.pk}/"),
    ("calendar", "/wzk/calendar/"),
):
    client.get(url)  # warm up: the first request of a process loads templates and translations
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    count = len(ctx.captured_queries)
    flag = "" if count <= QUERY_LIMIT and response.status_code == 200 else " **over target**"
    if flag:
        missed.append(name)
    print(f"- office staff `{url}` ({name}): HTTP {response.status_code}, {count} queries{flag}")

minutes = Minutes.objects.select_related("meeting").get(meeting=sitting)
timings = []
size = 0
for _ in range(RUNS):
    start = time.perf_counter()
    size = len(minutes_pdf(minutes=minutes))
    timings.append(time.perf_counter() - start)
median = statistics.median(timings)
flag = "" if median < PDF_LIMIT else " **over target**"
if flag:
    missed.append("minutes PDF")
print(
    f"- minutes PDF of {sitting} ({sitting.agenda_items.count()} agenda items, "
    f"{sitting.attendance.count()} attendance rows): median {median:.2f} s of {RUNS} runs "
    f"({', '.join(f'{t:.2f}' for t in timings)}), {size // 1024} KiB{flag}"
)
if missed:
    print()
    print(f"Targets missed: {', '.join(missed)}")
    sys.exit(1)
