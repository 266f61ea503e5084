"""The portal's search providers keep the index fresh: publish, edit, archive, delete."""

from __future__ import annotations

import pytest

from skillshub.accounts.tests.factories import UserFactory
from skillshub.core.models import County, TargetGroup
from skillshub.core.search import SearchFilters, rebuild, search
from skillshub.portal import services
from skillshub.portal.choices import OfferStatus, PublicationStatus
from skillshub.stakeholders.tests.factories import ContactPersonFactory, InstitutionFactory

from .factories import LearningOfferFactory, NewsItemFactory, PageFactory


@pytest.fixture
def provider(region):
    return InstitutionFactory(name="Centrum Kształcenia Zawodowego w Żarach")


@pytest.fixture
def provider_contact(provider):
    user = UserFactory(username="provider-contact")
    ContactPersonFactory(institution=provider, user=user)
    return user


def _ids(query: str, **filters) -> list[int]:
    return [hit.object_id for hit in search(query, filters=SearchFilters(**filters)).hits]


def test_submitted_offer_is_found_once_published_and_gone_when_archived(
    provider, provider_contact, coordinator, django_capture_on_commit_callbacks
):
    data = {
        "kind": "course",
        "title": "Kurs spawania metodą MAG",
        "county": County.objects.get(teryt="0811"),
        "place": "Żary",
        "is_free": True,
        "description": "Spawanie blach dla dorosłych.",
        "target_groups": [TargetGroup.objects.get(code="adults")],
    }
    with django_capture_on_commit_callbacks(execute=True):
        offer = services.offer_create(actor=provider_contact, data=data, submit=True)
    assert _ids("spawanie") == []

    with django_capture_on_commit_callbacks(execute=True):
        services.offer_move(offer=offer, actor=coordinator, target=OfferStatus.PUBLISHED)
    assert _ids("spawania") == [offer.pk]
    assert _ids("zary") == [offer.pk]  # the place, diacritics folded
    assert _ids("spawanie", kinds=("offer",), target_group="adults") == [offer.pk]
    assert _ids("spawanie", target_group="pupils") == []

    with django_capture_on_commit_callbacks(execute=True):
        services.offer_update(
            offer=offer,
            actor=coordinator,
            data={"description": "Szkolenie operatorów koparek."},
            version=None,
        )
    assert _ids("koparka") == [offer.pk]
    assert _ids("blacha") == []

    with django_capture_on_commit_callbacks(execute=True):
        services.offer_move(offer=offer, actor=coordinator, target=OfferStatus.ARCHIVED)
    assert _ids("koparka") == []


def test_provider_edit_takes_a_published_offer_out_of_search(
    provider, provider_contact, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        offer = LearningOfferFactory(provider=provider, title="Kurs florystyczny")
    assert _ids("florystyczny") == [offer.pk]
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_update(
            offer=offer, actor=provider_contact, data={"title": "Kurs florystyki"}, version=None
        )
    assert _ids("florystyczny") == []


def test_deleted_offer_is_removed(provider, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        offer = LearningOfferFactory(provider=provider, title="Kurs pszczelarski")
    assert _ids("pszczelarski") == [offer.pk]
    with django_capture_on_commit_callbacks(execute=True):
        offer.delete()
    assert _ids("pszczelarski") == []


def test_target_groups_change_reindexes(provider, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        offer = LearningOfferFactory(provider=provider, title="Kurs obsługi kas")
    assert _ids("kasa", target_group="50plus") == []
    with django_capture_on_commit_callbacks(execute=True):
        offer.target_groups.add(TargetGroup.objects.get(code="50plus"))
    assert _ids("kasa", target_group="50plus") == [offer.pk]


def test_news_and_pages_are_indexed_when_published(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        news = NewsItemFactory(
            title="Targi pracy w Gorzowie", body="<p>Zapraszamy <b>pracodawców</b>.</p>"
        )
        draft = NewsItemFactory(title="Targi edukacyjne", status=PublicationStatus.DRAFT)
        page = PageFactory(title="Deklaracja dostępności", body="<p>Serwis jest dostępny.</p>")
    assert _ids("targi", kinds=("news",)) == [news.pk]
    assert _ids("pracodawca") == [news.pk]  # the body, tags stripped
    assert _ids("deklaracja", kinds=("page",)) == [page.pk]
    with django_capture_on_commit_callbacks(execute=True):
        draft.status = PublicationStatus.PUBLISHED
        draft.save()
    assert sorted(_ids("targi", kinds=("news",))) == sorted([news.pk, draft.pk])


def test_rebuild_takes_published_objects_only(provider):
    published = LearningOfferFactory(provider=provider, title="Kurs kelnerski")
    LearningOfferFactory(provider=provider, title="Kurs kelnerski II", status=OfferStatus.DRAFT)
    NewsItemFactory(title="Nabór kelnerów")
    counts = rebuild(["offer", "news", "page"])
    assert counts == {"offer": 1, "news": 1, "page": 0}
    assert _ids("kelnerski", kinds=("offer",)) == [published.pk]
