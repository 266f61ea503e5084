from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext as _


class PolishFirstLocaleMiddleware:
    """Polish unless the visitor chose otherwise with the language switch.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show most
    visitors with an English-language browser an English site. A Polish public body speaks
    Polish first; the switch stores the choice in the language cookie.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        translation.deactivate()
        return response


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Django's admin writes one <style> block on its change lists, and the API's Swagger UI styles
# its own widgets: only there are inline styles allowed. Scripts stay 'self' everywhere.
ADMIN_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)


class ContentSecurityPolicyMiddleware:
    """Sends the Content-Security-Policy: no inline script or style, nothing from elsewhere.

    Pages carry their data as ``json_script`` blocks (not executed) and their styles in
    ``static/css/``; Chart.js sizes its canvases through the CSSOM, which the policy allows.
    A view that sets its own policy keeps it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.relaxed_prefixes = ("/admin/", "/api/v1/docs")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(self.relaxed_prefixes):
            policy = ADMIN_CONTENT_SECURITY_POLICY
        else:
            policy = CONTENT_SECURITY_POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        return response


# --- The database is unavailable: a friendly 503, not a traceback -------------------------------

# Seconds a client (or a crawler, or a load balancer) is asked to wait before trying again: a
# PostgreSQL restart or a fail-over takes about this long.
RETRY_AFTER_SECONDS = 30
# The errors a database that is down, restarting or unreachable raises (psycopg's "connection
# refused", "terminating connection due to administrator command", "the connection is closed").
# IntegrityError, DataError and ProgrammingError are bugs or bad input, and stay 500s or 400s.
UNAVAILABLE_ERRORS: tuple[type[Exception], ...] = (OperationalError, InterfaceError)

unavailable_logger = logging.getLogger("skillshub.unavailable")


def is_database_unavailable(exc: BaseException | None) -> bool:
    return isinstance(exc, UNAVAILABLE_ERRORS)


def _language(request: HttpRequest) -> str:
    # The same choice PolishFirstLocaleMiddleware makes: it may not have run (or has already
    # deactivated the language) when the error reaches us.
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    supported = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in supported else settings.LANGUAGE_CODE


def database_unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 answered while the database cannot be reached.

    Rendered without the database: a plain template, no context processors (they would ask for
    the user, the footer pages, the session), no request context. JSON for the API and the
    health endpoint, whose clients are programs.
    """
    path = request.path
    with translation.override(_language(request)):
        message = _("The service is temporarily unavailable. Please try again in a moment.")
        response: HttpResponse
        if path.startswith(("/api/", "/healthz/")):
            response = JsonResponse(
                {
                    "status": "error",
                    "database": connection.vendor,
                    "reason": "database unavailable",
                    "detail": str(message),
                },
                status=503,
            )
        else:
            body = render_to_string(
                "core/503.html",
                {"retry_after": RETRY_AFTER_SECONDS, "message": message},
            )
            response = HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
        response.headers["Content-Language"] = translation.get_language()
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Never cache an outage: neither the browser nor a proxy nor our page cache.
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Turns a database that is down into a friendly 503 page with ``Retry-After``.

    A view (or a template it renders) that hits ``OperationalError`` / ``InterfaceError``
    gets the 503 here. Errors raised outside the view (a session saved on the way out) reach
    ``config.urls.handler500``, which answers the same page. Nothing is half-written: every
    service runs in one transaction, which the database rolls back when the connection dies.

    The connection itself heals: ``CONN_HEALTH_CHECKS`` makes Django test a kept connection
    before a request first uses it and reconnect when PostgreSQL has restarted, and a request
    that failed marks it unusable so that it is closed at the request's end.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_unavailable(exception):
            return None
        unavailable_logger.warning(
            "Database unavailable on %s %s: %s: %s",
            request.method,
            request.path,
            type(exception).__name__,
            str(exception).strip()[:300],
        )
        return database_unavailable_response(request)
