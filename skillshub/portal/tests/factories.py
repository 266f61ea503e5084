"""Factories for the portal. ``seed_demo`` builds the portal's demo data from these too."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from skillshub.core.models import County
from skillshub.portal.choices import OfferKind, OfferStatus, PublicationStatus
from skillshub.portal.models import Campaign, LearningOffer, NewsItem, Page
from skillshub.stakeholders.tests.factories import InstitutionFactory


class LearningOfferFactory(DjangoModelFactory):
    class Meta:
        model = LearningOffer
        skip_postgeneration_save = True

    kind = OfferKind.COURSE
    title = factory.Sequence(lambda n: f"Kurs demonstracyjny nr {n}")
    provider = factory.SubFactory(InstitutionFactory)
    county = factory.LazyFunction(lambda: County.objects.in_region().first())
    place = factory.LazyAttribute(lambda o: o.county.seat if o.county else "")
    description = "Kurs przygotowujący do pracy (dane demonstracyjne)."
    status = OfferStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    is_demo = True

    @factory.post_generation
    def target_groups(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.target_groups.set(extracted)


class NewsItemFactory(DjangoModelFactory):
    class Meta:
        model = NewsItem

    title = factory.Sequence(lambda n: f"Wiadomość demonstracyjna nr {n}")
    slug = factory.Sequence(lambda n: f"wiadomosc-{n}")
    lead = "Krótki wstęp do wiadomości (dane demonstracyjne)."
    body = "<p>Treść wiadomości (dane demonstracyjne).</p>"
    status = PublicationStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    is_demo = True


class PageFactory(DjangoModelFactory):
    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Strona {n}")
    slug = factory.Sequence(lambda n: f"strona-{n}")
    body = "<p>Treść strony.</p>"
    status = PublicationStatus.PUBLISHED
    is_demo = True


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = Campaign

    title = factory.Sequence(lambda n: f"Kampania demonstracyjna nr {n}")
    slug = factory.Sequence(lambda n: f"kampania-{n}")
    lead = "Zawodowcy są potrzebni (dane demonstracyjne)."
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    status = PublicationStatus.PUBLISHED
    is_demo = True
