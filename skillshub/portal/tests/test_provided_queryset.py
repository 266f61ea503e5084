"""``editable_by`` lists, in SQL, exactly what the permission rule lets a person change: for
offers, guidance services and events alike, and never for an anonymised contact."""

from __future__ import annotations

import pytest
from django.utils import timezone

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory
from skillshub.guidance.models import GuidanceEvent, GuidanceService
from skillshub.guidance.tests.factories import GuidanceEventFactory, GuidanceServiceFactory
from skillshub.portal.models import LearningOffer
from skillshub.portal.tests.factories import LearningOfferFactory
from skillshub.stakeholders.tests.factories import ContactPersonFactory, InstitutionFactory

pytestmark = pytest.mark.django_db

KINDS = [
    (LearningOffer, LearningOfferFactory, "portal.archive_offer"),
    (GuidanceService, GuidanceServiceFactory, "guidance.change_service"),
    (GuidanceEvent, GuidanceEventFactory, "guidance.change_event"),
]


@pytest.mark.parametrize(("model", "factory", "perm"), KINDS)
def test_the_list_matches_the_rule_for_each_persona(region, model, factory, perm):
    own, other = InstitutionFactory(), InstitutionFactory()
    objects = [factory(provider=own), factory(provider=other)]
    contact = UserFactory(role=Role.INSTITUTION_CONTACT)
    ContactPersonFactory(institution=own, user=contact)
    former = UserFactory(role=Role.INSTITUTION_CONTACT)
    ContactPersonFactory(institution=own, user=former, anonymised_at=timezone.now())
    people = [
        UserFactory(role=Role.OFFICE_STAFF),
        contact,
        former,
        UserFactory(role=Role.INSTITUTION_CONTACT),  # represents nobody
        UserFactory(role=Role.TEAM_MEMBER),
    ]
    for person in people:
        listed = set(model.objects.editable_by(person).values_list("pk", flat=True))
        allowed = {o.pk for o in objects if person.has_perm(perm, o)}
        assert listed == allowed, person.role
    assert not model.objects.editable_by(former).exists()
