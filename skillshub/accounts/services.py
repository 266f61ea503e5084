"""Log-in lockout and API tokens."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from skillshub.core.choices import AuditAction
from skillshub.core.services import audit_record

from .models import ApiToken, LoginFailure, User, hash_token


def login_is_locked(*, username: str) -> bool:
    since = timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    failures = LoginFailure.objects.filter(username=username.strip().lower(), created_at__gte=since)
    return failures.count() >= settings.LOGIN_LOCKOUT_ATTEMPTS


def login_failure_record(*, username: str, ip: str | None) -> None:
    LoginFailure.objects.create(username=username.strip().lower()[:150], ip=ip)


def login_failures_clear(*, username: str) -> None:
    LoginFailure.objects.filter(username=username.strip().lower()).delete()


@transaction.atomic
def api_token_create(*, user: User, name: str, actor: User) -> tuple[ApiToken, str]:
    """Create a token and return it with its key, which is never stored or shown again."""
    key = ApiToken.new_key()
    token = ApiToken.objects.create(user=user, name=name, key_hash=hash_token(key))
    audit_record(actor=actor, action=AuditAction.CREATE, obj=token, verb="api_token_create")
    return token, key


def api_token_user(*, key: str) -> User | None:
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(key)).first()
    if token is None or not token.user.is_active:
        return None
    # A cheap UPDATE, not a save(), so concurrent requests never race on the row.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User) -> None:
    audit_record(actor=actor, action=AuditAction.DELETE, obj=token, verb="api_token_revoke")
    token.delete()
