"""The public portal in a real browser: axe-core on every public page of issue 6, and the
golden path a citizen takes: search in inflected Polish, open an event, register for it."""

from __future__ import annotations

import pytest
from django.test import Client

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory
from skillshub.core import search
from skillshub.core.models import County, TargetGroup
from skillshub.guidance.choices import RegistrationStatus
from skillshub.guidance.models import Registration
from skillshub.guidance.tests.factories import GuidanceEventFactory, GuidanceServiceFactory
from skillshub.portal.choices import OfferStatus
from skillshub.portal.tests.factories import (
    CampaignFactory,
    LearningOfferFactory,
    NewsItemFactory,
    PageFactory,
)
from skillshub.stakeholders.tests.factories import InstitutionFactory

from . import coverage
from .conftest import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def portal(live_region):  # type: ignore[no-untyped-def]
    zary = County.objects.get(teryt="0811")
    adults = TargetGroup.objects.get(code="adults")
    provider = InstitutionFactory(
        name="Centrum Kształcenia Zawodowego w Żarach (demo)", county=zary
    )
    objects = {
        "offer": LearningOfferFactory(
            title="Kurs spawania metodą MAG",
            provider=provider,
            county=zary,
            place="Żary",
            target_groups=[adults],
        ),
        "draft_offer": LearningOfferFactory(provider=provider, status=OfferStatus.SUBMITTED),
        "service": GuidanceServiceFactory(
            title="Doradztwo zawodowe dla osób dorosłych, Gorzów Wielkopolski",
            provider=provider,
            counties=[County.objects.get(teryt="0861")],
            target_groups=[adults],
        ),
        "event": GuidanceEventFactory(
            title="Warsztaty pisania CV w Żarach", provider=provider, county=zary, capacity=1
        ),
        "news": NewsItemFactory(title="Ruszył nabór na kursy zawodowe"),
        "page": PageFactory(slug="deklaracja-dostepnosci", title="Deklaracja dostępności"),
        "campaign": CampaignFactory(),
    }
    search.rebuild()
    return objects


def test_public_portal_pages_have_no_serious_accessibility_violations(live_server, page, portal):
    urls = {
        name: portal[name].get_absolute_url()
        for name in ("offer", "service", "event", "news", "page", "campaign")
    }
    for path in coverage.paths("portal-public", **urls):
        page.goto(live_server.url + path)
        assert page.locator("main h1").count() == 1, path
        assert axe_violations(page) == [], path


def test_citizen_searches_then_registers_for_an_event(live_server, page, portal):
    page.goto(live_server.url + "/")
    page.fill("#home-q", "warsztatów pisania CV w Żarach")
    with page.expect_navigation(url="**/search/**"):
        page.click("form.home-search button[type=submit]")
    first = page.locator(f"main a[href$='/guidance/events/{portal['event'].pk}/']").first
    assert first.locator("mark").count() >= 1  # the matched words are highlighted
    with page.expect_navigation(url=f"**{portal['event'].get_absolute_url()}"):
        first.click()
    assert axe_violations(page) == []

    page.fill("#id_full_name", "Anna Demonstracyjna")
    page.fill("#id_email", "anna.demo@example.invalid")
    page.check("#id_privacy_accepted")
    with page.expect_navigation():
        page.click(f"form[action$='/events/{portal['event'].pk}/register/'] button[type=submit]")
    assert page.locator(".messages").count() == 1
    assert axe_violations(page) == []
    registration = Registration.objects.get(email="anna.demo@example.invalid")
    assert registration.status == RegistrationStatus.CONFIRMED

    # The event is full now: the next person goes to the waiting list.
    page.fill("#id_full_name", "Piotr Demonstracyjny")
    page.fill("#id_email", "piotr.demo@example.invalid")
    page.check("#id_privacy_accepted")
    with page.expect_navigation():
        page.click(f"form[action$='/events/{portal['event'].pk}/register/'] button[type=submit]")
    waiting = Registration.objects.get(email="piotr.demo@example.invalid")
    assert waiting.status == RegistrationStatus.WAITING


def _log_in(page, live_server, user) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_staff_portal_pages_are_accessible_and_the_map_is_drawn(live_server, page, portal):
    _log_in(page, live_server, UserFactory(role=Role.OFFICE_STAFF))
    *pages, coverage_map = coverage.paths("portal-staff", event=portal["event"].pk)
    for path in pages:
        page.goto(live_server.url + path)
        assert page.locator("main h1").count() == 1, path
        assert axe_violations(page) == [], path
    page.goto(live_server.url + coverage_map)
    page.wait_for_function(
        "() => { const c = document.querySelector('canvas[data-coverage-map]');"
        " return c && window.Chart && Chart.getChart(c) !== undefined; }"
    )
    assert axe_violations(page) == []
