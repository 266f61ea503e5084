"""The job-ad workflow in a real browser: import a file, see it coded, review an ad with the
searchable code picker (htmx), and the demand table; axe-core on every page of it."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from skillshub.accounts.models import User
from skillshub.labour_market.choices import JobAdStatus
from skillshub.labour_market.coding.demo import DEMO_DIR
from skillshub.labour_market.models import JobAd, JobAdBatch

from .conftest import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(live_region, occupation_coder):  # type: ignore[no-untyped-def]
    call_command("seed_demo", stdout=io.StringIO())


def _log_in(page, live_server, username: str) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(User.objects.get(username=username))
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_office_imports_ads_and_reviews_one_with_the_code_picker(live_server, page, demo):
    _log_in(page, live_server, "biuro")
    page.goto(live_server.url + "/labour-market/job-ads/import/")
    assert axe_violations(page) == []
    page.set_input_files("#id_file", str(DEMO_DIR / "oferty-pracy-demo-2.csv"))
    with page.expect_navigation():
        page.get_by_role("button", name="Importuj i koduj").click()
    batch = JobAdBatch.objects.latest("pk")
    assert page.url.endswith(batch.get_absolute_url())
    assert page.locator("#batch-progress-bar").get_attribute("value") == str(batch.total)
    assert axe_violations(page) == []

    page.goto(live_server.url + f"/labour-market/job-ads/review/?batch={batch.pk}")
    assert axe_violations(page) == []
    ad = JobAd.objects.filter(batch=batch, status=JobAdStatus.REVIEW).order_by("row").first()
    page.goto(live_server.url + ad.get_absolute_url())
    assert axe_violations(page) == []
    with page.expect_response(lambda r: "/job-ads/codes/" in r.url):
        page.fill("#code-search", "fryzjer")
    page.locator("#pick-514101").check()
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Zapisz zawód").click()
    ad.refresh_from_db()
    assert ad.occupation.code == "514101" and ad.status == JobAdStatus.CORRECTED

    page.goto(live_server.url + "/labour-market/job-ads/")
    assert page.locator("#demand-caption").count() == 1
    assert axe_violations(page) == []
