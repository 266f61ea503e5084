"""The programme dashboard in a real browser: Chart.js draws the progress bars and the
indicator trends, chartjs-chart-geo draws the county map from the map JSON, and axe-core finds
no serious or critical WCAG 2.1 AA violation."""

from __future__ import annotations

import pytest

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory
from skillshub.programme.tests.dashboard_data import build_programme

from .conftest import axe_violations

pytestmark = pytest.mark.browser

CANVAS_SIZE = """(selector) => {
  const canvas = document.querySelector(selector);
  const chart = canvas && window.Chart && window.Chart.getChart(canvas);
  return {width: canvas ? canvas.width : 0, height: canvas ? canvas.height : 0, chart: !!chart};
}"""


def test_the_public_dashboard_draws_its_charts_and_map(live_server, page, live_region):
    build_programme(actor=UserFactory(role=Role.OFFICE_STAFF))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/programme/")
    page.wait_for_selector("canvas[data-chart='map'][data-drawn='true']", timeout=15000)

    for selector in (
        "canvas[data-chart='progress']",
        "canvas[data-chart='trend']",
        "canvas[data-chart='map']",
    ):
        size = page.evaluate(CANVAS_SIZE, selector)
        assert size["chart"], selector
        assert size["width"] > 0 and size["height"] > 0, selector
    assert page.locator("canvas[data-chart='trend']").count() == 3
    # The map really painted: some pixels of the canvas are not blank.
    painted = page.evaluate(
        """() => {
          const c = document.querySelector("canvas[data-chart='map']");
          const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
          return n;
        }"""
    )
    assert painted > 1000
    assert errors == []
    assert page.locator("#county-table tbody tr").count() == 14
    assert axe_violations(page) == []

    # The data tables stay usable: open one indicator's table.
    page.locator("details summary").first.click()
    assert page.locator("details[open] table tbody tr").count() >= 3
