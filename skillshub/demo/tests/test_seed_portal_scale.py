"""The portal's scale seed: tiny sizes, the right counts, valid rows, and a searchable index."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from skillshub.core import search
from skillshub.core.models import SearchEntry
from skillshub.guidance.models import GuidanceEvent, GuidanceService
from skillshub.portal.choices import OfferStatus
from skillshub.portal.models import LearningOffer, NewsItem
from skillshub.stakeholders.models import Institution

SIZES = ["--offers", "50", "--services", "10", "--events", "20", "--news", "10"]


@pytest.fixture
def seeded(region) -> None:  # type: ignore[no-untyped-def]
    call_command("seed_portal_scale", *SIZES, stdout=None)


def test_makes_the_asked_numbers_of_rows(seeded) -> None:  # type: ignore[no-untyped-def]
    assert LearningOffer.objects.filter(source_key__startswith="skala-").count() == 50
    assert GuidanceService.objects.count() == 10
    assert GuidanceEvent.objects.count() == 20
    assert NewsItem.objects.count() == 10
    # No institutions yet: it made its own providers, listed publicly.
    assert Institution.objects.listed().count() == 300
    assert LearningOffer.objects.filter(target_groups__isnull=True).count() == 0
    assert GuidanceService.objects.filter(counties__isnull=True).count() == 0
    assert all(o.is_demo for o in LearningOffer.objects.all())


def test_indexes_the_published_objects_and_search_finds_them(seeded) -> None:  # type: ignore[no-untyped-def]
    published = LearningOffer.objects.filter(status=OfferStatus.PUBLISHED).count()
    assert SearchEntry.objects.filter(kind="offer").count() == published > 0
    assert SearchEntry.objects.filter(kind="service").exists()
    # Every offer's description names where it happens ("Zajęcia odbywają się …").
    results = search.search("zajęcia odbywają się")
    assert results.total > 0
    assert not results.relaxed
    offer = LearningOffer.objects.published().first()
    assert offer is not None
    found = search.search(offer.title, filters=search.SearchFilters(kinds=("offer",)))
    assert offer.pk in {hit.object_id for hit in found.hits} or found.total >= 20


def test_running_it_again_does_nothing(seeded) -> None:  # type: ignore[no-untyped-def]
    call_command("seed_portal_scale", *SIZES, stdout=None)
    assert LearningOffer.objects.count() == 50
    assert NewsItem.objects.count() == 10
