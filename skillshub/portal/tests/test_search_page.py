"""The public search page: anonymous, without JavaScript, filters, highlighting, budgets."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from skillshub.core.models import County
from skillshub.core.tests.search_support import DictProvider, index_all, providers  # noqa: F401

pytestmark = pytest.mark.usefixtures("region")

URL = reverse("portal:search")


@pytest.fixture
def indexed(providers: dict[str, DictProvider]) -> dict[str, DictProvider]:  # noqa: F811
    zary = County.objects.get(name="żarski").pk
    gorzow = County.objects.get(name="Gorzów Wielkopolski").pk
    providers["service"].add(
        1,
        "Doradztwo zawodowe dla osób dorosłych, Gorzów Wielkopolski",
        "Indywidualne spotkania z doradcą.",
        county_ids=(gorzow,),
        target_groups=("adults",),
        is_free=True,
        is_online=False,
    )
    providers["offer"].add(
        1,
        "Kurs spawania metodą MAG",
        "Szkolenie w Żarach.",
        county_ids=(zary,),
        is_free=False,
        starts_on=datetime.date(2026, 3, 1),
        ends_on=datetime.date(2026, 4, 30),
    )
    index_all(providers)
    return providers


def test_anonymous_visitor_sees_the_empty_search_page(anonymous_client):
    response = anonymous_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="search"' in html and 'name="q"' in html
    assert html.count("<h1") == 1


def test_inflected_query_finds_and_highlights_the_service(anonymous_client, indexed):
    response = anonymous_client.get(URL, {"q": "doradztwa zawodowego dla dorosłych w Gorzowie"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/service/1/"' in html
    assert "<mark>Doradztwo</mark> <mark>zawodowe</mark>" in html
    assert 'href="/offer/1/"' not in html
    assert response.context["results"].total == 1


def test_signed_in_people_search_too(outsider_client, coordinator_client, indexed):
    for client in (outsider_client, coordinator_client):
        response = client.get(URL, {"q": "kurs"})
        assert response.status_code == 200
        assert 'href="/offer/1/"' in response.content.decode()


def test_filters_narrow_the_results(anonymous_client, indexed):
    gorzow = County.objects.get(name="Gorzów Wielkopolski").pk
    response = anonymous_client.get(URL, {"q": "zary doradztwo", "county": gorzow})
    hits = [(h.kind, h.object_id) for h in response.context["results"].hits]
    assert hits == [("service", 1)]
    response = anonymous_client.get(URL, {"q": "kurs doradztwo", "kind": ["offer"], "free": "paid"})
    assert [(h.kind, h.object_id) for h in response.context["results"].hits] == [("offer", 1)]
    response = anonymous_client.get(URL, {"q": "kurs", "date_from": "2026-05-01"})
    assert response.context["results"].hits == []


@pytest.mark.parametrize(
    "params",
    [
        {"county": "999999"},
        {"county": "abc"},
        {"kind": "spaceship"},
        {"free": "maybe"},
        {"online": "x"},
        {"target_group": "nobody"},
        {"date_from": "2026-13-45"},
        {"date_from": "2026-04-01", "date_to": "2026-01-01"},  # only date_to is dropped
    ],
)
def test_an_invalid_filter_is_reported_and_ignored(anonymous_client, indexed, params):
    response = anonymous_client.get(URL, {"q": "kurs", **params})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert [(h.kind, h.object_id) for h in response.context["results"].hits] == [("offer", 1)]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "w dla i",
        '"kurs" AND (spaw* OR NEAR(a b)) ^x -y :z',
        "x" * 2000,
        "<script>alert(1)</script>",
        "'; DROP TABLE core_searchentry; --",
    ],
)
def test_hostile_or_empty_queries_answer_200(anonymous_client, indexed, query):
    response = anonymous_client.get(URL, {"q": query, "page": "-3"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_bad_page_number_is_harmless(anonymous_client, indexed):
    for page in ("abc", "9" * 5000, "0", "999999"):
        assert anonymous_client.get(URL, {"q": "kurs", "page": page}).status_code == 200


def test_a_script_in_a_title_is_escaped_on_the_page(anonymous_client, providers):  # noqa: F811
    providers["offer"].add(7, "<script>alert('kurs')</script> Kurs", "<b>Opis</b>")
    index_all(providers)
    html = anonymous_client.get(URL, {"q": "kurs"}).content.decode()
    assert "<script>alert" not in html and "<b>Opis" not in html
    assert "&lt;script&gt;" in html


def test_pagination_keeps_the_query_and_filters(anonymous_client, providers):  # noqa: F811
    for n in range(1, 26):
        providers["offer"].add(n, f"Kurs numer {n}", "Szkolenie.", is_free=True)
    index_all(providers)
    response = anonymous_client.get(URL, {"q": "kurs", "free": "free"})
    html = response.content.decode()
    assert response.context["results"].pages == 2
    assert 'href="?q=kurs&amp;free=free&amp;page=2"' in html
    second = anonymous_client.get(URL, {"q": "kurs", "free": "free", "page": "2"})
    assert len(second.context["results"].hits) == 5


def test_htmx_gets_only_the_results(anonymous_client, indexed):
    response = anonymous_client.get(
        URL, {"q": "kurs"}, headers={"HX-Request": "true", "HX-Target": "search-results"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" not in html and 'href="/offer/1/"' in html
    assert "HX-Request" in response["Vary"]


def test_the_page_takes_a_constant_number_of_queries(
    anonymous_client,
    providers,  # noqa: F811
    django_assert_max_num_queries,
):
    zary = County.objects.get(name="żarski").pk
    for n in range(1, 31):
        providers["offer"].add(
            n, f"Kurs spawania {n}", "W Żarach.", county_ids=(zary,), target_groups=("adults",)
        )
    index_all(providers)
    params = {"q": "kursy spawania", "county": zary, "target_group": "adults", "free": ""}
    with django_assert_max_num_queries(8):
        response = anonymous_client.get(URL, params)
    assert response.status_code == 200
    assert len(response.context["results"].hits) == 20
