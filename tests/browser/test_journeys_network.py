"""Journeys through the network in a real browser, end to end: an institution's application to
join and its acceptance; a matter from a member's submission through the office's proposal to
the WZK's decision at a sitting and its closing. Every page visited passes axe-core (no serious
or critical WCAG 2.1 AA violation) and the database is checked at the end."""

from __future__ import annotations

import pytest
from django.utils import timezone

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory
from skillshub.core.models import OutgoingEmail
from skillshub.matters.choices import Decision, MatterState
from skillshub.matters.models import Matter
from skillshub.stakeholders.choices import ApplicationStatus
from skillshub.stakeholders.models import ContactPerson, Institution, JoinApplication
from skillshub.team.choices import AttendanceKind, MeetingStatus, ResolutionOutcome
from skillshub.team.models import AgendaItem, Resolution
from skillshub.team.services import meetings as team_svc
from skillshub.team.tests.factories import MeetingFactory, MembershipFactory, TeamFactory

from .conftest import axe_violations
from .test_accessibility import _log_in

pytestmark = pytest.mark.browser

S = MatterState


def test_an_institution_applies_to_join_and_the_office_accepts_it(
    live_server, page, browser, live_region
):
    # The anonymous visitor fills the public form.
    page.goto(f"{live_server.url}/institutions/join/")
    assert axe_violations(page) == []
    page.fill("#id_institution_name", "Fikcyjne Centrum Kształcenia Zawodowego (demo)")
    page.select_option("#id_kind", "school")
    county = page.locator("#id_county option", has_text="żarski").first.get_attribute("value")
    page.select_option("#id_county", county)
    page.fill("#id_city", "Żary")
    page.check("#id_areas_0")
    page.fill("#id_contact_first_name", "Anna")
    page.fill("#id_contact_last_name", "Przykładowa")
    page.fill("#id_contact_email", "anna.przykladowa@example.invalid")
    page.fill("#id_message", "Chcemy współpracować przy kursach dla dorosłych (demo).")
    page.check("#id_consent_contact")
    page.check("#id_privacy")
    with page.expect_navigation(url="**/join/thanks/"):
        page.click("main form button[type=submit]")
    assert axe_violations(page) == []
    application = JoinApplication.objects.get(contact_email="anna.przykladowa@example.invalid")
    assert application.status == ApplicationStatus.NEW and application.institution is None

    # The office finds it among the open applications and accepts it.
    staff_user = UserFactory(role=Role.OFFICE_STAFF)
    staff = browser.new_context(locale="pl-PL").new_page()
    _log_in(staff, live_server, staff_user)
    staff.goto(f"{live_server.url}/institutions/applications/")
    assert axe_violations(staff) == []
    with staff.expect_navigation():
        staff.click(f"main table a[href='{application.get_absolute_url()}']")
    assert axe_violations(staff) == []
    staff.check("main form input[name=decision][value=accept]")
    staff.fill("main form #id_note", "Witamy w sieci (demo).")
    with staff.expect_navigation():
        staff.click("main form button[type=submit]")
    assert axe_violations(staff) == []
    # The accepted application's page links to the new institution.
    assert staff.locator("main form input[name=decision]").count() == 0
    staff.context.close()

    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.decided_by == staff_user and application.decided_at is not None
    institution = Institution.objects.get(name="Fikcyjne Centrum Kształcenia Zawodowego (demo)")
    assert application.institution == institution
    assert institution.city == "Żary" and institution.county == application.county
    assert institution.areas.count() == 1
    contact = ContactPerson.objects.get(institution=institution)
    assert contact.email == "anna.przykladowa@example.invalid"
    # The welcome e-mail waits in the outbox, with the office's note.
    welcome = [e for e in OutgoingEmail.objects.all() if "anna.przykladowa@example.invalid" in e.to]
    assert any("Witamy w sieci (demo)." in e.body for e in welcome)


@pytest.fixture
def sitting(live_region):  # type: ignore[no-untyped-def]
    """A WZK of three members whose sitting today is convened, with all three present."""
    office = UserFactory(role=Role.OFFICE_STAFF)
    team = TeamFactory()
    members = [MembershipFactory(team=team) for _ in range(3)]
    meeting = MeetingFactory(
        team=team,
        number=1,
        starts_at=timezone.now().replace(second=0, microsecond=0),
        status=MeetingStatus.CONVENED,
    )
    for membership in members:
        team_svc.attendance_record(
            meeting=meeting, actor=office, kind=AttendanceKind.MEMBER, membership=membership
        )
    return meeting


def _move(page, target: str) -> None:  # type: ignore[no-untyped-def]
    with page.expect_navigation():
        page.click(f"form:has(input[name=target][value={target}]) button")
    assert axe_violations(page) == []


