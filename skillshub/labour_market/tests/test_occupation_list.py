from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = reverse("labour_market:occupation_list")


def _codes(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [node.code for node in response.context["page_obj"]]


def test_anyone_may_browse_the_occupations(
    occupations, anonymous_client, outsider_client, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    with django_assert_max_num_queries(4):
        response = anonymous_client.get(URL)
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 3543
    assert outsider_client.get(URL).status_code == 200


def test_a_code_prefix_finds_the_groups_below(occupations, anonymous_client):  # type: ignore[no-untyped-def]
    response = anonymous_client.get(URL, {"q": "7222", "level": "6"})
    codes = _codes(response)
    assert codes and all(c.startswith("7222") and len(c) == 6 for c in codes)
    assert reverse("labour_market:occupation_detail", args=["722204"]).encode() in response.content


def test_a_name_is_found_without_polish_letters(
    occupations, anonymous_client, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    with django_assert_max_num_queries(4):
        response = anonymous_client.get(URL, {"q": "spawacz"})
    assert "721204" in _codes(response)
    folded = anonymous_client.get(URL, {"q": "slusarz"})
    assert "722204" in _codes(folded)
    assert "Ślusarz<" in folded.content.decode()  # the source's school mark "S" is dropped


def test_the_level_filter_and_nothing_found(occupations, anonymous_client):  # type: ignore[no-untyped-def]
    response = anonymous_client.get(URL, {"level": "1"})
    assert response.context["page_obj"].paginator.count == 10
    response = anonymous_client.get(URL, {"q": "qqqxxx"})
    assert response.context["page_obj"].paginator.count == 0
    assert anonymous_client.get(URL, {"level": "5"}).status_code == 200
