"""Real-browser checks of the public pages and the main staff pages: axe-core and keyboard."""

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

from .conftest import axe_violations

pytestmark = pytest.mark.browser

PUBLIC = [
    "/",
    "/institutions/",
    "/institutions/join/",
    "/about/",
    "/accounts/login/",
    "/no-such-page/",
]


@pytest.fixture
def data(live_region):  # type: ignore[no-untyped-def]
    institution = InstitutionFactory(name="Demo Centrum Kształcenia Zawodowego")
    ContactPersonFactory(institution=institution)
    JoinApplicationFactory()
    return institution


@pytest.mark.parametrize("path", PUBLIC)
def test_public_page_has_no_serious_accessibility_violations(live_server, page, data, path):
    page.goto(live_server.url + path)
    assert page.locator("html").get_attribute("lang") == "pl"
    assert axe_violations(page) == []


def test_institution_page_has_no_serious_accessibility_violations(live_server, page, data):
    page.goto(live_server.url + data.get_absolute_url())
    assert axe_violations(page) == []


def _log_in(page, live_server, user) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


@pytest.mark.parametrize(
    "path",
    [
        "/institutions/",
        "/institutions/applications/",
        "/institutions/import/",
        "/audit/",
        "/institutions/new/",
    ],
)
def test_staff_page_has_no_serious_accessibility_violations(live_server, page, data, path):
    _log_in(page, live_server, UserFactory(role=Role.OFFICE_STAFF))
    page.goto(live_server.url + path)
    assert page.locator("main h1").count() == 1
    assert axe_violations(page) == []


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(live_server, page, data):
    page.goto(live_server.url + "/institutions/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Przejdź do treści"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_join_form_can_be_filled_and_sent_with_the_keyboard_alone(live_server, page, live_region):
    page.goto(live_server.url + "/institutions/join/")
    page.focus("#id_institution_name")
    page.keyboard.type("Fikcyjna Szkoła Klawiaturowa")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # kind: the first real choice
    page.focus("#id_county")
    page.keyboard.press("ArrowDown")
    page.focus("#id_city")
    page.keyboard.type("Żary")
    page.focus("#id_contact_first_name")
    page.keyboard.type("Demo")
    page.keyboard.press("Tab")
    page.keyboard.type("Klawiatura")
    page.focus("#id_contact_email")
    page.keyboard.type("klawiatura@example.invalid")
    page.focus("#id_privacy")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    page.wait_for_url("**/join/thanks/")
    assert "Dziękujemy" in page.content()