def test_a_matter_goes_from_submission_through_a_proposal_to_a_decision(
    live_server, page, browser, sitting
):
    # A WZK member raises the matter.
    member = UserFactory(role=Role.TEAM_MEMBER)
    _log_in(page, live_server, member)
    page.goto(f"{live_server.url}/matters/new/")
    assert axe_violations(page) == []
    page.fill("#id_title", "Kursy zawodowe dla dorosłych w powiecie żarskim (demo)")
    page.fill("#id_description", "Brakuje kursów kwalifikacyjnych dla dorosłych (demo).")
    with page.expect_navigation(url="**/matters/*/"):
        page.click("main form button[name=submit]")
    assert axe_violations(page) == []
    matter = Matter.objects.get()
    assert matter.state == S.SUBMITTED and matter.raised_by == member

    # The office accepts it, writes the proposal and marks it ready.
    staff = browser.new_context(locale="pl-PL").new_page()
    _log_in(staff, live_server, UserFactory(role=Role.OFFICE_STAFF))
    staff.goto(live_server.url + matter.get_absolute_url())
    assert axe_violations(staff) == []
    _move(staff, S.ACCEPTED)
    with staff.expect_navigation():
        staff.click(f"main a[href$='/matters/{matter.pk}/proposals/new/']")
    assert axe_violations(staff) == []
    staff.fill("#id_text", "Biuro proponuje uruchomić dwa kursy kwalifikacyjne (demo).")
    staff.fill("#id_option_1_title", "Kurs w Żarach")
    staff.fill("#id_option_1_text", "Kwalifikacja ELE.02 w CKZ w Żarach (demo).")
    staff.fill("#id_option_2_title", "Kurs online")
    staff.check("input[name=recommended][value='1']")
    with staff.expect_navigation(url=f"**/matters/{matter.pk}/"):
        staff.click("main form button[type=submit]")
    assert axe_violations(staff) == []
    matter.refresh_from_db()
    assert matter.state == S.PROPOSAL_IN_PREPARATION
    proposal = matter.proposals.get()
    assert proposal.recommended == 0 and len(proposal.options) == 2
    _move(staff, S.PROPOSAL_READY)

    # At the sitting: the matter goes on the agenda, a resolution on its item is voted.
    staff.goto(live_server.url + sitting.get_absolute_url())
    assert axe_violations(staff) == []
    staff.select_option("#agenda #id_kind", "matter")
    staff.select_option("#agenda #id_matter", str(matter.pk))
    staff.click("#agenda form button[type=submit]")
    staff.wait_for_selector("#agenda ol.agenda li")
    assert axe_violations(staff) == []
    matter.refresh_from_db()
    assert matter.state == S.ON_AGENDA
    item = AgendaItem.objects.get(meeting=sitting, matter=matter)

    staff.click("#resolutions details summary")
    staff.fill("#resolutions #id_title", "w sprawie kursów zawodowych dla dorosłych")
    staff.fill("#resolutions #id_text", "WZK przyjmuje rozwiązanie zaproponowane przez biuro.")
    staff.select_option("#resolutions #id_agenda_item", str(item.pk))
    with staff.expect_navigation(url="**/vote/"):
        staff.click("#resolutions form button[type=submit]")
    assert axe_violations(staff) == []
    staff.fill("#id_votes_for", "3")
    with staff.expect_navigation(url="**/wzk/meetings/*/#resolutions"):
        staff.click("main form button[type=submit]")
    assert axe_violations(staff) == []
    resolution = Resolution.objects.get(agenda_item=item)
    assert resolution.outcome == ResolutionOutcome.ADOPTED

    # Back on the matter: the decision is shown, and the office closes it.
    staff.goto(live_server.url + matter.get_absolute_url())
    assert axe_violations(staff) == []
    assert staff.locator("#sitting-heading").count() == 1
    _move(staff, S.CLOSED)
    staff.context.close()

    matter.refresh_from_db()
    assert matter.state == S.CLOSED
    assert matter.decision == Decision.ADOPTED
    assert matter.decision_url == resolution.get_absolute_url()
    steps = list(matter.transitions.values_list("from_state", "to_state"))
    assert steps == [
        ("", S.DRAFT),
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.ACCEPTED),
        (S.ACCEPTED, S.PROPOSAL_IN_PREPARATION),
        (S.PROPOSAL_IN_PREPARATION, S.PROPOSAL_READY),
        (S.PROPOSAL_READY, S.ON_AGENDA),
        (S.ON_AGENDA, S.DECIDED),
        (S.DECIDED, S.CLOSED),
    ]
