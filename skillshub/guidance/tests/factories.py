"""Factories for career guidance. ``seed_demo`` builds the guidance demo data from these too."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from skillshub.core.models import County
from skillshub.guidance.choices import (
    EventStatus,
    PublicationStatus,
    RegistrationStatus,
    ServiceKind,
)
from skillshub.guidance.models import GuidanceEvent, GuidanceService, Registration
from skillshub.stakeholders.tests.factories import InstitutionFactory


class GuidanceServiceFactory(DjangoModelFactory):
    class Meta:
        model = GuidanceService
        skip_postgeneration_save = True

    provider = factory.SubFactory(InstitutionFactory)
    title = factory.Sequence(lambda n: f"Doradztwo zawodowe demonstracyjne nr {n}")
    kind = ServiceKind.INDIVIDUAL_ADVICE
    description = "Indywidualne doradztwo zawodowe (dane demonstracyjne)."
    contact_email = "doradztwo@example.invalid"
    status = PublicationStatus.PUBLISHED
    is_demo = True

    @factory.post_generation
    def counties(obj, create, extracted, **kwargs):
        if create:
            obj.counties.set(extracted if extracted is not None else [obj.provider.county])

    @factory.post_generation
    def target_groups(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.target_groups.set(extracted)


class GuidanceEventFactory(DjangoModelFactory):
    class Meta:
        model = GuidanceEvent
        skip_postgeneration_save = True

    provider = factory.SubFactory(InstitutionFactory)
    title = factory.Sequence(lambda n: f"Warsztaty demonstracyjne nr {n}")
    kind = ServiceKind.GROUP_WORKSHOP
    description = "Warsztaty planowania kariery (dane demonstracyjne)."
    county = factory.LazyFunction(lambda: County.objects.in_region().first())
    place = "sala 1 (demo)"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    capacity = 20
    status = EventStatus.PUBLISHED
    is_demo = True

    @factory.post_generation
    def target_groups(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.target_groups.set(extracted)


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(GuidanceEventFactory)
    full_name = factory.Sequence(lambda n: f"Uczestnik Testowy {n}")
    email = factory.Sequence(lambda n: f"uczestnik{n}@example.invalid")
    status = RegistrationStatus.CONFIRMED
    privacy_accepted_at = factory.LazyFunction(timezone.now)
