"""The portal's published school offers are handed down to the labour market's school offer,
through the portal's own services (``offer_move``, ``offer_update``)."""

from __future__ import annotations

import datetime

import pytest

from skillshub.core.models import AuditEntry, County
from skillshub.labour_market.choices import ImportKind, Provision
from skillshub.labour_market.models import SchoolSupply
from skillshub.labour_market.services_supply import supply_sync_offer
from skillshub.labour_market.tests.factories import (
    ImportRunFactory,
    SchoolOccupationFactory,
    SchoolSupplyFactory,
)
from skillshub.portal import services as portal_services
from skillshub.portal.choices import OfferKind, OfferStatus
from skillshub.portal.tests.factories import LearningOfferFactory
from skillshub.stakeholders.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(region):  # type: ignore[no-untyped-def]
    return InstitutionFactory(name="Zespół Szkół Technicznych w Żarach")


@pytest.fixture
def kzsb(region):  # type: ignore[no-untyped-def]
    SchoolOccupationFactory(code="311513", name="Technik pojazdów samochodowych")
    return SchoolOccupationFactory(code="722307", name="Technik mechanik")


def _offer(school, **extra):  # type: ignore[no-untyped-def]
    values = {
        "kind": OfferKind.SCHOOL_OCCUPATION,
        "provider": school,
        "county": County.objects.get(teryt="0811"),
        "occupation_codes": "722307",
        "starts_on": datetime.date(2025, 9, 1),
        "status": OfferStatus.SUBMITTED,
        "published_at": None,
    }
    values.update(extra)
    return LearningOfferFactory(**values)


def test_publishing_a_school_occupation_offer_adds_it_to_the_school_offer(
    coordinator, school, kzsb
):
    offer = _offer(school)
    assert not SchoolSupply.objects.exists()

    portal_services.offer_move(offer=offer, actor=coordinator, target=OfferStatus.PUBLISHED)

    row = SchoolSupply.objects.get(source_offer_id=offer.pk)
    assert row.school_name == "Zespół Szkół Technicznych w Żarach"
    assert row.institution_id == school.pk
    assert row.school_occupation.code == "722307"
    assert row.county.teryt == "0811"
    assert row.year == 2025
    assert row.provision == Provision.SCHOOL
    assert AuditEntry.objects.filter(verb="supply_sync_offer").count() == 1


def test_archiving_the_offer_removes_it_from_the_school_offer(coordinator, school, kzsb):
    offer = _offer(school)
    portal_services.offer_move(offer=offer, actor=coordinator, target=OfferStatus.PUBLISHED)

    portal_services.offer_move(offer=offer, actor=coordinator, target=OfferStatus.ARCHIVED)

    assert not SchoolSupply.objects.exists()
    assert AuditEntry.objects.filter(verb="supply_sync_delete").count() == 1


def test_a_kkz_is_handed_down_as_a_qualification_course(coordinator, school, kzsb):
    offer = _offer(school, kind=OfferKind.QUALIFICATION_COURSE, starts_on=datetime.date(2026, 3, 1))

    portal_services.offer_move(offer=offer, actor=coordinator, target=OfferStatus.PUBLISHED)

    row = SchoolSupply.objects.get(source_offer_id=offer.pk)
    assert row.provision == Provision.QUALIFICATION_COURSE
    assert row.year == 2025  # March 2026 belongs to the school year 2025/26


def test_other_kinds_and_unknown_codes_are_not_school_offer(coordinator, school, kzsb):
    course = _offer(school, kind=OfferKind.COURSE)
    unknown = _offer(school, occupation_codes="999999")

    portal_services.offer_move(offer=course, actor=coordinator, target=OfferStatus.PUBLISHED)
    portal_services.offer_move(offer=unknown, actor=coordinator, target=OfferStatus.PUBLISHED)

    assert not SchoolSupply.objects.exists()


def test_an_offer_with_several_codes_is_stored_under_its_first_kzsb_code(coordinator, school, kzsb):
    offer = _offer(school, occupation_codes="999999, 311513, 722307")

    portal_services.offer_move(offer=offer, actor=coordinator, target=OfferStatus.PUBLISHED)

    assert SchoolSupply.objects.get().school_occupation.code == "311513"


def test_a_staff_edit_of_a_published_offer_follows_it(coordinator, school, kzsb):
    offer = _offer(school)
    offer = portal_services.offer_move(offer=offer, actor=coordinator, target=OfferStatus.PUBLISHED)

    portal_services.offer_update(
        offer=offer,
        actor=coordinator,
        data={"occupation_codes": "311513", "county": County.objects.get(teryt="0802")},
        version=offer.version,
    )

    row = SchoolSupply.objects.get(source_offer_id=offer.pk)
    assert (row.school_occupation.code, row.county.teryt) == ("311513", "0802")


def test_sending_the_offer_back_for_approval_takes_it_out(coordinator, school, kzsb):
    offer = _offer(school)
    offer = portal_services.offer_move(offer=offer, actor=coordinator, target=OfferStatus.PUBLISHED)

    portal_services.offer_move(offer=offer, actor=coordinator, target=OfferStatus.SUBMITTED)

    assert not SchoolSupply.objects.exists()


def test_an_imported_twin_is_adopted_and_kept_when_the_offer_leaves(coordinator, school, kzsb):
    run = ImportRunFactory(kind=ImportKind.SCHOOL_SUPPLY, period="2025")
    imported = SchoolSupplyFactory(
        school_name=school.name,
        school_occupation=kzsb,
        county=County.objects.get(teryt="0811"),
        year=2025,
        enrolment=54,
        import_run=run,
    )
    offer = _offer(school)

    portal_services.offer_move(offer=offer, actor=coordinator, target=OfferStatus.PUBLISHED)
    imported.refresh_from_db()
    assert imported.source_offer_id == offer.pk
    assert SchoolSupply.objects.count() == 1

    portal_services.offer_move(offer=offer, actor=coordinator, target=OfferStatus.ARCHIVED)
    imported.refresh_from_db()
    assert imported.source_offer_id is None
    assert imported.enrolment == 54


def test_syncing_twice_changes_nothing(coordinator, school, kzsb):
    county = County.objects.get(teryt="0811")
    values = {
        "offer_id": 77,
        "kzsb_codes": ["722307"],
        "school_name": school.name,
        "institution_id": school.pk,
        "county_id": county.pk,
        "year": 2025,
        "provision": Provision.SCHOOL,
        "published": True,
        "actor": coordinator,
    }
    assert supply_sync_offer(**values) == 1
    assert supply_sync_offer(**values) == 0
    assert SchoolSupply.objects.count() == 1


def test_an_online_offer_without_county_is_not_counted(coordinator, school, kzsb):
    assert (
        supply_sync_offer(
            offer_id=5,
            kzsb_codes=["722307"],
            school_name=school.name,
            institution_id=school.pk,
            county_id=None,
            year=2025,
            provision=Provision.SCHOOL,
            published=True,
        )
        == 0
    )
    assert not SchoolSupply.objects.exists()
