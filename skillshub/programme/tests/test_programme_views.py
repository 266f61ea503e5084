"""The programme's pages: the staff flow from a new programme to an adopted revision, who sees
drafts, who may write, bad input kept in the form, and query ceilings on the tree pages."""

from __future__ import annotations

import datetime
from decimal import Decimal as D

import pytest
from django.contrib.messages import ERROR, get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from skillshub.core.models import County, StrategyArea
from skillshub.programme import services as svc
from skillshub.programme.choices import NodeKind, VersionStatus
from skillshub.programme.models import IndicatorLink, Measurement, Node, Programme
from skillshub.programme.tests.factories import IndicatorFactory
from skillshub.stakeholders.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def url(name: str, *args: object) -> str:
    return reverse(f"programme:{name}", args=args)


@pytest.fixture
def team_member_client(team_member) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(team_member)
    return client


@pytest.fixture
def programme(coordinator):  # type: ignore[no-untyped-def]
    return svc.programme_create(
        actor=coordinator,
        data={"name": "Program (demo)", "start_year": 2024, "end_year": 2030},
    )


def _objective(version, coordinator, code="1", order=0):  # type: ignore[no-untyped-def]
    return svc.node_create(
        version=version,
        actor=coordinator,
        data={"kind": NodeKind.OBJECTIVE, "code": code, "title": f"Cel {code}", "order": order},
    )


def _action(version, coordinator, parent, code):  # type: ignore[no-untyped-def]
    return svc.node_create(
        version=version,
        actor=coordinator,
        data={
            "kind": NodeKind.ACTION,
            "code": code,
            "title": f"Działanie {code}",
            "parent": parent,
        },
    )


def _adopt(version, coordinator):  # type: ignore[no-untyped-def]
    return svc.version_set_status(
        version=version,
        actor=coordinator,
        status=VersionStatus.ADOPTED,
        adopted_on=datetime.date(2024, 3, 1),
        adopted_by="Uchwała nr 1/2024 (demo)",
    )


def _node_post(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": NodeKind.OBJECTIVE,
        "code": "1",
        "title": "Cel",
        "description": "",
        "order": "0",
        "weight": "1",
    }
    data.update(overrides)
    return data


def _errors(response) -> list[int]:  # type: ignore[no-untyped-def]
    return [m.level for m in get_messages(response.wsgi_request) if m.level == ERROR]


# --- The whole staff flow -----------------------------------------------------------------------


