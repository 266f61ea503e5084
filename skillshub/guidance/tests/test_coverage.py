"""The coverage view: the counts, the unserved counties, the XLSX and who may see it."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from skillshub.core.models import County, TargetGroup
from skillshub.guidance import selectors
from skillshub.guidance.choices import PublicationStatus, ServiceKind, ServiceMode
from skillshub.guidance.tests.factories import GuidanceServiceFactory

pytestmark = pytest.mark.django_db

URL = reverse("guidance:coverage")
XLSX_URL = reverse("guidance:coverage_xlsx")


@pytest.fixture
def fixture(region):  # type: ignore[no-untyped-def]
    counties = list(County.objects.in_region().order_by("teryt"))
    groups = list(TargetGroup.objects.order_by("order", "name"))
    a, b, c = counties[0], counties[1], counties[2]
    g1, g2, g3 = groups[0], groups[1], groups[2]
    # Serves 2 counties × 2 groups: 4 cells.
    GuidanceServiceFactory(
        kind=ServiceKind.INDIVIDUAL_ADVICE, counties=[a, b], target_groups=[g1, g2]
    )
    GuidanceServiceFactory(kind=ServiceKind.JOB_FAIR, counties=[a], target_groups=[g1])
    GuidanceServiceFactory(
        kind=ServiceKind.GROUP_WORKSHOP,
        mode=ServiceMode.ONLINE,
        counties=[c],
        target_groups=[g3],
    )
    # Drafts and archived services never count.
    GuidanceServiceFactory(status=PublicationStatus.DRAFT, counties=[c], target_groups=[g1])
    GuidanceServiceFactory(status=PublicationStatus.ARCHIVED, counties=[c], target_groups=[g1])
    return {"counties": counties, "groups": groups}


def test_service_serving_two_counties_and_two_groups_counts_in_four_cells(fixture):  # type: ignore[no-untyped-def]
    counties, groups = fixture["counties"], fixture["groups"]
    a, b, c = counties[:3]
    g1, g2, g3 = groups[:3]
    data = selectors.coverage()
    assert data.count(a.pk, g1.pk) == 2  # advice + job fair
    assert data.count(a.pk, g2.pk) == 1
    assert data.count(b.pk, g1.pk) == 1
    assert data.count(b.pk, g2.pk) == 1
    assert data.count(c.pk, g1.pk) == 0  # only drafts and archived there
    assert data.count(c.pk, g3.pk) == 1
    assert data.count(a.pk, g1.pk, ServiceKind.JOB_FAIR) == 1
    assert data.count(b.pk, g3.pk) == 0
    assert len(data.counties) == 14
    rows = {row.county.pk: row for row in data.rows()}
    assert rows[a.pk].total == 2
    assert rows[c.pk].total == 1
    assert rows[counties[5].pk].total == 0


def test_kind_and_mode_filters_narrow_the_counts(fixture):  # type: ignore[no-untyped-def]
    a, _b, c = fixture["counties"][:3]
    g1, _g2, g3 = fixture["groups"][:3]
    fairs = selectors.coverage(kind=ServiceKind.JOB_FAIR)
    assert fairs.count(a.pk, g1.pk) == 1
    assert fairs.count(c.pk, g3.pk) == 0
    online = selectors.coverage(mode=ServiceMode.ONLINE)
    assert online.count(c.pk, g3.pk) == 1
    assert online.count(a.pk, g1.pk) == 0
    in_person = selectors.coverage(mode=ServiceMode.IN_PERSON)
    assert in_person.count(a.pk, g1.pk) == 2
    assert in_person.count(c.pk, g3.pk) == 0


def test_coordinator_sees_matrix_and_unserved_counties(coordinator_client, fixture):  # type: ignore[no-untyped-def]
    counties, groups = fixture["counties"], fixture["groups"]
    response = coordinator_client.get(URL, {"group": groups[0].code})
    assert response.status_code == 200
    assert response.context["group"] == groups[0]
    unserved = response.context["unserved"]
    assert counties[0] not in unserved and counties[1] not in unserved
    assert counties[2] in unserved
    assert len(unserved) == 12
    html = response.content.decode()
    assert 'id="unserved"' in html
    assert str(counties[2]) in html
    column = dict(response.context["column"])
    assert column[counties[0]] == 2


def test_map_data_has_the_shipped_geometry_and_counts(coordinator_client, fixture):  # type: ignore[no-untyped-def]
    counties, groups = fixture["counties"], fixture["groups"]
    response = coordinator_client.get(URL, {"format": "geojson", "group": groups[0].code})
    assert response.status_code == 200
    data = json.loads(response.content)
    features = {f["properties"]["teryt"]: f for f in data["features"]}
    assert len(features) == 14
    assert features[counties[0].teryt]["properties"]["count"] == 2
    assert features[counties[2].teryt]["properties"]["value"] is None
    assert features[counties[0].teryt]["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_invalid_filter_is_ignored_with_status_200(coordinator_client, fixture):  # type: ignore[no-untyped-def]
    response = coordinator_client.get(URL, {"kind": "nonsense", "group": "nobody"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["coverage"].kind == ""


def test_xlsx_has_the_right_numbers(coordinator_client, fixture):  # type: ignore[no-untyped-def]
    counties, groups = fixture["counties"], fixture["groups"]
    response = coordinator_client.get(XLSX_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 1 + len(ServiceKind.values) + 1
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 14
    assert rows[0][2 : 2 + len(groups)] == tuple(g.name for g in groups)
    by_teryt = {row[0]: row for row in rows[1:]}
    assert by_teryt[counties[0].teryt][2] == 2  # county a, group 1
    assert by_teryt[counties[0].teryt][3] == 1  # county a, group 2
    assert by_teryt[counties[2].teryt][2] == 0
    # Zero cells are highlighted.
    zero_row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == counties[2].teryt)
    assert zero_row[2].fill.fill_type == "solid"
    served_row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == counties[0].teryt)
    assert served_row[2].fill.fill_type is None
    fair_sheet = book.worksheets[1 + ServiceKind.values.index(ServiceKind.JOB_FAIR)]
    fair_rows = {r[0]: r for r in fair_sheet.iter_rows(min_row=2, values_only=True)}
    assert fair_rows[counties[0].teryt][2] == 1
    note = book.worksheets[-1]
    assert note.max_row >= 4


def test_xlsx_follows_the_kind_filter(coordinator_client, fixture):  # type: ignore[no-untyped-def]
    response = coordinator_client.get(XLSX_URL, {"kind": ServiceKind.JOB_FAIR})
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 3  # all (= the kind), the kind, the note
    counties = fixture["counties"]
    rows = {r[0]: r for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert rows[counties[1].teryt][2] == 0


@pytest.mark.parametrize("url", [URL, XLSX_URL])
def test_outsider_gets_404(outsider_client, region, url):  # type: ignore[no-untyped-def]
    assert outsider_client.get(url).status_code == 404


@pytest.mark.parametrize("url", [URL, XLSX_URL])
def test_anonymous_is_sent_to_login(anonymous_client, region, url):  # type: ignore[no-untyped-def]
    response = anonymous_client.get(url)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_query_ceiling_does_not_grow_with_data(
    coordinator_client, fixture, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    counties, groups = fixture["counties"], fixture["groups"]
    for i in range(10):
        GuidanceServiceFactory(counties=counties[i : i + 3], target_groups=groups[: (i % 4) + 1])
    with django_assert_max_num_queries(9):
        assert coordinator_client.get(URL).status_code == 200
    with django_assert_max_num_queries(9):
        assert coordinator_client.get(XLSX_URL).status_code == 200
