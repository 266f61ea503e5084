"""Guidance events: create, edit (updates with the same ICS UID), publish and cancel."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from skillshub.core.models import AuditEntry, County
from skillshub.guidance import services
from skillshub.guidance.choices import EventStatus, RegistrationStatus, ServiceKind
from skillshub.guidance.ics import event_ics
from skillshub.guidance.models import GuidanceEvent
from skillshub.stakeholders.exceptions import EditConflict

from .factories import GuidanceEventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _data(provider, **extra):
    starts = timezone.now() + datetime.timedelta(days=10)
    return {
        "provider": provider,
        "title": "Targi pracy w Żarach",
        "kind": ServiceKind.JOB_FAIR,
        "county": County.objects.in_region().first(),
        "place": "Hala sportowa",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=4),
        "capacity": 50,
        **extra,
    }


def _calendar(message):
    return message.attachments[0][1]


def test_provider_creates_a_draft_event_and_publishes_it(provider, provider_user):
    event = services.event_create(actor=provider_user, data=_data(provider))
    assert event.status == EventStatus.DRAFT
    services.event_publish(event=event, actor=provider_user)
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    verbs = set(AuditEntry.objects.for_object(event).values_list("verb", flat=True))
    assert verbs == {"guidance_event_create", "guidance_event_published"}


def test_event_that_ends_before_it_starts_is_refused(provider, provider_user):
    data = _data(provider)
    data["ends_at"] = data["starts_at"] - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError):
        services.event_create(actor=provider_user, data=data)
    assert not GuidanceEvent.objects.exists()


def test_date_change_emails_registrants_an_update_with_the_same_uid(provider, provider_user):
    event = GuidanceEventFactory(provider=provider, capacity=1)
    confirmed = RegistrationFactory(event=event, email="a@example.invalid")
    RegistrationFactory(event=event, email="b@example.invalid", status=RegistrationStatus.WAITING)
    RegistrationFactory(
        event=event, email="gone@example.invalid", status=RegistrationStatus.CANCELLED
    )
    sequence = event.sequence
    new_start = event.starts_at + datetime.timedelta(days=1)

    updated = services.event_update(
        event=event,
        actor=provider_user,
        data={"starts_at": new_start, "ends_at": new_start + datetime.timedelta(hours=2)},
        expected_version=event.version,
    )

    assert updated.sequence == sequence + 1
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.invalid", "b@example.invalid"]
    content = _calendar(mail.outbox[0])
    assert f"UID:{event.uid}@skillshub-guidance" in content
    assert f"SEQUENCE:{sequence + 1}" in content
    assert "METHOD:REQUEST" in content
    assert confirmed.email in [m.to[0] for m in mail.outbox]


def test_a_change_of_description_only_sends_nothing(provider, provider_user):
    event = GuidanceEventFactory(provider=provider)
    RegistrationFactory(event=event)
    updated = services.event_update(
        event=event, actor=provider_user, data={"description": "Więcej szczegółów."}
    )
    assert updated.sequence == event.sequence
    assert mail.outbox == []


def test_capacity_cannot_drop_below_the_confirmed_places(provider, provider_user):
    event = GuidanceEventFactory(provider=provider, capacity=3)
    RegistrationFactory.create_batch(3, event=event)
    with pytest.raises(ValidationError) as caught:
        services.event_update(event=event, actor=provider_user, data={"capacity": 2})
    assert "capacity" in caught.value.error_dict


def test_more_places_promote_the_waiting_list(provider, provider_user):
    event = GuidanceEventFactory(provider=provider, capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(
        event=event, email="w@example.invalid", status=RegistrationStatus.WAITING
    )
    services.event_update(event=event, actor=provider_user, data={"capacity": 2})
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert [m.to for m in mail.outbox] == [["w@example.invalid"]]


def test_stale_event_update_is_refused(provider, provider_user, coordinator):
    event = GuidanceEventFactory(provider=provider)
    services.event_update(event=event, actor=coordinator, data={"title": "Inny"})
    with pytest.raises(EditConflict):
        services.event_update(
            event=event, actor=provider_user, data={"title": "Mój"}, expected_version=1
        )


def test_cancellation_emails_everyone_registered_or_waiting_with_method_cancel(
    provider, provider_user
):
    event = GuidanceEventFactory(provider=provider, capacity=1)
    RegistrationFactory(event=event, email="a@example.invalid")
    RegistrationFactory(event=event, email="b@example.invalid", status=RegistrationStatus.WAITING)
    RegistrationFactory(event=event, email="c@example.invalid", status=RegistrationStatus.CANCELLED)

    cancelled = services.event_cancel(event=event, actor=provider_user)

    assert cancelled.status == EventStatus.CANCELLED
    assert cancelled.sequence == event.sequence + 1
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.invalid", "b@example.invalid"]
    content = _calendar(mail.outbox[0])
    assert "METHOD:CANCEL" in content
    assert "STATUS:CANCELLED" in content
    assert f"UID:{event.uid}@skillshub-guidance" in content
    mail.outbox.clear()
    services.event_cancel(event=event, actor=provider_user)  # twice: nothing more
    assert mail.outbox == []


def test_a_cancelled_event_cannot_be_published_again(provider, coordinator):
    event = GuidanceEventFactory(provider=provider, status=EventStatus.CANCELLED)
    with pytest.raises(ValidationError):
        services.event_publish(event=event, actor=coordinator)


def test_event_ics_is_valid_icalendar(region):
    import icalendar

    event = GuidanceEventFactory(title="Warsztaty: wybór szkoły")
    calendar = icalendar.Calendar.from_ical(event_ics(event))
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == "Warsztaty: wybór szkoły"
    assert vevent.decoded("dtstart") == event.starts_at.replace(microsecond=0)