def test_staff_take_a_programme_from_draft_to_an_adopted_revision(coordinator_client, region):
    lead = InstitutionFactory()
    partner = InstitutionFactory()
    area = StrategyArea.objects.filter(part="detailed").first()
    county = County.objects.in_region().first()
    assert area is not None and county is not None

    # A new programme, with its first draft version.
    response = coordinator_client.post(
        url("programme_create"),
        {
            "name": "Program wdrażania ZSU 2030 (demo)",
            "start_year": "2024",
            "end_year": "2030",
            "description": "",
            "rollup_rule": "weighted",
        },
    )
    programme = Programme.objects.get()
    assert response.status_code == 302
    assert response["Location"] == programme.get_absolute_url()
    v1 = programme.versions.get()
    assert v1.status == VersionStatus.DRAFT

    # An objective, then an action under it.
    response = coordinator_client.post(
        url("node_create", v1.pk), _node_post(code="1", title="Kompetencje", areas=[area.pk])
    )
    assert response.status_code == 302
    objective = v1.nodes.get(code="1")
    assert list(objective.areas.all()) == [area]
    response = coordinator_client.get(
        url("node_create", v1.pk) + f"?parent={objective.pk}&kind=action"
    )
    assert response.status_code == 200
    assert response.context["form"].initial["parent"] == objective
    response = coordinator_client.post(
        url("node_create", v1.pk),
        _node_post(
            kind=NodeKind.ACTION,
            parent=objective.pk,
            code="1.1",
            title="Doradztwo",
            lead=lead.pk,
            partners=[partner.pk],
            counties=[county.pk],
            start_date="2024-01-01",
            end_date="2026-12-31",
            funding_source="fers",
            budget_planned="100000",
            budget_spent="2500.50",
            status="on_track",
        ),
    )
    assert response.status_code == 302
    action = v1.nodes.get(code="1.1")
    assert action.parent == objective
    assert action.lead == lead
    assert list(action.partners.all()) == [partner]
    assert list(action.counties.all()) == [county]
    assert action.budget_planned == D("100000")
    response = coordinator_client.get(url("version_detail", v1.pk))
    assert response.status_code == 200
    assert [row.node.code for row in response.context["rows"]] == ["1", "1.1"]
    assert response.context["can_adopt"] and response.context["can_edit"]

    # Adopted with the board's resolution.
    response = coordinator_client.post(
        url("version_status", v1.pk),
        {"status": "adopted", "adopted_by": "Uchwała nr 5/2024", "adopted_on": "2024-03-01"},
    )
    assert response.status_code == 302
    v1.refresh_from_db()
    assert v1.status == VersionStatus.ADOPTED
    assert v1.adopted_by == "Uchwała nr 5/2024"
    assert v1.adopted_on == datetime.date(2024, 3, 1)

    # The frozen version: no edit links, and every write is refused with nothing changed.
    response = coordinator_client.get(url("version_detail", v1.pk))
    assert not response.context["can_edit"]
    assert response.context["can_revise"]
    assert url("node_edit", action.pk).encode() not in response.content
    response = coordinator_client.post(
        url("node_edit", action.pk), _node_post(code="1.1", title="Zmiana", parent=objective.pk)
    )
    assert response.status_code == 302
    assert response["Location"] == v1.get_absolute_url()
    assert _errors(response)
    action.refresh_from_db()
    assert action.title == "Doradztwo"
    response = coordinator_client.post(url("node_create", v1.pk), _node_post(code="2"))
    assert response.status_code == 302 and _errors(response)
    response = coordinator_client.post(url("node_delete", action.pk))
    assert response.status_code == 302 and _errors(response)
    assert v1.nodes.count() == 2

    # A revision copies the tree; its copy of the action is edited.
    response = coordinator_client.post(url("version_revise", v1.pk), {"note": "Przegląd 2026"})
    v2 = programme.versions.get(number=2)
    assert response.status_code == 302
    assert response["Location"] == v2.get_absolute_url()
    assert v2.based_on == v1 and v2.status == VersionStatus.DRAFT and v2.note == "Przegląd 2026"
    copy = v2.nodes.get(key=action.key)
    response = coordinator_client.get(url("node_edit", copy.pk))
    assert response.status_code == 200
    data = {
        **response.context["form"].initial,
        "title": "Doradztwo zawodowe",
        "budget_planned": "120000",
    }
    post = {
        key: [obj.pk for obj in value]
        if isinstance(value, list)
        else (value.pk if hasattr(value, "pk") else ("" if value is None else value))
        for key, value in data.items()
    }
    response = coordinator_client.post(url("node_edit", copy.pk), post)
    assert response.status_code == 302
    copy.refresh_from_db()
    assert copy.title == "Doradztwo zawodowe"
    assert list(copy.partners.all()) == [partner]
    action.refresh_from_db()
    assert action.title == "Doradztwo"

    # The diff shows the change, field by field.
    response = coordinator_client.get(url("version_diff", v2.pk))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(r["change"].kind, r["change"].code) for r in rows] == [("changed", "1.1")]
    assert {(f["old"], f["new"]) for f in rows[0]["fields"]} == {
        ("Doradztwo", "Doradztwo zawodowe"),
        (D("100000.00"), D("120000.00")),
    }

    # The revision adopted; the old version superseded.
    response = coordinator_client.post(
        url("version_status", v2.pk),
        {"status": "adopted", "adopted_by": "Uchwała nr 9/2026", "adopted_on": "2026-06-01"},
    )
    assert response.status_code == 302
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert v1.status == VersionStatus.SUPERSEDED
    assert v2.status == VersionStatus.ADOPTED
    response = coordinator_client.get(programme.get_absolute_url())
    assert response.context["version"] == v2
    assert [v.number for v in response.context["versions"]] == [2, 1]


