"""The production stack on loopback, for load and fault runs: start it, use it, tear it down.

READY (2026-11-25): used by ``bench/load/run.py``; the faults helper may import it.

What it starts, all under one temporary directory that is removed afterwards:

- its **own PostgreSQL 15 cluster** (``initdb`` as the ``postgres`` OS user, like ``.ci/run``;
  binaries in ``/usr/lib/postgresql/15/bin``) on a free loopback port, ``fsync`` left ON since
  we measure. The shared cluster on port 5432 is never touched;
- ``migrate``, ``createcachetable``, ``load_region 08``, ``load_reference``,
  ``load_occupations``, ``seed_demo``, ``collectstatic`` with the production profile as
  ``deploy/try-locally.sh`` sets it (``SKILLSHUB_PROFILE=production DEBUG=0
  SECURE_SSL_REDIRECT=0``, ``MEDIA_ROOT``/``STATIC_ROOT`` in the temporary directory, e-mail
  to the console backend whose output goes to a log file: unlike ``locmem`` it keeps nothing in
  the task worker's memory, which we measure);
- ``gunicorn config.wsgi --preload`` with ``workers`` **sync** workers (the worker class of
  ``deploy/systemd/skillshub-web@.service``: the app is CPU-bound Django on a 2-core machine,
  so threads would add no throughput, and in production nginx buffers slow clients, which is
  the one thing gthread would help with) on a free port;
- ``manage.py task_worker`` (the task worker: db_worker with a heartbeat).

Use it from Python (run from the repository root, or put ``bench/load`` on ``sys.path``)::

    import sys; sys.path.insert(0, "bench/load")
    from stack import Stack

    with Stack(workers=2) as s:
        s.url                   # "http://127.0.0.1:<port>"
        s.gunicorn_master_pid   # int
        s.worker_pids()         # [int, ...]: the master's current children (re-read each call)
        s.task_worker_pid       # int (None with task_worker=False)
        s.database_url          # "postgres://skillshub:skillshub@127.0.0.1:<port>/skillshub"
        s.pg_restart()          # pg_ctl restart -m fast (mode="immediate" for a crash)
        s.pg_stop(); s.pg_start()
        s.media_root            # Path
        s.env                   # dict: the environment every process got (for manage.py)
        s.manage("shell", "-c", "...")  # run a management command against the stack
        s.work, s.logs          # the temporary directory and its logs/ (gunicorn, worker, pg)
    # leaving the block kills gunicorn and the worker, stops PostgreSQL (-m immediate) and
    # removes the temporary directory (keep=True keeps it, to read the logs).

Options: ``workers`` (2), ``worker_class`` ("sync"), ``threads`` (1, for gthread),
``max_requests`` (0: workers are never recycled, so a leak shows; the systemd unit uses
2000 with jitter 200), ``task_worker`` (True), ``seed`` (True: ``seed_demo``), ``extra_env``
(overrides, e.g. ``{"JOIN_RATE_LIMIT_PER_HOUR": "100000"}``), ``timeout`` (gunicorn's, 30),
``keep`` (False). ``restart_gunicorn()`` and ``restart_task_worker()`` start fresh ones.

From the shell: ``.venv/bin/python bench/load/stack.py up`` starts it, prints the URL, the
pids and the database URL as JSON, and waits for Ctrl-C. Setting up takes about a minute.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
PY = str(REPO / ".venv" / "bin" / "python")
GUNICORN = str(REPO / ".venv" / "bin" / "gunicorn")
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def as_postgres(command: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a shell command as the postgres OS user (we are root), like .ci/run does."""
    return subprocess.run(
        ["su", "postgres", "-s", "/bin/bash", "-c", command],
        check=check,
        capture_output=True,
        text=True,
    )


