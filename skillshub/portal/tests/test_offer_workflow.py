"""Offer services: a provider submits, the office publishes or returns, edits and conflicts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from skillshub.accounts.tests.factories import UserFactory
from skillshub.core.models import AuditEntry, County, TargetGroup
from skillshub.portal import services
from skillshub.portal.choices import OfferKind, OfferStatus
from skillshub.portal.models import LearningOffer
from skillshub.stakeholders.exceptions import EditConflict, IllegalTransition
from skillshub.stakeholders.tests.factories import ContactPersonFactory, InstitutionFactory

from .factories import LearningOfferFactory


@pytest.fixture
def provider(region):
    return InstitutionFactory(name="Centrum Kształcenia Zawodowego w Żarach")


@pytest.fixture
def provider_contact(provider):
    user = UserFactory(username="provider-contact")
    ContactPersonFactory(institution=provider, user=user)
    return user


def _data(**extra):
    county = County.objects.in_region().get(teryt="0811")
    data = {
        "kind": OfferKind.COURSE,
        "title": "Spawacz MAG",
        "county": county,
        "place": "Żary",
        "is_online": False,
        "is_free": True,
        "price": None,
        "description": "Kurs spawania.",
        "target_groups": [TargetGroup.objects.get(code="adults")],
    }
    data.update(extra)
    return data


def test_provider_submits_and_staff_publishes(provider, provider_contact, coordinator):
    offer = services.offer_create(actor=provider_contact, data=_data(), submit=True)
    assert offer.provider == provider
    assert offer.status == OfferStatus.SUBMITTED
    assert offer.submitted_by == provider_contact
    assert offer.submitted_at is not None
    assert [g.code for g in offer.target_groups.all()] == ["adults"]

    offer = services.offer_move(offer=offer, actor=coordinator, target=OfferStatus.PUBLISHED)
    assert offer.status == OfferStatus.PUBLISHED
    assert offer.reviewed_by == coordinator
    assert offer.published_at is not None
    verbs = list(AuditEntry.objects.filter(object_id=str(offer.pk)).values_list("verb", flat=True))
    assert sorted(verbs) == ["offer_create", "offer_move"]


def test_provider_cannot_create_for_another_institution(provider, provider_contact):
    other = InstitutionFactory()
    with pytest.raises(ValidationError):
        services.offer_create(actor=provider_contact, data=_data(provider=other))
    assert not LearningOffer.objects.exists()


def test_staff_must_choose_a_provider(region, coordinator):
    with pytest.raises(ValidationError):
        services.offer_create(actor=coordinator, data=_data())


def test_outsider_cannot_create(region, outsider):
    with pytest.raises(ValidationError):
        services.offer_create(actor=outsider, data=_data())


def test_free_offer_keeps_no_price_and_paid_needs_one(provider, provider_contact):
    offer = services.offer_create(
        actor=provider_contact, data=_data(is_free=True, price=Decimal("100"))
    )
    assert offer.price is None
    with pytest.raises(ValidationError):
        services.offer_create(actor=provider_contact, data=_data(is_free=False, price=None))
    with pytest.raises(ValidationError):
        services.offer_create(
            actor=provider_contact, data=_data(is_free=False, price=Decimal("-5"))
        )


def test_offer_without_county_must_be_online(provider, provider_contact):
    with pytest.raises(ValidationError):
        services.offer_create(actor=provider_contact, data=_data(county=None))
    offer = services.offer_create(actor=provider_contact, data=_data(county=None, is_online=True))
    assert offer.is_online


def test_provider_edit_of_published_offer_sends_it_back(provider, provider_contact):
    offer = LearningOfferFactory(provider=provider, status=OfferStatus.PUBLISHED)
    offer = services.offer_update(
        offer=offer, actor=provider_contact, data={"title": "Nowy tytuł"}, version=offer.version
    )
    assert offer.status == OfferStatus.SUBMITTED
    assert offer.title == "Nowy tytuł"
    assert offer.version == 2


def test_staff_edit_keeps_the_status(provider, coordinator):
    offer = LearningOfferFactory(provider=provider, status=OfferStatus.PUBLISHED)
    offer = services.offer_update(
        offer=offer, actor=coordinator, data={"title": "Poprawiony"}, version=offer.version
    )
    assert offer.status == OfferStatus.PUBLISHED
    assert offer.title == "Poprawiony"


def test_unchanged_edit_writes_nothing(provider, coordinator):
    offer = LearningOfferFactory(provider=provider)
    services.offer_update(
        offer=offer, actor=coordinator, data={"title": offer.title}, version=offer.version
    )
    offer.refresh_from_db()
    assert offer.version == 1
    assert not AuditEntry.objects.exists()


def test_stale_version_is_refused(provider, coordinator):
    offer = LearningOfferFactory(provider=provider)
    services.offer_update(offer=offer, actor=coordinator, data={"title": "Pierwszy"}, version=1)
    with pytest.raises(EditConflict) as caught:
        services.offer_update(offer=offer, actor=coordinator, data={"title": "Drugi"}, version=1)
    assert caught.value.changes["title"] == ("Pierwszy", "Drugi")
    offer.refresh_from_db()
    assert offer.title == "Pierwszy"


def test_provider_cannot_publish_or_return(provider, provider_contact):
    offer = LearningOfferFactory(provider=provider, status=OfferStatus.SUBMITTED)
    for target in (OfferStatus.PUBLISHED, OfferStatus.RETURNED):
        with pytest.raises(IllegalTransition):
            services.offer_move(offer=offer, actor=provider_contact, target=target, note="x")
    offer.refresh_from_db()
    assert offer.status == OfferStatus.SUBMITTED


def test_returning_needs_a_note_which_is_kept(provider, coordinator):
    offer = LearningOfferFactory(provider=provider, status=OfferStatus.SUBMITTED)
    with pytest.raises(ValidationError):
        services.offer_move(offer=offer, actor=coordinator, target=OfferStatus.RETURNED)
    offer = services.offer_move(
        offer=offer, actor=coordinator, target=OfferStatus.RETURNED, note="Dodaj daty."
    )
    assert offer.status == OfferStatus.RETURNED
    assert offer.review_note == "Dodaj daty."


def test_illegal_move_is_refused(provider, coordinator):
    offer = LearningOfferFactory(provider=provider, status=OfferStatus.ARCHIVED)
    with pytest.raises(IllegalTransition):
        services.offer_move(offer=offer, actor=coordinator, target=OfferStatus.PUBLISHED)


def test_provider_archives_own_offer(provider, provider_contact):
    offer = LearningOfferFactory(provider=provider, status=OfferStatus.PUBLISHED)
    offer = services.offer_move(offer=offer, actor=provider_contact, target=OfferStatus.ARCHIVED)
    assert offer.status == OfferStatus.ARCHIVED


def test_every_write_bumps_the_portal_page_cache(provider, provider_contact):
    from skillshub.core.pagecache import current_version

    before = current_version("portal")
    services.offer_create(actor=provider_contact, data=_data())
    assert current_version("portal") > before
