"""Labour-market evidence in a real browser, on the demo data: axe-core on every public page
and the office's pages, and the charts and maps drawn."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from skillshub.accounts.models import User
from skillshub.labour_market.models import BarometrRound

from . import coverage
from .conftest import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(live_region):  # type: ignore[no-untyped-def]
    call_command("seed_demo", stdout=io.StringIO())


def _log_in(page, live_server, username: str) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(User.objects.get(username=username))
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_labour_market_pages_are_accessible_and_drawn(live_server, page, demo):
    closed = BarometrRound.objects.filter(status="closed").first()
    assert closed is not None
    group = closed.groups.order_by("pk").first()
    for path in coverage.paths("labour-market-public", closed_year=closed.year, group=group.pk):
        page.goto(live_server.url + path)
        assert page.locator("main h1").count() == 1, path
        assert axe_violations(page) == [], path
    # The occupation's trend and map, and the Barometr's chart, are drawn by Chart.js.
    page.goto(live_server.url + "/labour-market/occupations/832201/")
    page.wait_for_function(
        "() => window.Chart && [...document.querySelectorAll('canvas')]"
        ".every(c => Chart.getChart(c) !== undefined)"
    )

    _log_in(page, live_server, "biuro")
    for path in coverage.paths("labour-market-staff"):
        page.goto(live_server.url + path)
        assert page.locator("main h1").count() == 1, path
        assert axe_violations(page) == [], path

    _log_in(page, live_server, "panel1")
    open_round = BarometrRound.objects.get(status="open")
    for path in coverage.paths("labour-market-panel", open_year=open_round.year):
        page.goto(live_server.url + path)
        assert axe_violations(page) == [], path
