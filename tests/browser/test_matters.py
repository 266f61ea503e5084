"""Matters in a real browser: a member raises one with the keyboard; staff move it; every page
passes axe-core (no serious or critical WCAG 2.1 AA violation)."""

from __future__ import annotations

import pytest

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory
from skillshub.matters import services as svc
from skillshub.matters.choices import MatterState
from skillshub.matters.models import Matter

from . import coverage
from .conftest import axe_violations
from .test_accessibility import _log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def member(live_region):  # type: ignore[no-untyped-def]
    return UserFactory(role=Role.TEAM_MEMBER)


def test_a_member_raises_a_matter_and_staff_accept_it(live_server, page, browser, member):
    _log_in(page, live_server, member)
    page.goto(f"{live_server.url}/matters/new/")
    assert axe_violations(page) == []
    page.fill("#id_title", "Brak doradców zawodowych w szkołach branżowych (demo)")
    page.fill("#id_description", "Szkoły w powiecie żarskim nie mają doradców (demo).")
    with page.expect_navigation(url="**/matters/*/"):
        page.click("main form button[name=submit]")
    matter = Matter.objects.get()
    assert matter.state == MatterState.SUBMITTED and matter.raised_by == member
    assert axe_violations(page) == []

    staff = browser.new_context(locale="pl-PL").new_page()
    _log_in(staff, live_server, UserFactory(role=Role.OFFICE_STAFF))
    staff.goto(live_server.url + matter.get_absolute_url())
    with staff.expect_navigation():
        staff.click("form:has(input[name=target][value=accepted]) button")
    matter.refresh_from_db()
    assert matter.state == MatterState.ACCEPTED
    assert axe_violations(staff) == []
    staff.context.close()


def test_matter_pages_are_accessible(live_server, page, member):
    matter = svc.matter_create(
        actor=member, data={"title": "Kwestia (demo)", "description": "Opis."}, submit=True
    )
    _log_in(page, live_server, UserFactory(role=Role.OFFICE_STAFF))
    for path in coverage.paths(
        "matters-staff", matter=matter.get_absolute_url(), matter_pk=matter.pk
    ):
        page.goto(live_server.url + path)
        assert page.locator("main h1").count() == 1, path
        assert axe_violations(page) == [], path
