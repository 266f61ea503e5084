"""Load and soak (issue 9): mixed public and staff traffic against the production stack.

``make load`` runs it for 10 minutes; ``--duration 60s`` (or ``LOAD_DURATION``) for a smoke.
See bench/load/README.md. In short:

1. ``stack.Stack`` starts its own PostgreSQL 15, migrates and seeds the demo, and serves the
   production profile with gunicorn (2 sync workers, ``--preload``) and ``db_worker``.
2. locust (as a library, in this process) runs three kinds of client at once:
   - ``PublicVisitor``: home, the search page with Polish queries, the offer catalogue and
     offer pages, guidance services and events, the institutions directory, API lists;
   - ``StaffUser``: logs in as the demo office worker, opens the dashboards and lists, logs
     an interaction and edits an institution (each staff client its own institutions);
   - ``Submitter`` x 50: exactly 1,000 public submissions between them, half join
     applications and half event registrations, each carrying the marker
     ``load-<n>@example.invalid``. A browser's way: GET the form, POST it with the CSRF token
     and cookie. The 50 fire together in rounds ("bursts"), spread over 80 % of the run.
3. Every few seconds the RSS (and PSS and private memory) of each gunicorn worker, the master
   and the task worker is read from /proc, with the load average.
4. Afterwards the database is counted: rows carrying the markers, duplicates, and the
   client's own log of acknowledged submissions joined with what is stored.

Results: bench/results/load-<date>.json (every figure) and load-<date>.md (a summary).
Exit status 1 when a target is missed: an error, a lost or duplicate row, 1,000 not stored.
"""

from __future__ import annotations

# isort: off
# locust patches the standard library with gevent: import it before anything else.
import locust
from locust import HttpUser, between, events, task
from locust.env import Environment
from locust.exception import StopUser

# isort: on

import argparse
import collections
import datetime as dt
import itertools
import json
import os
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

import gevent
import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stack import REPO, Stack

RESULTS = REPO / "bench" / "results"
MARKER_DOMAIN = "example.invalid"

# What people type into the search page of a Lubusz lifelong-learning portal.
QUERIES = [
    "szkolenia zawodowe", "kurs spawania", "doradztwo zawodowe", "język angielski",
    "kwalifikacyjny kurs zawodowy", "Zielona Góra", "Gorzów Wielkopolski", "opiekun medyczny",
    "programowanie dla początkujących", "staż", "uniwersytet trzeciego wieku", "księgowość",
    "prawo jazdy kategorii C", "fryzjer", "elektryk", "kursy bezpłatne online", "pielęgniarka",
    "logistyka i magazyn", "mechatronik", "kompetencje cyfrowe", "Żary", "Świebodzin",
    "szkoła branżowa", "poradnictwo dla młodzieży", "przedsiębiorczość", "obsługa wózków",
    "Nowa Sól", "umiejętności miękkie", "technik informatyk", "szkolenie BHP",
]  # fmt: skip

# Filled in by main() before the clients start.
DATA: dict[str, Any] = {}
SUBMISSIONS: list[dict[str, Any]] = []  # the clients' own log, one row per submission
COUNTER = itertools.count(1)


def parse_duration(text: str) -> float:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (try 60s, 10m)")
    return float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[match.group(2)]


def find_form(html: str, field: str, url: str) -> Any:
    """The page's form that has ``field`` (pages also hold the search and language forms)."""
    doc = lxml.html.fromstring(html, base_url=url)
    for form in doc.forms:
        if field in form.fields:
            return form
    raise LookupError(f"no form with a {field!r} field on {url}")


