"""The private address of a person's calendar feed: created on first use, replaced on request.

The key is a secret (anyone holding the address reads the person's sittings), so the audit
trail records that it changed, never its value.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from skillshub.core.choices import AuditAction
from skillshub.core.services import audit_record

from ..models import CalendarFeed, new_calendar_key


@transaction.atomic
def calendar_feed_get_or_create(*, user: Any) -> CalendarFeed:
    feed, created = CalendarFeed.objects.get_or_create(user=user)
    if created:
        audit_record(actor=user, action=AuditAction.CREATE, obj=feed, verb="calendar_feed_create")
    return feed


@transaction.atomic
def calendar_feed_reset(*, user: Any) -> CalendarFeed:
    """Give the person a new feed address; the old one stops working at once."""
    feed, _created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    feed.key = new_calendar_key()
    feed.full_clean()
    feed.save(update_fields=["key"])
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=feed,
        changes={"key": ["…", "…"]},
        verb="calendar_feed_reset",
    )
    return feed
