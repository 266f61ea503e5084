"""The labour-market API: open data, anonymous callers welcome; filters; the CSV carries the
same rows as the JSON; Barometr rounds only once closed."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import timezone

from skillshub.labour_market.choices import (
    BarometrLevel,
    ForecastDemand,
    MzdinClass,
    RoundStatus,
)
from skillshub.labour_market.models import ThresholdSet
from skillshub.labour_market.services_mzdin import mzdin_compute
from skillshub.labour_market.tests.factories import (
    BarometrGroupFactory,
    BarometrRatingFactory,
    BarometrRoundFactory,
    ForecastEntryFactory,
    MzdinCountFactory,
    SchoolOccupationFactory,
    barometr_panels,
    county,
    occupation_with_ancestors,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/labour-market"


@pytest.fixture
def computed(region, coordinator):  # type: ignore[no-untyped-def]
    """Two occupations in two counties for 2024-H1, computed under both default sets.

    722204 in 0811: O=30 B=10 → deficit; 411001 in 0811: O=0 B=20 → maximally surplus."""
    welder = occupation_with_ancestors("722204", "Spawacz")
    clerk = occupation_with_ancestors("411001", "Pracownik biurowy")
    zary, zg = county("0811"), county("0862")
    MzdinCountFactory(occupation=welder, county=zary, offers=30, unemployed=10, inflow=4,
                      outflow=8, long_term=1)  # fmt: skip
    MzdinCountFactory(occupation=welder, county=zg, offers=5, unemployed=10, inflow=4,
                      outflow=2, long_term=5)  # fmt: skip
    MzdinCountFactory(occupation=clerk, county=zary, offers=0, unemployed=20, inflow=6,
                      outflow=2, long_term=9)  # fmt: skip
    for threshold_set in ThresholdSet.objects.filter(is_active=True):
        mzdin_compute(actor=coordinator, period="2024-H1", threshold_set=threshold_set)


def _csv_rows(response):  # type: ignore[no-untyped-def]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_anonymous_caller_reads_indicators_filtered(computed, anonymous_client):
    response = anonymous_client.get(
        f"{API}/indicators",
        {"period": "2024-H1", "level": 6, "territory_kind": "county", "territory_code": "0811"},
    )

    assert response.status_code == 200
    items = {i["code"]: i for i in response.json()["items"]}
    assert set(items) == {"722204", "411001"}
    welder = items["722204"]
    assert (welder["offers"], welder["unemployed"], welder["intensity"]) == (30, 10, 3.0)
    assert welder["long_term_share"] == pytest.approx(0.1)
    assert welder["fluidity"] == 2.0
    assert welder["klass"] == MzdinClass.DEFICIT
    assert (welder["threshold_set"], welder["threshold_version"]) == ("MZDiN-2015", 1)
    assert welder["name"] == "Spawacz"
    clerk = items["411001"]
    assert (clerk["intensity"], clerk["klass"]) == (0.0, MzdinClass.MAX_SURPLUS)


def test_code_prefix_class_and_threshold_set_filters(computed, anonymous_client):
    region_groups = anonymous_client.get(
        f"{API}/indicators", {"code": "72", "territory_kind": "region"}
    ).json()["items"]
    assert {(i["level"], i["code"]) for i in region_groups} == {
        (2, "72"), (3, "722"), (4, "7222"), (6, "722204")
    }  # fmt: skip
    # The region: O=35 B=20 → W 1.75.
    assert next(i for i in region_groups if i["level"] == 6)["intensity"] == 1.75

    surplus = anonymous_client.get(f"{API}/indicators", {"klass": "max_surplus"}).json()
    assert surplus["count"] > 0
    assert {i["klass"] for i in surplus["items"]} == {"max_surplus"}

    old = anonymous_client.get(
        f"{API}/indicators",
        {"threshold_set": "MZDiN-2005", "code": "722204", "territory_code": "0862"},
    ).json()["items"]
    assert [(i["threshold_set"], i["klass"]) for i in old] == [("MZDiN-2005", "surplus")]


def test_unknown_filters_are_refused(computed, anonymous_client):
    assert anonymous_client.get(f"{API}/indicators", {"level": 5}).status_code == 422
    assert anonymous_client.get(f"{API}/indicators", {"klass": "bad"}).status_code == 422
    assert anonymous_client.get(f"{API}/indicators", {"threshold_set": "X"}).status_code == 404


def test_csv_carries_the_same_rows_as_json(computed, anonymous_client):
    params = {"period": "2024-H1", "territory_kind": "county"}
    items = anonymous_client.get(f"{API}/indicators", {**params, "limit": 1000}).json()["items"]
    response = anonymous_client.get(f"{API}/indicators.csv", params)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv_rows(response)
    assert len(rows) == len(items) > 0
    for row, item in zip(rows, items, strict=True):
        assert (row["code"], row["territory_code"], row["class"]) == (
            item["code"], item["territory_code"], item["klass"]
        )  # fmt: skip
        assert int(row["O"]) == item["offers"] and int(row["Bd"]) == item["long_term"]
        assert (float(row["W"]) if row["W"] else None) == item["intensity"]


def test_indicator_list_queries_do_not_grow_with_rows(
    computed, anonymous_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        response = anonymous_client.get(f"{API}/indicators", {"limit": 100})
    assert response.json()["count"] > 20


def test_occupation_node_with_parents_and_children(computed, anonymous_client):
    SchoolOccupationFactory(code="722204", name="Spawacz (KZSB)", occupation=None)

    node = anonymous_client.get(f"{API}/occupations/7222").json()

    assert [p["code"] for p in node["parents"]] == ["7", "72", "722"]
    assert node["children"] == ["722204"]
    assert node["level"] == 4
    assert anonymous_client.get(f"{API}/occupations/000000").status_code == 404


def test_periods_and_threshold_sets(computed, anonymous_client):
    data = anonymous_client.get(f"{API}/periods").json()

    assert [p["period"] for p in data["periods"]] == ["2024-H1"]
    assert data["periods"][0]["counts"] == 3
    assert {s["name"] for s in data["periods"][0]["computed"]} == {"MZDiN-2005", "MZDiN-2015"}
    assert {s["name"] for s in data["threshold_sets"]} >= {"MZDiN-2005", "MZDiN-2015"}


def test_barometr_is_open_data_only_once_closed(region, anonymous_client, coordinator_client):
    panels = barometr_panels()
    closed = BarometrRoundFactory(year=2024, status=RoundStatus.CLOSED, closed_at=timezone.now())
    group = BarometrGroupFactory(round=closed, name="Spawacze")
    group.occupations.add(occupation_with_ancestors("722204", "Spawacz"))
    BarometrRatingFactory(group=group, panel=panels["0811"], level=BarometrLevel.LARGE_DEFICIT)
    # Zielona Góra's panel covers two counties: its rating counts twice.
    BarometrRatingFactory(group=group, panel=panels["0809"], level=BarometrLevel.DEFICIT)
    open_round = BarometrRoundFactory(year=2025, status=RoundStatus.OPEN)
    BarometrGroupFactory(round=open_round, name="Spawacze")

    data = anonymous_client.get(f"{API}/barometr/2024").json()

    [row] = data["groups"]
    assert row["name"] == "Spawacze" and row["occupations"] == ["722204"]
    counts = {level["level"]: level["counties"] for level in row["levels"]}
    assert counts == {1: 1, 2: 2, 3: 0, 4: 0, 5: 0}
    assert row["no_rating"] == data["counties"] - 3
    assert anonymous_client.get(f"{API}/barometr/2025").status_code == 404
    assert coordinator_client.get(f"{API}/barometr/2025").status_code == 404
    assert anonymous_client.get(f"{API}/barometr/2019").status_code == 404


def test_forecast_of_a_year(region, anonymous_client, django_assert_max_num_queries):
    ForecastEntryFactory(year=2025, demand=ForecastDemand.NATIONAL_SPECIAL)

    with django_assert_max_num_queries(3):
        response = anonymous_client.get(f"{API}/forecast/2025")

    assert response.json() == [
        {
            "code": "722307",
            "name": "Technik mechanik (testowy)",
            "demand": "national_special",
            "demand_label": response.json()[0]["demand_label"],
        }
    ]
    assert anonymous_client.get(f"{API}/forecast/2019").status_code == 404
