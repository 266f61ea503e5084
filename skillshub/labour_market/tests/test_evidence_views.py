"""The overview, the threshold sets (public read, staff revise), the MEN forecast and the school
offer."""

from __future__ import annotations

import pytest
from django.urls import reverse

from skillshub.labour_market.choices import ForecastDemand, Provision
from skillshub.labour_market.models import ThresholdSet
from skillshub.labour_market.tests.factories import (
    ForecastEntryFactory,
    ImportRunFactory,
    SchoolOccupationFactory,
    SchoolSupplyFactory,
    county,
)

OVERVIEW = reverse("labour_market:overview")
THRESHOLDS = reverse("labour_market:threshold_list")
FORECAST = reverse("labour_market:forecast_list")
SUPPLY = reverse("labour_market:supply_list")


def _edit(threshold_set: ThresholdSet) -> str:
    return reverse("labour_market:threshold_update", args=[threshold_set.pk])


# --- Overview -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_overview_is_public_and_names_the_sets_in_use(
    anonymous_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = anonymous_client.get(OVERVIEW)
    assert response.status_code == 200
    page = response.content.decode()
    assert "MZDiN-2015 v1" in page and "MZDiN-2005 v1" in page
    assert reverse("labour_market:mzdin") in page
    # Staff-only links are not offered to the public.
    assert reverse("labour_market:gap_analysis") not in page
    assert reverse("labour_market:import_list") not in page
    assert not response.context["demo"]


@pytest.mark.django_db
def test_the_overview_offers_staff_their_tools(coordinator_client):
    page = coordinator_client.get(OVERVIEW).content.decode()
    assert reverse("labour_market:gap_analysis") in page
    assert reverse("labour_market:import_list") in page


@pytest.mark.django_db
def test_demo_data_is_labelled_synthetic(anonymous_client):
    ImportRunFactory(source_name="demo-mzdin-2025-H1.csv")
    response = anonymous_client.get(OVERVIEW)
    assert response.context["demo"]
    assert 'class="warning-box" role="note"' in response.content.decode()


# --- Threshold sets -------------------------------------------------------------------------


@pytest.mark.django_db
def test_anyone_reads_the_threshold_sets_but_only_staff_get_the_edit_link(
    anonymous_client, coordinator_client, django_assert_max_num_queries
):
    current = ThresholdSet.objects.get(name="MZDiN-2015")
    with django_assert_max_num_queries(6):
        page = anonymous_client.get(THRESHOLDS).content.decode()
    assert "deficit_intensity_above" in page
    assert _edit(current) not in page
    assert _edit(current) in coordinator_client.get(THRESHOLDS).content.decode()


@pytest.mark.django_db
def test_outsider_cannot_revise_a_threshold_set(outsider_client):
    current = ThresholdSet.objects.get(name="MZDiN-2005")
    assert outsider_client.get(_edit(current)).status_code == 404
    response = outsider_client.post(_edit(current), {"deficit_above": 2, "surplus_below": 0.5})
    assert response.status_code == 404
    assert ThresholdSet.objects.filter(name="MZDiN-2005").count() == 1


@pytest.mark.django_db
def test_anonymous_is_sent_to_log_in(anonymous_client):
    current = ThresholdSet.objects.get(name="MZDiN-2005")
    response = anonymous_client.post(_edit(current), {"deficit_above": 2, "surplus_below": 0.5})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.django_db
def test_coordinator_revises_a_set_into_a_new_version(coordinator_client):
    current = ThresholdSet.objects.get(name="MZDiN-2005")
    form = coordinator_client.get(_edit(current))
    assert form.status_code == 200
    assert form.context["form"].initial["deficit_above"] == 1.1
    response = coordinator_client.post(
        _edit(current), {"deficit_above": "1.2", "surplus_below": "0.8", "note": "Review 2025"}
    )
    assert response.status_code == 302
    revised = ThresholdSet.objects.get(name="MZDiN-2005", version=2)
    assert revised.params == {"deficit_above": 1.2, "surplus_below": 0.8}
    assert revised.is_active and revised.note == "Review 2025"
    current.refresh_from_db()
    assert not current.is_active and current.params["deficit_above"] == 1.1


