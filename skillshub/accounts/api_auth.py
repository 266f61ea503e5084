"""API authentication: anonymous for public reads, a bearer token for everything else."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from .services import api_token_user


class TokenOrAnonymous(HttpBearer):
    """No Authorization header: the anonymous public. A bearer token: its user. Else 401.

    A wrong token never falls back to anonymous access, so a script with a revoked token
    fails loudly instead of quietly seeing less.
    """

    def __call__(self, request: HttpRequest) -> Any:
        if not request.headers.get(self.header):
            return AnonymousUser()
        return super().__call__(request) or self._refuse()

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(key=token)
        if user is None:
            self._refuse()
        request.user = user  # type: ignore[assignment]
        return user

    @staticmethod
    def _refuse() -> None:
        raise AuthenticationError(401, "Invalid or revoked API token.")