def test_a_version_goes_to_consultation_and_back(coordinator_client, programme, coordinator):
    version = programme.versions.get()
    response = coordinator_client.post(url("version_status", version.pk), {"status": "consulted"})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.CONSULTED
    coordinator_client.post(url("version_status", version.pk), {"status": "draft"})
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_a_node_with_children_is_not_deleted(coordinator_client, programme, coordinator):
    version = programme.versions.get()
    objective = _objective(version, coordinator)
    _action(version, coordinator, objective, "1.1")
    assert coordinator_client.get(url("node_delete", objective.pk)).status_code == 200
    response = coordinator_client.post(url("node_delete", objective.pk))
    assert response.status_code == 302 and _errors(response)
    assert version.nodes.count() == 2


# --- Who sees what ------------------------------------------------------------------------------


def test_the_public_sees_the_adopted_programme_but_not_drafts(
    anonymous_client, team_member_client, programme, coordinator
):
    version = programme.versions.get()
    objective = _objective(version, coordinator)
    for page in (url("version_detail", version.pk), url("node_detail", objective.pk)):
        assert anonymous_client.get(page).status_code == 404
        assert team_member_client.get(page).status_code == 200
    response = anonymous_client.get(programme.get_absolute_url())
    assert response.status_code == 200
    assert response.context["version"] is None
    assert response.context["versions"] == []
    assert objective.title.encode() not in response.content
    listing = anonymous_client.get(url("programme_list"))
    assert listing.status_code == 200
    assert listing.context["items"][0]["version"] is None

    _adopt(version, coordinator)
    response = anonymous_client.get(programme.get_absolute_url())
    assert response.context["version"] == version
    assert objective.title.encode() in response.content
    assert anonymous_client.get(url("version_detail", version.pk)).status_code == 200
    assert anonymous_client.get(url("node_detail", objective.pk)).status_code == 200
    assert not anonymous_client.get(url("version_detail", version.pk)).context["can_revise"]

    # A revision in progress stays hidden from the public, and is linked for the WZK.
    revision = svc.version_revise(version=version, actor=coordinator)
    assert anonymous_client.get(url("version_detail", revision.pk)).status_code == 404
    assert anonymous_client.get(url("version_diff", revision.pk)).status_code == 404
    assert anonymous_client.get(programme.get_absolute_url()).context["revision"] is None
    member_page = team_member_client.get(programme.get_absolute_url())
    assert member_page.context["revision"] == revision
    assert team_member_client.get(url("version_diff", revision.pk)).status_code == 200


@pytest.mark.parametrize("who", ["outsider_client", "team_member_client"])
def test_outsiders_and_members_cannot_write(who, request, programme, coordinator):
    client = request.getfixturevalue(who)
    version = programme.versions.get()
    objective = _objective(version, coordinator)
    posts = [
        (url("programme_create"), {"name": "X", "start_year": "2024", "end_year": "2030",
                                   "rollup_rule": "weighted"}),
        (url("programme_edit", programme.pk), {"name": "X", "start_year": "2024",
                                               "end_year": "2030", "rollup_rule": "weighted"}),
        (url("node_create", version.pk), _node_post(code="9")),
        (url("node_edit", objective.pk), _node_post(code="1", title="Zmiana")),
        (url("node_delete", objective.pk), {}),
        (url("version_status", version.pk), {"status": "adopted", "adopted_by": "U",
                                              "adopted_on": "2024-03-01"}),
        (url("version_status", version.pk), {"status": "consulted"}),
    ]  # fmt: skip
    for page, data in posts:
        assert client.post(page, data).status_code == 404, page
    assert client.get(url("programme_create")).status_code == 404
    assert Programme.objects.count() == 1
    programme.refresh_from_db()
    assert programme.name == "Program (demo)"
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    assert list(version.nodes.values_list("title", flat=True)) == ["Cel 1"]
    _adopt(version, coordinator)
    assert client.post(url("version_revise", version.pk), {"note": ""}).status_code == 404
    assert programme.versions.count() == 1


