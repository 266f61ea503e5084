"""Real-browser checks of the public pages and the main staff pages: axe-core and the skip link.

The pages come from ``coverage.AXE_GROUPS`` (the accessibility statement lists them); the
keyboard-only forms are in test_keyboard.py."""

from __future__ import annotations

import pytest
from django.test import Client

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory
from skillshub.stakeholders.tests.factories import (
    ContactPersonFactory,
    InstitutionFactory,
    JoinApplicationFactory,
)

from . import coverage
from .conftest import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def data(live_region):  # type: ignore[no-untyped-def]
    institution = InstitutionFactory(name="Demo Centrum Kształcenia Zawodowego")
    ContactPersonFactory(institution=institution)
    JoinApplicationFactory()
    return institution


@pytest.mark.parametrize("path", [page.path for page in coverage.group("core-public").pages])
def test_public_page_has_no_serious_accessibility_violations(live_server, page, data, path):
    page.goto(live_server.url + path.format(institution=data.pk))
    assert page.locator("html").get_attribute("lang") == "pl"
    assert axe_violations(page) == []


def _log_in(page, live_server, user) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


@pytest.mark.parametrize("path", [page.path for page in coverage.group("core-staff").pages])
def test_staff_page_has_no_serious_accessibility_violations(live_server, page, data, path):
    _log_in(page, live_server, UserFactory(role=Role.OFFICE_STAFF))
    page.goto(live_server.url + path.format(institution=data.pk))
    assert page.locator("main h1").count() == 1
    assert axe_violations(page) == []


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(live_server, page, data):
    page.goto(live_server.url + "/institutions/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Przejdź do treści"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
