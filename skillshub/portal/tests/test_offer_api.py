"""The open-data API of learning offers: published only, the catalogue's filters, CSV."""

from __future__ import annotations

import pytest

from skillshub.core.models import County, TargetGroup
from skillshub.portal.choices import OfferStatus
from skillshub.stakeholders.tests.factories import InstitutionFactory

from .factories import LearningOfferFactory

BASE = "/api/v1/portal"


@pytest.fixture
def offers(region):
    provider = InstitutionFactory()
    zary = County.objects.get(teryt="0811")
    adults = TargetGroup.objects.get(code="adults")
    return {
        "zary": LearningOfferFactory(
            provider=provider, title="Kurs w Żarach", county=zary, target_groups=[adults]
        ),
        "paid": LearningOfferFactory(
            provider=provider, title="Płatne studia", kind="studies", is_free=False, price="900"
        ),
        "draft": LearningOfferFactory(provider=provider, title="Szkic", status=OfferStatus.DRAFT),
    }


def _titles(response):
    return sorted(item["title"] for item in response.json()["items"])


def test_anonymous_lists_only_published(offers, anonymous_client):
    response = anonymous_client.get(f"{BASE}/offers")
    assert response.status_code == 200
    assert _titles(response) == ["Kurs w Żarach", "Płatne studia"]
    assert response.json()["count"] == 2


def test_filters_are_the_catalogues(offers, anonymous_client):
    zary = County.objects.get(teryt="0811")
    assert _titles(anonymous_client.get(f"{BASE}/offers", {"county": zary.pk})) == ["Kurs w Żarach"]
    assert _titles(anonymous_client.get(f"{BASE}/offers", {"cost": "paid"})) == ["Płatne studia"]
    assert _titles(anonymous_client.get(f"{BASE}/offers", {"kind": "studies"})) == ["Płatne studia"]
    assert _titles(anonymous_client.get(f"{BASE}/offers", {"target_group": "adults"})) == [
        "Kurs w Żarach"
    ]


def test_bad_filter_is_a_422(offers, anonymous_client):
    assert anonymous_client.get(f"{BASE}/offers", {"kind": "nonsense"}).status_code == 422


def test_detail_is_published_only(offers, anonymous_client):
    response = anonymous_client.get(f"{BASE}/offers/{offers['zary'].pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["county"]["teryt"] == "0811"
    assert data["target_groups"] == ["adults"]
    assert data["url"] == offers["zary"].get_absolute_url()
    assert anonymous_client.get(f"{BASE}/offers/{offers['draft'].pk}").status_code == 404


def test_csv(offers, anonymous_client):
    response = anonymous_client.get(f"{BASE}/offers.csv", {"cost": "free"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Kurs w Żarach" in text
    assert "Płatne studia" not in text
    assert "Szkic" not in text


def test_list_query_ceiling(offers, anonymous_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8) as few:
        anonymous_client.get(f"{BASE}/offers")
    for _ in range(10):
        LearningOfferFactory(target_groups=list(TargetGroup.objects.all()[:2]))
    with django_assert_max_num_queries(len(few.captured_queries)):
        anonymous_client.get(f"{BASE}/offers")