class Browser(HttpUser):
    """A client that keeps cookies and sends the headers a browser behind TLS would.

    In production nginx terminates TLS and sets X-Forwarded-Proto; the session and CSRF
    cookies are Secure. This client talks plain HTTP on loopback, so it says https the way
    nginx would, and sends its Secure cookies back over http (``_tls_terminated``).
    """

    abstract = True
    # Set when the duration is over: the public and staff clients stop, the submitters finish.
    draining = False

    def _tls_terminated(self) -> None:
        # requests copies the session's cookies into a fresh jar with the default policy for
        # each request, so a policy would not stick: drop the flag on the stored cookies.
        for cookie in self.client.cookies:
            cookie.secure = False

    def on_start(self) -> None:
        self.client.headers.update(
            {
                "X-Forwarded-Proto": "https",
                "Accept-Language": "pl-PL,pl;q=0.9",
                "User-Agent": "skillshub-load/1.0",
            }
        )
        self.origin = "https://" + str(self.host).split("://", 1)[1]

    def get(self, path: str, name: str, **kwargs: Any) -> Any:
        if Browser.draining and not isinstance(self, Submitter):
            raise StopUser()
        self._tls_terminated()
        with self.client.get(path, name=name, catch_response=True, **kwargs) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
            return response

    def post_form(self, form: Any, path: str, name: str, values: list[tuple[str, str]]) -> Any:
        self._tls_terminated()
        headers = {"Origin": self.origin, "Referer": self.origin + path}
        return self.client.post(
            form.action or path,
            data=values,
            name=name,
            headers=headers,
            allow_redirects=False,
            catch_response=True,
        )


class PublicVisitor(Browser):
    wait_time = between(1, 3)

    @task(3)
    def home(self) -> None:
        self.get("/", "home")

    @task(5)
    def search(self) -> None:
        params: dict[str, Any] = {"q": random.choice(QUERIES)}
        if random.random() < 0.3:
            params["page"] = 2
        self.get("/search/", "search", params=params)

    @task(3)
    def offer_list(self) -> None:
        params: dict[str, Any] = {}
        if random.random() < 0.5:
            params["county"] = random.choice(DATA["counties"])
        if random.random() < 0.3:
            params["q"] = random.choice(["kurs", "szkolenie", "język", "technik"])
        self.get("/offers/", "offers list", params=params)

    @task(3)
    def offer_detail(self) -> None:
        self.get(f"/offers/{random.choice(DATA['offers'])}/", "offer detail")

    @task(2)
    def services(self) -> None:
        params = {"county": random.choice(DATA["counties"])} if random.random() < 0.5 else {}
        self.get("/guidance/", "guidance services", params=params)

    @task(1)
    def service_detail(self) -> None:
        self.get(f"/guidance/services/{random.choice(DATA['services'])}/", "service detail")

    @task(2)
    def event_list(self) -> None:
        self.get("/guidance/events/", "guidance events")

    @task(2)
    def event_detail(self) -> None:
        self.get(f"/guidance/events/{random.choice(DATA['events'])}/", "event detail")

    @task(3)
    def directory(self) -> None:
        params: dict[str, Any] = {}
        if random.random() < 0.5:
            params["county"] = random.choice(DATA["counties"])
        if random.random() < 0.3:
            params["q"] = random.choice(["szkoła", "urząd", "centrum", "poradnia"])
        if random.random() < 0.2:
            params["page"] = 2
        self.get("/institutions/", "institutions directory", params=params)

    @task(2)
    def institution_detail(self) -> None:
        pk = random.choice(DATA["institutions"])
        self.get(f"/institutions/{pk}/", "institution detail")

    @task(3)
    def api_list(self) -> None:
        path = random.choice(
            [
                "/api/v1/portal/offers",
                "/api/v1/guidance/services",
                "/api/v1/guidance/events",
                "/api/v1/institutions/",
                "/api/v1/programme/programmes",
            ]
        )
        self.get(path, "api lists")

    @task(1)
    def other_pages(self) -> None:
        path = random.choice(["/news/", "/programme/", "/labour-market/", "/matters/public/"])
        self.get(path, "other public pages")


