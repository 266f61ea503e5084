"""Matters at scale (``manage.py seed_matters_scale``: 20,000 matters, 100,000 comments and
moves): SQL queries of the board and of the list as office staff (target: <= 12 each), and the
list's requests per second against the framework's floor (``/ping/``) in the same run, with wrk
on loopback (target: >= 50% of the floor). The list is for signed-in users, so wrk carries the
session cookie of a staff user.

Usage: ``bench/matters.py [--port PORT]``; without a port it starts gunicorn itself (the
environment of ``bench/run.sh``). ``--profile`` prints a cProfile of one list request.
Prints Markdown; exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import socket
import subprocess
import sys
import time
import urllib.request

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from skillshub.accounts.models import User  # noqa: E402
from skillshub.matters.models import Matter, MatterComment, MatterTransition  # noqa: E402

QUERY_LIMIT = 12
SHARE_TARGET = 0.5
PAGES = {"board": "/matters/board/", "list": "/matters/"}

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int)
parser.add_argument("--duration", default=os.environ.get("BENCH_DURATION", "15s"))
parser.add_argument("--connections", default=os.environ.get("BENCH_CONNECTIONS", "8"))
parser.add_argument("--workers", default=os.environ.get("BENCH_WORKERS", "2"))
parser.add_argument("--profile", action="store_true")
args = parser.parse_args()

if not Matter.objects.filter(title__startswith="Kwestia skali").exists():
    sys.exit("Run manage.py seed_matters_scale first.")
staff, _created = User.objects.get_or_create(
    username="bench-staff", defaults={"role": "office_staff"}
)
client = Client()
client.force_login(staff)  # a real session row: gunicorn accepts its cookie too
client.get("/matters/")  # as a browser would: the first page sets the CSRF cookie
cookie = "; ".join(
    f"{name}={client.cookies[name].value}"
    for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
)

missed = []
print(
    f"Matters at scale: {Matter.objects.count()} matters, "
    f"{MatterComment.objects.count()} comments, {MatterTransition.objects.count()} moves; "
    f"{connection.vendor}, {os.cpu_count()} cores"
)
print()
for name, url in PAGES.items():
    client.get(url)  # warm up: the first request of a process loads templates and translations
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    count = len(ctx.captured_queries)
    flag = "" if count <= QUERY_LIMIT and response.status_code == 200 else " **over target**"
    if flag:
        missed.append(f"{name} queries")
    print(f"- office staff `{url}` ({name}): HTTP {response.status_code}, {count} queries{flag}")

if args.profile:
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(PAGES["list"])
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
    print("\n```\n" + out.getvalue() + "```")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


server = None
port = args.port
if port is None:
    port = _free_port()
    server = subprocess.Popen(
        [
            ".venv/bin/gunicorn",
            "config.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            args.workers,
            "--log-level",
            "warning",
        ]
    )
try:
    for _ in range(50):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/ping/", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    results = {}
    for name, path, headers in (
        ("floor", "/ping/", []),
        ("list", PAGES["list"], ["-H", f"Cookie: {cookie}"]),
    ):
        url = f"http://127.0.0.1:{port}{path}"
        check = subprocess.run(
            ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", *headers, url],
            capture_output=True,
            text=True,
            check=False,
        )
        if check.stdout != "200":
            sys.exit(f"{name}: HTTP {check.stdout} from {url}")
        out = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{args.connections}",
                f"-d{args.duration}",
                "--latency",
                *headers,
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if "Non-2xx" in out:
            sys.exit(f"{name}: non-2xx responses\n{out}")
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
        p50 = re.search(r"\s50%\s+(\S+)", out).group(1)  # type: ignore[union-attr]
        p99 = re.search(r"\s99%\s+(\S+)", out).group(1)  # type: ignore[union-attr]
        results[name] = (path, rps, p50, p99)
finally:
    if server is not None:
        server.terminate()
        server.wait(timeout=10)

print()
print(
    f"gunicorn {args.workers} workers, `wrk -t2 -c{args.connections} -d{args.duration} --latency`"
    " (the list with the session and CSRF cookies of an office staff user, as a browser sends them)"
)
print()
print("| page | URL | req/s | p50 | p99 | share of floor |")
print("|---|---|---|---|---|---|")
floor = results["floor"][1]
for name, (path, rps, p50, p99) in results.items():
    print(f"| {name} | `{path}` | {rps:.1f} | {p50} | {p99} | {100 * rps / floor:.0f}% |")
share = results["list"][1] / floor
if share < SHARE_TARGET:
    missed.append(f"list at {100 * share:.0f}% of the floor")
if missed:
    print()
    print(f"Targets missed: {', '.join(missed)}")
    sys.exit(1)
