"""Barometr zawodów pages: two panels rating through their own logins (the issue's demo
step 2), who may see and do what, the import page, closing, and query ceilings."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from skillshub.accounts.tests.factories import UserFactory
from skillshub.labour_market.choices import ImportStatus, RoundStatus
from skillshub.labour_market.models import BarometrGroup, BarometrRating, BarometrRound, ImportRun

from .factories import (
    BarometrGroupFactory,
    BarometrRoundFactory,
    barometr_panels,
    occupation_with_ancestors,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def panels(region):  # type: ignore[no-untyped-def]
    return barometr_panels()


@pytest.fixture
def open_round(panels):  # type: ignore[no-untyped-def]
    barometr_round = BarometrRoundFactory(year=2025)
    for name in ("Spawacze", "Kucharze", "Kierowcy"):
        BarometrGroupFactory(round=barometr_round, name=name)
    return barometr_round


@pytest.fixture
def closed_round(panels):  # type: ignore[no-untyped-def]
    barometr_round = BarometrRoundFactory(year=2024, status=RoundStatus.CLOSED)
    BarometrGroupFactory(round=barometr_round, name="Spawacze")
    return barometr_round


def _member_client(panel, username: str) -> Client:  # type: ignore[no-untyped-def]
    user = UserFactory(username=username)
    panel.members.add(user)
    client = Client()
    client.force_login(user)
    return client


def _groups(barometr_round: BarometrRound) -> dict[str, int]:
    return dict(BarometrGroup.objects.filter(round=barometr_round).values_list("name", "pk"))


def test_two_panels_enter_their_ratings_through_their_logins(open_round, panels) -> None:  # type: ignore[no-untyped-def]
    zary = _member_client(panels["0811"], "expert-zary")
    zielona = _member_client(panels["0809"], "expert-zielona-gora")
    groups = _groups(open_round)
    url = reverse("labour_market:round_rate", args=[2025])

    page = zary.get(url)
    assert page.status_code == 200
    assert page.context["panel"] == panels["0811"]
    response = zary.post(
        url,
        {
            f"g{groups['Spawacze']}": "1",
            f"g{groups['Kucharze']}": "4",
            f"g{groups['Kierowcy']}": "",
        },
    )
    assert response.status_code == 302
    response = zielona.post(url, {f"g{groups['Spawacze']}": "2", f"g{groups['Kucharze']}": "0"})
    assert response.status_code == 302

    assert BarometrRating.objects.filter(panel=panels["0811"]).count() == 2
    assert BarometrRating.objects.filter(panel=panels["0809"]).count() == 2
    detail = zary.get(reverse("labour_market:round_detail", args=[2025]))
    rows = {r.name: r for r in detail.context["data"].rows}
    # Zielona Góra's panel covers the city and the county: two counties at level 2.
    assert rows["Spawacze"].counts[1] == 1
    assert rows["Spawacze"].counts[2] == 2
    assert rows["Kucharze"].counts[4] == 1
    progress = {p.panel_id: p for p in detail.context["progress"]}
    assert progress[panels["0811"].pk].rated == 2
    assert progress[panels["0809"].pk].rated == 1
    assert progress[panels["0809"].pk].no_rating == 1


def test_member_of_one_panel_cannot_rate_for_another(open_round, panels) -> None:  # type: ignore[no-untyped-def]
    zary = _member_client(panels["0811"], "expert-zary")
    groups = _groups(open_round)
    url = reverse("labour_market:round_rate", args=[2025])
    assert zary.get(url, {"panel": panels["0805"].pk}).status_code == 404
    response = zary.post(url, {"panel": panels["0805"].pk, f"g{groups['Spawacze']}": "1"})
    assert response.status_code == 404
    assert not BarometrRating.objects.exists()


def test_member_of_two_panels_chooses_the_panel(open_round, panels) -> None:  # type: ignore[no-untyped-def]
    client = _member_client(panels["0811"], "expert-two")
    panels["0810"].members.add(client.session["_auth_user_id"])
    groups = _groups(open_round)
    url = reverse("labour_market:round_rate", args=[2025])
    page = client.get(url, {"panel": panels["0810"].pk})
    assert page.context["panel"] == panels["0810"]
    assert len(page.context["panels"]) == 2
    client.post(url, {"panel": panels["0810"].pk, f"g{groups['Kierowcy']}": "3"})
    assert BarometrRating.objects.get().panel == panels["0810"]


def test_staff_may_rate_for_any_panel(open_round, panels, coordinator_client) -> None:  # type: ignore[no-untyped-def]
    groups = _groups(open_round)
    url = reverse("labour_market:round_rate", args=[2025])
    response = coordinator_client.post(
        url, {"panel": panels["0805"].pk, f"g{groups['Kierowcy']}": "5"}
    )
    assert response.status_code == 302
    assert BarometrRating.objects.get().panel == panels["0805"]


def test_outsider_cannot_rate(open_round, outsider_client, anonymous_client) -> None:  # type: ignore[no-untyped-def]
    url = reverse("labour_market:round_rate", args=[2025])
    assert outsider_client.get(url).status_code == 404
    assert anonymous_client.get(url).status_code == 302  # to the login page


def test_closed_round_refuses_ratings_through_the_view(closed_round, panels) -> None:  # type: ignore[no-untyped-def]
    zary = _member_client(panels["0811"], "expert-zary")
    groups = _groups(closed_round)
    response = zary.post(
        reverse("labour_market:round_rate", args=[2024]), {f"g{groups['Spawacze']}": "1"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("labour_market:round_detail", args=[2024])
    assert not BarometrRating.objects.exists()


def test_staff_close_the_round(open_round, coordinator_client, panels) -> None:  # type: ignore[no-untyped-def]
    url = reverse("labour_market:round_close", args=[2025])
    assert coordinator_client.get(url).status_code == 405
    assert coordinator_client.post(url).status_code == 302
    open_round.refresh_from_db()
    assert open_round.status == RoundStatus.CLOSED
    page = coordinator_client.get(reverse("labour_market:round_detail", args=[2025]))
    assert page.context["is_open"] is False


def test_panel_member_cannot_close_the_round(open_round, panels) -> None:  # type: ignore[no-untyped-def]
    zary = _member_client(panels["0811"], "expert-zary")
    assert zary.post(reverse("labour_market:round_close", args=[2025])).status_code == 404
    open_round.refresh_from_db()
    assert open_round.status == RoundStatus.OPEN


# --- Who sees which round -------------------------------------------------------------------


def test_closed_round_is_public(closed_round, anonymous_client) -> None:  # type: ignore[no-untyped-def]
    assert (
        anonymous_client.get(reverse("labour_market:round_detail", args=[2024])).status_code == 200
    )
    group = BarometrGroup.objects.get(round=closed_round)
    url = reverse("labour_market:group_detail", args=[2024, group.pk])
    assert anonymous_client.get(url).status_code == 200


def test_open_round_is_hidden_from_the_public(
    open_round, anonymous_client, outsider_client
) -> None:  # type: ignore[no-untyped-def]
    url = reverse("labour_market:round_detail", args=[2025])
    assert anonymous_client.get(url).status_code == 404
    assert outsider_client.get(url).status_code == 404
    listing = anonymous_client.get(reverse("labour_market:round_list"))
    assert listing.status_code == 200
    assert list(listing.context["rounds"]) == []


def test_open_round_is_shown_to_panel_members_and_staff(
    open_round, panels, coordinator_client
) -> None:  # type: ignore[no-untyped-def]
    zary = _member_client(panels["0811"], "expert-zary")
    url = reverse("labour_market:round_detail", args=[2025])
    assert zary.get(url).status_code == 200
    assert coordinator_client.get(url).status_code == 200
    assert [r.year for r in zary.get(reverse("labour_market:round_list")).context["rounds"]] == [
        2025
    ]


def test_group_of_another_round_is_not_found(open_round, closed_round, anonymous_client) -> None:  # type: ignore[no-untyped-def]
    group = BarometrGroup.objects.get(round=open_round, name="Spawacze")
    url = reverse("labour_market:group_detail", args=[2024, group.pk])
    assert anonymous_client.get(url).status_code == 404


def test_group_map_json_carries_each_county_level(closed_round, panels, anonymous_client) -> None:  # type: ignore[no-untyped-def]
    group = BarometrGroup.objects.get(round=closed_round)
    BarometrRating.objects.create(round=closed_round, group=group, panel=panels["0809"], level=2)
    url = reverse("labour_market:group_detail", args=[2024, group.pk])
    data = json.loads(anonymous_client.get(url, {"format": "geojson"}).content)
    by_teryt = {f["properties"]["teryt"]: f["properties"] for f in data["features"]}
    assert len(by_teryt) == 14
    assert by_teryt["0862"]["value"] == by_teryt["0809"]["value"] == 2
    assert by_teryt["0811"]["value"] is None
    page = anonymous_client.get(url)
    assert len(page.context["counties"]) == 14


# --- Creating a round and importing ------------------------------------------------------------


def test_staff_open_a_round(region, coordinator_client) -> None:  # type: ignore[no-untyped-def]
    occupation_with_ancestors("722204")
    url = reverse("labour_market:round_create")
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(url, {"year": "2026", "groups_text": "Spawacze;722204\n"})
    assert response.status_code == 302
    assert BarometrRound.objects.get().groups.get().name == "Spawacze"


def test_open_a_round_with_unknown_code_shows_the_row(region, coordinator_client) -> None:  # type: ignore[no-untyped-def]
    occupation_with_ancestors("722204")
    upload = SimpleUploadedFile("groups.csv", "Spawacze;722204\nInni;123456\n".encode("cp1250"))
    response = coordinator_client.post(
        reverse("labour_market:round_create"), {"year": "2026", "groups_file": upload}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["groups_file"]
    assert not BarometrRound.objects.exists()


def test_round_create_is_for_staff(region, outsider_client, panels) -> None:  # type: ignore[no-untyped-def]
    assert outsider_client.get(reverse("labour_market:round_create")).status_code == 404
    zary = _member_client(panels["0811"], "expert-zary")
    assert zary.get(reverse("labour_market:round_create")).status_code == 404


def test_staff_import_good_bad_and_again(open_round, panels, coordinator_client) -> None:  # type: ignore[no-untyped-def]
    url = reverse("labour_market:round_import", args=[2025])
    assert coordinator_client.get(url).status_code == 200
    good = b"panel;grupa;ocena\n0811;Spawacze;2\n0809;Kucharze;DEFICYT\n"
    response = coordinator_client.post(url, {"file": SimpleUploadedFile("b.csv", good)})
    assert response.status_code == 302
    assert BarometrRating.objects.count() == 2
    response = coordinator_client.post(url, {"file": SimpleUploadedFile("b.csv", good)})
    assert response.status_code == 302
    assert ImportRun.objects.first().status == ImportStatus.UNCHANGED  # type: ignore[union-attr]
    bad = b"panel;grupa;ocena\n0811;Spawacze;1\n0811;Nikt;9\n"
    response = coordinator_client.post(url, {"file": SimpleUploadedFile("c.csv", bad)})
    assert response.status_code == 400
    assert response.context["run"].status == ImportStatus.FAILED
    assert BarometrRating.objects.get(panel=panels["0811"]).level == 2


def test_import_is_for_staff(open_round, panels) -> None:  # type: ignore[no-untyped-def]
    zary = _member_client(panels["0811"], "expert-zary")
    assert zary.get(reverse("labour_market:round_import", args=[2025])).status_code == 404


def test_staff_set_panel_members_on_the_round_page(open_round, panels, coordinator_client) -> None:  # type: ignore[no-untyped-def]
    expert = UserFactory(username="expert-new")
    url = reverse("labour_market:round_detail", args=[2025])
    page = coordinator_client.get(url, {"members": panels["0811"].pk})
    assert page.context["members_panel"] == panels["0811"]
    response = coordinator_client.post(url, {"panel": panels["0811"].pk, "members": [expert.pk]})
    assert response.status_code == 302
    assert list(panels["0811"].members.all()) == [expert]


def test_panel_member_cannot_set_members(open_round, panels) -> None:  # type: ignore[no-untyped-def]
    zary = _member_client(panels["0811"], "expert-zary")
    url = reverse("labour_market:round_detail", args=[2025])
    assert zary.post(url, {"panel": panels["0805"].pk, "members": []}).status_code == 404


# --- Query ceilings --------------------------------------------------------------------------


def _many_ratings(barometr_round: BarometrRound, panels: dict, groups: int) -> None:  # type: ignore[type-arg]
    created = [
        BarometrGroupFactory(round=barometr_round, name=f"Grupa {i:03d}") for i in range(groups)
    ]
    BarometrRating.objects.bulk_create(
        [
            BarometrRating(round=barometr_round, group=g, panel=p, level=(i % 6))
            for g in created
            for i, p in enumerate(panels.values())
        ]
    )


@pytest.mark.parametrize("groups", [2, 30])
def test_round_pages_query_ceiling(  # type: ignore[no-untyped-def]
    closed_round, open_round, panels, coordinator_client, django_assert_max_num_queries, groups
) -> None:
    _many_ratings(closed_round, panels, groups)
    _many_ratings(open_round, panels, groups)
    group = BarometrGroup.objects.filter(round=open_round).first()
    assert group is not None
    with django_assert_max_num_queries(11):
        url = reverse("labour_market:round_detail", args=[2025])
        assert coordinator_client.get(url).status_code == 200
    with django_assert_max_num_queries(4):
        assert coordinator_client.get(reverse("labour_market:round_list")).status_code == 200
    with django_assert_max_num_queries(7):
        url = reverse("labour_market:group_detail", args=[2025, group.pk])
        assert coordinator_client.get(url).status_code == 200
    with django_assert_max_num_queries(6):
        url = reverse("labour_market:round_rate", args=[2025])
        assert coordinator_client.get(url).status_code == 200
