"""Indicator pages: the public list and page, the office's forms (each refusal comes back in its
form with nothing saved), the open-data CSV, permissions and query budgets."""

from __future__ import annotations

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory
from skillshub.core.models import County
from skillshub.programme import services as svc
from skillshub.programme.choices import Direction, NodeKind, TerritorialLevel, VersionStatus
from skillshub.programme.models import Indicator, IndicatorLink, IndicatorTarget, Measurement

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(coordinator):
    return svc.programme_create(
        actor=coordinator,
        data={"name": "Program (demo)", "start_year": 2024, "end_year": 2030},
    )


@pytest.fixture
def objective(programme, coordinator):
    return svc.node_create(
        version=programme.versions.get(),
        actor=coordinator,
        data={"kind": NodeKind.OBJECTIVE, "code": "1", "title": "Cel 1"},
    )


def _adopt(programme, coordinator):
    return svc.version_set_status(
        version=programme.versions.get(number=1),
        actor=coordinator,
        status=VersionStatus.ADOPTED,
        adopted_on=datetime.date(2024, 3, 1),
        adopted_by="Uchwała nr 1/2024 ZWL (demo)",
    )


@pytest.fixture
def adopted(programme, objective, coordinator):
    _adopt(programme, coordinator)
    return programme


def _indicator(programme, coordinator, **data):
    values = {
        "code": "W1",
        "name": "Udział dorosłych w uczeniu się",
        "unit": "%",
        "level": TerritorialLevel.REGION,
        "direction": Direction.HIGHER,
        "baseline_value": D("10"),
        "baseline_year": 2023,
        **data,
    }
    return svc.indicator_create(programme=programme, actor=coordinator, data=values)


@pytest.fixture
def indicator(programme, coordinator):
    indicator = _indicator(programme, coordinator)
    svc.target_set(indicator=indicator, actor=coordinator, year=2030, value=D("20"))
    svc.measurement_record(
        indicator=indicator, actor=coordinator, year=2025, value="16.2", source_note="BAEL"
    )
    return indicator


@pytest.fixture
def member_client(client):
    client.force_login(UserFactory(username="member", role=Role.TEAM_MEMBER))
    return client


# --- The list -----------------------------------------------------------------------------------


