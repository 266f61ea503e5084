"""Fault injection (issue 9, "Faults") against the production stack on loopback.

    .venv/bin/python bench/load/faults.py            # all four, about 4 minutes with set-up
    .venv/bin/python bench/load/faults.py --only pg  # one or more of: web, task, pg, disk

``stack.Stack`` starts its own PostgreSQL 15 cluster, migrates and seeds the demo, and serves
the production profile with gunicorn (2 sync workers, ``--preload``). The task worker is ours:
``manage.py task_worker`` (db_worker with a heartbeat and the recovery of a dead worker's
tasks, skillshub/core/taskrecovery.py), which the stack does not start. E-mail goes by SMTP to
a sink in this process, so that what reaches the "mail server" can be counted.

1. **web**: kill -9 gunicorn workers while join applications (GET the form, POST it) and page
   views are in flight. The master must respawn them; afterwards every stored application must
   be whole (its audit entry, its confirmation e-mail and that e-mail's delivery task), with
   no orphan rows; acknowledged submissions are counted against stored ones.
2. **task**: kill -9 the task worker while it runs a delivery (the mail server is slow to
   answer, so a delivery lasts 3 s), start a new one: the task must be queued again and every
   e-mail reach the mail server exactly once.
3. **pg**: restart PostgreSQL (``pg_ctl restart -m fast``), then stop it for 10 s and start
   it, under a steady load of page views, API calls and join applications: requests during
   the outage must get the friendly 503 (not 500, not a traceback), and the app must recover
   by itself (gunicorn is not restarted); the time to recovery is measured.
4. **disk**: a 1 MB tmpfs mounted over MEDIA_ROOT and filled; a team document, a news image
   and an institutions import uploaded through the real forms must come back with the clean
   error and write no row and no file; after freeing space the same upload succeeds. The tmpfs
   is always unmounted.

Prints a table (fault, what was injected, what happened, pass/fail), writes every figure to
bench/results/faults-<date>.json and the table to faults-<date>.md. Exit status 1 on a fail.
Needs root (kill, mount) and PostgreSQL 15's binaries, like stack.py.
"""

from __future__ import annotations

import argparse
import base64
import collections
import datetime as dt
import email
import email.policy
import html
import json
import os
import signal
import socketserver
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stack import PY, REPO, Stack

RESULTS = REPO / "bench" / "results"
MARK = "faults.example.invalid"
FAULTS = ("web", "task", "pg", "disk")


# --- an SMTP server that counts what it receives ------------------------------------------------


