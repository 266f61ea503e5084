"""The public dashboard: who sees which programme, the figures in its tables against the
selectors, the county map's JSON and a query count that does not grow with the programme."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from skillshub.programme import selectors
from skillshub.programme.choices import NodeKind

from .dashboard_data import MAPPED_COUNTIES, add_bulk, build_programme

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("programme:dashboard")


def _table(html: str, table_id: str) -> str:
    match = re.search(rf'<table id="{table_id}">(.*?)</table>', html, re.S)
    assert match, table_id
    return match.group(1)


def test_anonymous_sees_the_adopted_programme(anonymous_client, coordinator, region):
    data = build_programme(actor=coordinator)
    response = anonymous_client.get(DASHBOARD)
    assert response.status_code == 200
    assert response.context["version"] == data.version
    html = response.content.decode()
    assert 'id="objectives-table"' in html
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert "vendor/chartjs-chart-geo/index.umd.js" in html
    assert "js/programme-charts.js" in html


def test_without_an_adopted_programme_the_public_is_told_so(anonymous_client, coordinator, region):
    build_programme(actor=coordinator, adopt=False)
    response = anonymous_client.get(DASHBOARD)
    assert response.status_code == 200
    assert 'id="no-programme"' in response.content.decode()
    assert "version" not in response.context


def test_with_no_programme_at_all_the_page_says_none_adopted(anonymous_client, db):
    response = anonymous_client.get(DASHBOARD)
    assert response.status_code == 200
    assert 'id="no-programme"' in response.content.decode()


def test_staff_see_the_latest_draft_when_none_is_adopted(coordinator_client, coordinator, region):
    data = build_programme(actor=coordinator, adopt=False)
    response = coordinator_client.get(DASHBOARD)
    assert response.status_code == 200
    assert response.context["version"] == data.version


def test_a_draft_programmes_dashboard_is_hidden_from_the_public(
    anonymous_client, outsider_client, coordinator_client, coordinator, region
):
    data = build_programme(actor=coordinator, adopt=False)
    url = reverse("programme:programme_dashboard", args=[data.programme.pk])
    assert anonymous_client.get(url).status_code == 404
    assert outsider_client.get(url).status_code == 404
    assert coordinator_client.get(url).status_code == 200
    map_url = reverse("programme:indicator_map_data", args=[data.county.pk])
    assert anonymous_client.get(map_url).status_code == 404
    assert coordinator_client.get(map_url).status_code == 200


def test_a_programmes_dashboard_is_public_once_adopted(anonymous_client, coordinator, region):
    data = build_programme(actor=coordinator)
    url = reverse("programme:programme_dashboard", args=[data.programme.pk])
    response = anonymous_client.get(url)
    assert response.status_code == 200
    assert response.context["programme"] == data.programme


def test_the_tables_match_the_selectors(anonymous_client, coordinator, region):
    data = build_programme(actor=coordinator)
    tree = selectors.version_progress(version=data.version)
    response = anonymous_client.get(DASHBOARD)
    html = response.content.decode()
    objectives = _table(html, "objectives-table")
    for node in tree:
        assert node.node.kind == NodeKind.OBJECTIVE
        assert node.node.title in objectives
        percent = round(node.progress.progress * 100)
        assert f"{percent}%" in objectives
    # W1: 4 → 6 of a target 8: 50%.
    assert round(tree[0].progress.progress * 100) == 50
    rows = response.context["objectives"]
    assert [(r.percent, r.with_data, r.parts) for r in rows] == [
        (round(n.progress.progress * 100), n.progress.with_data, n.progress.parts) for n in tree
    ]
    risks = _table(html, "risk-table")
    assert ">2.2 Działanie 2<" in risks and ">1.3 Działanie 3<" in risks
    assert "Działanie 1<" not in risks
    assert "Centrum Kształcenia Zawodowego (demo)" in risks
    assert response.context["budget_planned"] == 300000
    assert response.context["budget_spent"] == 75000
    assert response.context["budget_percent"] == 25


def test_the_county_table_matches_the_county_values(anonymous_client, coordinator, region):
    data = build_programme(actor=coordinator)
    response = anonymous_client.get(DASHBOARD)
    assert response.context["map_indicator"] == data.county
    values = selectors.county_values(indicator=data.county)
    rows = {county.teryt: (shown, year) for county, shown, year in response.context["county_rows"]}
    assert len(rows) == 14
    for teryt, (year, value) in values.items():
        assert rows[teryt][1] == year
        assert rows[teryt][0].startswith(str(int(value)))
    assert sum(1 for _shown, year in rows.values() if year is None) == 14 - len(MAPPED_COUNTIES)
    assert response.context["counties_with_data"] == len(MAPPED_COUNTIES)
    table = _table(response.content.decode(), "county-table")
    assert table.count("<tr data-teryt=") == 14


def test_indicator_charts_carry_their_data_and_a_text_alternative(
    anonymous_client, coordinator, region
):
    data = build_programme(actor=coordinator)
    response = anonymous_client.get(DASHBOARD)
    html = response.content.decode()
    own = {c.state.indicator.code for c in response.context["own_charts"]}
    context = {c.state.indicator.code for c in response.context["context_charts"]}
    assert own == {"W1", "W2"} and context == {"K1"}
    block = re.search(
        rf'<script id="indicator-{data.region.pk}-data" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    assert block
    chart = json.loads(block.group(1))
    assert chart["measured"]["points"] == [[2023, 4.0], [2024, 5.0], [2025, 6.0]]
    # The target line runs from the baseline to the target.
    assert chart["target"]["points"] == [[2023, 4.0], [2030, 8.0]]
    assert html.count("<figcaption>") >= 4
    assert "2030" in next(c.caption for c in response.context["own_charts"])


def test_the_map_json_has_the_14_counties_with_values_merged(anonymous_client, coordinator, region):
    data = build_programme(actor=coordinator)
    response = anonymous_client.get(reverse("programme:indicator_map_data", args=[data.county.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    geo = response.json()
    assert geo["type"] == "FeatureCollection"
    assert len(geo["features"]) == 14
    properties = {f["properties"]["teryt"]: f["properties"] for f in geo["features"]}
    assert properties["0801"]["value"] == 11.0 and properties["0801"]["year"] == 2025
    assert properties["0862"]["value"] == 41.0
    assert properties["0803"]["value"] is None and properties["0803"]["year"] is None
    assert geo["indicator"]["code"] == "W2"
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in geo["features"])


def test_the_map_of_an_unknown_indicator_is_404(anonymous_client, db):
    url = reverse("programme:indicator_map_data", args=[999999])
    assert anonymous_client.get(url).status_code == 404


def test_the_map_indicator_can_be_chosen(anonymous_client, coordinator, region):
    data = build_programme(actor=coordinator)
    add_bulk(data, objectives=1, years=2)
    other = data.programme.indicators.get(code="X0")
    response = anonymous_client.get(DASHBOARD, {"map": other.pk})
    assert response.context["map_indicator"] == other
    assert response.context["counties_with_data"] == 14


def _queries(client, django_assert_max_num_queries, url: str) -> int:  # type: ignore[no-untyped-def]
    with django_assert_max_num_queries(15) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("persona", ["anonymous_client", "coordinator_client"])
def test_the_dashboard_stays_within_15_queries_whatever_the_size(
    persona, request, coordinator, region, django_assert_max_num_queries, settings
):
    settings.PUBLIC_PAGE_CACHE = False
    client = request.getfixturevalue(persona)
    data = build_programme(actor=coordinator)
    add_bulk(data, objectives=3, years=3)
    url = reverse("programme:programme_dashboard", args=[data.programme.pk])
    client.get(DASHBOARD)  # the first request of a session warms per-process caches
    small = _queries(client, django_assert_max_num_queries, DASHBOARD)
    small_own = _queries(client, django_assert_max_num_queries, url)
    add_bulk(data, objectives=7, years=10)
    assert data.version.nodes.filter(kind=NodeKind.OBJECTIVE).count() == 12
    assert _queries(client, django_assert_max_num_queries, DASHBOARD) == small
    assert _queries(client, django_assert_max_num_queries, url) == small_own
    assert _queries(client, django_assert_max_num_queries, f"{DASHBOARD}?all=1") == small


def test_many_indicators_show_the_first_few_and_a_link_to_all(
    anonymous_client, coordinator, region
):
    data = build_programme(actor=coordinator)
    add_bulk(data, objectives=8, years=1)
    response = anonymous_client.get(DASHBOARD)
    assert len(response.context["own_charts"]) == 6
    assert response.context["own_total"] == 10
    assert "?all=1#indicators" in response.content.decode()
    response = anonymous_client.get(DASHBOARD, {"all": "1"})
    assert len(response.context["own_charts"]) == 10


def test_the_anonymous_dashboard_is_served_from_the_page_cache(
    anonymous_client, coordinator, region, django_assert_max_num_queries, settings
):
    settings.PUBLIC_PAGE_CACHE = True
    build_programme(actor=coordinator)
    first = anonymous_client.get(DASHBOARD)
    with django_assert_max_num_queries(1):
        second = anonymous_client.get(DASHBOARD)
    assert second.content == first.content
