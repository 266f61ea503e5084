"""The catalogue and the providers' pages: who sees what, and query ceilings."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from skillshub.accounts.tests.factories import UserFactory
from skillshub.core.models import County, TargetGroup
from skillshub.portal.choices import OfferStatus
from skillshub.portal.models import LearningOffer
from skillshub.stakeholders.tests.factories import ContactPersonFactory, InstitutionFactory

from .factories import LearningOfferFactory


@pytest.fixture
def provider(region):
    return InstitutionFactory(name="CKZ Żary")


@pytest.fixture
def provider_contact(provider):
    user = UserFactory(username="provider-contact")
    ContactPersonFactory(institution=provider, user=user)
    return user


@pytest.fixture
def provider_client(provider_contact):
    client = Client()
    client.force_login(provider_contact)
    return client


@pytest.fixture
def other_provider_client(region):
    user = UserFactory(username="other-contact")
    ContactPersonFactory(institution=InstitutionFactory(), user=user)
    client = Client()
    client.force_login(user)
    return client


def _many(provider, n=5, **extra):
    groups = list(TargetGroup.objects.all()[:2])
    return [
        LearningOfferFactory(provider=provider, target_groups=groups, **extra) for _ in range(n)
    ]


# --- The public catalogue ---------------------------------------------------------------------


def test_catalogue_lists_only_published_offers(provider, anonymous_client):
    LearningOfferFactory(provider=provider, title="Opublikowany kurs")
    LearningOfferFactory(provider=provider, title="Szkic", status=OfferStatus.DRAFT)
    response = anonymous_client.get(reverse("portal:offer_list"))
    assert response.status_code == 200
    titles = [o.title for o in response.context["page_obj"]]
    assert titles == ["Opublikowany kurs"]


def test_catalogue_filters(provider, anonymous_client):
    zary = County.objects.get(teryt="0811")
    LearningOfferFactory(provider=provider, title="Kurs w Żarach", county=zary)
    LearningOfferFactory(
        provider=provider, title="Płatny kurs", is_free=False, price="100.00", is_online=True
    )
    url = reverse("portal:offer_list")
    found = anonymous_client.get(url, {"county": zary.pk}).context["page_obj"]
    assert [o.title for o in found] == ["Kurs w Żarach"]
    found = anonymous_client.get(url, {"cost": "paid"}).context["page_obj"]
    assert [o.title for o in found] == ["Płatny kurs"]
    found = anonymous_client.get(url, {"q": "żarach"}).context["page_obj"]
    assert [o.title for o in found] == ["Kurs w Żarach"]


def test_catalogue_query_ceiling(provider, anonymous_client, django_assert_max_num_queries):
    _many(provider, 3)
    with django_assert_max_num_queries(12) as few:
        anonymous_client.get(reverse("portal:offer_list"))
    _many(provider, 20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        anonymous_client.get(reverse("portal:offer_list") + "?kind=course")


def test_catalogue_csv_follows_the_filters(provider, anonymous_client):
    LearningOfferFactory(provider=provider, title="Kurs A", kind="course")
    LearningOfferFactory(provider=provider, title="Studia B", kind="studies")
    LearningOfferFactory(provider=provider, title="Szkic C", status=OfferStatus.DRAFT)
    response = anonymous_client.get(reverse("portal:offer_list_csv"), {"kind": "course"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Kurs A" in text
    assert "Studia B" not in text
    assert "Szkic C" not in text
    assert text.splitlines()[0].startswith("id;klucz;rodzaj;tytul")


# --- The offer page ---------------------------------------------------------------------------


def test_published_offer_is_public_with_opengraph(provider, anonymous_client):
    offer = LearningOfferFactory(provider=provider, title="Spawacz MAG")
    response = anonymous_client.get(offer.get_absolute_url())
    assert response.status_code == 200
    assert b'property="og:title" content="Spawacz MAG"' in response.content
    assert reverse("stakeholders:institution_detail", args=[provider.pk]).encode() in (
        response.content
    )
    assert reverse("portal:offer_update", args=[offer.pk]).encode() not in response.content


@pytest.mark.parametrize("status", [OfferStatus.DRAFT, OfferStatus.SUBMITTED, OfferStatus.ARCHIVED])
def test_unpublished_offer_is_hidden_from_the_public_and_other_providers(
    provider, status, anonymous_client, outsider_client, other_provider_client
):
    offer = LearningOfferFactory(provider=provider, status=status)
    for client in (anonymous_client, outsider_client, other_provider_client):
        assert client.get(offer.get_absolute_url()).status_code == 404


def test_own_contact_and_staff_see_an_unpublished_offer_with_its_note(
    provider, provider_client, coordinator_client
):
    offer = LearningOfferFactory(
        provider=provider, status=OfferStatus.RETURNED, review_note="Dodaj daty zajęć."
    )
    for client in (provider_client, coordinator_client):
        response = client.get(offer.get_absolute_url())
        assert response.status_code == 200
        assert "Dodaj daty zajęć." in response.content.decode()
        assert reverse("portal:offer_update", args=[offer.pk]).encode() in response.content


def test_offer_detail_query_ceiling(provider, anonymous_client, django_assert_max_num_queries):
    offer = LearningOfferFactory(provider=provider, target_groups=list(TargetGroup.objects.all()))
    with django_assert_max_num_queries(10):
        assert anonymous_client.get(offer.get_absolute_url()).status_code == 200


# --- Providers' own offers --------------------------------------------------------------------


def test_manage_page_permissions(provider, anonymous_client, outsider_client, provider_client):
    mine = LearningOfferFactory(provider=provider, title="Moja oferta", status=OfferStatus.DRAFT)
    LearningOfferFactory(title="Cudza oferta")
    url = reverse("portal:offer_manage")
    assert anonymous_client.get(url).status_code == 302
    assert outsider_client.get(url).status_code == 404
    response = provider_client.get(url)
    assert response.status_code == 200
    assert [o.pk for o in response.context["page_obj"]] == [mine.pk]


def test_staff_manage_page_filters_by_status(provider, coordinator_client):
    LearningOfferFactory(provider=provider, status=OfferStatus.DRAFT, title="Szkic")
    LearningOfferFactory(provider=provider, status=OfferStatus.SUBMITTED, title="Czeka")
    response = coordinator_client.get(reverse("portal:offer_manage"), {"status": "submitted"})
    assert [o.title for o in response.context["page_obj"]] == ["Czeka"]


def test_manage_query_ceiling(provider, provider_client, django_assert_max_num_queries):
    _many(provider, 3, status=OfferStatus.DRAFT)
    with django_assert_max_num_queries(20) as few:
        provider_client.get(reverse("portal:offer_manage"))
    _many(provider, 20, status=OfferStatus.DRAFT)
    with django_assert_max_num_queries(len(few.captured_queries)):
        provider_client.get(reverse("portal:offer_manage"))


def _form(**extra):
    county = County.objects.get(teryt="0811")
    data = {
        "kind": "course",
        "title": "Kurs operatora wózków",
        "county": county.pk,
        "place": "Żary",
        "is_free": "on",
        "description": "Kurs z egzaminem UDT.",
        "target_groups": [TargetGroup.objects.get(code="adults").pk],
        "submit": "on",
    }
    data.update(extra)
    return data


def test_provider_creates_and_submits_an_offer(provider, provider_client):
    response = provider_client.post(reverse("portal:offer_create"), _form())
    offer = LearningOffer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == offer.get_absolute_url()
    assert offer.provider == provider
    assert offer.status == OfferStatus.SUBMITTED


def test_bad_input_returns_the_form_filled_in(provider, provider_client):
    response = provider_client.post(
        reverse("portal:offer_create"), _form(is_free="", occupation_codes="12")
    )
    assert response.status_code == 400
    assert response.context["form"].errors
    assert response.context["form"]["title"].value() == "Kurs operatora wózków"
    assert not LearningOffer.objects.exists()


def test_outsider_cannot_open_the_offer_form(region, outsider_client, anonymous_client):
    assert outsider_client.get(reverse("portal:offer_create")).status_code == 404
    assert anonymous_client.get(reverse("portal:offer_create")).status_code == 302


def test_edit_permissions(provider, provider_client, other_provider_client, coordinator_client):
    offer = LearningOfferFactory(provider=provider, status=OfferStatus.PUBLISHED)
    url = reverse("portal:offer_update", args=[offer.pk])
    assert other_provider_client.get(url).status_code == 404
    assert provider_client.get(url).status_code == 200
    assert coordinator_client.get(url).status_code == 200


def test_provider_edit_of_published_offer_waits_for_approval(provider, provider_client):
    offer = LearningOfferFactory(provider=provider, status=OfferStatus.PUBLISHED)
    url = reverse("portal:offer_update", args=[offer.pk])
    data = _form(title="Zmieniony tytuł", version=offer.version)
    data.pop("submit")
    response = provider_client.post(url, data)
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title == "Zmieniony tytuł"
    assert offer.status == OfferStatus.SUBMITTED


def test_edit_conflict_is_shown_and_nothing_is_overwritten(provider, coordinator_client):
    offer = LearningOfferFactory(provider=provider, title="Pierwotny")
    LearningOffer.objects.filter(pk=offer.pk).update(title="Cudza zmiana", version=2)
    data = _form(title="Moja zmiana", version=1, provider=provider.pk)
    response = coordinator_client.post(reverse("portal:offer_update", args=[offer.pk]), data)
    assert response.status_code == 409
    offer.refresh_from_db()
    assert offer.title == "Cudza zmiana"


def test_move_permissions(provider, provider_client, other_provider_client, coordinator_client):
    offer = LearningOfferFactory(provider=provider, status=OfferStatus.SUBMITTED)
    url = reverse("portal:offer_move", args=[offer.pk])
    assert other_provider_client.post(url, {"target": "archived"}).status_code == 404
    # A provider cannot approve their own offer.
    assert provider_client.post(url, {"target": "published"}).status_code == 404
    offer.refresh_from_db()
    assert offer.status == OfferStatus.SUBMITTED
    coordinator_client.post(url, {"target": "published"})
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PUBLISHED


def test_review_queue(provider, coordinator_client, provider_client, django_assert_max_num_queries):
    older = LearningOfferFactory(provider=provider, status=OfferStatus.SUBMITTED)
    newer = LearningOfferFactory(provider=provider, status=OfferStatus.SUBMITTED)
    LearningOffer.objects.filter(pk=older.pk).update(submitted_at="2025-01-01T10:00:00Z")
    LearningOffer.objects.filter(pk=newer.pk).update(submitted_at="2025-02-01T10:00:00Z")
    LearningOfferFactory(provider=provider, status=OfferStatus.DRAFT)
    url = reverse("portal:offer_review_queue")
    assert provider_client.get(url).status_code == 404
    with django_assert_max_num_queries(15) as few:
        response = coordinator_client.get(url)
    assert [o.pk for o in response.context["page_obj"]] == [older.pk, newer.pk]
    for _ in range(10):
        LearningOfferFactory(provider=provider, status=OfferStatus.SUBMITTED)
    with django_assert_max_num_queries(len(few.captured_queries)):
        coordinator_client.get(url)


def test_return_from_the_queue_with_a_note(provider, coordinator_client):
    offer = LearningOfferFactory(provider=provider, status=OfferStatus.SUBMITTED)
    response = coordinator_client.post(
        reverse("portal:offer_move", args=[offer.pk]),
        {"target": "returned", "note": "Brak dat.", "next": "review"},
    )
    assert response["Location"] == reverse("portal:offer_review_queue")
    offer.refresh_from_db()
    assert offer.status == OfferStatus.RETURNED
    assert offer.review_note == "Brak dat."


def test_return_without_a_note_changes_nothing(provider, coordinator_client):
    offer = LearningOfferFactory(provider=provider, status=OfferStatus.SUBMITTED)
    coordinator_client.post(reverse("portal:offer_move", args=[offer.pk]), {"target": "returned"})
    offer.refresh_from_db()
    assert offer.status == OfferStatus.SUBMITTED
