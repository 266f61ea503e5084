"""Registration: places, the waiting list, double registrations and cancelling."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from skillshub.core.models import AuditEntry, OutgoingEmail
from skillshub.guidance import services
from skillshub.guidance.choices import EventStatus, RegistrationStatus
from skillshub.guidance.models import Registration

from .factories import GuidanceEventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def register(event, email, name="Jan Testowy", **kwargs):
    return services.registration_create(
        event=event, full_name=name, email=email, privacy_accepted=True, **kwargs
    )


def test_capacity_two_three_people_two_confirmed_one_waiting(region):
    event = GuidanceEventFactory(capacity=2)
    first = register(event, "a@example.invalid")
    second = register(event, "b@example.invalid")
    third = register(event, "c@example.invalid")
    assert [first.status, second.status, third.status] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
    ]
    assert services.waiting_position(third) == 1


def test_confirmation_email_carries_the_ics_and_the_cancel_link(region, settings):
    settings.SITE_URL = "https://hub.example.invalid"
    event = GuidanceEventFactory(capacity=5)
    registration = register(event, "  Anna@Example.INVALID ")
    assert registration.email == "anna@example.invalid"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.invalid"]
    assert f"https://hub.example.invalid{registration.get_cancel_url()}" in message.body
    (_filename, content, mimetype) = message.attachments[0]
    assert mimetype.startswith("text/calendar")
    assert f"UID:{event.uid}@skillshub-guidance" in content
    assert "METHOD:REQUEST" in content


def test_waiting_list_email_gives_the_position_and_no_invitation(region):
    event = GuidanceEventFactory(capacity=1)
    register(event, "a@example.invalid")
    register(event, "b@example.invalid")
    waiting = register(event, "c@example.invalid")
    assert waiting.status == RegistrationStatus.WAITING
    message = mail.outbox[-1]
    assert message.to == ["c@example.invalid"]
    assert "2" in message.body  # second on the waiting list
    assert message.attachments == []


def test_registration_on_a_full_event_goes_to_the_waiting_list(region):
    event = GuidanceEventFactory(capacity=3)
    RegistrationFactory.create_batch(3, event=event)
    registration = register(event, "late@example.invalid")
    assert registration.status == RegistrationStatus.WAITING


def test_same_email_twice_is_refused_and_nothing_is_written(region):
    event = GuidanceEventFactory(capacity=5)
    register(event, "twice@example.invalid")
    registrations, emails, audits = (
        Registration.objects.count(),
        OutgoingEmail.objects.count(),
        AuditEntry.objects.count(),
    )
    with pytest.raises(ValidationError) as caught:
        register(event, " TWICE@example.invalid", name="Someone Else")
    assert "email" in caught.value.error_dict
    assert Registration.objects.count() == registrations
    assert OutgoingEmail.objects.count() == emails
    assert AuditEntry.objects.count() == audits


def test_the_database_constraint_backs_up_the_double_registration_check(region, monkeypatch):
    """Two requests that pass the check at once: the second insert hits the constraint and
    gets the same polite refusal."""
    event = GuidanceEventFactory(capacity=5)
    register(event, "race@example.invalid")
    real_filter = type(event.registrations).filter

    class NoDuplicates:
        def exists(self):
            return False

    # The check sees no duplicate, as when two requests pass it at the same moment.
    monkeypatch.setattr(
        type(event.registrations),
        "filter",
        lambda self, *a, **kw: NoDuplicates() if "email" in kw else real_filter(self, *a, **kw),
    )
    with pytest.raises(ValidationError) as caught:
        register(event, "race@example.invalid")
    assert "email" in caught.value.error_dict
    assert Registration.objects.filter(email="race@example.invalid").count() == 1


def test_someone_who_cancelled_may_register_again(region):
    event = GuidanceEventFactory(capacity=5)
    first = register(event, "again@example.invalid")
    services.registration_cancel(registration=first)
    second = register(event, "again@example.invalid")
    assert second.status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize(
    "change",
    [
        {"status": EventStatus.DRAFT},
        {"status": EventStatus.CANCELLED},
        {"capacity": None},
        {"registration_closes_at": timezone.now() - datetime.timedelta(hours=1)},
        {
            "starts_at": timezone.now() - datetime.timedelta(hours=1),
            "ends_at": timezone.now() + datetime.timedelta(hours=1),
        },
    ],
    ids=["draft", "cancelled", "no-registration", "closed", "started"],
)
def test_registration_is_refused_when_closed(region, change):
    event = GuidanceEventFactory(**change)
    with pytest.raises(ValidationError):
        register(event, "closed@example.invalid")
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_privacy_notice_must_be_accepted(region):
    event = GuidanceEventFactory()
    with pytest.raises(ValidationError) as caught:
        services.registration_create(
            event=event, full_name="X", email="x@example.invalid", privacy_accepted=False
        )
    assert "privacy_accepted" in caught.value.error_dict
    assert not Registration.objects.exists()


def test_cancelling_a_confirmed_place_promotes_the_first_waiting_and_emails_them(region):
    event = GuidanceEventFactory(capacity=2)
    first = register(event, "a@example.invalid")
    register(event, "b@example.invalid")
    waiting_one = register(event, "c@example.invalid")
    waiting_two = register(event, "d@example.invalid")
    mail.outbox.clear()

    cancelled = services.registration_cancel(registration=first)

    assert cancelled.status == RegistrationStatus.CANCELLED
    assert cancelled.cancelled_at is not None
    waiting_one.refresh_from_db()
    waiting_two.refresh_from_db()
    assert waiting_one.status == RegistrationStatus.CONFIRMED
    assert waiting_two.status == RegistrationStatus.WAITING
    assert [m.to for m in mail.outbox] == [["c@example.invalid"]]
    assert "text/calendar" in mail.outbox[0].attachments[0][2]


def test_cancelling_a_waiting_registration_promotes_nobody(region):
    event = GuidanceEventFactory(capacity=1)
    register(event, "a@example.invalid")
    waiting = register(event, "b@example.invalid")
    third = register(event, "c@example.invalid")
    mail.outbox.clear()
    services.registration_cancel(registration=waiting)
    third.refresh_from_db()
    assert third.status == RegistrationStatus.WAITING
    assert services.waiting_position(third) == 1
    assert mail.outbox == []


def test_cancelling_twice_is_harmless(region):
    event = GuidanceEventFactory(capacity=1)
    first = register(event, "a@example.invalid")
    waiting = register(event, "b@example.invalid")
    services.registration_cancel(registration=first)
    audits = AuditEntry.objects.count()
    mail.outbox.clear()
    again = services.registration_cancel(registration=first)
    assert again.status == RegistrationStatus.CANCELLED
    assert AuditEntry.objects.count() == audits
    assert mail.outbox == []
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_registration_writes_an_audit_entry(region):
    event = GuidanceEventFactory()
    registration = register(event, "audit@example.invalid")
    entry = AuditEntry.objects.for_object(registration).get()
    assert entry.verb == "guidance_registration_create"
    assert entry.actor is None
