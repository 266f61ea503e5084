"""Two services bumping one page-cache version at once must move it twice (issue 9's load run
found bumps lost on PostgreSQL: the database cache's ``incr`` reads, then writes)."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.management import call_command
from django.db import connections, transaction

from skillshub.core import pagecache

DATABASE_CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "skillshub_cache",
    },
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}


@pytest.mark.django_db(transaction=True)
def test_concurrent_bumps_are_not_lost(settings: object) -> None:
    settings.CACHES = DATABASE_CACHES  # type: ignore[attr-defined]
    call_command("createcachetable")
    start = pagecache.current_version("bumprace")
    first_bumped = threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with transaction.atomic():
                pagecache.bump("bumprace")
                first_bumped.set()
                time.sleep(0.5)  # still uncommitted while the second one bumps
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
            first_bumped.set()
        finally:
            connections.close_all()

    def second() -> None:
        first_bumped.wait(10)
        try:
            with transaction.atomic():
                pagecache.bump("bumprace")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors
    assert pagecache.current_version("bumprace") == start + 2
