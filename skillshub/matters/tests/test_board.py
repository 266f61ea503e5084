"""The list and the board of matters, their filters, who sees what, and the public list."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from skillshub.core.models import County, StrategyArea
from skillshub.matters.choices import Decision, Urgency
from skillshub.matters.choices import MatterState as S
from skillshub.matters.filters import MatterFilter
from skillshub.matters.models import Matter
from skillshub.stakeholders.tests.factories import InstitutionFactory

from .factories import MatterFactory

pytestmark = pytest.mark.django_db

LIST = reverse("matters:matter_list")
BOARD = reverse("matters:matter_board")
PUBLIC = reverse("matters:public_list")


def _titles(response) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.title for m in response.context["page_obj"]}


def _board_titles(response) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.title for column in response.context["columns"] for m in column.cards}


@pytest.fixture
def matters(region, member, other_member):  # type: ignore[no-untyped-def]
    """One matter of each kind a member must or must not see."""
    today = timezone.localdate()
    area = StrategyArea.objects.filter(part="detailed").order_by("number").first()
    county = County.objects.in_region().order_by("teryt").first()
    shared = MatterFactory(
        title="Kształcenie zawodowe dorosłych",
        raised_by=other_member,
        state=S.SUBMITTED,
        urgency=Urgency.HIGH,
        proposal_due=today + datetime.timedelta(days=10),
    )
    shared.areas.add(area)
    shared.counties.add(county)
    return {
        "area": area,
        "county": county,
        "shared": shared,
        "own_draft": MatterFactory(title="Mój szkic", raised_by=member),
        "other_draft": MatterFactory(title="Cudzy szkic", raised_by=other_member),
        "confidential": MatterFactory(
            title="Poufna sprawa", raised_by=other_member, state=S.ACCEPTED, confidential=True
        ),
        "overdue": MatterFactory(
            title="Spóźniona propozycja",
            raised_by=member,
            state=S.ACCEPTED,
            proposal_due=today - datetime.timedelta(days=1),
        ),
        "oral": MatterFactory(
            title="Zgłoszona ustnie",
            raised_by_name="Zofia Przykładowa",
            raised_orally=True,
            state=S.PROPOSAL_READY,
        ),
        "public": MatterFactory(
            title="Rozstrzygnięta publiczna",
            raised_by=other_member,
            state=S.DECIDED,
            decision=Decision.ADOPTED,
            decision_label="Uchwała nr 1/2025",
            decision_url="/wzk/resolutions/1/",
            decided_on=today,
            is_public=True,
            on_behalf_of=InstitutionFactory(name="Centrum Kształcenia Demo"),
        ),
    }


# Who sees what


def test_member_sees_own_and_shared_matters_but_not_others_drafts_or_confidential(
    member_client, matters
):  # type: ignore[no-untyped-def]
    response = member_client.get(LIST)
    assert response.status_code == 200
    titles = _titles(response)
    assert {"Mój szkic", "Kształcenie zawodowe dorosłych", "Spóźniona propozycja"} <= titles
    assert "Cudzy szkic" not in titles
    assert "Poufna sprawa" not in titles
    assert "Cudzy szkic" not in response.content.decode()


def test_member_board_hides_others_drafts_and_confidential(member_client, matters):  # type: ignore[no-untyped-def]
    response = member_client.get(BOARD)
    assert response.status_code == 200
    titles = _board_titles(response)
    assert "Kształcenie zawodowe dorosłych" in titles
    assert "Poufna sprawa" not in titles
    accepted = next(c for c in response.context["columns"] if c.state == S.ACCEPTED)
    assert accepted.count == 1  # the overdue one; the confidential one is not counted


def test_staff_see_every_matter(coordinator_client, matters):  # type: ignore[no-untyped-def]
    response = coordinator_client.get(LIST)
    assert _titles(response) == {m.title for m in Matter.objects.all()}
    board = coordinator_client.get(BOARD)
    accepted = next(c for c in board.context["columns"] if c.state == S.ACCEPTED)
    assert accepted.count == 2


@pytest.mark.parametrize("url", [LIST, BOARD])
def test_outsider_gets_404(outsider_client, url):  # type: ignore[no-untyped-def]
    assert outsider_client.get(url).status_code == 404


@pytest.mark.parametrize("url", [LIST, BOARD])
def test_anonymous_is_sent_to_log_in(anonymous_client, url):  # type: ignore[no-untyped-def]
    response = anonymous_client.get(url)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


# Filters


def _filtered(user, **params) -> set[str]:  # type: ignore[no-untyped-def]
    from skillshub.accounts.rules import is_office_staff

    filterset = MatterFilter(
        params, queryset=Matter.objects.visible_to(user), staff=is_office_staff(user)
    )
    return {m.title for m in filterset.qs}


def test_state_filter_takes_several_states(coordinator, matters):  # type: ignore[no-untyped-def]
    titles = _filtered(coordinator, state=[S.SUBMITTED, S.PROPOSAL_READY])
    assert titles == {"Kształcenie zawodowe dorosłych", "Zgłoszona ustnie"}


def test_area_county_and_urgency_filters(coordinator, matters):  # type: ignore[no-untyped-def]
    shared = {"Kształcenie zawodowe dorosłych"}
    assert _filtered(coordinator, area=matters["area"].pk) == shared
    assert _filtered(coordinator, county=matters["county"].pk) == shared
    assert _filtered(coordinator, urgency=Urgency.HIGH) == shared


def test_raised_by_filter_matches_users_and_names_noted_by_staff(
    coordinator, other_member, matters
):  # type: ignore[no-untyped-def]
    assert _filtered(coordinator, raised_by="przykładowa") == {"Zgłoszona ustnie"}
    other = _filtered(coordinator, raised_by=other_member.username)
    assert (
        other == {m.title for m in Matter.objects.filter(raised_by=other_member)}
        and "Mój szkic" not in other
    )


def test_overdue_filter(coordinator, matters):  # type: ignore[no-untyped-def]
    assert _filtered(coordinator, overdue="true") == {"Spóźniona propozycja"}
    not_late = _filtered(coordinator, overdue="false")
    assert "Spóźniona propozycja" not in not_late and len(not_late) == Matter.objects.count() - 1


def test_confidential_filter_is_for_staff_only(coordinator, member, matters):  # type: ignore[no-untyped-def]
    assert _filtered(coordinator, confidential="true") == {"Poufna sprawa"}
    # For a member the parameter is ignored: it cannot be used to probe.
    assert "confidential" not in MatterFilter({}, queryset=Matter.objects.none()).filters
    assert _filtered(member, confidential="true") == _filtered(member)


def test_search_folds_case_and_polish_letters(member, matters):  # type: ignore[no-untyped-def]
    assert _filtered(member, q="KSZTAŁCENIE") == {"Kształcenie zawodowe dorosłych"}
    assert _filtered(member, q="zawodowe DOROSŁYCH") == {"Kształcenie zawodowe dorosłych"}
    assert _filtered(member, q="poufna") == set()  # not visible to this member


def test_list_applies_filters_and_htmx_gets_the_rows_only(member_client, matters):  # type: ignore[no-untyped-def]
    response = member_client.get(
        LIST, {"q": "kształcenie"}, headers={"HX-Request": "true", "HX-Target": "results"}
    )
    assert response.status_code == 200
    assert _titles(response) == {"Kształcenie zawodowe dorosłych"}
    assert next(t.name for t in response.templates) == "matters/_matter_rows.html"
    assert b"<html" not in response.content


def test_board_applies_filters_and_links_show_all_to_the_filtered_list(coordinator_client, matters):  # type: ignore[no-untyped-def]
    response = coordinator_client.get(BOARD, {"urgency": Urgency.HIGH})
    assert _board_titles(response) == {"Kształcenie zawodowe dorosłych"}
    html = response.content.decode()
    assert f"{LIST}?state={S.SUBMITTED}&amp;urgency=high" in html


def test_staff_list_links_exports_with_the_filters(coordinator_client, matters):  # type: ignore[no-untyped-def]
    html = coordinator_client.get(LIST, {"urgency": "high", "page": "1"}).content.decode()
    assert f"{reverse('matters:matter_export_csv')}?urgency=high" in html
    assert f"{reverse('matters:matter_export_xlsx')}?urgency=high" in html


def test_member_list_has_no_export_links(member_client, matters):  # type: ignore[no-untyped-def]
    html = member_client.get(LIST).content.decode()
    assert reverse("matters:matter_export_csv") not in html


# Query ceilings


def _many(member, other_member, n: int) -> None:  # type: ignore[no-untyped-def]
    states = [S.DRAFT, S.SUBMITTED, S.ACCEPTED, S.PROPOSAL_IN_PREPARATION, S.PROPOSAL_READY]
    states += [S.ON_AGENDA, S.DECIDED, S.FORWARDED, S.ANSWERED, S.CLOSED]
    institution = InstitutionFactory()
    for i in range(n):
        MatterFactory(
            raised_by=member if i % 2 else other_member,
            on_behalf_of=institution,
            state=states[i % len(states)],
            confidential=i % 7 == 0,
            proposal_due=timezone.localdate() - datetime.timedelta(days=i % 3),
        )


@pytest.mark.parametrize("who", ["coordinator_client", "member_client"])
@pytest.mark.parametrize("url", [LIST, BOARD])
def test_list_and_board_stay_within_12_queries(
    request, who, url, region, member, other_member, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    client = request.getfixturevalue(who)
    _many(member, other_member, 5)
    with django_assert_max_num_queries(12):
        assert client.get(url, {"overdue": "true", "q": "kwestia"}).status_code == 200
    _many(member, other_member, 40)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(12):
        assert (
            client.get(url, {"state": [S.SUBMITTED, S.ACCEPTED], "raised_by": "m"}).status_code
            == 200
        )


# The public list


def test_anonymous_sees_only_decided_public_matters(anonymous_client, matters):  # type: ignore[no-untyped-def]
    MatterFactory(title="Rozstrzygnięta niepubliczna", state=S.DECIDED, is_public=False)
    MatterFactory(title="Publiczny szkic", state=S.DRAFT, is_public=True)
    MatterFactory(title="Poufna publiczna", state=S.DECIDED, is_public=True, confidential=True)
    response = anonymous_client.get(PUBLIC)
    assert response.status_code == 200
    assert _titles(response) == {"Rozstrzygnięta publiczna"}
    html = response.content.decode()
    assert "/wzk/resolutions/1/" in html and "Centrum Kształcenia Demo" in html
    for hidden in ("Poufna sprawa", "Cudzy szkic", "Publiczny szkic", "Poufna publiczna"):
        assert hidden not in html
    # Nothing about the person who raised it beyond the institution.
    assert matters["public"].raised_by.username not in html


def test_public_list_search(anonymous_client, outsider_client, matters):  # type: ignore[no-untyped-def]
    assert _titles(anonymous_client.get(PUBLIC, {"q": "PUBLICZNA"})) == {"Rozstrzygnięta publiczna"}
    assert _titles(outsider_client.get(PUBLIC, {"q": "nic takiego"})) == set()


def test_public_list_stays_within_8_queries(
    anonymous_client, member_client, region, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    institution = InstitutionFactory()
    for _i in range(30):
        MatterFactory(state=S.DECIDED, is_public=True, on_behalf_of=institution, decided_on=None)
    with django_assert_max_num_queries(8):
        assert anonymous_client.get(PUBLIC, {"q": "kwestia"}).status_code == 200
    with django_assert_max_num_queries(8):
        assert member_client.get(PUBLIC).status_code == 200
