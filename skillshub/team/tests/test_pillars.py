"""The WZK's pillars are the office's to edit: add, rename, reorder; nobody else may."""

from __future__ import annotations

import pytest
from django.urls import reverse

from skillshub.core.models import AuditEntry
from skillshub.stakeholders.models import Pillar

pytestmark = pytest.mark.django_db
URL = reverse("team:pillar_list")


def test_staff_add_a_sixth_pillar(coordinator_client):
    response = coordinator_client.post(URL, {"name": "dialog  międzyinstytucjonalny", "order": 6})
    assert response.status_code == 302
    assert Pillar.objects.filter(name="dialog międzyinstytucjonalny", order=6).exists()
    assert AuditEntry.objects.filter(verb="pillar_create").exists()


def test_staff_rename_a_pillar(coordinator_client):
    pillar = Pillar.objects.get(name="oświata")
    coordinator_client.post(URL, {"pk": pillar.pk, "name": "edukacja", "order": 1})
    pillar.refresh_from_db()
    assert (pillar.name, pillar.order) == ("edukacja", 1)


def test_a_duplicate_name_is_refused_and_nothing_changes(coordinator_client):
    count = Pillar.objects.count()
    response = coordinator_client.post(URL, {"name": "oświata", "order": 0})
    assert response.status_code == 400
    assert response.context["form"].errors
    assert Pillar.objects.count() == count


def test_only_staff_manage_pillars(wzk_member_client, outsider_client, anonymous_client):
    assert wzk_member_client.get(URL).status_code == 404
    assert outsider_client.post(URL, {"name": "X", "order": 0}).status_code == 404
    assert anonymous_client.get(URL).status_code == 302
    assert not Pillar.objects.filter(name="X").exists()


def test_the_pillar_page_has_a_query_ceiling(coordinator_client, django_assert_max_num_queries):
    for n in range(10):
        Pillar.objects.create(name=f"filar {n}", order=n)
    with django_assert_max_num_queries(8):
        assert coordinator_client.get(URL).status_code == 200
