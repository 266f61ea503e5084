from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from . import services


class LockoutAuthenticationForm(AuthenticationForm):
    """The standard log-in form, refusing a username that failed too often recently."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _(
            "Too many failed log-in attempts. The account is locked for %(minutes)s minutes. "
            "You can reset your password by e-mail."
        ),
    }

    def clean(self) -> dict[str, Any]:
        from django.conf import settings

        username = self.cleaned_data.get("username") or ""
        if username and services.login_is_locked(username=username):
            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": settings.LOGIN_LOCKOUT_MINUTES},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            ip = self.request.META.get("REMOTE_ADDR") if self.request else None
            services.login_failure_record(username=username, ip=ip)
            raise
        services.login_failures_clear(username=username)
        return cleaned