def test_anonymous_sees_the_adopted_programmes_indicators_with_progress(
    anonymous_client, adopted, indicator, coordinator
):
    _indicator(adopted, coordinator, code="K1", name="Stopa bezrobocia", is_context=True)
    response = anonymous_client.get(reverse("programme:indicator_list", args=[adopted.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "W1" in body and "K1" in body
    assert "62%" in body
    assert reverse("programme:indicator_create", args=[adopted.pk]) not in body


def test_the_list_filters_context_and_programme_indicators(
    anonymous_client, adopted, indicator, coordinator
):
    _indicator(adopted, coordinator, code="K1", name="Stopa bezrobocia", is_context=True)
    url = reverse("programme:indicator_list", args=[adopted.pk])
    context = anonymous_client.get(url, {"kind": "context"}).content.decode()
    assert reverse("programme:indicator_detail", args=[indicator.pk]) not in context
    assert "K1" in context
    own = anonymous_client.get(url, {"kind": "programme"}).content.decode()
    assert reverse("programme:indicator_detail", args=[indicator.pk]) in own
    assert "K1" not in own


def test_staff_see_the_new_indicator_button(coordinator_client, adopted):
    body = coordinator_client.get(
        reverse("programme:indicator_list", args=[adopted.pk])
    ).content.decode()
    assert reverse("programme:indicator_create", args=[adopted.pk]) in body


def test_a_programme_never_adopted_is_for_staff_and_the_wzk(
    anonymous_client, outsider_client, member_client, coordinator_client, programme, indicator
):
    list_url = reverse("programme:indicator_list", args=[programme.pk])
    detail_url = reverse("programme:indicator_detail", args=[indicator.pk])
    csv_url = reverse("programme:measurements_csv", args=[programme.pk])
    for client in (anonymous_client, outsider_client):
        assert client.get(list_url).status_code == 404
        assert client.get(detail_url).status_code == 404
        assert client.get(csv_url).status_code == 404
    for client in (member_client, coordinator_client):
        assert client.get(list_url).status_code == 200
        assert client.get(detail_url).status_code == 200


def test_linked_nodes_of_a_draft_revision_are_hidden_from_the_public(
    anonymous_client, coordinator_client, programme, objective, indicator, coordinator
):
    svc.indicator_link(indicator=indicator, node=objective, actor=coordinator)
    version = _adopt(programme, coordinator)
    revision = svc.version_revise(version=version, actor=coordinator, note="Przegląd")
    new = svc.node_create(
        version=revision,
        actor=coordinator,
        data={"kind": NodeKind.OBJECTIVE, "code": "9", "title": "Nowy cel"},
    )
    svc.indicator_link(indicator=indicator, node=new, actor=coordinator)
    url = reverse("programme:indicator_list", args=[programme.pk])
    public = anonymous_client.get(url).content.decode()
    assert objective.get_absolute_url() in public
    assert new.get_absolute_url() not in public
    staff = coordinator_client.get(url).content.decode()
    assert new.get_absolute_url() in staff


def _measure(indicator, coordinator, years, counties=()):
    for year in years:
        svc.measurement_record(indicator=indicator, actor=coordinator, year=year, value=year - 2000)
        for county in counties:
            svc.measurement_record(
                indicator=indicator, actor=coordinator, year=year, value=1, county=county
            )


@pytest.mark.parametrize("who", ["anonymous", "coordinator"])
def test_the_list_does_not_grow_with_measurements(
    who, request, adopted, indicator, coordinator, django_assert_max_num_queries
):
    client = request.getfixturevalue(f"{who}_client")
    url = reverse("programme:indicator_list", args=[adopted.pk])
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200
    for n in range(3):
        other = _indicator(adopted, coordinator, code=f"X{n}", baseline_year=2024)
        _measure(other, coordinator, range(2024, 2031))
    _measure(indicator, coordinator, range(2026, 2031))
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "coordinator"])
def test_the_page_does_not_grow_with_measurements(
    who, request, region, adopted, coordinator, django_assert_max_num_queries
):
    client = request.getfixturevalue(f"{who}_client")
    indicator = _indicator(adopted, coordinator, level=TerritorialLevel.COUNTY)
    url = reverse("programme:indicator_detail", args=[indicator.pk])
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
    _measure(indicator, coordinator, range(2024, 2031), County.objects.in_region()[:6])
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


# --- The page -----------------------------------------------------------------------------------


def test_the_page_shows_the_series_targets_and_who_entered_only_to_staff(
    anonymous_client, coordinator_client, adopted, indicator, coordinator
):
    url = reverse("programme:indicator_detail", args=[indicator.pk])
    public = anonymous_client.get(url)
    assert public.status_code == 200
    body = public.content.decode()
    assert "BAEL" in body and "2030" in body and "62%" in body
    assert str(coordinator) not in body
    assert reverse("programme:measurement_add", args=[indicator.pk]) not in body
    staff = coordinator_client.get(url).content.decode()
    assert str(coordinator) in staff
    assert reverse("programme:measurement_add", args=[indicator.pk]) in staff
    assert reverse("programme:target_set", args=[indicator.pk]) in staff


def test_the_page_shows_the_latest_value_per_county(anonymous_client, region, adopted, coordinator):
    indicator = _indicator(adopted, coordinator, level=TerritorialLevel.COUNTY, code="P1")
    county = County.objects.in_region().first()
    svc.measurement_record(
        indicator=indicator, actor=coordinator, year=2024, value=5, county=county
    )
    svc.measurement_record(
        indicator=indicator, actor=coordinator, year=2026, value="7,25", county=county
    )
    response = anonymous_client.get(reverse("programme:indicator_detail", args=[indicator.pk]))
    body = response.content.decode()
    assert county.teryt in body and county.name in body
    assert "7,25" in body  # Polish number format, the latest value


# --- Creating and editing -----------------------------------------------------------------------


def _indicator_post(**extra):
    return {
        "code": "N1",
        "name": "Nowy wskaźnik",
        "definition": "",
        "unit": "osoby",
        "source": "GUS",
        "level": TerritorialLevel.REGION,
        "direction": Direction.HIGHER,
        "baseline_value": "100",
        "baseline_year": "2023",
        **extra,
    }


def test_staff_create_an_indicator(coordinator_client, adopted):
    response = coordinator_client.post(
        reverse("programme:indicator_create", args=[adopted.pk]), _indicator_post()
    )
    indicator = Indicator.objects.get(code="N1")
    assert response.status_code == 302
    assert response.url == indicator.get_absolute_url()
    assert indicator.unit == "osoby" and indicator.baseline_value == D("100")


def test_a_taken_code_comes_back_in_the_form(coordinator_client, adopted, indicator):
    response = coordinator_client.post(
        reverse("programme:indicator_create", args=[adopted.pk]), _indicator_post(code="W1")
    )
    assert response.status_code == 400
    assert 'value="Nowy wskaźnik"' in response.content.decode()
    assert Indicator.objects.count() == 1


def test_staff_edit_an_indicator(coordinator_client, adopted, indicator):
    url = reverse("programme:indicator_edit", args=[indicator.pk])
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(
        url, _indicator_post(code="W1", name="Nowa nazwa", unit="%", baseline_value="10")
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Nowa nazwa"


def test_an_edit_that_puts_a_target_against_the_direction_is_refused(
    coordinator_client, adopted, indicator
):
    response = coordinator_client.post(
        reverse("programme:indicator_edit", args=[indicator.pk]),
        _indicator_post(code="W1", unit="%", baseline_value="10", direction=Direction.LOWER),
    )
    assert response.status_code == 400
    indicator.refresh_from_db()
    assert indicator.direction == Direction.HIGHER


def test_outsiders_and_members_cannot_create_or_edit(
    outsider_client, member_client, adopted, indicator
):
    for client in (outsider_client, member_client):
        create = reverse("programme:indicator_create", args=[adopted.pk])
        assert client.get(create).status_code == 404
        assert client.post(create, _indicator_post()).status_code == 404
        edit = reverse("programme:indicator_edit", args=[indicator.pk])
        assert client.post(edit, _indicator_post(code="W1")).status_code == 404
    assert Indicator.objects.count() == 1


def test_anonymous_is_sent_to_log_in(anonymous_client, adopted):
    response = anonymous_client.get(reverse("programme:indicator_create", args=[adopted.pk]))
    assert response.status_code == 302 and "login" in response.url


# --- Measurements, targets, links ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"year": "2040", "value": "12"}, "year"),
        ({"year": "2026", "value": "pięć"}, "value"),
        ({"year": "2026", "value": "12", "unit": "osoby"}, "unit"),
        ({"year": "dwa", "value": "12"}, "year"),
    ],
)
def test_a_refused_measurement_comes_back_in_its_form(
    coordinator_client, adopted, indicator, data, field
):
    before = Measurement.objects.count()
    response = coordinator_client.post(
        reverse("programme:measurement_add", args=[indicator.pk]),
        {"unit": "%", "source_note": "notatka", **data},
    )
    assert response.status_code == 400
    assert response.context["measurement_form"].errors[field]
    assert 'value="notatka"' in response.content.decode()
    assert Measurement.objects.count() == before


