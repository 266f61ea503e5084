"""Guidance services: create, edit (with edit conflicts), publish and archive."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from skillshub.core.models import AuditEntry, County, TargetGroup
from skillshub.core.pagecache import current_version
from skillshub.guidance import services
from skillshub.guidance.choices import PublicationStatus, ServiceKind, ServiceMode
from skillshub.guidance.models import GuidanceService
from skillshub.stakeholders.exceptions import EditConflict
from skillshub.stakeholders.tests.factories import InstitutionFactory

from .factories import GuidanceServiceFactory

pytestmark = pytest.mark.django_db


def _data(provider, **extra):
    return {
        "provider": provider,
        "title": "Doradztwo zawodowe dla dorosłych",
        "kind": ServiceKind.INDIVIDUAL_ADVICE,
        "description": "Rozmowa z doradcą.",
        "mode": ServiceMode.BOTH,
        "is_free": True,
        "contact_email": "doradca@example.invalid",
        "counties": list(County.objects.in_region()[:2]),
        "target_groups": list(TargetGroup.objects.filter(code__in=["adults", "50plus"])),
        **extra,
    }


def test_provider_contact_creates_a_draft_service_for_their_institution(provider, provider_user):
    guidance_before = current_version("guidance")
    portal_before = current_version("portal")
    service = services.service_create(actor=provider_user, data=_data(provider))
    assert service.status == PublicationStatus.DRAFT
    assert service.provider == provider
    assert service.created_by == provider_user
    assert service.counties.count() == 2
    assert set(service.target_groups.values_list("code", flat=True)) == {"adults", "50plus"}
    assert AuditEntry.objects.for_object(service).get().verb == "guidance_service_create"
    assert current_version("guidance") > guidance_before
    assert current_version("portal") > portal_before


def test_provider_contact_cannot_create_for_another_institution(provider, provider_user):
    other = InstitutionFactory()
    with pytest.raises(ValidationError) as caught:
        services.service_create(actor=provider_user, data=_data(other))
    assert "provider" in caught.value.error_dict
    assert not GuidanceService.objects.exists()


def test_staff_create_for_any_provider(region, coordinator):
    service = services.service_create(actor=coordinator, data=_data(InstitutionFactory()))
    assert service.pk


def test_update_saves_changes_and_raises_the_version(provider, provider_user):
    service = GuidanceServiceFactory(provider=provider)
    updated = services.service_update(
        service=service,
        actor=provider_user,
        data={"title": "Nowy tytuł", "counties": list(County.objects.in_region()[:3])},
        expected_version=service.version,
    )
    assert updated.title == "Nowy tytuł"
    assert updated.version == service.version + 1
    assert updated.counties.count() == 3
    entry = AuditEntry.objects.for_object(service).get(verb="guidance_service_update")
    assert "title" in entry.changes and "counties" in entry.changes


def test_stale_update_is_refused_and_writes_nothing(provider, provider_user, coordinator):
    service = GuidanceServiceFactory(provider=provider, title="Stary")
    services.service_update(service=service, actor=coordinator, data={"title": "Od biura"})
    with pytest.raises(EditConflict) as caught:
        services.service_update(
            service=service,
            actor=provider_user,
            data={"title": "Od dostawcy"},
            expected_version=service.version,
        )
    assert caught.value.changes["title"] == ("Od biura", "Od dostawcy")
    service.refresh_from_db()
    assert service.title == "Od biura"


def test_publishing_without_contact_is_refused(provider, coordinator):
    service = GuidanceServiceFactory(
        provider=provider, status=PublicationStatus.DRAFT, contact_email="", contact_phone=""
    )
    with pytest.raises(ValidationError):
        services.service_set_status(
            service=service, actor=coordinator, status=PublicationStatus.PUBLISHED
        )
    service.refresh_from_db()
    assert service.status == PublicationStatus.DRAFT


def test_publish_then_archive(provider, provider_user):
    service = GuidanceServiceFactory(provider=provider, status=PublicationStatus.DRAFT)
    services.service_set_status(
        service=service, actor=provider_user, status=PublicationStatus.PUBLISHED
    )
    services.service_set_status(
        service=service, actor=provider_user, status=PublicationStatus.ARCHIVED
    )
    service.refresh_from_db()
    assert service.status == PublicationStatus.ARCHIVED
    verbs = set(AuditEntry.objects.for_object(service).values_list("verb", flat=True))
    assert verbs == {"guidance_service_published", "guidance_service_archived"}
