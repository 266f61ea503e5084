"""Whole-page cache for what the anonymous public reads.

A page is stored, in each process's own memory, under the current *version* of the data it
shows; only the version lives in the shared (database) cache. Every service that changes
that data bumps the version inside its own transaction (the cache is database-backed, so the
bump commits or rolls back with the change, and every app process sees it at once). A page
rendered from old data is stored under the old version and is never served again.

Signed-in people are never served a cached page: theirs carry their name, menus and CSRF token.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

TIMEOUT = 600


def _version_key(namespace: str) -> str:
    return f"pagecache:{namespace}:version"


def current_version(namespace: str) -> int:
    version = cache.get(_version_key(namespace))
    if version is None:
        cache.add(_version_key(namespace), 1, timeout=None)
        version = cache.get(_version_key(namespace), 1)
    return int(version)


def bump(namespace: str) -> None:
    """Call inside the writing service's transaction."""
    key = _version_key(namespace)
    _lock_version_row(key)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, timeout=None)


def _lock_version_row(key: str) -> None:
    """Make the caller's ``incr`` the only one on this version until its transaction ends.

    The database cache's ``incr`` is a read and then a write. On PostgreSQL two transactions
    bumping at once both read N and both write N + 1; a page rendered between their commits
    shows the first change only and is stored under N + 1, which the second never moves past:
    stale for up to ``TIMEOUT``. The load run saw 477 versions for 500 registrations. Locking
    the row first queues the bumps. SQLite needs nothing: its writers are serialised already.
    """
    store = caches["default"]
    if not isinstance(store, DatabaseCache):
        return
    db = router.db_for_write(store.cache_model_class)
    connection = connections[db]
    if not connection.features.has_select_for_update:
        return
    table = connection.ops.quote_name(store._table)  # type: ignore[attr-defined]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT cache_key FROM {table} WHERE cache_key = %s FOR UPDATE",
            [store.make_and_validate_key(key)],
        )


View = Callable[..., HttpResponse]


def public_page(namespace: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            cacheable = (
                settings.PUBLIC_PAGE_CACHE
                and request.method == "GET"
                and not request.user.is_authenticated
                and "messages" not in request.COOKIES
            )
            if not cacheable:
                return view(request, *args, **kwargs)
            path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
            htmx = "hx" if request.headers.get("HX-Request") else "full"
            key = (
                f"pagecache:{namespace}:{current_version(namespace)}:"
                f"{translation.get_language()}:{htmx}:{path}"
            )
            pages = caches["pages"]
            cached = pages.get(key)
            if cached is not None:
                response = HttpResponse(cached, content_type="text/html; charset=utf-8")
            else:
                response = view(request, *args, **kwargs)
                if response.status_code == 200 and not response.cookies:
                    pages.set(key, response.content, TIMEOUT)
            patch_vary_headers(response, ["Cookie", "HX-Request"])
            return response

        return wrapper

    return decorator


def private_page(*namespaces: str) -> Callable[[View], View]:
    """Whole-page cache of a signed-in person's own view of a busy page (a list, a board).

    The key holds everything the page depends on: the person and their role (what they may
    see), the data versions of ``namespaces`` (bumped by every service that changes that
    data, in its own transaction), the language, the address and the person's CSRF cookie (so
    the token in the page's forms stays theirs). A change of data or of role is therefore
    never served stale. Pages with a flash message waiting, and responses that set cookies,
    are never stored. Deactivated people have no session user, so they get nothing.
    """

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            cacheable = (
                settings.PRIVATE_PAGE_CACHE
                and request.method == "GET"
                and user.is_authenticated
                and "messages" not in request.COOKIES
                # Without the cookie the page would carry a token for a secret the browser
                # has not stored yet; the first page sets it, the next ones are cached.
                and settings.CSRF_COOKIE_NAME in request.COOKIES
            )
            if not cacheable:
                return view(request, *args, **kwargs)
            keys = [_version_key(ns) for ns in namespaces]
            found = cache.get_many(keys)  # one query for every version
            versions = [
                found.get(k) or current_version(ns) for k, ns in zip(keys, namespaces, strict=True)
            ]
            parts = [
                str(user.pk),
                str(getattr(user, "role", "")),
                str(user.is_superuser),
                ",".join(map(str, versions)),
                translation.get_language() or "",
                # Pages flag what is overdue: a new day is a new page.
                timezone.localdate().isoformat(),
                request.headers.get("HX-Request", ""),
                request.headers.get("HX-Target", ""),
                request.get_full_path(),
                request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
            ]
            key = "privatepage:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
            pages = caches["pages"]
            cached = pages.get(key)
            if cached is not None:
                response = HttpResponse(cached, content_type="text/html; charset=utf-8")
            else:
                response = view(request, *args, **kwargs)
                if response.status_code == 200 and not response.cookies:
                    pages.set(key, response.content, TIMEOUT)
            patch_vary_headers(response, ["Cookie", "HX-Request", "HX-Target"])
            response["Cache-Control"] = "private, no-cache"
            return response

        return wrapper

    return decorator