class Stack:
    def __init__(
        self,
        workers: int = 2,
        *,
        worker_class: str = "sync",
        threads: int = 1,
        max_requests: int = 0,
        task_worker: bool = True,
        seed: bool = True,
        extra_env: dict[str, str] | None = None,
        timeout: int = 30,
        keep: bool = False,
        quiet: bool = True,
    ) -> None:
        self.workers = workers
        self.worker_class = worker_class
        self.threads = threads
        self.max_requests = max_requests
        self.want_task_worker = task_worker
        self.seed = seed
        self.extra_env = dict(extra_env or {})
        self.timeout = timeout
        self.keep = keep
        self.quiet = quiet
        self.work = Path(tempfile.mkdtemp(prefix="skillshub-load-"))
        self.logs = self.work / "logs"
        self.pg_dir = self.work / "pg"
        self.pg_data = self.pg_dir / "data"
        self.pg_port = free_port()
        self.port = 0
        self.url = ""
        self.database_url = f"postgres://skillshub:skillshub@127.0.0.1:{self.pg_port}/skillshub"
        self.media_root = self.work / "media"
        self.static_root = self.work / "static"
        self.env: dict[str, str] = {}
        self._gunicorn: subprocess.Popen[bytes] | None = None
        self._worker: subprocess.Popen[bytes] | None = None
        self.setup_seconds: dict[str, float] = {}

    # --- lifecycle --------------------------------------------------------------------------
    def __enter__(self) -> Stack:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _say(self, message: str) -> None:
        if not self.quiet:
            print(f"[stack] {message}", file=sys.stderr, flush=True)

    def start(self) -> None:
        os.chmod(self.work, 0o755)  # the postgres user must reach pg/
        self.logs.mkdir()
        self.media_root.mkdir()
        self.pg_dir.mkdir()
        shutil.chown(self.pg_dir, user="postgres")
        t0 = time.monotonic()
        as_postgres(f"{PG_BIN}/initdb -D {self.pg_data} -A trust -U postgres -E UTF8")
        self.pg_start()
        self._psql(
            "CREATE ROLE skillshub LOGIN CREATEDB PASSWORD 'skillshub'",
            "CREATE DATABASE skillshub OWNER skillshub",
        )
        self.setup_seconds["postgres"] = time.monotonic() - t0
        self.env = self._build_env()
        t0 = time.monotonic()
        steps: list[list[str]] = [
            ["migrate", "--noinput", "-v0"],
            ["createcachetable"],
            ["load_region", "08"],
            ["load_reference"],
            ["load_occupations"],
        ]
        if self.seed:
            steps.append(["seed_demo"])
        steps.append(["collectstatic", "--noinput", "-v0"])
        for step in steps:
            self._say("manage.py " + " ".join(step))
            self.manage(*step)
        self.setup_seconds["data"] = time.monotonic() - t0
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.start_gunicorn()
        if self.want_task_worker:
            self.start_task_worker()
        self._say(f"ready at {self.url}")

    def stop(self) -> None:
        for proc in (self._gunicorn, self._worker):
            if proc is not None and proc.poll() is None:
                proc.terminate()
        for proc in (self._gunicorn, self._worker):
            if proc is not None:
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        self._gunicorn = self._worker = None
        if (self.pg_data / "postmaster.pid").exists():
            as_postgres(f"{PG_BIN}/pg_ctl -D {self.pg_data} -m immediate -w stop", check=False)
        if not self.keep:
            shutil.rmtree(self.work, ignore_errors=True)

    # --- PostgreSQL -------------------------------------------------------------------------
    def _pg_options(self) -> str:
        return (
            f"-p {self.pg_port} -k {self.pg_dir} -c listen_addresses=127.0.0.1 "
            "-c max_connections=100"
        )

    def pg_start(self) -> None:
        as_postgres(
            f"{PG_BIN}/pg_ctl -D {self.pg_data} -l {self.pg_dir}/postgres.log -w start "
            f"-o {shlex.quote(self._pg_options())}"
        )

    def pg_stop(self, mode: str = "fast") -> None:
        as_postgres(f"{PG_BIN}/pg_ctl -D {self.pg_data} -m {mode} -w stop")

    def pg_restart(self, mode: str = "fast") -> None:
        as_postgres(
            f"{PG_BIN}/pg_ctl -D {self.pg_data} -l {self.pg_dir}/postgres.log -m {mode} -w "
            f"restart -o {shlex.quote(self._pg_options())}"
        )

    def _psql(self, *statements: str, database: str = "postgres") -> str:
        args = [str(PG_BIN / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-tA"]
        args += ["-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres", "-d", database]
        for statement in statements:
            args += ["-c", statement]
        return subprocess.run(args, check=True, capture_output=True, text=True).stdout

    def sql(self, statement: str) -> str:
        """Run one statement in the app's database as the superuser; the -tA output."""
        return self._psql(statement, database="skillshub")

    # --- the app ----------------------------------------------------------------------------
    def _build_env(self) -> dict[str, str]:
        env = dict(os.environ)
        for name in ("SQLITE_PATH", "DJANGO_SETTINGS_MODULE"):
            env.pop(name, None)
        env.update(
            {
                "SKILLSHUB_PROFILE": "production",
                "DEBUG": "0",
                "SECURE_SSL_REDIRECT": "0",
                "LOG_LEVEL": "WARNING",
                "SECRET_KEY": secrets.token_urlsafe(48),
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "DATABASE_URL": self.database_url,
                "MEDIA_ROOT": str(self.media_root),
                "STATIC_ROOT": str(self.static_root),
                "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
                "PYTHONUNBUFFERED": "1",
            }
        )
        env.update(self.extra_env)
        return env

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [PY, "manage.py", *args],
            cwd=REPO,
            env=self.env,
            check=check,
            capture_output=True,
            text=True,
        )

    def start_gunicorn(self) -> None:
        args = [GUNICORN, "config.wsgi", "--preload", "--bind", f"127.0.0.1:{self.port}"]
        args += ["--workers", str(self.workers), "--worker-class", self.worker_class]
        if self.worker_class == "gthread":
            args += ["--threads", str(self.threads)]
        if self.max_requests:
            args += ["--max-requests", str(self.max_requests), "--max-requests-jitter", "200"]
        args += ["--timeout", str(self.timeout), "--graceful-timeout", "25"]
        args += ["--log-level", "warning", "--forwarded-allow-ips", "127.0.0.1"]
        args += ["--access-logfile", str(self.logs / "gunicorn-access.log")]
        args += ["--access-logformat", '%(t)s "%(r)s" %(s)s %(b)s %(M)sms pid=%(p)s']
        args += ["--error-logfile", str(self.logs / "gunicorn-error.log"), "--capture-output"]
        self._gunicorn = subprocess.Popen(args, cwd=REPO, env=self.env)
        self._wait_healthy()
        deadline = time.monotonic() + 20
        while len(self.worker_pids()) < self.workers and time.monotonic() < deadline:
            time.sleep(0.1)

    def restart_gunicorn(self) -> None:
        if self._gunicorn is not None and self._gunicorn.poll() is None:
            self._gunicorn.terminate()
            self._gunicorn.wait(timeout=30)
        self.start_gunicorn()

    def start_task_worker(self) -> None:
        log = open(self.logs / "task_worker.log", "ab")  # noqa: SIM115 - the child keeps it
        self._worker = subprocess.Popen(
            [PY, "manage.py", "task_worker"], cwd=REPO, env=self.env, stdout=log, stderr=log
        )
        log.close()

    def restart_task_worker(self) -> None:
        if self._worker is not None and self._worker.poll() is None:
            self._worker.terminate()
            self._worker.wait(timeout=30)
        self.start_task_worker()

    def _wait_healthy(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self._gunicorn is not None
            if self._gunicorn.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited ({self._gunicorn.returncode}); see "
                    f"{self.logs / 'gunicorn-error.log'}"
                )
            try:
                with urllib.request.urlopen(self.url + "/ping/", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer on {self.url} within {seconds}s")

    @property
    def gunicorn_master_pid(self) -> int | None:
        return self._gunicorn.pid if self._gunicorn is not None else None

    @property
    def task_worker_pid(self) -> int | None:
        return self._worker.pid if self._worker is not None else None

    def worker_pids(self) -> list[int]:
        """The gunicorn master's current children (workers are replaced when they die)."""
        pid = self.gunicorn_master_pid
        if pid is None:
            return []
        try:
            text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        except OSError:
            return []
        return sorted(int(p) for p in text.split())

    def describe(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "gunicorn_master_pid": self.gunicorn_master_pid,
            "worker_pids": self.worker_pids(),
            "task_worker_pid": self.task_worker_pid,
            "database_url": self.database_url,
            "media_root": str(self.media_root),
            "work": str(self.work),
            "setup_seconds": {k: round(v, 1) for k, v in self.setup_seconds.items()},
        }


def rss_kib(pid: int) -> int | None:
    """VmRSS of a process in KiB, from /proc/<pid>/status; None when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["up"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    options = parser.parse_args()
    with Stack(
        workers=options.workers,
        worker_class=options.worker_class,
        keep=options.keep,
        quiet=False,
    ) as stack:
        print(json.dumps(stack.describe(), indent=2), flush=True)
        stopping = False

        def _stop(*_: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        while not stopping:
            time.sleep(0.5)


if __name__ == "__main__":
    main()
