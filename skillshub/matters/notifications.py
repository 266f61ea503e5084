"""E-mails about matters. Each runs inside the calling service's transaction and queues mail
through core's outbox."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from skillshub.accounts.choices import Role
from skillshub.accounts.models import User
from skillshub.core.tasks import email_enqueue

from .models import Matter


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def office_addresses() -> list[str]:
    return list(
        User.objects.filter(is_active=True, role__in=[Role.OFFICE_STAFF, Role.OFFICE_ADMIN])
        .exclude(email="")
        .values_list("email", flat=True)
    )


def member_addresses() -> list[str]:
    return list(
        User.objects.filter(is_active=True, role=Role.TEAM_MEMBER)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def _send(*, to: list[str], template: str, context: dict[str, Any], topic: str) -> int:
    sent = 0
    with translation.override("pl"):
        subject = render_to_string(f"matters/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"matters/email/{template}.txt", context)
    for address in dict.fromkeys(to):
        email_enqueue(to=address, subject=subject, body=body, topic=topic)
        sent += 1
    return sent


def moved(*, matter: Matter, actor: Any, from_state: str, note: str = "") -> int:
    """Tell the people concerned that a matter moved: whoever raised it (unless they moved it
    themselves), and the office when a member submits one."""
    context = {
        "matter": matter,
        "from_state": from_state,
        "note": note,
        "url": site_url(matter.get_absolute_url()),
    }
    to: list[str] = []
    raiser = matter.raised_by
    if raiser is not None and raiser.email and raiser.pk != getattr(actor, "pk", None):
        to.append(raiser.email)
    if matter.state == "submitted":
        to.extend(office_addresses())
    if not to:
        return 0
    return _send(to=to, template="moved", context=context, topic="matters.moved")


def consultation_opened(*, matter: Matter) -> int:
    """Every WZK member is invited to comment on the proposal until the deadline."""
    context = {"matter": matter, "url": site_url(matter.get_absolute_url())}
    to = member_addresses()
    if matter.confidential:
        to = [matter.raised_by.email] if matter.raised_by and matter.raised_by.email else []
    return _send(to=to, template="consultation", context=context, topic="matters.consultation")


def comment_replied(*, matter: Matter, author_email: str) -> int:
    context = {"matter": matter, "url": site_url(matter.get_absolute_url())}
    return _send(to=[author_email], template="reply", context=context, topic="matters.reply")
