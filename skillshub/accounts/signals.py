"""Side effects only: drop a user's cached row when it changes (see ``backends.py``)."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .backends import user_cache_key
from .models import User


@receiver(post_save, sender=User)
@receiver(post_delete, sender=User)
def forget_cached_user(sender: Any, instance: User, **kwargs: Any) -> None:
    cache.delete(user_cache_key(instance.pk))
