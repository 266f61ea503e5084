"""The MZDiN pages: the public table (filters, sorting, CSV), the heatmap, and computing a
period, which only the office may do."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from skillshub.labour_market.choices import MzdinClass
from skillshub.labour_market.models import MzdinResult, Occupation, ThresholdSet
from skillshub.labour_market.selectors import CLASS_SHORT
from skillshub.labour_market.services_mzdin import mzdin_compute
from skillshub.labour_market.tests.factories import mzdin_counts

MZDIN = reverse("labour_market:mzdin")
HEATMAP = reverse("labour_market:mzdin_heatmap")
COMPUTE = reverse("labour_market:mzdin_compute")

ROWS = [
    # code, county, period, O, B, Bn, Bo, Bd
    ("251201", "0811", "2025-H1", 12, 10, 4, 6, 1),  # deficit under MZDiN-2015
    ("251201", "0810", "2025-H1", 0, 5, 2, 1, 3),  # maximally surplus
    ("251202", "0811", "2025-H1", 3, 0, 0, 0, 0),  # maximally deficit
    ("722204", "0811", "2025-H1", 2, 20, 5, 2, 10),  # surplus
    ("251201", "0811", "2024-H2", 5, 10, 4, 2, 5),
]


@pytest.fixture
def computed(region, coordinator):  # type: ignore[no-untyped-def]
    mzdin_counts(ROWS)
    Occupation.objects.filter(code="251201").update(name="Programista")
    Occupation.objects.filter(code="251202").update(name="Tester")
    Occupation.objects.filter(code="722204").update(name="Ślusarz")
    current = ThresholdSet.objects.get(name="MZDiN-2015", is_active=True)
    for period in ("2024-H2", "2025-H1"):
        mzdin_compute(actor=coordinator, period=period, threshold_set=current)
    return current


def _codes(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.code for r in response.context["page_obj"]]


@pytest.mark.django_db
def test_anyone_sees_the_latest_period_under_the_default_set(anonymous_client, computed):
    response = anonymous_client.get(MZDIN, {"level": 6, "territory": "county:0811"})
    assert response.status_code == 200
    assert response.context["query"].period == "2025-H1"
    assert response.context["query"].threshold_set == computed
    assert _codes(response) == ["251201", "251202", "722204"]
    page = response.content.decode()
    assert "MZDiN-2015" in page and "Programista" in page
    assert reverse("labour_market:occupation_detail", args=["251201"]) in page
    # Staff-only: no compute form for the public.
    assert COMPUTE not in page


@pytest.mark.django_db
def test_the_table_defaults_to_4_digit_groups_of_the_region(anonymous_client, computed):
    response = anonymous_client.get(MZDIN)
    rows = list(response.context["page_obj"])
    assert [(r.code, r.territory_kind, r.level) for r in rows] == [
        ("2512", "region", 4),
        ("7222", "region", 4),
    ]
    assert rows[0].offers == 15 and rows[0].unemployed == 15


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"klass": MzdinClass.DEFICIT}, ["251201"]),
        ({"q": "2512"}, ["251201", "251202"]),
        ({"q": "ślusarz"}, ["722204"]),
        ({"q": "Tester"}, ["251202"]),
        ({"sort": "-w"}, ["251201", "722204", "251202"]),  # 1.2, 0.1, then undefined W last
        ({"sort": "-b"}, ["722204", "251201", "251202"]),
        ({"sort": "name"}, ["251201", "251202", "722204"]),
        ({"period": "2024-H2"}, ["251201"]),
    ],
)
def test_filters_and_sorting(anonymous_client, computed, params, expected):
    response = anonymous_client.get(MZDIN, {"level": 6, "territory": "county:0811", **params})
    assert _codes(response) == expected


@pytest.mark.django_db
def test_a_bad_filter_value_falls_back_to_the_default(anonymous_client, computed):
    response = anonymous_client.get(MZDIN, {"level": "5", "territory": "nowhere", "sort": "x"})
    assert response.status_code == 200
    assert response.context["query"].level == 4
    assert response.context["query"].territory_kind == "region"


@pytest.mark.django_db
def test_the_csv_holds_the_same_rows_as_the_table(anonymous_client, computed):
    params = {"level": 6, "territory": "county:0811", "sort": "-w"}
    table = anonymous_client.get(MZDIN, params)
    response = anonymous_client.get(MZDIN, {**params, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:7] == [
        "period", "threshold_set", "level", "territory_kind", "territory_code", "code", "name",
    ]  # fmt: skip
    assert [r[5] for r in rows[1:]] == _codes(table)
    programmer = rows[1]
    assert programmer[6] == "Programista"
    assert programmer[1] == "MZDiN-2015 v1"
    assert programmer[7:9] == ["12", "10"] and programmer[12] == "1.2000"
    assert programmer[15] == MzdinClass.DEFICIT


@pytest.mark.django_db
def test_the_table_is_paginated_and_its_queries_do_not_grow(
    anonymous_client, computed, django_assert_max_num_queries
):
    many = [(f"2512{n:02d}", "0811", "2025-H1", n, 10, 1, 1, 1) for n in range(3, 60)]
    mzdin_counts(many)
    mzdin_compute(actor=None, period="2025-H1", threshold_set=computed)
    with django_assert_max_num_queries(10):
        response = anonymous_client.get(MZDIN, {"level": 6, "territory": "county:0811"})
    assert len(response.context["page_obj"]) == 25
    assert response.context["page_obj"].paginator.count == 60


@pytest.mark.django_db
def test_the_heatmap_shows_each_class_as_text(
    anonymous_client, computed, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        response = anonymous_client.get(HEATMAP, {"level": 6})
    assert response.status_code == 200
    rows = {row.code: row for row in response.context["rows"]}
    counties = [c.teryt for c in response.context["counties"]]
    assert len(counties) == 14
    deficit = rows["251201"].cells[counties.index("0811")]
    surplus = rows["251201"].cells[counties.index("0810")]
    assert deficit is not None and surplus is not None
    assert (deficit.klass, surplus.klass) == (MzdinClass.DEFICIT, MzdinClass.MAX_SURPLUS)
    assert rows["251201"].cells[counties.index("0801")] is None
    # Each class has its own short text (in whatever language the page is in).
    assert deficit.short and surplus.short and deficit.short != surplus.short
    with translation.override("en"):
        assert str(CLASS_SHORT[MzdinClass.DEFICIT]) == "D"
    page = response.content.decode()
    assert f'class="lm-class lm-deficit" title="{deficit.label}' in page
    assert f">{deficit.short}<span" in page and f">{surplus.short}<span" in page


@pytest.mark.django_db
def test_the_heatmap_defaults_to_2_digit_groups(anonymous_client, computed):
    response = anonymous_client.get(HEATMAP)
    assert [row.code for row in response.context["rows"]] == ["25", "72"]


@pytest.mark.django_db
def test_the_pages_work_before_anything_is_computed(anonymous_client, region):
    assert anonymous_client.get(MZDIN).status_code == 200
    assert anonymous_client.get(HEATMAP).status_code == 200


# --- Computing ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_cannot_compute(anonymous_client, computed):
    response = anonymous_client.post(COMPUTE, {"period": "2025-H1", "threshold_set": computed.pk})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.django_db
def test_outsider_cannot_compute(outsider_client, computed):
    MzdinResult.objects.all().delete()
    response = outsider_client.post(COMPUTE, {"period": "2025-H1", "threshold_set": computed.pk})
    assert response.status_code == 404
    assert not MzdinResult.objects.exists()


@pytest.mark.django_db
def test_coordinator_computes_a_period_and_is_told_how_many_results(coordinator_client, computed):
    old = ThresholdSet.objects.get(name="MZDiN-2005")
    with translation.override("en"):
        response = coordinator_client.post(
            COMPUTE, {"period": "2025-H1", "threshold_set": old.pk}, follow=True
        )
    written = MzdinResult.objects.filter(threshold_set=old, period="2025-H1").count()
    assert written > 0
    # The message names the count and the period (whatever the language).
    [message] = [str(m) for m in response.context["messages"]]
    assert str(written) in message and "2025-H1" in message
    assert response.context["query"].threshold_set == old
    # The staff page offers the compute form.
    assert COMPUTE in response.content.decode()


@pytest.mark.django_db
def test_computing_a_period_without_counts_is_refused_with_a_message(coordinator_client, computed):
    response = coordinator_client.post(COMPUTE, {"period": "2019", "threshold_set": computed.pk})
    assert response.status_code == 302
    assert not MzdinResult.objects.filter(period="2019").exists()


@pytest.mark.django_db
def test_computing_is_post_only(coordinator_client, computed):
    assert coordinator_client.get(COMPUTE).status_code == 405