class StaffUser(Browser):
    """The office worker: dashboards and lists, and now and then a write."""

    wait_time = between(2, 5)
    fixed_count = 4
    _ids = itertools.count()

    def on_start(self) -> None:
        super().on_start()
        self.index = next(self._ids)
        mine = DATA["institutions_with_contacts"][self.index :: max(StaffUser.fixed_count, 1)]
        self.institutions = mine or DATA["institutions_with_contacts"]
        self.writes = 0
        page = self.get("/accounts/login/", "staff log-in form")
        form = find_form(page.text, "password", page.url)
        values = [(k, v) for k, v in form.form_values() if k not in ("username", "password")]
        values += [("username", DATA["staff_username"]), ("password", DATA["staff_password"])]
        with self.post_form(form, "/accounts/login/", "staff log-in (POST)", values) as response:
            if response.status_code != 302:
                response.failure(f"log-in answered {response.status_code}")

    @task(10)
    def dashboards(self) -> None:
        path = random.choice(
            [
                "/institutions/",
                "/institutions/follow-ups/",
                "/institutions/applications/",
                "/matters/",
                "/matters/board/",
                "/outbox/",
                "/audit/",
                "/offers/review/",
                "/guidance/coverage/",
                "/wzk/teams/",
                f"/institutions/{random.choice(self.institutions)}/",
            ]
        )
        name = "staff institution page" if re.fullmatch(r"/institutions/\d+/", path) else None
        self.get(path, name or "staff lists and dashboards")

    @task(1)
    def log_interaction(self) -> None:
        pk = random.choice(self.institutions)
        path = f"/institutions/{pk}/interactions/new/"
        page = self.get(path, "staff interaction form")
        if page.status_code != 200:
            return
        form = find_form(page.text, "subject", page.url)
        values = [(k, v) for k, v in form.form_values() if k not in ("subject", "note", "date")]
        if not any(k == "kind" and v for k, v in values):
            kinds = [o for o in form.inputs["kind"].value_options if o]
            values = [(k, v) for k, v in values if k != "kind"] + [("kind", kinds[0])]
        self.writes += 1
        values += [
            ("date", dt.date.today().isoformat()),
            ("subject", f"Rozmowa telefoniczna (test obciążeniowy {self.index}-{self.writes})"),
            ("note", "Ustalenia dotyczące współpracy w projekcie."),
        ]
        with self.post_form(form, path, "staff log interaction (POST)", values) as response:
            if response.status_code != 302:
                response.failure(f"interaction answered {response.status_code}")

    @task(1)
    def edit_institution(self) -> None:
        pk = random.choice(self.institutions)
        path = f"/institutions/{pk}/edit/"
        page = self.get(path, "staff institution edit form")
        if page.status_code != 200:
            return
        form = find_form(page.text, "version", page.url)
        self.writes += 1
        values = [(k, v) for k, v in form.form_values() if k != "description"]
        values.append(
            ("description", f"Opis zaktualizowany w teście obciążeniowym ({self.writes}).")
        )
        with self.post_form(form, path, "staff edit institution (POST)", values) as response:
            if response.status_code != 302:
                response.failure(f"edit answered {response.status_code}")