def test_anonymous_writes_are_sent_to_log_in(anonymous_client, programme):
    version = programme.versions.get()
    response = anonymous_client.post(url("node_create", version.pk), _node_post())
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert not Node.objects.exists()


# --- Bad input ----------------------------------------------------------------------------------


def test_an_action_without_a_parent_comes_back_in_the_form(coordinator_client, programme):
    version = programme.versions.get()
    response = coordinator_client.post(
        url("node_create", version.pk), _node_post(kind="action", code="1.1", title="Samo")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["parent"]
    assert response.context["form"]["title"].value() == "Samo"
    assert not Node.objects.exists()


def test_an_end_before_the_start_comes_back_in_the_form(coordinator_client, programme, coordinator):
    version = programme.versions.get()
    objective = _objective(version, coordinator)
    response = coordinator_client.post(
        url("node_create", version.pk),
        _node_post(
            kind="action",
            parent=objective.pk,
            code="1.1",
            start_date="2025-01-01",
            end_date="2024-01-01",
        ),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["end_date"]
    assert version.nodes.count() == 1


def test_a_parent_from_another_version_is_not_offered(coordinator_client, programme, coordinator):
    other = svc.programme_create(
        actor=coordinator, data={"name": "Inny", "start_year": 2024, "end_year": 2030}
    )
    foreign = _objective(other.versions.get(), coordinator)
    version = programme.versions.get()
    response = coordinator_client.post(
        url("node_create", version.pk),
        _node_post(kind="action", parent=foreign.pk, code="1.1"),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["parent"]
    assert not version.nodes.exists()


def test_a_programme_ending_before_it_starts_comes_back(coordinator_client):
    response = coordinator_client.post(
        url("programme_create"),
        {"name": "P", "start_year": "2030", "end_year": "2024", "rollup_rule": "weighted"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["end_year"]
    assert not Programme.objects.exists()


def test_adoption_without_the_resolution_is_refused(coordinator_client, programme, coordinator):
    version = programme.versions.get()
    _objective(version, coordinator)
    response = coordinator_client.post(url("version_status", version.pk), {"status": "adopted"})
    assert response.status_code == 400
    form = response.context["adopt_form"]
    assert form.errors["adopted_by"] and form.errors["adopted_on"]
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_a_second_revision_is_refused(coordinator_client, programme, coordinator):
    version = programme.versions.get()
    _objective(version, coordinator)
    _adopt(version, coordinator)
    svc.version_revise(version=version, actor=coordinator)
    response = coordinator_client.post(url("version_revise", version.pk), {"note": ""})
    assert response.status_code == 302 and _errors(response)
    assert programme.versions.count() == 2


def test_programme_edit_saves_the_rollup_rule(coordinator_client, programme):
    response = coordinator_client.get(url("programme_edit", programme.pk))
    assert response.status_code == 200
    response = coordinator_client.post(
        url("programme_edit", programme.pk),
        {"name": "Nowa nazwa", "start_year": "2024", "end_year": "2031",
         "rollup_rule": "unweighted", "description": "Opis"},
    )  # fmt: skip
    assert response.status_code == 302
    programme.refresh_from_db()
    assert (programme.name, programme.end_year, programme.rollup_rule) == (
        "Nowa nazwa",
        2031,
        "unweighted",
    )


# --- Progress on the pages ----------------------------------------------------------------------


def test_node_detail_shows_its_indicators_and_rolled_up_progress(
    anonymous_client, programme, coordinator
):
    version = programme.versions.get()
    objective = _objective(version, coordinator)
    action = _action(version, coordinator, objective, "1.1")
    _action(version, coordinator, objective, "1.2")
    indicator = IndicatorFactory(programme=programme, baseline_value=D("10"))
    svc.target_set(indicator=indicator, actor=coordinator, year=2030, value="20")
    Measurement.objects.create(indicator=indicator, year=2025, value=D("16"))
    IndicatorLink.objects.create(indicator=indicator, node=action)
    _adopt(version, coordinator)

    response = anonymous_client.get(url("node_detail", action.pk))
    assert response.status_code == 200
    [item] = response.context["indicators"]
    assert item["state"].progress == pytest.approx(0.6)
    assert b"60%" in response.content
    response = anonymous_client.get(url("node_detail", objective.pk))
    state = response.context["state"]
    assert state.progress.progress == pytest.approx(0.6)
    assert (state.progress.parts, state.progress.with_data) == (2, 1)
    assert [c.node.code for c in response.context["children_states"]] == ["1.1", "1.2"]
    response = anonymous_client.get(programme.get_absolute_url())
    assert b"60%" in response.content


# --- Query ceilings -----------------------------------------------------------------------------


def _tree_of(objectives: int, coordinator):  # type: ignore[no-untyped-def]
    programme = svc.programme_create(
        actor=coordinator,
        data={"name": f"P{objectives}", "start_year": 2024, "end_year": 2030},
    )
    version = programme.versions.get()
    lead = InstitutionFactory()
    indicator = IndicatorFactory(programme=programme)
    svc.target_set(indicator=indicator, actor=coordinator, year=2030, value="20")
    Measurement.objects.create(indicator=indicator, year=2025, value=D("12"))
    for i in range(objectives):
        objective = _objective(version, coordinator, code=f"{i + 1}", order=i)
        IndicatorLink.objects.create(indicator=indicator, node=objective)
        for j in range(5):
            action = _action(version, coordinator, objective, f"{i + 1}.{j + 1}")
            Node.objects.filter(pk=action.pk).update(lead=lead, budget_planned=D("1000"))
    return programme, version


def _count(client: Client, page: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["programme_detail", "version_detail"])
def test_tree_pages_do_not_grow_with_the_tree(page, coordinator_client, coordinator, region):
    small, small_version = _tree_of(2, coordinator)
    large, large_version = _tree_of(5, coordinator)
    pk = {"programme_detail": (small.pk, large.pk),
          "version_detail": (small_version.pk, large_version.pk)}[page]  # fmt: skip
    coordinator_client.get(url(page, pk[0]))  # warm the session and per-process caches
    few = _count(coordinator_client, url(page, pk[0]))
    many = _count(coordinator_client, url(page, pk[1]))
    assert many == few
    assert many <= 15


def test_public_tree_pages_stay_within_the_ceiling(
    anonymous_client, coordinator, region, django_assert_max_num_queries
):
    programme, version = _tree_of(5, coordinator)
    _adopt(version, coordinator)
    action = version.nodes.filter(kind=NodeKind.ACTION).first()
    assert action is not None
    for page in (
        url("programme_list"),
        programme.get_absolute_url(),
        url("version_detail", version.pk),
        url("node_detail", action.pk),
    ):
        with django_assert_max_num_queries(15):
            assert anonymous_client.get(page).status_code == 200


def test_the_diff_stays_within_the_ceiling(
    team_member_client, coordinator, region, django_assert_max_num_queries
):
    _programme, version = _tree_of(5, coordinator)
    _adopt(version, coordinator)
    revision = svc.version_revise(version=version, actor=coordinator)
    Node.objects.filter(version=revision, kind=NodeKind.ACTION).update(
        title="Zmienione", lead=InstitutionFactory()
    )
    with django_assert_max_num_queries(10):
        response = team_member_client.get(url("version_diff", revision.pk))
    assert response.status_code == 200
    assert len(response.context["rows"]) == 25