class SmtpSink(socketserver.ThreadingTCPServer):
    """A mail server on loopback: accepts everything, keeps each message's Message-ID and To.

    ``greeting_delay`` makes it slow to answer a new connection, as a busy mail server is: a
    delivery then lasts that long, long enough to kill the worker in the middle of it.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _SmtpHandler)
        self.greeting_delay = 0.0
        self.lock = threading.Lock()
        self.messages: list[dict[str, str]] = []
        self.open_sessions = 0
        self.port = int(self.server_address[1])
        threading.Thread(target=self.serve_forever, daemon=True, name="smtp-sink").start()

    def received(self, to_fragment: str) -> list[dict[str, str]]:
        with self.lock:
            return [m for m in self.messages if to_fragment in m["to"]]


class _SmtpHandler(socketserver.StreamRequestHandler):
    server: SmtpSink

    def _say(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        sink = self.server
        with sink.lock:
            sink.open_sessions += 1
        try:
            time.sleep(sink.greeting_delay)
            self._say("220 sink ESMTP")
            while True:
                line = self.rfile.readline()
                if not line:
                    return
                verb = line[:4].upper()
                if verb in (b"EHLO", b"HELO"):
                    self._say("250 sink")
                elif verb == b"DATA":
                    self._say("354 go ahead")
                    data = b""
                    while True:
                        chunk = self.rfile.readline()
                        if not chunk or chunk == b".\r\n":
                            break
                        data += chunk[1:] if chunk.startswith(b"..") else chunk
                    message = email.message_from_bytes(data, policy=email.policy.default)
                    with sink.lock:
                        sink.messages.append(
                            {
                                "message_id": str(message.get("Message-ID", "")),
                                "to": str(message.get("To", "")),
                                "subject": str(message.get("Subject", "")),
                            }
                        )
                    self._say("250 queued")
                elif verb == b"QUIT":
                    self._say("221 bye")
                    return
                else:  # MAIL, RCPT, RSET, NOOP
                    self._say("250 ok")
        except (ConnectionError, OSError):
            return
        finally:
            with sink.lock:
                sink.open_sessions -= 1


# --- our task worker (the stack starts plain db_worker; we need task_worker) ------------------


class TaskWorker:
    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.proc: subprocess.Popen[bytes] | None = None
        self.started = 0

    def start(self) -> int:
        self.started += 1
        log = open(self.stack.logs / "task_worker.log", "ab")  # noqa: SIM115 - the child keeps it
        self.proc = subprocess.Popen(
            [PY, "manage.py", "task_worker", "--no-startup-delay", "--interval", "0.5"],
            cwd=REPO,
            env=self.stack.env,
            stdout=log,
            stderr=log,
        )
        log.close()
        return self.proc.pid

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill9(self) -> None:
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


# --- a browser-like client ---------------------------------------------------------------------


class Browser:
    """Keeps cookies and sends what a browser behind nginx's TLS would (see run.py's Browser):
    the cookies are Secure and the requests carry X-Forwarded-Proto, on plain loopback HTTP."""

    def __init__(self, stack: Stack) -> None:
        self.base = stack.url
        self.origin = "https://" + stack.url.split("://", 1)[1]
        self.session = requests.Session()
        self.session.headers.update(
            {"X-Forwarded-Proto": "https", "User-Agent": "skillshub-faults/1.0"}
        )

    def _plain_http(self, response: requests.Response) -> requests.Response:
        # requests copies the session's cookies into a fresh jar (with the default policy) for
        # every request, so the policy alone does not send Secure cookies over http: clear
        # the flag, as nginx's TLS would make it moot.
        for cookie in self.session.cookies:
            cookie.secure = False
        return response

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self._plain_http(
            self.session.get(self.base + path, timeout=40, allow_redirects=False, **kwargs)
        )

    def post(self, path: str, data: Any, files: Any = None) -> requests.Response:
        headers = {"Origin": self.origin, "Referer": self.origin + path}
        return self._plain_http(
            self.session.post(
                self.base + path,
                data=data,
                files=files,
                headers=headers,
                timeout=40,
                allow_redirects=False,
            )
        )

    def form(self, path: str, field: str) -> tuple[Any, requests.Response]:
        page = self.get(path)
        if page.status_code != 200:
            return None, page
        doc = lxml.html.fromstring(page.text, base_url=page.url)
        for form in doc.forms:
            if field in form.fields:
                return form, page
        raise LookupError(f"no form with {field!r} on {path}")

    def log_in(self, username: str = "biuro", password: str = "demo") -> None:
        form, page = self.form("/accounts/login/", "password")
        if form is None:
            raise RuntimeError(f"log-in page answered {page.status_code}")
        values = {k: v for k, v in form.form_values()}
        values.update(username=username, password=password)
        response = self.post("/accounts/login/", values)
        if response.status_code != 302:
            raise RuntimeError(f"log-in answered {response.status_code}")


def join_application(browser: Browser, n: int, prefix: str, tries: int = 3) -> dict[str, Any]:
    """A person sends the join form; on a broken connection or a 5xx they press again (the
    form's submission key makes that safe). Returns what they saw."""
    address = f"{prefix}-{n}@{MARK}"
    record: dict[str, Any] = {"n": n, "email": address, "attempts": 0, "statuses": []}
    try:
        form, page = browser.form("/institutions/join/", "submission_key")
    except requests.RequestException as exc:
        record["outcome"] = f"form: {type(exc).__name__}"
        return record
    if form is None:
        record["outcome"] = f"form: {page.status_code}"
        record["retry_after"] = "Retry-After" in page.headers
        return record
    kinds = [o for o in form.inputs["kind"].value_options if o]
    counties = [o for o in form.inputs["county"].value_options if o]
    fields = {
        "institution_name": f"Centrum Kształcenia Ustawicznego nr {n} ({prefix})",
        "kind": kinds[n % len(kinds)],
        "county": counties[n % len(counties)],
        "city": "Zielona Góra",
        "street": f"ul. Wojska Polskiego {n % 200 + 1}",
        "postal_code": "65-001",
        "contact_first_name": "Anna",
        "contact_last_name": f"Testowa-{n}",
        "contact_position": "dyrektorka",
        "contact_email": address,
        "contact_phone": "+48 68 000 00 00",
        "message": "Chcemy współpracować przy szkoleniach dla dorosłych.",
        "consent_contact": "on",
        "privacy": "on",
    }
    values = [(k, v) for k, v in form.form_values() if k not in fields and k != "homepage"]
    values += [*fields.items(), ("homepage", "")]
    for attempt in range(1, tries + 1):
        record["attempts"] = attempt
        try:
            response = browser.post("/institutions/join/", values)
        except requests.RequestException as exc:
            record["statuses"].append(type(exc).__name__)
            time.sleep(0.5)
            continue
        record["statuses"].append(response.status_code)
        record["retry_after"] = "Retry-After" in response.headers
        if response.status_code == 302 and response.headers["Location"].endswith("/thanks/"):
            record["outcome"] = "acknowledged"
            return record
        if response.status_code < 500:
            record["outcome"] = f"refused {response.status_code}"
            return record
        time.sleep(0.5)
    record["outcome"] = "gave up"
    return record


# --- what the database holds ---------------------------------------------------------------------


def sql_rows(stack: Stack, statement: str) -> list[list[str]]:
    return [line.split("|") for line in stack.sql(statement).splitlines() if line.strip()]


def check_applications(stack: Stack, prefix: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    """Every stored application of this run is whole, nothing is orphaned, and the clients'
    acknowledged submissions are all stored, each once."""
    like = f"{prefix}-%@{MARK}"
    apps = sql_rows(
        stack,
        "SELECT id, contact_email FROM stakeholders_joinapplication "
        f"WHERE contact_email LIKE '{like}'",
    )
    audited = {
        row[0]
        for row in sql_rows(
            stack,
            "SELECT object_id FROM core_auditentry WHERE verb = 'application_submit' AND "
            "content_type_id = (SELECT id FROM django_content_type WHERE "
            "app_label = 'stakeholders' AND model = 'joinapplication')",
        )
    }
    all_app_ids = {r[0] for r in sql_rows(stack, "SELECT id FROM stakeholders_joinapplication")}
    emails = sql_rows(
        stack,
        f'SELECT id, "to"::text FROM core_outgoingemail WHERE "to"::text LIKE \'%{like}%\'',
    )
    tasked = {
        row[0]
        for row in sql_rows(
            stack,
            "SELECT args_kwargs->'kwargs'->>'email_id' FROM django_tasks_database_dbtaskresult "
            "WHERE task_path = 'skillshub.core.tasks.deliver_email'",
        )
    }
    email_by_address: dict[str, list[str]] = collections.defaultdict(list)
    for pk, to in emails:
        address = json.loads(to)[0]
        email_by_address[address].append(pk)
    stored = collections.Counter(address for _pk, address in apps)
    broken = [
        address
        for pk, address in apps
        if pk not in audited
        or len(email_by_address.get(address, [])) != 1
        or not all(e in tasked for e in email_by_address.get(address, []))
    ]
    acknowledged = {r["email"] for r in records if r.get("outcome") == "acknowledged"}
    return {
        "submitted": len(records),
        "acknowledged": len(acknowledged),
        "outcomes": dict(collections.Counter(r.get("outcome", "?") for r in records)),
        "pressed again": sum(1 for r in records if r["attempts"] > 1),
        "stored": len(apps),
        "not whole": broken,
        "duplicates": sorted(a for a, c in stored.items() if c > 1),
        "lost (acknowledged, not stored)": sorted(acknowledged - set(stored)),
        "stored, not acknowledged": sorted(set(stored) - acknowledged),
        "orphan e-mails (no application)": sorted(set(email_by_address) - set(stored)),
        "orphan audit entries (no application)": sorted(audited - all_app_ids),
    }


def due_tasks(stack: Stack) -> int:
    return int(
        stack.sql(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN "
            "('READY', 'RUNNING') AND (run_after <= now() OR run_after >= '9999-01-01')"
        ).strip()
    )


def wait_for(predicate: Callable[[], bool], seconds: float, every: float = 0.2) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return predicate()


# --- 1. kill -9 a gunicorn worker mid-request -------------------------------------------------


def fault_web(stack: Stack, worker: TaskWorker) -> dict[str, Any]:
    stop = threading.Event()
    records: list[dict[str, Any]] = []
    reads: collections.Counter[str] = collections.Counter()
    counter = iter(range(1, 1_000_000))
    lock = threading.Lock()

    def submitter() -> None:
        browser = Browser(stack)
        while not stop.is_set():
            with lock:
                n = next(counter)
            record = join_application(browser, n, "fault1")
            with lock:
                records.append(record)

    def reader() -> None:
        browser = Browser(stack)
        paths = ["/", "/offers/", "/institutions/", "/api/v1/portal/offers", "/guidance/events/"]
        i = 0
        while not stop.is_set():
            i += 1
            try:
                status = str(browser.get(paths[i % len(paths)]).status_code)
            except requests.RequestException as exc:
                status = type(exc).__name__
            with lock:
                reads[status] += 1

    threads = [threading.Thread(target=submitter) for _ in range(6)]
    threads += [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    before = stack.worker_pids()
    killed: list[int] = []
    time.sleep(4)
    for _ in range(4):
        pids = stack.worker_pids()
        victim = pids[len(killed) % len(pids)]
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)
        time.sleep(3)
    time.sleep(3)
    stop.set()
    for thread in threads:
        thread.join()
    respawned = wait_for(
        lambda: (
            len(stack.worker_pids()) == stack.workers and not set(stack.worker_pids()) & set(killed)
        ),
        20,
    )
    after = stack.worker_pids()
    master_alive = (
        stack.gunicorn_master_pid is not None
        and Path(f"/proc/{stack.gunicorn_master_pid}").exists()
    )
    healthz = Browser(stack).get("/healthz/").status_code
    # Let the worker send the confirmations, then look at every row.
    wait_for(lambda: due_tasks(stack) == 0, 90, every=1)
    check = check_applications(stack, "fault1", records)
    # Requests cut by a kill: join POSTs and form GETs that got no answer, and page reads.
    in_flight = (
        sum(1 for r in records for st in r["statuses"] if isinstance(st, str))
        + sum(
            1
            for r in records
            if r.get("outcome", "").startswith("form: ") and not r["outcome"][6:].isdigit()
        )
        + sum(v for k, v in reads.items() if not k.isdigit())
    )
    server_errors = sum(
        1 for r in records for st in r["statuses"] if isinstance(st, int) and st >= 500
    ) + sum(v for k, v in reads.items() if k.startswith("5"))
    ok = (
        respawned
        and server_errors == 0
        and master_alive
        and healthz == 200
        and not check["not whole"]
        and not check["duplicates"]
        and not check["lost (acknowledged, not stored)"]
        and not check["orphan e-mails (no application)"]
        and not check["orphan audit entries (no application)"]
        and check["acknowledged"] > 0
    )
    return {
        "fault": "gunicorn worker killed mid-request",
        "injected": f"kill -9 of a gunicorn worker 4 times, 3 s apart, under 6 join-form "
        f"submitters and 2 readers (pids {killed})",
        "happened": (
            f"master respawned the workers ({before} -> {after}); "
            f"{in_flight} requests in flight were cut (connection dropped), "
            f"{server_errors} server errors; "
            f"join: {check['submitted']} submitted, {check['acknowledged']} acknowledged, "
            f"{check['stored']} stored, {check['pressed again']} needed a second press; "
            f"{len(check['not whole'])} not whole, {len(check['duplicates'])} duplicates, "
            f"{len(check['lost (acknowledged, not stored)'])} lost, "
            f"{len(check['orphan e-mails (no application)'])} orphan e-mails; "
            f"reads {dict(reads)}"
        ),
        "pass": ok,
        "details": {
            "killed": killed,
            "workers_before": before,
            "workers_after": after,
            "reads": dict(reads),
            "requests_cut": in_flight,
            "server_errors": server_errors,
            "healthz_after": healthz,
            **check,
        },
    }


# --- 2. kill -9 the task worker mid-task -------------------------------------------------------

ENQUEUE = r"""
from django.db import transaction
from skillshub.core.tasks import email_enqueue
with transaction.atomic():
    ids = [email_enqueue(to="fault2-%d@{mark}" % i, subject="Awaria %d" % i, body="Test.",
                         topic="faults").pk for i in range({count})]
print(",".join(map(str, ids)))
"""


def fault_task(stack: Stack, worker: TaskWorker, sink: SmtpSink) -> dict[str, Any]:
    count = 4
    wait_for(lambda: due_tasks(stack) == 0, 120, every=1)
    sink.greeting_delay = 3.0
    try:
        out = stack.manage("shell", "-c", ENQUEUE.format(mark=MARK, count=count)).stdout
        ids = out.strip().splitlines()[-1]
        task_rows = (
            "SELECT id, status, worker_ids::text FROM django_tasks_database_dbtaskresult WHERE "
            f"args_kwargs->'kwargs'->>'email_id' IN ({','.join(repr(i) for i in ids.split(','))})"
        )

        def running() -> list[list[str]]:
            return [r for r in sql_rows(stack, task_rows) if r[1] == "RUNNING"]

        found = wait_for(lambda: bool(running()) and sink.open_sessions > 0, 60, every=0.1)
        victim = running()[0] if found else None
        time.sleep(0.5)  # well inside the 3 s the mail server takes to answer
        killed_pid = worker.pid
        worker.kill9()
        killed_at = time.monotonic()
        time.sleep(2)
        left_running = [r for r in sql_rows(stack, task_rows) if victim and r[0] == victim[0]]
        # What plain db_worker would leave for ever: the row RUNNING, the e-mail not sent.
        stuck = bool(left_running) and left_running[0][1] == "RUNNING"
        new_pid = worker.start()

        requeued_after: float | None = None
        done_after: float | None = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            rows = {r[0]: r for r in sql_rows(stack, task_rows)}
            if victim and requeued_after is None and rows[victim[0]][1] != "RUNNING":
                requeued_after = time.monotonic() - killed_at
            if all(r[1] == "SUCCESSFUL" for r in rows.values()):
                done_after = time.monotonic() - killed_at
                break
            time.sleep(0.2)
        final = {r[0]: r for r in sql_rows(stack, task_rows)}
        emails = sql_rows(
            stack,
            f"SELECT id, status, attempts FROM core_outgoingemail WHERE id IN ({ids}) ORDER BY id",
        )
        received = sink.received(f"@{MARK}")
        received = [m for m in received if m["to"].startswith("fault2-")]
        per_id = collections.Counter(m["message_id"] for m in received)
    finally:
        sink.greeting_delay = 0.0
    victim_claims = json.loads(final[victim[0]][2]) if victim else []
    ok = (
        victim is not None
        and stuck
        and done_after is not None
        and all(e[1] == "sent" for e in emails)
        and len(received) == count
        and all(c == 1 for c in per_id.values())
        and len(victim_claims) == 2
    )
    return {
        "fault": "task worker killed mid-task",
        "injected": f"{count} e-mails queued, the mail server slow (3 s per delivery); "
        f"kill -9 of the task worker (pid {killed_pid}) during a delivery; new task_worker "
        f"(pid {new_pid})",
        "happened": (
            f"the killed task stayed RUNNING ({'yes' if stuck else 'no'}); "
            f"queued again {requeued_after:.1f} s after the kill"
            if requeued_after is not None
            else "never queued again"
        )
        + (
            f", all {count} delivered {done_after:.1f} s after the kill; "
            if done_after is not None
            else "; not all delivered; "
        )
        + f"the mail server got {len(received)} messages, "
        f"{sum(1 for c in per_id.values() if c > 1)} duplicates; "
        f"the killed task's claims: {len(victim_claims)}",
        "pass": ok,
        "details": {
            "victim_task": victim[0] if victim else None,
            "stuck_running_after_kill": stuck,
            "requeued_after_s": round(requeued_after, 2) if requeued_after else None,
            "all_done_after_s": round(done_after, 2) if done_after else None,
            "emails": emails,
            "received": received,
            "victim_worker_ids": victim_claims,
        },
    }


# --- 3. PostgreSQL restarted and stopped under load -------------------------------------------

FRIENDLY_TITLE = r"""
from django.utils import translation
from django.utils.translation import gettext
translation.activate("pl")
print(gettext("Service temporarily unavailable"))
"""


def classify(response: requests.Response, title: str) -> str:
    code = response.status_code
    if code in (200, 302):
        return "ok"
    if code == 503:
        has_retry = "Retry-After" in response.headers
        if response.headers.get("Content-Type", "").startswith("application/json"):
            reason = response.json().get("reason", "")
            # The API's JSON 503, or /healthz/'s own (the database may go away between its
            # SELECT 1 and its look at the task table).
            friendly = reason.startswith(
                ("database unavailable", "database unreachable", "task queue unreachable")
            )
        else:
            friendly = title in html.unescape(response.text) and "Traceback" not in response.text
        # /healthz/ has no Retry-After: it is for load balancers, which poll anyway.
        healthz = response.url.endswith("/healthz/")
        return "friendly 503" if friendly and (has_retry or healthz) else "bare 503"
    if code >= 500:
        return f"{code}"
    return f"{code}"


def fault_pg(stack: Stack, worker: TaskWorker) -> dict[str, Any]:
    title = stack.manage("shell", "-c", FRIENDLY_TITLE).stdout.strip().splitlines()[-1]
    stop = threading.Event()
    t0 = time.monotonic()
    log: list[tuple[float, float, str, str]] = []  # started, ended, path, outcome
    records: list[dict[str, Any]] = []
    odd: list[dict[str, Any]] = []  # what an unexpected answer said
    lock = threading.Lock()
    gunicorn_master = stack.gunicorn_master_pid
    workers_before = stack.worker_pids()

    def reader(offset: int) -> None:
        browser = Browser(stack)
        paths = ["/", "/offers/", "/institutions/", "/api/v1/portal/offers", "/healthz/"]
        i = offset
        while not stop.is_set():
            i += 1
            path = paths[i % len(paths)]
            # A fresh query string each time: the page cache must not hide the database.
            params = {"q": f"kurs {i}"} if path in ("/offers/", "/institutions/") else None
            started = time.monotonic() - t0
            response: requests.Response | None = None
            try:
                response = browser.get(path, params=params)
                outcome = classify(response, title)
            except requests.RequestException as exc:
                outcome = type(exc).__name__
            with lock:
                log.append((started, time.monotonic() - t0, path, outcome))
                if outcome not in ("ok", "friendly 503") and len(odd) < 10:
                    odd.append(
                        {
                            "path": path,
                            "outcome": outcome,
                            "body": response.text[:300] if response is not None else "",
                        }
                    )
            time.sleep(0.05)

    def submitter() -> None:
        browser = Browser(stack)
        n = 0
        while not stop.is_set():
            n += 1
            started = time.monotonic() - t0
            record = join_application(browser, n, "fault3", tries=1)
            outcome = record.get("outcome", "?")
            met_outage = outcome == "form: 503" or (
                outcome == "gave up" and record["statuses"] == [503]
            )
            if met_outage and record.get("retry_after"):
                outcome = "join 503"  # the form or its POST met the outage: the 503 page
            with lock:
                records.append(record)
                log.append((started, time.monotonic() - t0, "join (POST)", outcome))
            time.sleep(0.2)

    threads = [threading.Thread(target=reader, args=(k,)) for k in range(4)]
    threads.append(threading.Thread(target=submitter))
    for thread in threads:
        thread.start()
    time.sleep(5)
    marks: dict[str, float] = {}
    marks["restart_begin"] = time.monotonic() - t0
    stack.pg_restart()
    marks["restart_end"] = time.monotonic() - t0
    time.sleep(10)
    marks["stop_begin"] = time.monotonic() - t0
    stack.pg_stop()
    marks["stop_end"] = time.monotonic() - t0
    time.sleep(10)
    marks["start_begin"] = time.monotonic() - t0
    stack.pg_start()
    marks["start_end"] = time.monotonic() - t0
    time.sleep(15)
    stop.set()
    for thread in threads:
        thread.join()

    def window(begin: float, end: float) -> collections.Counter[str]:
        return collections.Counter(o for s, e, _p, o in log if e >= begin and s <= end)

    def recovery(back: float, until: float) -> dict[str, Any]:
        # The first request started after PostgreSQL was back that succeeded, and whether any
        # request started after that one ended still failed (up to the next outage: a request
        # still running when PostgreSQL stops again belongs to that outage).
        after = sorted((s, e, p, o) for s, e, p, o in log if back <= s and e < until)
        first_ok = next(((s, e) for s, e, _p, o in after if o in ("ok", "acknowledged")), None)
        failures_late = [
            (round(s, 2), p, o)
            for s, _e, p, o in after
            if o not in ("ok", "acknowledged") and first_ok and s > first_ok[1]
        ]
        return {
            "first_success_s": round(first_ok[1] - back, 2) if first_ok else None,
            "requests_until_next_fault": len(after),
            "failures_after_first_success": failures_late[:20],
        }

    outage_restart = window(marks["restart_begin"], marks["restart_end"])
    outage_stop = window(marks["stop_begin"], marks["start_end"])
    rec_restart = recovery(marks["restart_end"], marks["stop_begin"])
    rec_stop = recovery(marks["start_end"], float("inf"))
    everything = collections.Counter(o for *_x, o in log)
    bad = {k: v for k, v in everything.items() if k not in ("ok", "acknowledged", "friendly 503")}
    # A join form or POST that met the outage answered 503: the person presses again later.
    bad.pop("join 503", None)
    same_gunicorn = stack.gunicorn_master_pid == gunicorn_master
    check = check_applications(stack, "fault3", records)
    worker_survived = worker.alive()
    drained = wait_for(lambda: due_tasks(stack) == 0, 90, every=1)
    ok = (
        not bad
        and outage_stop["friendly 503"] > 0
        and rec_restart["first_success_s"] is not None
        and rec_stop["first_success_s"] is not None
        and not rec_restart["failures_after_first_success"]
        and not rec_stop["failures_after_first_success"]
        and same_gunicorn
        and worker_survived
        and drained
        and not check["not whole"]
        and not check["lost (acknowledged, not stored)"]
        and not check["orphan e-mails (no application)"]
    )
    return {
        "fault": "PostgreSQL restarted and stopped under load",
        "injected": (
            f"pg_ctl restart -m fast (took {marks['restart_end'] - marks['restart_begin']:.1f} s),"
            f" then pg_ctl stop -m fast, 10 s down, pg_ctl start "
            f"({marks['start_end'] - marks['stop_begin']:.1f} s without a database), under 4 "
            "readers (pages, API, /healthz/) and 1 join-form submitter"
        ),
        "happened": (
            f"{len(log)} requests: {dict(everything)}; during the restart "
            f"{dict(outage_restart)}, during the stop {dict(outage_stop)}; first success "
            f"{rec_restart['first_success_s']} s after the restart and "
            f"{rec_stop['first_success_s']} s after the start; failures after the first success: "
            f"{len(rec_restart['failures_after_first_success'])} and "
            f"{len(rec_stop['failures_after_first_success'])}; "
            f"gunicorn not restarted ({'same master' if same_gunicorn else 'MASTER CHANGED'}, "
            f"workers {workers_before} -> {stack.worker_pids()}); task worker "
            f"{'survived' if worker_survived else 'DIED'}, queue "
            f"{'drained' if drained else 'NOT drained'}; join: {check['acknowledged']} "
            f"acknowledged, {check['stored']} stored, {len(check['not whole'])} not whole"
        ),
        "pass": ok,
        "details": {
            "marks_s": {k: round(v, 2) for k, v in marks.items()},
            "outcomes": dict(everything),
            "unexpected": bad,
            "unexpected_samples": odd,
            "during_restart": dict(outage_restart),
            "during_stop": dict(outage_stop),
            "recovery_after_restart": rec_restart,
            "recovery_after_start": rec_stop,
            "applications": check,
        },
    }


# --- 4. the upload disk is full ------------------------------------------------------------------

STORAGE_MESSAGE = r"""
from django.utils import translation
from skillshub.core.storage import StorageFull
translation.activate("pl")
print(StorageFull(OSError(28, "")).messages[0])
"""

COUNTS = (
    "SELECT (SELECT count(*) FROM team_document), (SELECT count(*) FROM team_documentversion), "
    "(SELECT count(*) FROM portal_newsitem), (SELECT count(*) FROM core_auditentry)"
)
# A PDF as the file type check reads it (the bytes decide), 300 KB: bigger than what is left.
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 300_000 + b"\n%%EOF\n"
# A 1×1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def fault_disk(stack: Stack) -> dict[str, Any]:
    message = stack.manage("shell", "-c", STORAGE_MESSAGE).stdout.strip().splitlines()[-1]
    team = stack.sql("SELECT id FROM team_team ORDER BY id LIMIT 1").strip()
    media = stack.media_root
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", str(media)], check=True
    )
    results: dict[str, Any] = {}
    try:
        filler = media / "filler.bin"
        with open(filler, "wb", buffering=0) as out:  # fill the disk to the last byte
            try:
                while True:
                    out.write(b"\0" * 65536)
                    out.flush()
            except OSError as exc:
                results["filled_with"] = f"{filler.stat().st_size} bytes, then {exc.strerror}"
        free = os.statvfs(media)
        results["free_bytes"] = free.f_bavail * free.f_frsize
        browser = Browser(stack)
        browser.log_in()
        counts_before = stack.sql(COUNTS).strip()

        def upload_document(title: str) -> requests.Response:
            form, _page = browser.form(f"/wzk/teams/{team}/documents/new/", "title")
            values = {k: v for k, v in form.form_values() if k != "file"}
            values.update(title=title, visibility="public")
            return browser.post(
                f"/wzk/teams/{team}/documents/new/",
                values,
                files={"file": ("plan-pracy.pdf", PDF, "application/pdf")},
            )

        def upload_news_image() -> requests.Response:
            form, _page = browser.form("/manage/news/new/", "image_alt")
            values = {k: v for k, v in form.form_values() if k != "image"}
            values.update(
                title="Targi pracy (awaria dysku)",
                slug="targi-pracy-awaria-dysku",
                lead="Zapraszamy.",
                body="<p>Treść</p>",
                image_alt="Sala",
                status="draft",
            )
            return browser.post(
                "/manage/news/new/", values, files={"image": ("sala.png", PNG, "image/png")}
            )

        def upload_import() -> requests.Response:
            form, _page = browser.form("/institutions/import/", "file")
            values = {k: v for k, v in form.form_values() if k != "file"}
            # The office's own template with one row: a file the importer accepts.
            template = browser.get("/institutions/import/template.csv").content
            csv = template + "Szkoła Podstawowa nr 1;;szkola;0802;Gorzów Wielkopolski\n".encode()
            return browser.post(
                "/institutions/import/",
                values,
                files={"file": ("instytucje.csv", csv, "text/csv")},
            )

        attempts = {
            "team document": upload_document("Plan pracy (awaria dysku)"),
            "news image": upload_news_image(),
            "institutions import": upload_import(),
        }
        results["full"] = {
            name: {
                "status": r.status_code,
                "clean error shown": message in html.unescape(r.text),
                "traceback": "Traceback" in r.text,
            }
            for name, r in attempts.items()
        }
        results["rows before/after"] = [counts_before, stack.sql(COUNTS).strip()]
        results["files on the full disk"] = _files(media)
        filler.unlink()
        again = upload_document("Plan pracy (po zwolnieniu miejsca)")
        results["after freeing space"] = {
            "status": again.status_code,
            "files": _files(media),
        }
    finally:
        for _attempt in range(5):
            done = subprocess.run(["umount", str(media)], capture_output=True, text=True)
            if done.returncode == 0:
                break
            time.sleep(1)
        else:
            subprocess.run(["umount", "-l", str(media)], check=False)
        results["unmounted"] = not os.path.ismount(media)
    full = results["full"]
    ok = (
        all(
            v["status"] == 400 and v["clean error shown"] and not v["traceback"]
            for v in full.values()
        )
        and results["rows before/after"][0] == results["rows before/after"][1]
        and results["files on the full disk"] == ["filler.bin"]
        and results["after freeing space"]["status"] == 302
        and len(results["after freeing space"]["files"]) == 1
        and results["unmounted"]
    )
    return {
        "fault": "upload disk full",
        "injected": f"1 MB tmpfs mounted over MEDIA_ROOT, filled ({results.get('filled_with')}); "
        "a 300 KB PDF as a team document, a news image and an institutions import uploaded "
        "through the real forms as the office worker",
        "happened": (
            "; ".join(
                f"{name}: {v['status']}"
                + (" with the clean error" if v["clean error shown"] else " WITHOUT the error")
                for name, v in full.items()
            )
            + f"; rows (documents, versions, news, audit) {results['rows before/after'][0]} "
            f"before, {results['rows before/after'][1]} after; files on the disk "
            f"{results['files on the full disk']}; after freeing space the document upload "
            f"answered {results['after freeing space']['status']}; tmpfs unmounted: "
            f"{results['unmounted']}"
        ),
        "pass": ok,
        "details": results,
    }


# --- the run ---------------------------------------------------------------------------------


def table(rows: list[dict[str, Any]]) -> str:
    lines = ["| fault | injected | what happened | result |", "|---|---|---|---|"]
    for row in rows:
        cells = [row["fault"], row["injected"], row["happened"], "pass" if row["pass"] else "FAIL"]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--only", default=",".join(FAULTS), help="comma-separated: " + ",".join(FAULTS)
    )
    parser.add_argument("--keep", action="store_true", help="keep the stack's directory (logs)")
    options = parser.parse_args()
    chosen = [f.strip() for f in options.only.split(",") if f.strip()]
    unknown = set(chosen) - set(FAULTS)
    if unknown:
        parser.error(f"unknown faults: {sorted(unknown)}")
    if os.geteuid() != 0:
        raise SystemExit("needs root: kill -9 of the stack's processes and mount -t tmpfs")
    sink = SmtpSink()
    env = {
        "JOIN_RATE_LIMIT_PER_HOUR": "1000000",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
        "EMAIL_TIMEOUT": "30",
        # Short, so the run is short: a killed worker is dead after 3 missed 1-second beats,
        # and a task must have run 5 s before it is taken back.
        "TASKS_HEARTBEAT_SECONDS": "1",
        "TASKS_STALE_AFTER_SECONDS": "5",
    }
    rows: list[dict[str, Any]] = []
    started = time.monotonic()
    print("starting the stack (PostgreSQL, migrate, demo data): about a minute", flush=True)
    with Stack(workers=2, task_worker=False, extra_env=env, keep=options.keep) as stack:
        worker = TaskWorker(stack)
        worker.start()
        setup = time.monotonic() - started
        print(f"stack up in {setup:.0f} s at {stack.url}; pids {stack.describe()}", flush=True)
        try:
            for name in chosen:
                print(f"== fault: {name}", flush=True)
                t = time.monotonic()
                if name == "web":
                    row = fault_web(stack, worker)
                elif name == "task":
                    row = fault_task(stack, worker, sink)
                elif name == "pg":
                    row = fault_pg(stack, worker)
                else:
                    row = fault_disk(stack)
                row["seconds"] = round(time.monotonic() - t, 1)
                rows.append(row)
                print(f"   {'pass' if row['pass'] else 'FAIL'}: {row['happened']}", flush=True)
        finally:
            worker.stop()
            if options.keep:
                print(f"logs kept in {stack.logs}")
    sink.shutdown()
    print()
    print(table(rows))
    stamp = dt.datetime.now().strftime("%Y-%m-%d")
    RESULTS.mkdir(parents=True, exist_ok=True)
    result = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": f"{os.cpu_count()} cores, {os.uname().sysname} {os.uname().release}",
        "setup_seconds": round(setup, 1),
        "total_seconds": round(time.monotonic() - started, 1),
        "faults": rows,
    }
    (RESULTS / f"faults-{stamp}.json").write_text(json.dumps(result, indent=2, default=str))
    (RESULTS / f"faults-{stamp}.md").write_text(
        f"# Faults injected ({result['date']})\n\n`.venv/bin/python bench/load/faults.py`\n\n"
        + table(rows)
        + "\n"
    )
    print(f"\nresults: bench/results/faults-{stamp}.json and .md")
    return 0 if all(row["pass"] for row in rows) else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as exc:  # a manage.py step of the stack failed
        print(f"{exc.cmd} failed:\n{(exc.stderr or '')[-3000:]}", file=sys.stderr)
        raise