class Submitter(Browser):
    """One of the 50 public clients sending the 1,000 submissions, in synchronised rounds."""

    fixed_count = 50
    wait_time = between(0, 0)
    per_client = 20
    interval = 24.0
    started_at = 0.0

    def on_start(self) -> None:
        super().on_start()
        self.done = 0

    @task
    def submit(self) -> None:
        if self.done >= self.per_client:
            gevent.sleep(3600)  # this client is finished; the run ends around it
            return
        due = Submitter.started_at + self.done * Submitter.interval + random.uniform(0, 0.5)
        gevent.sleep(max(0.0, due - time.monotonic()))
        n = next(COUNTER)
        if n % 2:
            self.join(n)
        else:
            self.register(n)
        self.done += 1

    def _record(self, n: int, kind: str, email: str, outcome: str, attempts: int) -> None:
        SUBMISSIONS.append(
            {"n": n, "kind": kind, "email": email, "outcome": outcome, "attempts": attempts}
        )

    def join(self, n: int) -> None:
        email = f"load-{n}@{MARKER_DOMAIN}"
        page = self.get("/institutions/join/", "join form")
        if page.status_code != 200:
            self._record(n, "join", email, f"form {page.status_code}", 0)
            return
        form = find_form(page.text, "submission_key", page.url)
        kinds = [o for o in form.inputs["kind"].value_options if o]
        counties = [o for o in form.inputs["county"].value_options if o]
        fields = {
            "institution_name": f"Centrum Kształcenia Ustawicznego nr {n}",
            "kind": random.choice(kinds),
            "county": random.choice(counties),
            "city": "Zielona Góra",
            "street": f"ul. Wojska Polskiego {n % 200 + 1}",
            "postal_code": "65-001",
            "contact_first_name": "Anna",
            "contact_last_name": f"Testowa-{n}",
            "contact_position": "dyrektorka",
            "contact_email": email,
            "contact_phone": "+48 68 000 00 00",
            "message": "Chcemy współpracować przy szkoleniach dla dorosłych.",
            "consent_contact": "on",
            "privacy": "on",
        }
        values = [(k, v) for k, v in form.form_values() if k not in fields and k != "homepage"]
        values += [*fields.items(), ("homepage", "")]
        self._send(n, "join", email, form, "/institutions/join/", values, "/join/thanks/")

    def register(self, n: int) -> None:
        email = f"load-{n}@{MARKER_DOMAIN}"
        pk = DATA["events"][(n // 2) % len(DATA["events"])]
        path = f"/guidance/events/{pk}/"
        page = self.get(path, "event page (to register)")
        if page.status_code != 200:
            self._record(n, "registration", email, f"form {page.status_code}", 0)
            return
        form = find_form(page.text, "privacy_accepted", page.url)
        fields = {
            "full_name": f"Jan Testowy {n}",
            "email": email,
            "phone": "",
            "privacy_accepted": "on",
        }
        values = [(k, v) for k, v in form.form_values() if k not in fields] + list(fields.items())
        self._send(n, "registration", email, form, path, values, path)

    def _send(
        self,
        n: int,
        kind: str,
        email: str,
        form: Any,
        path: str,
        values: list[tuple[str, str]],
        success: str,
    ) -> None:
        """POST; retry a server error or a broken connection (the same data, as a person
        pressing the button again would: the join form's submission key makes that safe)."""
        try:
            self._post_until_answered(n, kind, email, form, path, values, success)
        except gevent.GreenletExit:
            self._record(n, kind, email, "interrupted (the run ended)", 0)
            raise

    def _post_until_answered(
        self,
        n: int,
        kind: str,
        email: str,
        form: Any,
        path: str,
        values: list[tuple[str, str]],
        success: str,
    ) -> None:
        for attempt in range(1, 4):
            name = f"{kind} (POST)"
            with self.post_form(form, path, name, values) as response:
                location = response.headers.get("Location", "")
                if response.status_code == 302 and location.endswith(success):
                    self._record(n, kind, email, "acknowledged", attempt)
                    return
                code = response.status_code
                if attempt > 1 and code == 400 and kind == "registration":
                    # The retry was refused as "already registered": the first attempt was
                    # stored after all. Acknowledged; the verification checks it.
                    self._record(n, kind, email, "acknowledged", attempt)
                    return
                response.failure(f"{code} {location}")
                if 0 < code < 500:
                    self._record(n, kind, email, f"refused {code}", attempt)
                    return
            gevent.sleep(1)
        self._record(n, kind, email, "gave up", 3)


# --- preparation, sampling, verification -----------------------------------------------------
PREPARE = r"""
import json
from django.utils import timezone
from skillshub.core.models import County
from skillshub.guidance.models import GuidanceEvent, GuidanceService
from skillshub.portal.models import LearningOffer
from skillshub.stakeholders.models import Institution
events = [e.pk for e in GuidanceEvent.objects.published().order_by("pk")
          if e.registration_is_open()]
listed = Institution.objects.listed().order_by("pk")
print(json.dumps({
    "counties": list(County.objects.in_region().values_list("pk", flat=True)),
    "offers": list(LearningOffer.objects.published().values_list("pk", flat=True)[:300]),
    "services": list(GuidanceService.objects.published().values_list("pk", flat=True)[:300]),
    "events": events,
    "institutions": list(listed.values_list("pk", flat=True)[:500]),
    "institutions_with_contacts": list(
        listed.filter(contacts__isnull=False).distinct().values_list("pk", flat=True)[:200]),
}))
"""


VERSIONS = r"""
import json
from skillshub.core.pagecache import current_version
print(json.dumps({ns: current_version(ns) for ns in ("guidance", "portal", "stakeholders")}))
"""


def page_cache_versions(stack: Stack) -> dict[str, int]:
    """The public page cache's data versions (each writing service bumps its namespace)."""
    out = stack.manage("shell", "-c", VERSIONS).stdout
    versions: dict[str, int] = json.loads(out.strip().splitlines()[-1])
    return versions


def prepare(stack: Stack) -> dict[str, Any]:
    out = stack.manage("shell", "-c", PREPARE).stdout
    data: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    for key in ("counties", "offers", "services", "events", "institutions"):
        if not data[key]:
            raise SystemExit(f"the demo data has no {key}: nothing to load")
    if not data["institutions_with_contacts"]:
        data["institutions_with_contacts"] = data["institutions"]
    data["staff_username"], data["staff_password"] = "biuro", "demo"
    return data


def memory(pid: int | None) -> dict[str, int] | None:
    """RSS, PSS and private memory (KiB) of a process, from /proc; None once it is gone."""
    if pid is None:
        return None
    out: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            parts = line.split()
            if parts and parts[0] in ("Rss:", "Pss:", "Private_Clean:", "Private_Dirty:"):
                out[parts[0].rstrip(":").lower()] = int(parts[1])
    except OSError:
        return None
    out["private"] = out.pop("private_clean", 0) + out.pop("private_dirty", 0)
    return out


def sampler(stack: Stack, every: float, samples: list[dict[str, Any]], t0: float) -> None:
    while True:
        row: dict[str, Any] = {"t": round(time.monotonic() - t0, 1), "load": os.getloadavg()}
        row["master"] = memory(stack.gunicorn_master_pid)
        row["workers"] = {str(pid): memory(pid) for pid in stack.worker_pids()}
        row["task_worker"] = memory(stack.task_worker_pid)
        samples.append(row)
        gevent.sleep(every)


def wait_for_outbox(stack: Stack, seconds: float = 120) -> dict[str, int]:
    """Wait until the task worker has sent the run's e-mails; their count by status."""
    query = (
        "SELECT status, count(*) FROM core_outgoingemail "
        f"WHERE \"to\"::text LIKE '%load-%@{MARKER_DOMAIN}%' GROUP BY status"
    )
    deadline = time.monotonic() + seconds
    while True:
        rows = dict(line.split("|") for line in stack.sql(query).split())
        counts = {k: int(v) for k, v in rows.items()}
        pending = sum(v for k, v in counts.items() if k not in ("sent", "failed"))
        if not pending or time.monotonic() > deadline:
            return counts
        time.sleep(2)


def verify(stack: Stack) -> dict[str, Any]:
    like = f"'load-%@{MARKER_DOMAIN}'"
    joins = stack.sql(
        f"SELECT contact_email FROM stakeholders_joinapplication WHERE contact_email LIKE {like}"
    ).split()
    regs = stack.sql(
        f"SELECT email || '|' || status FROM guidance_registration WHERE email LIKE {like}"
    ).split()
    reg_emails = [r.split("|")[0] for r in regs]
    stored = joins + reg_emails
    # An event never confirms more people than it has places, however many register at once.
    over_capacity = stack.sql(
        "SELECT e.id FROM guidance_guidanceevent e JOIN guidance_registration r "
        "ON r.event_id = e.id AND r.status = 'confirmed' "
        "GROUP BY e.id, e.capacity HAVING count(*) > e.capacity"
    ).split()
    counts = collections.Counter(stored)
    acknowledged = {s["email"] for s in SUBMISSIONS if s["outcome"] == "acknowledged"}
    sent = {s["email"] for s in SUBMISSIONS}
    return {
        "submissions_sent": len(SUBMISSIONS),
        "acknowledged": len(acknowledged),
        "outcomes": dict(collections.Counter(s["outcome"] for s in SUBMISSIONS)),
        "attempts_over_1": sum(1 for s in SUBMISSIONS if s["attempts"] > 1),
        "rows_stored": len(stored),
        "join_applications_stored": len(joins),
        "registrations_stored": len(regs),
        "registrations_by_status": dict(collections.Counter(r.split("|")[1] for r in regs)),
        "events_over_capacity": over_capacity,
        "duplicates": sorted(e for e, c in counts.items() if c > 1),
        "lost (acknowledged, not stored)": sorted(acknowledged - set(stored)),
        "stored but not acknowledged": sorted(set(stored) - acknowledged),
        "stored but never sent": sorted(set(stored) - sent),
    }


def entry_row(entry: Any, elapsed: float) -> dict[str, Any]:
    def pct(p: float) -> int:
        return int(entry.get_response_time_percentile(p)) if entry.num_requests else 0

    return {
        "name": entry.name,
        "method": entry.method,
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "rps": round(entry.num_requests / elapsed, 2),
        "p50_ms": pct(0.5),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "avg_ms": round(entry.avg_response_time, 1),
        "max_ms": round(entry.max_response_time or 0, 1),
    }


def memory_summary(samples: list[dict[str, Any]], warmup: float) -> dict[str, Any]:
    """Each process at the first sample after warm-up against the last: MB and growth."""
    after = [s for s in samples if s["t"] >= warmup] or samples
    first, last = after[0], samples[-1]

    def mb(kib: int) -> float:
        return round(kib / 1024, 1)

    out: dict[str, Any] = {"warmup_s": warmup, "at_s": first["t"], "end_s": last["t"]}
    procs = {"master": ("master", None), "task_worker": ("task_worker", None)}
    for pid in last["workers"]:
        procs[f"worker {pid}"] = ("workers", pid)
    for label, (key, pid) in procs.items():
        a = first[key].get(pid) if pid else first[key]
        b = last[key].get(pid) if pid else last[key]
        if not a or not b:
            out[label] = {"note": "not alive at both samples (replaced or new)"}
            continue
        out[label] = {
            f"{m}_mb": {"warm": mb(a[m]), "end": mb(b[m]), "growth": mb(b[m] - a[m])}
            for m in ("rss", "pss", "private")
        }
    return out


def server_log_summary(stack: Stack) -> dict[str, Any]:
    access = (stack.logs / "gunicorn-access.log").read_text(errors="replace").splitlines()
    codes = collections.Counter(
        m.group(1) for line in access if (m := re.search(r'" (\d{3}) ', line))
    )
    error_log = (stack.logs / "gunicorn-error.log").read_text(errors="replace").splitlines()
    interesting = [
        line
        for line in error_log
        if re.search(r"Traceback|Error|CRITICAL|WORKER TIMEOUT|exception", line)
        and "Bad Request" not in line
    ]
    return {
        "access_log_requests": len(access),
        "status_codes": dict(sorted(codes.items())),
        "server_errors_5xx": sum(v for k, v in codes.items() if k.startswith("5")),
        "error_log_lines": len(error_log),
        "error_log_problems": interesting[:40],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="Load and soak against the production stack.")
    parser.add_argument(
        "--duration",
        type=parse_duration,
        default=parse_duration(os.environ.get("LOAD_DURATION", "10m")),
        help="how long the mixed load runs (60s, 10m; env LOAD_DURATION; default 10m)",
    )
    parser.add_argument("--public-users", type=int, default=int(os.environ.get("LOAD_USERS", 15)))
    parser.add_argument("--staff-users", type=int, default=4)
    parser.add_argument("--submitters", type=int, default=50)
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--sample-every", type=float, default=5.0)
    parser.add_argument("--keep", action="store_true", help="keep the stack's temporary dir")
    parser.add_argument("--tag", default="", help="added to the result file names")
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting for the stack's processes, e.g. PUBLIC_PAGE_CACHE=0 (repeatable)",
    )
    options = parser.parse_args()
    if options.submissions % options.submitters:
        parser.error("--submissions must be a multiple of --submitters")

    started = dt.datetime.now(dt.UTC)
    print(f"load: starting the stack ({started:%Y-%m-%d %H:%M:%S} UTC)", flush=True)
    stack = Stack(
        workers=2,
        # All clients come from 127.0.0.1: the join form's limit per address would refuse
        # the 51st submission within the hour, which is right for the public, not for this.
        extra_env={
            "JOIN_RATE_LIMIT_PER_HOUR": "100000",
            "LOG_LEVEL": "WARNING",
            **dict(item.split("=", 1) for item in options.env),
        },
        keep=options.keep,
        quiet=False,
    )
    with stack:
        DATA.update(prepare(stack))
        print(
            f"load: {stack.url}; {len(DATA['events'])} open events, {len(DATA['offers'])} "
            f"offers, {len(DATA['institutions'])} institutions",
            flush=True,
        )
        # The registrations count their own taken places: note the starting state.
        before = {
            "registrations": int(stack.sql("SELECT count(*) FROM guidance_registration")),
            "join_applications": int(
                stack.sql("SELECT count(*) FROM stakeholders_joinapplication")
            ),
        }
        versions_before = page_cache_versions(stack)
        StaffUser.fixed_count = options.staff_users
        Submitter.fixed_count = options.submitters
        Submitter.per_client = options.submissions // options.submitters
        Submitter.interval = options.duration * 0.8 / Submitter.per_client
        env = Environment(
            user_classes=[PublicVisitor, StaffUser, Submitter],
            host=stack.url,
            events=events,
        )
        runner = env.create_local_runner()
        samples: list[dict[str, Any]] = []
        t0 = time.monotonic()
        gevent.spawn(sampler, stack, options.sample_every, samples, t0)
        users = options.public_users + options.staff_users + options.submitters
        # The first round of submissions after the first few seconds of ramp-up.
        Submitter.started_at = t0 + min(10.0, options.duration * 0.1)
        runner.start(users, spawn_rate=users / 5)
        print(
            f"load: {users} clients ({options.public_users} public, {options.staff_users} "
            f"staff, {options.submitters} submitting {options.submissions}) for "
            f"{options.duration:.0f}s",
            flush=True,
        )
        next_report = t0 + 60
        while time.monotonic() - t0 < options.duration:
            gevent.sleep(1)
            if time.monotonic() >= next_report:
                next_report += 60
                total = env.stats.total
                print(
                    f"load: {time.monotonic() - t0:5.0f}s {total.num_requests} requests, "
                    f"{total.num_failures} failures, {len(SUBMISSIONS)} submissions, "
                    f"load {os.getloadavg()[0]:.2f}",
                    flush=True,
                )
        # The public and staff clients stop; the submitters finish their 1,000 (bounded).
        Browser.draining = True
        main_elapsed = time.monotonic() - t0
        main_requests = env.stats.total.num_requests
        deadline = time.monotonic() + 600
        while len(SUBMISSIONS) < options.submissions and time.monotonic() < deadline:
            gevent.sleep(0.5)
        elapsed = time.monotonic() - t0
        print(
            f"load: {elapsed:5.0f}s the submitters are done ({len(SUBMISSIONS)}); stopping",
            flush=True,
        )
        runner.quit()
        gevent.sleep(options.sample_every)  # one more memory sample, at rest
        outbox = wait_for_outbox(stack)
        check = verify(stack)
        check["before_run"] = before
        check["outbox_emails_for_markers"] = outbox
        # Only registrations write to guidance in this workload, each bumping its version
        # once: the version must have grown by exactly the registrations stored.
        versions_after = page_cache_versions(stack)
        check["page_cache_guidance_version"] = {
            "before": versions_before["guidance"],
            "after": versions_after["guidance"],
            "bumps_seen": versions_after["guidance"] - versions_before["guidance"],
            "bumps_expected (registrations stored)": check["registrations_stored"],
        }
        server = server_log_summary(stack)

        rows = [entry_row(e, elapsed) for e in env.stats.entries.values()]
        rows.sort(key=lambda r: -r["requests"])
        total_row = entry_row(env.stats.total, elapsed)
        warmup = min(60.0, options.duration / 3)
        result = {
            "issue": 9,
            "started_utc": started.isoformat(timespec="seconds"),
            "duration_s": round(elapsed, 1),
            "mixed_load_s": round(main_elapsed, 1),
            "requests_during_mixed_load": main_requests,
            "throughput_during_mixed_load_rps": round(main_requests / main_elapsed, 2),
            "setup": stack.describe(),
            "machine": {
                "cores": os.cpu_count(),
                "load_avg_at_start": samples[0]["load"] if samples else None,
                "load_avg_max_1min": max(s["load"][0] for s in samples) if samples else None,
                "load_avg_at_end": os.getloadavg(),
            },
            "stack": {
                "gunicorn": "2 sync workers, --preload, no --max-requests (a leak would show)",
                "database": "PostgreSQL 15, own cluster, fsync on",
                "task_worker": "manage.py db_worker (django-tasks database backend)",
                "profile": "SKILLSHUB_PROFILE=production DEBUG=0",
                "extra_env": options.env,
            },
            "clients": {
                "public": options.public_users,
                "staff": options.staff_users,
                "submitters": options.submitters,
                "submissions": options.submissions,
                "submission_interval_s": round(Submitter.interval, 1),
                "locust": locust.__version__,
            },
            "total": total_row,
            "by_request": rows,
            "client_errors": [
                {"name": e.name, "method": e.method, "error": str(e.error), "count": e.occurrences}
                for e in env.stats.errors.values()
            ],
            "server": server,
            "submissions": check,
            "memory": memory_summary(samples, warmup),
            "memory_samples": samples,
        }
    write_results(result, options.tag)
    ok = (
        total_row["failures"] == 0
        and server["server_errors_5xx"] == 0
        and check["rows_stored"] == options.submissions
        and check["acknowledged"] == options.submissions
        and not check["duplicates"]
        and not check["events_over_capacity"]
        and not check["lost (acknowledged, not stored)"]
    )
    print("load: targets met" if ok else "load: TARGETS MISSED (see the summary)", flush=True)
    return 0 if ok else 1


def write_results(result: dict[str, Any], tag: str) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = f"load-{dt.date.today().isoformat()}{'-' + tag if tag else ''}"
    (RESULTS / f"{stem}.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    md = summary_markdown(result)
    (RESULTS / f"{stem}.md").write_text(md)
    print(md)
    print(f"load: wrote bench/results/{stem}.json and .md", flush=True)


def summary_markdown(r: dict[str, Any]) -> str:
    t = r["total"]
    s = r["submissions"]
    m = r["machine"]
    lines = [
        f"# Load and soak, {r['started_utc']} (issue 9)",
        "",
        f"{r['mixed_load_s']:.0f} s of mixed load, then "
        f"{r['duration_s'] - r['mixed_load_s']:.0f} s more for the submitters to finish, "
        f"against the production profile: {r['stack']['gunicorn']}; "
        f"{r['stack']['database']}; {r['stack']['task_worker']}. Clients (locust "
        f"{r['clients']['locust']}, same machine): {r['clients']['public']} public, "
        f"{r['clients']['staff']} staff, {r['clients']['submitters']} submitting. "
        f"{m['cores']} cores; load average at start {fmt_load(m['load_avg_at_start'])}, "
        f"highest 1-min {m['load_avg_max_1min']:.2f}, at end {fmt_load(m['load_avg_at_end'])}.",
        "",
        f"**{t['requests']} requests ({r['throughput_during_mixed_load_rps']} req/s during the "
        f"mixed load, {t['rps']} overall), p50 {t['p50_ms']} ms, p95 "
        f"{t['p95_ms']} ms, p99 {t['p99_ms']} ms, {t['failures']} failures; "
        f"{r['server']['server_errors_5xx']} server errors (5xx) in the access log.**",
        "",
        "| request | n | req/s | p50 ms | p95 ms | p99 ms | max ms | failures |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in [*r["by_request"], t]:
        label = "**all**" if row is t else row["name"]
        lines.append(
            f"| {label} | {row['requests']} | {row['rps']} | {row['p50_ms']} | {row['p95_ms']} "
            f"| {row['p99_ms']} | {row['max_ms']:.0f} | {row['failures']} |"
        )
    lines += [
        "",
        f"**Submissions**: {s['submissions_sent']} sent, {s['acknowledged']} acknowledged, "
        f"{s['rows_stored']} rows stored ({s['join_applications_stored']} join applications, "
        f"{s['registrations_stored']} registrations: {s['registrations_by_status']}; events "
        f"over capacity: {len(s['events_over_capacity'])}); "
        f"duplicates {len(s['duplicates'])}, lost {len(s['lost (acknowledged, not stored)'])}, "
        f"stored but not acknowledged {len(s['stored but not acknowledged'])}; retried "
        f"{s['attempts_over_1']}. Outbox e-mails to the markers: "
        f"{s['outbox_emails_for_markers']}. Page-cache version of guidance: "
        f"{s['page_cache_guidance_version']}.",
        "",
        f"**Memory** (warm = first sample at or after {r['memory']['warmup_s']:.0f} s, "
        f"at {r['memory']['at_s']} s; end at {r['memory']['end_s']} s):",
        "",
        "| process | RSS warm → end (MB) | growth | private warm → end (MB) | growth |",
        "|---|---|---:|---|---:|",
    ]
    for label, v in r["memory"].items():
        if not isinstance(v, dict):
            continue
        if "note" in v:
            lines.append(f"| {label} | {v['note']} | | | |")
            continue
        rss, priv = v["rss_mb"], v["private_mb"]
        lines.append(
            f"| {label} | {rss['warm']} → {rss['end']} | {rss['growth']:+} | "
            f"{priv['warm']} → {priv['end']} | {priv['growth']:+} |"
        )
    if r["client_errors"]:
        lines += ["", "Client-side errors:", ""]
        lines += [
            f"- {e['count']} × {e['method']} {e['name']}: {e['error']}" for e in r["client_errors"]
        ]
    if r["server"]["error_log_problems"]:
        lines += ["", "Server error log:", ""]
        lines += [f"    {line}" for line in r["server"]["error_log_problems"]]
    return "\n".join(lines) + "\n"


def fmt_load(load: Any) -> str:
    return "/".join(f"{x:.2f}" for x in load) if load else "?"


if __name__ == "__main__":
    sys.exit(main())
