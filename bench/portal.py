"""The portal at scale (``manage.py seed_portal_scale``: 100,000 offers, 5,000 services, 20,000
events, 5,000 news items, plus ``seed_scale``'s institutions in the index).

1. The search results page ``/search/?q=…`` over 50 fixed Polish queries as citizens type them
   (inflected, without diacritics, some with a county filter): server latency in-process with
   ``django.test.Client``, a warm-up pass then ``--rounds`` rounds; median and p95 over all
   (target: p95 <= 50 ms), and the SQL queries of one page.
2. A naive baseline over the same data in the same run: for each query, every word must appear
   (``icontains``) in the title or the description of published offers, services, events and news
   (title or body); a count and the first 20 rows of each; timed the same way, in-process and
   without rendering a template (which flatters the baseline). Target: >= 20x at the median.
3. The home page ``/`` and an offer page ``/offers/<id>/`` against the floor ``/ping/`` with wrk,
   anonymous (target: >= 50% of the floor's req/s each).

Usage: ``bench/portal.py [--port PORT] [--rounds 5] [--duration 10s] [--profile] [--explain]``;
without a port it starts gunicorn itself (run it in the environment of ``bench/run.sh``:
``DEBUG=0``, ``ALLOWED_HOSTS=127.0.0.1,testserver``). Prints Markdown; exits 1 if a target is
missed.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from functools import reduce
from operator import and_
from typing import Any

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Q, QuerySet  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from skillshub.core import search  # noqa: E402
from skillshub.core.models import County, SearchEntry  # noqa: E402
from skillshub.guidance.models import GuidanceEvent, GuidanceService  # noqa: E402
from skillshub.portal.models import LearningOffer, NewsItem  # noqa: E402

P95_TARGET_MS = 50.0
SPEEDUP_TARGET = 20.0
SHARE_TARGET = 0.5
NAIVE_ROWS = 20

# (query as typed, county TERYT to filter by or None). Inflected, sometimes without diacritics.
QUERIES: list[tuple[str, str | None]] = [
    ("doradztwa zawodowego dla dorosłych w Gorzowie", None),
    ("kursy spawania", None),
    ("kurs spawania metodą TIG", None),
    ("technik informatyk Żary", None),
    ("technik informatyk", "0811"),
    ("szkolenia dla osób 50+", None),
    ("zary", None),
    ("kurs języka niemieckiego", None),
    ("kursu jezyka niemieckiego w Zielonej Górze", None),
    ("targi pracy", None),
    ("targów pracy w Słubicach", None),
    ("studia podyplomowe logistyka", None),
    ("studiów podyplomowych z logistyki", "0862"),
    ("operator wózków widłowych", None),
    ("kursy na wózki widłowe Nowa Sól", None),
    ("kwalifikacyjny kurs zawodowy", None),
    ("KKZ obsługa magazynów", "0861"),
    ("mechanik pojazdów samochodowych", None),
    ("technikum mechatronik", None),
    ("kucharz szkoła branżowa", "0804"),
    ("fryzjer", None),
    ("kurs kadry i płace", None),
    ("księgowość od podstaw", None),
    ("pierwsza pomoc", None),
    ("prawo jazdy C+E", None),
    ("kompetencje cyfrowe seniorów", None),
    ("programowanie python", None),
    ("opiekunka osób starszych", None),
    ("uprawnienia SEP", "0808"),
    ("doradca zawodowy", None),
    ("spotkanie z doradcą zawodowym", "0810"),
    ("badanie predyspozycji zawodowych", None),
    ("warsztaty CV", None),
    ("rozmowa kwalifikacyjna", None),
    ("dzień otwarty szkoły", None),
    ("festiwal zawodów", "0862"),
    ("poradnictwo zawodowe dla osób z niepełnosprawnościami", None),
    ("doradztwo dla migrantów", None),
    ("młodzież NEET", None),
    ("język polski dla cudzoziemców", None),
    ("egzamin zawodowy", None),
    ("wyniki egzaminów zawodowych", None),
    ("nabór na kursy", "0811"),
    ("bezpłatne szkolenia", None),
    ("dofinansowanie KFS", None),
    ("mikropoświadczenia", None),
    ("operator CNC Świebodzin", None),
    ("studia dualne", None),
    ("Międzyrzecz", None),
    ("drezdenko stolarz", None),
]

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int)
parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", "5")))
parser.add_argument("--naive-rounds", type=int, default=3)
parser.add_argument("--duration", default=os.environ.get("BENCH_DURATION", "10s"))
parser.add_argument("--connections", default=os.environ.get("BENCH_CONNECTIONS", "8"))
parser.add_argument("--workers", default=os.environ.get("BENCH_WORKERS", "2"))
parser.add_argument("--profile", action="store_true", help="cProfile the slowest search page")
parser.add_argument("--explain", action="store_true", help="query plan of the slowest search")
parser.add_argument("--skip-wrk", action="store_true")
args = parser.parse_args()

if not LearningOffer.objects.filter(source_key__startswith="skala-").exists():
    sys.exit("Run manage.py seed_portal_scale first.")

counties = dict(County.objects.in_region().values_list("teryt", "pk"))
missed: list[str] = []


def _ms(seconds: float) -> float:
    return seconds * 1000


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def _url(query: str, teryt: str | None) -> str:
    params = {"q": query}
    if teryt:
        params["county"] = str(counties[teryt])
    return "/search/?" + urllib.parse.urlencode(params)


def _timed(fn: Callable[[], Any], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append(_ms(time.perf_counter() - started))
    return times


# --- 1. the search page -----------------------------------------------------------------------

client = Client()
hits_of: dict[str, int] = {}
for query, teryt in QUERIES:  # warm-up: templates, translations, the lemmatiser's dictionary
    response = client.get(_url(query, teryt))
    if response.status_code != 200:
        sys.exit(f"{_url(query, teryt)}: HTTP {response.status_code}")
    filters = search.SearchFilters(county_id=counties[teryt] if teryt else None)
    hits_of[query] = search.search(query, filters=filters).total

search_times: dict[str, list[float]] = {q: [] for q, _ in QUERIES}
for _ in range(args.rounds):  # round-robin, so a burst of load hits every query alike
    for query, teryt in QUERIES:
        url = _url(query, teryt)
        search_times[query] += _timed(lambda url=url: client.get(url), 1)  # type: ignore[misc]

all_search = [t for times in search_times.values() for t in times]
engine_times: list[float] = []  # the engine alone (search.search), to tell SQL from rendering
for _ in range(args.rounds):
    for query, teryt in QUERIES:
        filters = search.SearchFilters(county_id=counties[teryt] if teryt else None)
        engine_times += _timed(lambda q=query, f=filters: search.search(q, filters=f), 1)  # type: ignore[misc]
with CaptureQueriesContext(connection) as ctx:
    client.get(_url(*QUERIES[0]))
page_queries = len(ctx.captured_queries)
most_queries = 0
for query, teryt in QUERIES:
    with CaptureQueriesContext(connection) as ctx:
        client.get(_url(query, teryt))
    most_queries = max(most_queries, len(ctx.captured_queries))


# --- 2. the naive baseline --------------------------------------------------------------------


def _words(query: str) -> list[str]:
    return [w for w in re.findall(r"[\w+]+", query) if w]


def _naive(query: str, teryt: str | None) -> int:
    words = _words(query)
    county_id = counties[teryt] if teryt else None
    sources: list[tuple[QuerySet[Any], tuple[str, str], Q]] = [
        (
            LearningOffer.objects.published(),
            ("title", "description"),
            Q(county_id=county_id) | Q(county__isnull=True),
        ),
        (
            GuidanceService.objects.published(),
            ("title", "description"),
            Q(counties=county_id),
        ),
        (
            GuidanceEvent.objects.published(),
            ("title", "description"),
            Q(county_id=county_id) | Q(county__isnull=True),
        ),
        (NewsItem.objects.published(), ("title", "body"), Q()),
    ]
    total = 0
    for qs, (title, text), by_county in sources:
        match = reduce(
            and_,
            (Q(**{f"{title}__icontains": w}) | Q(**{f"{text}__icontains": w}) for w in words),
        )
        qs = qs.filter(match)
        if county_id is not None:
            qs = qs.filter(by_county).distinct()
        total += qs.count()
        list(qs.values("pk", title)[:NAIVE_ROWS])
    return total


naive_hits: dict[str, int] = {}
for query, teryt in QUERIES:  # warm-up
    naive_hits[query] = _naive(query, teryt)
naive_times: dict[str, list[float]] = {q: [] for q, _ in QUERIES}
for _ in range(args.naive_rounds):
    for query, teryt in QUERIES:
        naive_times[query] += _timed(lambda q=query, t=teryt: _naive(q, t), 1)  # type: ignore[misc]
all_naive = [t for times in naive_times.values() for t in times]

# --- report -----------------------------------------------------------------------------------

load = os.getloadavg()
print(
    f"Portal at scale: {LearningOffer.objects.count()} offers, "
    f"{GuidanceService.objects.count()} services, {GuidanceEvent.objects.count()} events, "
    f"{NewsItem.objects.count()} news items; {SearchEntry.objects.count()} search entries; "
    f"{connection.vendor}, {os.cpu_count()} cores, load average "
    f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
)
print()
s_med, s_p95 = statistics.median(all_search), _p95(all_search)
n_med, n_p95 = statistics.median(all_naive), _p95(all_naive)
speedup_med = n_med / s_med
speedup_p95 = n_p95 / s_p95
flag = "" if s_p95 <= P95_TARGET_MS else " **over target**"
if flag:
    missed.append(f"search p95 {s_p95:.1f} ms")
print(
    f"- search page `/search/?q=…`, {len(QUERIES)} queries × {args.rounds} rounds "
    f"(in-process, `django.test.Client`): median {s_med:.1f} ms, p95 {s_p95:.1f} ms{flag} "
    f"(target ≤ {P95_TARGET_MS:.0f} ms), max {max(all_search):.1f} ms; "
    f"{page_queries} SQL queries for one page (at most {most_queries} over the 50)"
)
print(
    f"- of which the engine alone (`search.search()`, same queries and rounds): median "
    f"{statistics.median(engine_times):.1f} ms, p95 {_p95(engine_times):.1f} ms"
)
flag = "" if speedup_med >= SPEEDUP_TARGET else " **under target**"
if flag:
    missed.append(f"speed-up {speedup_med:.1f}x")
print(
    f"- naive `icontains` baseline, {len(QUERIES)} queries × {args.naive_rounds} rounds "
    f"(ORM only, no template): median {n_med:.1f} ms, p95 {n_p95:.1f} ms"
)
print(
    f"- speed-up: {speedup_med:.0f}× at the median{flag} (target ≥ {SPEEDUP_TARGET:.0f}×), "
    f"{speedup_p95:.0f}× at p95"
)
print()
print("<details><summary>Per query: hits (search / naive), median ms (search / naive)</summary>")
print()
print("| query | county | search hits | naive hits | search ms | naive ms |")
print("|---|---|---|---|---|---|")
for query, teryt in QUERIES:
    print(
        f"| {query} | {teryt or ''} | {hits_of[query]} | {naive_hits[query]} | "
        f"{statistics.median(search_times[query]):.1f} | "
        f"{statistics.median(naive_times[query]):.1f} |"
    )
print()
print("</details>")

slowest = max(QUERIES, key=lambda qt: statistics.median(search_times[qt[0]]))
if args.profile:
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(_url(*slowest))
    profiler.disable()
    stats = io.StringIO()
    pstats.Stats(profiler, stream=stats).sort_stats("cumulative").print_stats(30)
    print(f"\ncProfile of `{_url(*slowest)}`:\n\n```\n{stats.getvalue()}```")
if args.explain:
    with CaptureQueriesContext(connection) as ctx:
        client.get(_url(*slowest))
    print(f"\nQueries of `{_url(*slowest)}` and their plans:\n")
    for captured in ctx.captured_queries:
        sql = captured["sql"]
        if "core_searchentry" not in sql:
            continue
        print(f"```sql\n{sql}\n```")
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("EXPLAIN ANALYZE " + sql)
            else:
                cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plan = "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())
        print(f"```\n{plan}\n```")


# --- 3. home and offer page against the floor -------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


if args.skip_wrk:
    if missed:
        print(f"\nTargets missed: {', '.join(missed)}")
        sys.exit(1)
    sys.exit(0)

offer_ids = list(
    LearningOffer.objects.published()
    .filter(source_key__startswith="skala-")
    .order_by("pk")
    .values_list("pk", flat=True)[5000:5001]
) or list(LearningOffer.objects.published().values_list("pk", flat=True)[:1])
PAGES = {"floor": "/ping/", "home": "/", "offer": f"/offers/{offer_ids[0]}/"}

server = None
port = args.port
if port is None:
    port = _free_port()
    server = subprocess.Popen(
        [
            ".venv/bin/gunicorn",
            "config.wsgi",
            "--preload",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            args.workers,
            "--log-level",
            "warning",
        ]
    )
results_wrk: dict[str, tuple[str, float, str, str]] = {}
try:
    for _ in range(50):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/ping/", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    for name, path in PAGES.items():
        url = f"http://127.0.0.1:{port}{path}"
        check = subprocess.run(
            ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", url],
            capture_output=True,
            text=True,
            check=False,
        )
        if check.stdout != "200":
            print(f"\n{name}: HTTP {check.stdout} from `{path}`; not measured")
            missed.append(f"{name} HTTP {check.stdout}")
            continue
        out: str = subprocess.run(
            ["wrk", "-t2", f"-c{args.connections}", f"-d{args.duration}", "--latency", url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if "Non-2xx" in out:
            sys.exit(f"{name}: non-2xx responses\n{out}")
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
        p50 = re.search(r"\s50%\s+(\S+)", out).group(1)  # type: ignore[union-attr]
        p99 = re.search(r"\s99%\s+(\S+)", out).group(1)  # type: ignore[union-attr]
        results_wrk[name] = (path, rps, p50, p99)
finally:
    if server is not None:
        server.terminate()
        server.wait(timeout=10)

print()
print(
    f"gunicorn {args.workers} workers, `wrk -t2 -c{args.connections} -d{args.duration} "
    "--latency`, anonymous"
)
print()
print("| page | URL | req/s | p50 | p99 | share of floor |")
print("|---|---|---|---|---|---|")
floor = results_wrk["floor"][1] if "floor" in results_wrk else 0.0
for name, (path, rps, p50, p99) in results_wrk.items():
    share = rps / floor if floor else 0.0
    print(f"| {name} | `{path}` | {rps:.1f} | {p50} | {p99} | {100 * share:.0f}% |")
    if name != "floor" and share < SHARE_TARGET:
        missed.append(f"{name} at {100 * share:.0f}% of the floor")
if missed:
    print()
    print(f"Targets missed: {', '.join(missed)}")
    sys.exit(1)