def test_a_measurement_is_recorded_with_who_entered_it(
    coordinator_client, coordinator, adopted, indicator
):
    response = coordinator_client.post(
        reverse("programme:measurement_add", args=[indicator.pk]),
        {"year": "2026", "value": "17,5", "unit": "%", "source_note": "GUS BDL"},
    )
    assert response.status_code == 302
    measurement = Measurement.objects.get(indicator=indicator, year=2026)
    assert measurement.value == D("17.5")
    assert measurement.entered_by == coordinator
    assert measurement.county is None


def test_a_county_value_is_recorded_for_a_county_indicator(
    coordinator_client, region, adopted, coordinator
):
    indicator = _indicator(adopted, coordinator, level=TerritorialLevel.COUNTY, code="P1")
    county = County.objects.in_region().first()
    response = coordinator_client.post(
        reverse("programme:measurement_add", args=[indicator.pk]),
        {"year": "2025", "value": "3", "unit": "%", "county": county.pk},
    )
    assert response.status_code == 302
    assert Measurement.objects.get(indicator=indicator).county == county


def test_a_region_indicator_offers_no_county(coordinator_client, adopted, indicator):
    response = coordinator_client.get(reverse("programme:indicator_detail", args=[indicator.pk]))
    assert "county" not in response.context["measurement_form"].fields


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"year": "2023", "value": "15"}, "year"),  # not after the baseline year
        ({"year": "2028", "value": "5"}, "value"),  # below the baseline, higher is better
        ({"year": "2028", "value": "dużo"}, "value"),
    ],
)
def test_a_refused_target_comes_back_in_its_form(
    coordinator_client, adopted, indicator, data, field
):
    response = coordinator_client.post(reverse("programme:target_set", args=[indicator.pk]), data)
    assert response.status_code == 400
    assert response.context["target_form"].errors[field]
    assert list(IndicatorTarget.objects.values_list("year", flat=True)) == [2030]


