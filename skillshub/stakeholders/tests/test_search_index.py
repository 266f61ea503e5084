"""Public institutions in the portal's search: listed and active only, kept fresh on commit."""

from __future__ import annotations

import pytest

from skillshub.core.models import SearchEntry, TargetGroup
from skillshub.core.search import rebuild, search
from skillshub.stakeholders.choices import InstitutionStatus
from skillshub.stakeholders.search import InstitutionProvider
from skillshub.stakeholders.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def test_document_of_a_listed_institution(region):
    institution = InstitutionFactory(
        name="Centrum Kształcenia Zawodowego w Żarach",
        city="Żary",
        description="Kursy spawania i doradztwo zawodowe dla dorosłych.",
    )
    institution.target_groups.set(TargetGroup.objects.all()[:2])
    doc = InstitutionProvider().document_for(institution)
    assert doc is not None
    assert doc.kind == "institution" and doc.title == institution.name
    assert doc.url == institution.get_absolute_url()
    assert doc.county_ids == (institution.county_id,)
    assert "Żary" in doc.summary and "spawania" in doc.summary
    assert "spawania" in doc.body and "Żary" in doc.body
    assert set(doc.target_groups) == set(TargetGroup.objects.values_list("code", flat=True)[:2])


def test_unlisted_and_archived_institutions_are_not_public(region):
    provider = InstitutionProvider()
    assert provider.document_for(InstitutionFactory(listed_publicly=False)) is None
    assert provider.document_for(InstitutionFactory(status=InstitutionStatus.ARCHIVED)) is None
    InstitutionFactory()
    assert len(list(provider.documents())) == 1


def test_signals_index_update_and_remove_on_commit(region, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        institution = InstitutionFactory(name="Zakład Doskonalenia Zawodowego", city="Żary")
    entry = SearchEntry.objects.get(kind="institution", object_id=institution.pk)
    assert entry.title == "Zakład Doskonalenia Zawodowego"
    assert search("zary").total == 1

    group = TargetGroup.objects.first()
    with django_capture_on_commit_callbacks(execute=True):
        institution.target_groups.add(group)
    entry = SearchEntry.objects.get(kind="institution", object_id=institution.pk)
    assert list(entry.target_groups.all()) == [group]

    with django_capture_on_commit_callbacks(execute=True):
        institution.listed_publicly = False
        institution.save()
    assert not SearchEntry.objects.filter(kind="institution").exists()

    with django_capture_on_commit_callbacks(execute=True):
        institution.listed_publicly = True
        institution.save()
    assert SearchEntry.objects.filter(kind="institution").exists()
    with django_capture_on_commit_callbacks(execute=True):
        institution.delete()
    assert not SearchEntry.objects.filter(kind="institution").exists()


def test_rebuild_counts_institutions(region):
    InstitutionFactory.create_batch(3)
    InstitutionFactory(listed_publicly=False)
    assert rebuild(["institution"])["institution"] == 3
