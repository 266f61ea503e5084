"""Factories for the WZK secretariat. ``seed_demo`` builds the team's demo from these too."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from skillshub.stakeholders.tests.factories import ContactPersonFactory
from skillshub.team.choices import AgendaItemKind, MemberRole
from skillshub.team.models import AgendaItem, Meeting, Membership, Resolution, Team


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team
        skip_postgeneration_save = True

    name = "Wojewódzki Zespół Koordynacji (demo)"
    short_name = "WZK"
    is_demo = True


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    team = factory.SubFactory(TeamFactory)
    person = factory.SubFactory(ContactPersonFactory)
    institution = factory.LazyAttribute(lambda o: o.person.institution)
    role = MemberRole.MEMBER
    appointed_by = "Uchwała nr 1/1/26 Zarządu Województwa (demo)"
    start_date = datetime.date(2024, 1, 1)
    is_demo = True


class DeputyFactory(MembershipFactory):
    role = MemberRole.DEPUTY
    deputy_of = factory.SubFactory(MembershipFactory)
    team = factory.LazyAttribute(lambda o: o.deputy_of.team)
    institution = factory.LazyAttribute(lambda o: o.deputy_of.institution)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    team = factory.SubFactory(TeamFactory)
    number = factory.Sequence(lambda n: n + 1)
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=14)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
    )
    place = "Wojewódzki Urząd Pracy, sala konferencyjna (demo)"
    is_demo = True


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    kind = AgendaItemKind.INFORMATION
    title = factory.Sequence(lambda n: f"Punkt porządku obrad {n}")


class ResolutionFactory(DjangoModelFactory):
    class Meta:
        model = Resolution

    meeting = factory.SubFactory(MeetingFactory)
    team = factory.LazyAttribute(lambda o: o.meeting.team)
    title = "w sprawie przyjęcia stanowiska (demo)"
    text = "Treść uchwały demonstracyjnej."
    is_demo = True