def test_a_target_is_set(coordinator_client, adopted, indicator):
    response = coordinator_client.post(
        reverse("programme:target_set", args=[indicator.pk]), {"year": "2027", "value": "15"}
    )
    assert response.status_code == 302
    assert IndicatorTarget.objects.get(indicator=indicator, year=2027).value == D("15")


def test_linking_needs_a_version_in_preparation(coordinator_client, adopted, objective, indicator):
    url = reverse("programme:indicator_link", args=[indicator.pk])
    page = coordinator_client.get(reverse("programme:indicator_detail", args=[indicator.pk]))
    assert page.context["link_form"] is None
    response = coordinator_client.post(url, {"node": objective.pk, "weight": "1"})
    assert response.status_code == 400
    assert not IndicatorLink.objects.exists()


def test_an_indicator_is_linked_to_a_node_of_the_revision(
    coordinator_client, coordinator, adopted, objective, indicator
):
    revision = svc.version_revise(version=adopted.versions.get(number=1), actor=coordinator)
    copy = revision.nodes.get(key=objective.key)
    url = reverse("programme:indicator_link", args=[indicator.pk])
    # A node of the frozen version is not among the choices.
    refused = coordinator_client.post(url, {"node": objective.pk, "weight": "1"})
    assert refused.status_code == 400
    assert not IndicatorLink.objects.exists()
    response = coordinator_client.post(url, {"node": copy.pk, "weight": "2"})
    assert response.status_code == 302
    link = IndicatorLink.objects.get()
    assert link.node == copy and link.weight == D("2")


@pytest.mark.parametrize("name", ["measurement_add", "target_set", "indicator_link"])
def test_outsiders_and_members_cannot_write(
    name, outsider_client, member_client, adopted, objective, indicator
):
    data = {"year": "2026", "value": "12", "unit": "%", "node": objective.pk, "weight": "1"}
    for client in (outsider_client, member_client):
        assert (
            client.post(reverse(f"programme:{name}", args=[indicator.pk]), data).status_code == 404
        )
    assert Measurement.objects.count() == 1
    assert IndicatorTarget.objects.count() == 1
    assert not IndicatorLink.objects.exists()


# --- Open data ----------------------------------------------------------------------------------


def test_the_csv_has_every_measurement_of_the_programme(
    anonymous_client, region, adopted, indicator, coordinator
):
    county_indicator = _indicator(
        adopted, coordinator, level=TerritorialLevel.COUNTY, code="P1", name="Powiatowy", unit="os."
    )
    county = County.objects.in_region().first()
    svc.measurement_record(
        indicator=county_indicator, actor=coordinator, year=2025, value="3,5", county=county
    )
    response = anonymous_client.get(reverse("programme:measurements_csv", args=[adopted.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").splitlines()
    assert len(lines) == 3  # the header and two values
    assert lines[1].split(";") == [
        "P1",
        "Powiatowy",
        "os.",
        "2025",
        county.teryt,
        county.name,
        "3.5",
        "",
    ]
    assert lines[2].split(";")[:5] == [
        "W1",
        "Udział dorosłych w uczeniu się",
        "%",
        "2025",
        "region",
    ]
    assert lines[2].split(";")[6:] == ["16.2", "BAEL"]
