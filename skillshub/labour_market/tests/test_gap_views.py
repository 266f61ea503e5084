"""The gap analysis page: who may see it, what it shows, and its query budget."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from skillshub.labour_market.choices import MzdinClass
from skillshub.labour_market.tests.factories import (
    mzdin_result,
    school_occupation,
    zary_gap_scenario,
)

URL = reverse("labour_market:gap_analysis")


@pytest.fixture
def scenario(region):  # type: ignore[no-untyped-def]
    return zary_gap_scenario()


@pytest.mark.django_db
def test_office_staff_see_the_gap_analysis_of_zary_with_its_evidence(coordinator_client, scenario):
    with translation.override("en"):
        response = coordinator_client.get(URL, {"county": "0811", "lang": "en"})
    assert response.status_code == 200
    html = response.content.decode()
    unmet = scenario["unmet_mzdin"].code
    assert f'href="/labour-market/occupations/{unmet}/#county-0811"' in html or (
        f"/occupations/{unmet}/#county-0811" in html
    )
    assert "MZDiN 2025-H1 (MZDiN-2015 v1): O=30, B=10, W=3.00" in html
    assert "Panel PUP żarski" in html
    rows = {r.code: r for r in response.context["page_obj"]}
    assert rows[unmet].flag == "unmet_need"
    assert rows[scenario["oversupply"].code].flag == "oversupply"
    summary = {s.teryt: s for s in response.context["report"].summary}
    assert (summary["0811"].unmet_need, summary["0811"].oversupply) == (3, 1)


@pytest.mark.django_db
def test_a_wzk_member_sees_the_gap_analysis(client, team_member, scenario):
    client.force_login(team_member)
    assert client.get(URL).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["gap_analysis", "gap_xlsx", "gap_pdf"])
def test_an_outsider_gets_404(outsider_client, region, name):
    assert outsider_client.get(reverse(f"labour_market:{name}")).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["gap_analysis", "gap_xlsx", "gap_pdf"])
def test_an_anonymous_visitor_is_sent_to_log_in(anonymous_client, region, name):
    response = anonymous_client.get(reverse(f"labour_market:{name}"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.django_db
def test_filters_sort_and_a_bad_filter(coordinator_client, scenario):
    response = coordinator_client.get(URL, {"county": "0811", "flag": "oversupply"})
    assert [r.code for r in response.context["page_obj"]] == [scenario["oversupply"].code]
    response = coordinator_client.get(URL, {"county": "0811", "sort": "enrolment"})
    assert next(iter(response.context["page_obj"])).code == scenario["oversupply"].code
    response = coordinator_client.get(URL, {"county": "0811", "sort": "w"})
    # "maximally deficit" (offers, no unemployed) above every W.
    assert next(iter(response.context["page_obj"])).code == scenario["served_by_neighbour"].code
    # An unknown county is an error on the form, and the page still renders the region.
    response = coordinator_client.get(URL, {"county": "9999"})
    assert response.status_code == 200
    assert response.context["form"].errors["county"]
    assert response.context["report"].county is None


@pytest.mark.django_db
def test_the_page_names_synthetic_demo_data(coordinator_client, scenario):
    from skillshub.labour_market.tests.factories import ImportRunFactory

    assert not coordinator_client.get(URL).context["sources"].is_demo
    ImportRunFactory(source_name="demo-mzdin-2025-H1.csv (dane demonstracyjne, syntetyczne)")
    page = coordinator_client.get(URL)
    assert page.context["sources"].is_demo
    assert 'role="note"' in page.content.decode()


@pytest.mark.django_db
def test_the_page_query_count_does_not_grow_with_rows(
    coordinator_client, scenario, django_assert_max_num_queries
):
    with django_assert_max_num_queries(25):
        assert coordinator_client.get(URL).status_code == 200
    for n in range(30):
        code = f"8{n:05d}"
        school_occupation(code, f"Zawód {n}")
        mzdin_result(code, "0811", MzdinClass.DEFICIT, offers=5, unemployed=1)
        mzdin_result(code, "0810", MzdinClass.SURPLUS, offers=1, unemployed=5)
    with django_assert_max_num_queries(25):
        response = coordinator_client.get(URL, {"sort": "code"})
    assert response.context["page_obj"].paginator.count > 60
