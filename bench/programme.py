"""The programme at scale (``manage.py seed_programme_scale``: 12 objectives, 150 actions, 200
indicators, half county-level, 10 years of measurements in 14 counties and the region): the
public dashboard ``/programme/<pk>/dashboard/`` as an anonymous visitor and as office staff,
through Django's test client: SQL queries of a request (target: <= 15) and server time over 50
requests after a first one left out (target: median < 200 ms; p50 and p90 reported). Then the
full monitoring report PDF of a closed round (target: < 15 s), if ``skillshub.programme.reports``
exists: the round is opened without reports and closed through ``round_close``, which freezes the
snapshot the report is drawn from.

Anonymous visitors may be served from the whole-page cache (``core/pagecache.py``); they are
measured with it off (every request renders) and as served. Staff pages always render.

Usage: ``bench/programme.py [--requests N]``. Prints Markdown; exits 1 if a target
is missed, naming it.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from skillshub.accounts.models import User  # noqa: E402
from skillshub.programme.management.commands.seed_programme_scale import NAME  # noqa: E402
from skillshub.programme.models import (  # noqa: E402
    Indicator,
    Measurement,
    MonitoringRound,
    Node,
    Programme,
)

QUERY_LIMIT = 15
TIME_LIMIT_MS = 200.0
PDF_LIMIT_S = 15.0

parser = argparse.ArgumentParser()
parser.add_argument("--requests", type=int, default=50)
args = parser.parse_args()

programme = Programme.objects.filter(name=NAME).first()
if programme is None:
    sys.exit("Run manage.py seed_programme_scale first.")
version = programme.versions.get(status="adopted")
staff, _created = User.objects.get_or_create(
    username="bench-staff", defaults={"role": "office_staff"}
)

page_cache = settings.PUBLIC_PAGE_CACHE
missed: list[str] = []
url = f"/programme/{programme.pk}/dashboard/"
print(
    f"Programme at scale: {Node.objects.filter(version=version, kind='objective').count()} "
    f"objectives, {Node.objects.filter(version=version, kind='action').count()} actions, "
    f"{Indicator.objects.filter(programme=programme).count()} indicators, "
    f"{Measurement.objects.filter(indicator__programme=programme).count()} measurements; "
    f"{connection.vendor}, {os.cpu_count()} cores"
)
print()
print("| who | URL | HTTP | queries | p50 | p90 | target |")
print("|---|---|---|---|---|---|---|")
ROWS = [
    ("anonymous, page cache off", False, False),
    ("anonymous, as served", False, True),
    ("office staff", True, True),
]
for who, signed_in, cache_on in ROWS:
    # With the page cache off every request renders, as the first visitor after a change would.
    settings.PUBLIC_PAGE_CACHE = page_cache and cache_on
    client = Client()
    if signed_in:
        client.force_login(staff)
    first = client.get(url)  # left out: the first request loads templates, translations
    if first.status_code != 200:
        missed.append(f"dashboard as {who}: HTTP {first.status_code}")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    queries = len(ctx.captured_queries)
    timings = []
    for _ in range(args.requests):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p50 = statistics.median(timings)
    p90 = timings[max(0, round(0.9 * len(timings)) - 1)]
    flags = []
    if queries > QUERY_LIMIT:
        flags.append("queries")
        missed.append(f"dashboard as {who}: {queries} queries (> {QUERY_LIMIT})")
    if p50 >= TIME_LIMIT_MS:
        flags.append("time")
        missed.append(f"dashboard as {who}: median {p50:.0f} ms (>= {TIME_LIMIT_MS:.0f} ms)")
    status = "**missed: " + ", ".join(flags) + "**" if flags else "met"
    print(
        f"| {who} | `{url}` | {response.status_code} | {queries} | {p50:.1f} ms | {p90:.1f} ms "
        f"| ≤ {QUERY_LIMIT} queries, median < {TIME_LIMIT_MS:.0f} ms: {status} |"
    )
settings.PUBLIC_PAGE_CACHE = page_cache
print()
print(
    f"Server time through Django's test client, {args.requests} requests after a first one "
    f"(left out); PUBLIC_PAGE_CACHE={page_cache}."
)

try:
    from skillshub.programme import reports
    from skillshub.programme.services_monitoring import round_close
except ImportError:
    reports = None  # type: ignore[assignment]
if reports is None or not hasattr(reports, "report_pdf"):
    print()
    print("- monitoring report PDF: skipped (`skillshub.programme.reports` is not there).")
else:
    monitoring_round = MonitoringRound.objects.filter(version=version, status="closed").first()
    if monitoring_round is None:
        # A round with no institution reports, so nothing to review and no e-mails to queue;
        # closing it through the service freezes the snapshot the report is drawn from.
        opened = MonitoringRound.objects.create(
            version=version, year=2029, deadline=datetime.date(2030, 3, 31), opened_by=staff
        )
        monitoring_round = round_close(round=opened, actor=staff)
    timings = []
    size = 0
    for _ in range(3):
        start = time.perf_counter()
        size = len(reports.report_pdf(monitoring_round=monitoring_round))
        timings.append(time.perf_counter() - start)
    median = statistics.median(timings)
    flag = "" if median < PDF_LIMIT_S else " **over target**"
    if flag:
        missed.append(f"report PDF: median {median:.1f} s (>= {PDF_LIMIT_S:.0f} s)")
    print()
    print(
        f"- monitoring report PDF (`reports.report_pdf`, round {monitoring_round.year}): median "
        f"{median:.2f} s of 3 runs ({', '.join(f'{t:.2f}' for t in timings)}), "
        f"{size // 1024} KiB, target < {PDF_LIMIT_S:.0f} s{flag}"
    )

if missed:
    print()
    print(f"Targets missed: {'; '.join(missed)}")
    sys.exit(1)
