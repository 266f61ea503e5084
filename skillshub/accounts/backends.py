"""Authentication backend that keeps the signed-in person's row in the shared cache.

Every signed-in request loads its user; on busy pages served from the page cache that load
is most of the work. The row is cached in the default (database) cache, which every app
process shares, and dropped whenever the user is saved or deleted (``signals.py``), in the
same transaction: a change of role, a deactivation or a new password is seen at once.
``QuerySet.update()`` on users bypasses the signal; the entry then expires on its own.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

TIMEOUT = 300


def user_cache_key(user_id: Any) -> str:
    return f"auth:user:{user_id}"


class CachedModelBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        key = user_cache_key(user_id)
        user = cache.get(key)
        if user is None:
            user = super().get_user(user_id)
            if user is not None:
                cache.set(key, user, TIMEOUT)
        return user if self.user_can_authenticate(user) else None
