"""The WZK sitting in a real browser: staff plan, convene and record it; members read it.
Every page is checked with axe-core (no serious or critical WCAG 2.1 AA violation)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from weasyprint import HTML

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory
from skillshub.stakeholders.tests.factories import ContactPersonFactory
from skillshub.team.choices import MeetingStatus, ResolutionOutcome
from skillshub.team.models import Meeting, Resolution
from skillshub.team.tests.factories import (
    DeputyFactory,
    MeetingFactory,
    MembershipFactory,
    TeamFactory,
)

from . import coverage
from .conftest import axe_violations
from .test_accessibility import _log_in

pytestmark = pytest.mark.browser
PDF = HTML(string="<h1>Materiały (demo)</h1>").write_pdf()


@pytest.fixture
def wzk(live_region):  # type: ignore[no-untyped-def]
    team = TeamFactory(name="Wojewódzki Zespół Koordynacji (demo)")
    members = [MembershipFactory(team=team) for _ in range(5)]
    DeputyFactory(deputy_of=members[0])
    for n in (1, 2, 3):
        MeetingFactory(
            team=team,
            number=n,
            starts_at=timezone.now() - datetime.timedelta(days=60 * n),
            status=MeetingStatus.MINUTES_APPROVED,
        )
    return team


def test_staff_run_sitting_iv_in_the_browser(live_server, page, wzk):
    _log_in(page, live_server, UserFactory(role=Role.OFFICE_STAFF))
    page.goto(f"{live_server.url}/wzk/teams/{wzk.pk}/meetings/new/")
    assert axe_violations(page) == []
    assert page.input_value("#id_number") == "4"
    when = timezone.localtime() + datetime.timedelta(days=21)
    page.fill("#id_starts_at", when.strftime("%Y-%m-%dT10:00"))
    page.fill("#id_place", "Wojewódzki Urząd Pracy, sala 101 (demo)")
    with page.expect_navigation(url="**/wzk/meetings/*/"):
        page.click("main form button[type=submit]")
    meeting = Meeting.objects.get(team=wzk, number=4)

    # The agenda: the add-item form opens by itself while the agenda is empty.
    page.fill("#agenda #id_title", "Otwarcie posiedzenia i stwierdzenie kworum")
    page.click("#agenda form button[type=submit]")
    page.wait_for_selector("#agenda ol.agenda li")
    assert axe_violations(page) == []

    # A document on the item: its type is checked by content, so it must be a real PDF.
    page.click("#agenda .actions a[href$='/documents/new/']")
    assert axe_violations(page) == []
    page.fill("#id_title", "Materiały na IV posiedzenie")
    page.set_input_files(
        "#id_file",
        files=[{"name": "materialy.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    with page.expect_navigation(url="**/wzk/meetings/*/**"):
        page.click("main form button[type=submit]")
    assert page.locator("#agenda ul.documents a").count() == 1

    with page.expect_navigation():
        page.click("form:has(input[value=convene]) button")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED

    # Attendance through htmx: the quorum line updates without a page load.
    deputy = wzk.memberships.filter(role="deputy").get()
    others = list(wzk.memberships.filter(role="member").exclude(pk=deputy.deputy_of_id)[:2])
    for n, (kind, who) in enumerate(
        [("deputy", deputy), *(("member", m) for m in others)], start=1
    ):
        page.select_option("#attendance #id_kind", kind)
        page.select_option("#attendance #id_membership", str(who.pk))
        with page.expect_response(lambda r: r.url.endswith("/attendance/")) as response:
            page.click("#attendance form.filters button[type=submit]")
        assert response.value.ok
        # Wait for the swap itself: the empty list has one row too (with no row header), and the
        # next round must not fill in the form that this swap is about to replace.
        page.wait_for_function(
            # A function, not a bare expression: Playwright evaluates a bare string with eval(),
            # which the page's Content-Security-Policy refuses.
            f"() => document.querySelectorAll('#attendance tbody th[scope=row]').length === {n}"
        )
    assert "ok" in (page.get_attribute("#attendance .quorum", "class") or "")
    assert axe_violations(page) == []

    # A resolution, adopted by vote.
    page.click("#resolutions details summary")
    page.fill("#resolutions #id_title", "w sprawie planu pracy na rok 2027")
    page.fill("#resolutions #id_text", "Przyjmuje się plan pracy (demo).")
    with page.expect_navigation(url="**/vote/"):
        page.click("#resolutions form button[type=submit]")
    assert axe_violations(page) == []
    page.fill("#id_votes_for", "3")
    with page.expect_navigation(url="**/wzk/meetings/*/#resolutions"):
        page.click("main form button[type=submit]")
    assert Resolution.objects.get().outcome == ResolutionOutcome.ADOPTED

    # The sitting is over: its minutes open, and download as PDF.
    with page.expect_navigation():
        page.click("form:has(input[value=held]) button")
    page.goto(f"{live_server.url}/wzk/meetings/{meeting.pk}/minutes/")
    assert page.locator("main h1").count() == 1
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.click("a[href$='minutes.pdf']")
    assert download.value.suggested_filename.endswith(".pdf")


def test_member_pages_are_accessible(live_server, page, wzk):
    user = UserFactory(role=Role.TEAM_MEMBER)
    MembershipFactory(team=wzk, person=ContactPersonFactory(user=user))
    meeting = MeetingFactory(team=wzk, number=4)
    _log_in(page, live_server, user)
    for path in coverage.paths("team-member", team=wzk.pk, meeting=meeting.get_absolute_url()):
        page.goto(live_server.url + path)
        assert page.locator("main h1").count() == 1, path
        assert axe_violations(page) == [], path
