"""Factories for the stakeholder network. ``seed_demo`` builds the demo data from these too."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from skillshub.core.models import County
from skillshub.stakeholders.choices import InstitutionKind, InteractionKind, LegalBasis
from skillshub.stakeholders.models import (
    ConsentRecord,
    ContactPerson,
    Institution,
    Interaction,
    JoinApplication,
)


def nip_with_checksum(n: int) -> str:
    """A NIP with a correct check digit, built from a sequence number (never a real firm's)."""
    weights = (6, 5, 7, 2, 3, 4, 5, 6, 7)
    while True:
        body = f"{(999000000 - n * 7919) % 1000000000:09d}"
        check = sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11
        if check != 10:
            return body + str(check)
        n += 1000


def regon9_with_checksum(n: int) -> str:
    weights = (8, 9, 2, 3, 4, 5, 6, 7)
    body = f"{(97000000 + n * 131) % 100000000:08d}"
    check = sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11 % 10
    return body + str(check)


def county_by_teryt(teryt: str) -> County:
    return County.objects.get(teryt=teryt)


class InstitutionFactory(DjangoModelFactory):
    class Meta:
        model = Institution
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Demonstracyjne Centrum Kształcenia nr {n}")
    kind = InstitutionKind.TRAINING_PROVIDER
    county = factory.LazyFunction(lambda: County.objects.in_region().first())
    city = factory.LazyAttribute(lambda o: o.county.seat or o.county.name)
    nip = factory.Sequence(nip_with_checksum)
    listed_publicly = True
    is_demo = True

    @factory.post_generation
    def areas(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.areas.set(extracted)


class ContactPersonFactory(DjangoModelFactory):
    class Meta:
        model = ContactPerson

    institution = factory.SubFactory(InstitutionFactory)
    first_name = factory.Iterator(["Demo", "Testowa", "Przykładowy", "Fikcyjna"])
    last_name = factory.Sequence(lambda n: f"Kontakt-{n}")
    position = "koordynator (dane demonstracyjne)"
    email = factory.Sequence(lambda n: f"kontakt{n}@example.invalid")
    is_demo = True


class ConsentRecordFactory(DjangoModelFactory):
    class Meta:
        model = ConsentRecord

    contact = factory.SubFactory(ContactPersonFactory)
    basis = LegalBasis.CONSENT
    scope = "kontakt w sprawach sieci współpracy"
    given_at = factory.LazyFunction(timezone.now)


class InteractionFactory(DjangoModelFactory):
    class Meta:
        model = Interaction

    institution = factory.SubFactory(InstitutionFactory)
    kind = InteractionKind.MEETING
    date = factory.LazyFunction(lambda: datetime.date.today())
    subject = "Spotkanie robocze"


class JoinApplicationFactory(DjangoModelFactory):
    class Meta:
        model = JoinApplication

    institution_name = factory.Sequence(lambda n: f"Fikcyjna Szkoła Policealna nr {n}")
    kind = InstitutionKind.SCHOOL
    county = factory.LazyFunction(lambda: County.objects.in_region().first())
    city = "Żary"
    contact_first_name = "Testowa"
    contact_last_name = factory.Sequence(lambda n: f"Wnioskodawczyni-{n}")
    contact_email = factory.Sequence(lambda n: f"wniosek{n}@example.invalid")
    consent_contact = True
    consent_listing = True