@pytest.mark.django_db
def test_a_negative_or_missing_threshold_is_refused(coordinator_client):
    current = ThresholdSet.objects.get(name="MZDiN-2015")
    response = coordinator_client.post(_edit(current), {"deficit_intensity_above": "-1"})
    assert response.status_code == 200
    form = response.context["form"]
    assert "deficit_intensity_above" in form.errors
    assert "surplus_fluidity_below" in form.errors
    assert ThresholdSet.objects.filter(name="MZDiN-2015").count() == 1


# --- MEN forecast and the school offer ------------------------------------------------------


@pytest.mark.django_db
def test_the_forecast_shows_the_latest_year_and_filters(
    anonymous_client, django_assert_max_num_queries
):
    mechanic = SchoolOccupationFactory(code="311504", name="Technik mechanik")
    welder = SchoolOccupationFactory(code="722204", name="Ślusarz")
    ForecastEntryFactory(year=2024, school_occupation=mechanic)
    ForecastEntryFactory(
        year=2025, school_occupation=mechanic, demand=ForecastDemand.NATIONAL_SPECIAL
    )
    ForecastEntryFactory(year=2025, school_occupation=welder)
    for n in range(10):
        ForecastEntryFactory(
            year=2025, school_occupation=SchoolOccupationFactory(code=f"9000{n:02d}", name=f"Z {n}")
        )
    with django_assert_max_num_queries(8):
        response = anonymous_client.get(FORECAST)
    assert response.status_code == 200
    assert response.context["year"] == 2025
    assert response.context["page_obj"].paginator.count == 12
    narrowed = anonymous_client.get(FORECAST, {"demand": ForecastDemand.NATIONAL_SPECIAL})
    assert [f.school_occupation.code for f in narrowed.context["page_obj"]] == ["311504"]
    by_name = anonymous_client.get(FORECAST, {"q": "ślusarz"})
    assert [f.school_occupation.code for f in by_name.context["page_obj"]] == ["722204"]
    older = anonymous_client.get(FORECAST, {"year": 2024})
    assert [f.school_occupation.code for f in older.context["page_obj"]] == ["311504"]


@pytest.mark.django_db
def test_the_school_offer_filters_by_county_occupation_year_and_form(
    anonymous_client, region, django_assert_max_num_queries
):
    mechanic = SchoolOccupationFactory(code="311504", name="Technik mechanik")
    cook = SchoolOccupationFactory(code="512001", name="Kucharz")
    zary, zagan = county("0811"), county("0810")
    SchoolSupplyFactory(school_name="ZS Żary", school_occupation=mechanic, county=zary)
    SchoolSupplyFactory(
        school_name="CKZ Żary", school_occupation=mechanic, county=zary,
        provision=Provision.QUALIFICATION_COURSE, source_offer_id=7,
    )  # fmt: skip
    SchoolSupplyFactory(school_name="ZS Żagań", school_occupation=cook, county=zagan, year=2023)
    for _n in range(10):
        SchoolSupplyFactory(school_occupation=cook, county=zagan)
    with django_assert_max_num_queries(8):
        response = anonymous_client.get(SUPPLY)
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 13

    def names(params: dict[str, object]) -> list[str]:
        return [s.school_name for s in anonymous_client.get(SUPPLY, params).context["page_obj"]]

    assert names({"county": zary.pk}) == ["CKZ Żary", "ZS Żary"]
    assert names({"county": zary.pk, "provision": Provision.QUALIFICATION_COURSE}) == ["CKZ Żary"]
    assert names({"q": "3115"}) == ["CKZ Żary", "ZS Żary"]
    assert names({"year": 2023}) == ["ZS Żagań"]
    page = anonymous_client.get(SUPPLY, {"county": zary.pk}).content.decode()
    assert 'data-source="portal"' in page and 'data-source="import"' in page
