"""Contact people and RODO: legal bases, access (export) and erasure."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from skillshub.core.models import AuditEntry
from skillshub.stakeholders import services
from skillshub.stakeholders.models import ContactPerson

from .factories import (
    ConsentRecordFactory,
    ContactPersonFactory,
    InstitutionFactory,
    InteractionFactory,
)

pytestmark = pytest.mark.usefixtures("region")


def test_coordinator_adds_a_person_and_records_a_legal_basis(coordinator_client):
    institution = InstitutionFactory()
    response = coordinator_client.post(
        reverse("stakeholders:contact_create", args=[institution.pk]),
        {"first_name": "Demo", "last_name": "Osoba", "email": "demo.osoba@example.invalid"},
    )
    contact = ContactPerson.objects.get()
    assert response.url == contact.get_absolute_url()
    coordinator_client.post(
        reverse("stakeholders:consent_create", args=[contact.pk]),
        {"basis": "public_task", "scope": "obsługa WZK", "given_at": "2026-11-01T10:00"},
    )
    consent = contact.consents.get()
    assert consent.basis == "public_task" and consent.is_active


def test_consent_withdrawal_is_recorded_not_deleted(coordinator_client, coordinator):
    consent = ConsentRecordFactory()
    coordinator_client.post(reverse("stakeholders:consent_withdraw", args=[consent.pk]))
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == coordinator


def test_person_export_json_holds_everything_and_is_audited(coordinator_client):
    consent = ConsentRecordFactory(contact__last_name="Eksportowa")
    contact = consent.contact
    InteractionFactory(institution=contact.institution).contacts.add(contact)
    response = coordinator_client.get(reverse("stakeholders:person_export_json", args=[contact.pk]))
    data = json.loads(response.content)
    assert data["person"]["last_name"] == "Eksportowa"
    assert len(data["consents"]) == 1 and len(data["interactions"]) == 1
    assert AuditEntry.objects.for_object(contact).filter(verb="person_export_json").exists()


def test_person_export_pdf_is_a_pdf(coordinator_client):
    contact = ConsentRecordFactory().contact
    response = coordinator_client.get(reverse("stakeholders:person_export_pdf", args=[contact.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_outsider_cannot_see_or_export_people(outsider_client):
    contact = ContactPersonFactory()
    for name in ("contact_detail", "person_export_json", "person_export_pdf"):
        assert (
            outsider_client.get(reverse(f"stakeholders:{name}", args=[contact.pk])).status_code
            == 404
        )


def test_anonymising_erases_personal_data_but_keeps_history(admin_client_, coordinator):
    contact = ContactPersonFactory(
        first_name="Usuwana", last_name="Osoba", email="u@example.invalid"
    )
    services.contact_update(contact=contact, actor=coordinator, data={"phone": "000-000-000"})
    interaction = InteractionFactory(institution=contact.institution)
    interaction.contacts.add(contact)
    url = reverse("stakeholders:contact_anonymise", args=[contact.pk])
    admin_client_.post(url, {"confirm": "yes"})
    contact.refresh_from_db()
    assert contact.anonymised_at is not None
    assert "Usuwana" not in str(contact) and contact.email == "" and contact.phone == ""
    assert list(interaction.contacts.all()) == [contact]
    for entry in AuditEntry.objects.for_object(contact):
        assert "Usuwana" not in json.dumps(entry.changes) + entry.object_repr
        assert "000-000-000" not in json.dumps(entry.changes)


def test_anonymising_needs_the_confirmation_tick(admin_client_):
    contact = ContactPersonFactory(first_name="Zostaje")
    admin_client_.post(reverse("stakeholders:contact_anonymise", args=[contact.pk]), {})
    contact.refresh_from_db()
    assert contact.first_name == "Zostaje"


def test_outsider_cannot_anonymise(outsider_client):
    contact = ContactPersonFactory(first_name="Zostaje")
    url = reverse("stakeholders:contact_anonymise", args=[contact.pk])
    assert outsider_client.post(url, {"confirm": "yes"}).status_code == 404
    contact.refresh_from_db()
    assert contact.first_name == "Zostaje"


def test_office_staff_can_anonymise_and_it_is_audited(coordinator_client):
    contact = ContactPersonFactory(first_name="Usuwana")
    url = reverse("stakeholders:contact_anonymise", args=[contact.pk])
    coordinator_client.post(url, {"confirm": "yes"})
    contact.refresh_from_db()
    assert contact.anonymised_at is not None
    assert AuditEntry.objects.for_object(contact).filter(action="anonymise").exists()


def test_stale_contact_edit_is_a_conflict(coordinator_client, coordinator):
    contact = ContactPersonFactory(position="sekretarz")
    stale = {
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "position": "dyrektor",
        "version": 1,
    }
    services.contact_update(
        contact=contact, actor=coordinator, data={"position": "prezes"}, expected_version=1
    )
    response = coordinator_client.post(
        reverse("stakeholders:contact_edit", args=[contact.pk]), stale
    )
    assert response.status_code == 409
    contact.refresh_from_db()
    assert contact.position == "prezes"
