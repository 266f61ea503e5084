"""The reference strategy: the public tree per edition, staff editing of themes and directions,
refusals, and a new edition that copies the current one without breaking old links."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory
from skillshub.core.models import AuditEntry, StrategyArea
from skillshub.programme import services_strategy as svc
from skillshub.programme.models import StrategyDirection, StrategyEdition, StrategyTheme
from skillshub.programme.tests.factories import NodeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("region")]

DETAIL = reverse("programme:strategy_detail")


@pytest.fixture
def edition(coordinator):
    edition = svc.edition_create(actor=coordinator, name="ZSU 2030, część szczegółowa (2020)")
    area = StrategyArea.objects.get(part="detailed", number=6)
    theme = svc.theme_create(
        edition=edition,
        actor=coordinator,
        data={"area": area, "code": "6.1", "name": "Doradztwo w szkołach", "order": 1},
    )
    svc.direction_create(
        theme=theme, actor=coordinator, data={"code": "6.1.1", "name": "Kadry", "order": 1}
    )
    return edition


def _grow(edition, coordinator, n):
    areas = list(StrategyArea.objects.filter(part="detailed"))
    for i in range(n):
        theme = svc.theme_create(
            edition=edition,
            actor=coordinator,
            data={"area": areas[i % 8], "code": f"X{i}", "name": f"Temat {i}", "order": i},
        )
        for k in range(3):
            svc.direction_create(
                theme=theme, actor=coordinator, data={"code": f"X{i}.{k}", "name": "K", "order": k}
            )


def test_the_tree_is_public_and_its_queries_do_not_grow(anonymous_client, coordinator, edition):
    response = anonymous_client.get(DETAIL)
    assert response.status_code == 200
    assert "6.1.1" in response.content.decode()
    assert reverse("programme:theme_create") not in response.content.decode()
    with CaptureQueriesContext(connection) as small:
        anonymous_client.get(DETAIL)
    _grow(edition, coordinator, 12)
    with CaptureQueriesContext(connection) as large:
        response = anonymous_client.get(DETAIL)
    assert "X11.2" in response.content.decode()
    assert len(large.captured_queries) == len(small.captured_queries) <= 8


def test_the_page_works_with_no_edition_yet(anonymous_client, coordinator_client):
    assert anonymous_client.get(DETAIL).status_code == 200
    assert coordinator_client.get(DETAIL).status_code == 200
    assert anonymous_client.get(DETAIL + "?edition=999").status_code == 404
    response = coordinator_client.get(reverse("programme:theme_create"))
    assert response.status_code == 302


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member"])
def test_only_staff_edit(who, anonymous_client, outsider_client, client, edition):
    theme = StrategyTheme.objects.get()
    direction = StrategyDirection.objects.get()
    if who == "member":
        client.force_login(UserFactory(role=Role.TEAM_MEMBER))
    http = {"anonymous": anonymous_client, "outsider": outsider_client, "member": client}[who]
    urls = [
        reverse("programme:theme_create"),
        reverse("programme:theme_edit", args=[theme.pk]),
        reverse("programme:direction_create", args=[theme.pk]),
        reverse("programme:direction_edit", args=[direction.pk]),
    ]
    for url in urls:
        get = http.get(url)
        post = http.post(url, {"code": "Z", "name": "Z", "order": 0})
        expected = (302,) if who == "anonymous" else (404,)
        assert get.status_code in expected and post.status_code in expected
    response = http.post(DETAIL, {"name": "Nowa edycja"})
    assert response.status_code == 404
    assert StrategyEdition.objects.count() == 1
    assert StrategyTheme.objects.get().code == "6.1"
    assert StrategyDirection.objects.count() == 1


def test_staff_add_and_edit_a_theme_and_a_direction(coordinator_client, edition):
    area = StrategyArea.objects.get(part="detailed", number=1)
    response = coordinator_client.get(reverse("programme:theme_create"))
    assert response.status_code == 200
    response = coordinator_client.post(
        reverse("programme:theme_create"),
        {"area": area.pk, "code": "1.1", "name": "Umiejętności podstawowe", "order": 1},
    )
    assert response.status_code == 302
    theme = StrategyTheme.objects.get(code="1.1")
    assert theme.edition == edition and theme.area == area
    response = coordinator_client.post(
        reverse("programme:theme_edit", args=[theme.pk]),
        {"area": area.pk, "code": "1.1", "name": "Umiejętności podstawowe dorosłych", "order": 2},
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name.endswith("dorosłych") and theme.order == 2
    response = coordinator_client.post(
        reverse("programme:direction_create", args=[theme.pk]),
        {"code": "1.1.1", "name": "Kursy", "order": 0},
    )
    assert response.status_code == 302
    direction = theme.directions.get()
    response = coordinator_client.post(
        reverse("programme:direction_edit", args=[direction.pk]),
        {"code": "1.1.1", "name": "Kursy KKZ", "order": 0},
    )
    assert response.status_code == 302
    direction.refresh_from_db()
    assert direction.name == "Kursy KKZ"
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert {"strategy_theme_create", "strategy_theme_update", "strategy_direction_create",
            "strategy_direction_update"} <= verbs  # fmt: skip


def test_a_duplicate_code_is_refused_and_nothing_written(coordinator_client, edition):
    area = StrategyArea.objects.get(part="detailed", number=6)
    response = coordinator_client.post(
        reverse("programme:theme_create"),
        {"area": area.pk, "code": "6.1", "name": "Drugi temat", "order": 0},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["code"]
    assert response.context["form"]["name"].value() == "Drugi temat"
    assert StrategyTheme.objects.count() == 1
    theme = StrategyTheme.objects.get()
    response = coordinator_client.post(
        reverse("programme:direction_create", args=[theme.pk]),
        {"code": "6.1.1", "name": "Duplikat", "order": 0},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["code"]
    assert StrategyDirection.objects.count() == 1


def test_a_priority_area_or_bad_input_is_refused(coordinator_client, edition):
    general = StrategyArea.objects.get(part="general", number=1)
    for data in (
        {"area": general.pk, "code": "G1", "name": "Zły obszar", "order": 0},
        {"area": "", "code": "", "name": "", "order": "x"},
    ):
        response = coordinator_client.post(reverse("programme:theme_create"), data)
        assert response.status_code == 400
    assert StrategyTheme.objects.count() == 1


def test_a_new_edition_copies_the_current_one_and_old_links_hold(
    coordinator, coordinator_client, edition
):
    old_theme = StrategyTheme.objects.get()
    old_direction = StrategyDirection.objects.get()
    node = NodeFactory()
    node.directions.add(old_direction)

    response = coordinator_client.post(DETAIL, {"name": "ZSU 2030, edycja 2026 (demo)"})
    assert response.status_code == 302
    new = StrategyEdition.objects.get(is_current=True)
    assert new.name == "ZSU 2030, edycja 2026 (demo)"
    assert StrategyEdition.objects.filter(is_current=True).count() == 1
    copy = new.themes.get()
    assert copy.pk != old_theme.pk and copy.code == old_theme.code
    assert copy.area_id == old_theme.area_id
    assert [d.code for d in copy.directions.all()] == ["6.1.1"]
    # The old rows stay, with the node's link to them.
    assert StrategyTheme.objects.count() == 2
    assert list(node.directions.all()) == [old_direction]
    old_direction.refresh_from_db()
    assert old_direction.theme.edition == edition

    # Editing the copy leaves the old edition alone.
    coordinator_client.post(
        reverse("programme:direction_edit", args=[copy.directions.get().pk]),
        {"code": "6.1.1", "name": "Zmieniona nazwa", "order": 0},
    )
    old_direction.refresh_from_db()
    assert old_direction.name == "Kadry"

    # Both editions are shown; the old one by its address.
    response = coordinator_client.get(DETAIL + f"?edition={edition.pk}")
    assert response.status_code == 200 and response.context["edition"] == edition
    assert "Kadry" in response.content.decode()
    assert coordinator_client.get(DETAIL).context["edition"] == new


def test_a_new_edition_with_a_taken_name_is_refused(coordinator_client, edition):
    response = coordinator_client.post(DETAIL, {"name": edition.name})
    assert response.status_code == 400
    assert response.context["edition_form"].errors["name"]
    assert StrategyEdition.objects.count() == 1
    assert StrategyEdition.objects.get().is_current
