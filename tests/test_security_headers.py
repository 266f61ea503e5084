"""Security headers on every kind of page, and the production profile's hardening."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from skillshub.core.middleware import CONTENT_SECURITY_POLICY

ROOT = Path(__file__).resolve().parents[1]
STRICT = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
}


def assert_hardened(response) -> None:  # type: ignore[no-untyped-def]
    policy = response["Content-Security-Policy"]
    assert set(policy.split("; ")) == STRICT
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_a_public_page_is_sent_with_the_strict_policy(anonymous_client: Client) -> None:
    response = anonymous_client.get("/")
    assert response.status_code == 200
    assert_hardened(response)


@pytest.mark.django_db
def test_a_signed_in_page_is_sent_with_the_strict_policy(coordinator_client: Client) -> None:
    response = coordinator_client.get("/institutions/")
    assert response.status_code == 200
    assert_hardened(response)


@pytest.mark.django_db
def test_an_error_page_is_sent_with_the_strict_policy(anonymous_client: Client) -> None:
    response = anonymous_client.get("/no-such-page/")
    assert response.status_code == 404
    assert_hardened(response)


@pytest.mark.django_db
def test_a_server_error_page_is_sent_with_the_strict_policy(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    # A 500 from a view that fails: the handler's page passes through the middleware too.
    from unittest import mock

    with mock.patch("skillshub.core.views.render", side_effect=RuntimeError("boom")):
        response = client.get("/about/")
    assert response.status_code == 500
    assert_hardened(response)
    assert b"<style" not in response.content and b"style=" not in response.content


@pytest.mark.django_db
def test_only_the_admin_may_use_inline_styles(office_admin) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(office_admin)
    policy = client.get("/admin/")["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY


@pytest.mark.django_db
def test_the_pages_carry_no_inline_style_or_script(anonymous_client: Client, region) -> None:  # type: ignore[no-untyped-def]
    for url in ("/", "/offers/", "/labour-market/", "/labour-market/mzdin/", "/guidance/"):
        content = anonymous_client.get(url).content.decode()
        assert "style=" not in content, url
        assert "<style" not in content, url
        for tag in content.split("<script")[1:]:
            head = tag.split(">", 1)[0]
            assert "src=" in head or 'type="application/json"' in head, (url, head)


def production_settings() -> dict[str, object]:
    """The production profile's settings, read in a fresh interpreter under its environment."""
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k, None) for k in ("
        "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SESSION_COOKIE_SECURE', "
        "'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', "
        "'X_FRAME_OPTIONS', 'SECURE_CONTENT_TYPE_NOSNIFF', 'SECURE_REFERRER_POLICY', "
        "'MIDDLEWARE', 'DEBUG')}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SKILLSHUB_PROFILE": "production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "example.org",
        "DEBUG": "0",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_the_production_profile_sends_hsts_and_secure_cookies() -> None:
    prod = production_settings()
    assert prod["DEBUG"] is False
    assert prod["SECURE_HSTS_SECONDS"] >= 31536000  # type: ignore[operator]
    assert prod["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert prod["SESSION_COOKIE_SECURE"] is True
    assert prod["SESSION_COOKIE_HTTPONLY"] is True
    assert prod["CSRF_COOKIE_SECURE"] is True
    assert prod["SECURE_SSL_REDIRECT"] is True
    assert prod["X_FRAME_OPTIONS"] == "DENY"
    assert "skillshub.core.middleware.ContentSecurityPolicyMiddleware" in prod["MIDDLEWARE"]  # type: ignore[operator]


@pytest.mark.django_db
def test_production_sends_hsts_over_https(settings, anonymous_client: Client) -> None:  # type: ignore[no-untyped-def]
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = anonymous_client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert_hardened(response)
