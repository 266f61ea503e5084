"""A monitoring round of the ZSU 2030 regional programme in a real browser, through the real
pages: office staff open the year's round on the adopted version, the lead institution's contact
fills in and submits its report with an indicator value, staff accept the report (the value
becomes the indicator's measurement) and close the round. Every page visited passes axe-core."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory
from skillshub.programme import services as svc
from skillshub.programme.choices import ActionStatus, ReportStatus, RoundStatus, VersionStatus
from skillshub.programme.models import (
    InstitutionReport,
    Measurement,
    MonitoringRound,
    Node,
    ValueReport,
)
from skillshub.programme.tests.dashboard_data import build_programme
from skillshub.stakeholders.tests.factories import ContactPersonFactory

from .conftest import axe_violations
from .test_accessibility import _log_in

pytestmark = pytest.mark.browser

YEAR = 2025


@pytest.fixture
def adopted(live_region):  # type: ignore[no-untyped-def]
    """The dashboard's demo programme, with its region indicator W1 also linked to the first
    action (a round asks lead institutions for the indicators linked to their actions), then
    adopted; the action's lead institution has a contact person who can sign in."""
    staff = UserFactory(role=Role.OFFICE_STAFF, email="biuro@example.invalid")
    data = build_programme(actor=staff, adopt=False)
    action = data.actions[0]
    svc.indicator_link(indicator=data.region, node=action, actor=staff)
    version = svc.version_set_status(
        version=data.version,
        actor=staff,
        status=VersionStatus.ADOPTED,
        adopted_on=datetime.date(2024, 3, 1),
        adopted_by="Uchwała nr 1/2024 ZWL (demo)",
    )
    assert action.lead is not None
    contact = ContactPersonFactory(
        institution=action.lead, user=UserFactory(role=Role.INSTITUTION_CONTACT)
    )
    return {"staff": staff, "data": data, "version": version, "action": action, "contact": contact}


def test_a_monitoring_round_is_opened_reported_accepted_and_closed(
    live_server, page, browser, adopted
):
    version = adopted["version"]
    action: Node = adopted["action"]
    region = adopted["data"].region
    lead = action.lead

    # 1. Office staff open the year's round from the adopted version's page.
    _log_in(page, live_server, adopted["staff"])
    page.goto(live_server.url + version.get_absolute_url())
    assert axe_violations(page) == []
    with page.expect_navigation(url=f"**/programme/versions/{version.pk}/rounds/new/"):
        page.click(f"main a[href$='/versions/{version.pk}/rounds/new/']")
    assert axe_violations(page) == []
    page.fill("#id_year", str(YEAR))
    deadline = timezone.localdate() + datetime.timedelta(days=21)
    page.fill("#id_deadline", deadline.isoformat())
    with page.expect_navigation(url="**/programme/rounds/*/"):
        page.click("main form.narrow button[type=submit]")
    monitoring_round = MonitoringRound.objects.get(version=version)
    assert (monitoring_round.year, monitoring_round.deadline) == (YEAR, deadline)
    assert monitoring_round.status == RoundStatus.OPEN
    report = InstitutionReport.objects.get(round=monitoring_round)
    assert report.institution == lead and report.status == ReportStatus.PENDING
    value_row = ValueReport.objects.get(report=report)
    assert (value_row.indicator, value_row.county) == (region, None)
    # The value already known for the year is prefilled for the institution to confirm.
    assert value_row.value == Decimal("6")
    assert page.locator(f"main a[href='{report.get_absolute_url()}']").count() == 1
    assert axe_violations(page) == []

    # 2. The lead institution's contact finds the report under "My reports", fills it in and
    #    submits it: each action's status and spending, and the indicator's value for the year.
    contact = browser.new_context(locale="pl-PL").new_page()
    _log_in(contact, live_server, adopted["contact"].user)
    contact.goto(live_server.url + "/")
    with contact.expect_navigation(url="**/programme/reports/"):
        contact.click("nav a[href='/programme/reports/']")
    assert axe_violations(contact) == []
    with contact.expect_navigation(url=f"**{report.get_absolute_url()}"):
        contact.click(f"main a[href='{report.get_absolute_url()}']")
    assert axe_violations(contact) == []
    for row in report.action_reports.all():
        contact.select_option(f"#id_action-{row.node_id}-status", ActionStatus.ON_TRACK.value)
    contact.fill(f"#id_action-{action.pk}-spent", "31 250,50")
    contact.fill(f"#id_action-{action.pk}-comment", "Pierwsze kursy zakończone (demo).")
    contact.fill(f"#id_value-{value_row.pk}-value", "6,4")
    contact.fill(f"#id_value-{value_row.pk}-note", "Ankieta CKZ 2025 (demo)")
    with contact.expect_navigation(url=f"**{report.get_absolute_url()}"):
        contact.click("main form button[name=submit]")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_by == adopted["contact"].user
    value_row.refresh_from_db()
    assert (value_row.value, value_row.note) == (Decimal("6.4"), "Ankieta CKZ 2025 (demo)")
    # Submitted: the page shows the report read-only.
    assert contact.locator("main form button[name=submit]").count() == 0
    assert axe_violations(contact) == []
    contact.context.close()

    # 3. Staff open the submitted report from the round's page and accept it.
    page.reload()
    with page.expect_navigation(url=f"**{report.get_absolute_url()}"):
        page.click(f"main a[href='{report.get_absolute_url()}']")
    assert axe_violations(page) == []
    page.check("main form[action$='/review/'] input[name=decision][value=accept]")
    with page.expect_navigation(url=f"**{monitoring_round.get_absolute_url()}"):
        page.click("main form[action$='/review/'] button[type=submit]")
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED and report.reviewed_at is not None
    measurement = Measurement.objects.get(indicator=region, year=YEAR, county=None)
    assert measurement.value == Decimal("6.4")
    assert measurement.source_note == "Ankieta CKZ 2025 (demo)"
    action.refresh_from_db()
    assert action.status == ActionStatus.ON_TRACK
    assert action.budget_spent == Decimal("31250.50")
    assert axe_violations(page) == []

    # 4. Every report is accepted: staff close the round, freezing its data.
    with page.expect_navigation(url=f"**{monitoring_round.get_absolute_url()}"):
        page.click("main form[action$='/close/'] button[type=submit]")
    monitoring_round.refresh_from_db()
    assert monitoring_round.status == RoundStatus.CLOSED
    assert monitoring_round.closed_at is not None
    frozen = [
        m
        for m in monitoring_round.snapshot["measurements"]
        if (m["indicator"], m["year"], m["territory"]) == ("W1", YEAR, "region")
    ]
    assert [Decimal(m["value"]) for m in frozen] == [Decimal("6.4")]
    assert monitoring_round.snapshot["reports"][0]["status"] == ReportStatus.ACCEPTED
    assert page.locator(f"main a[href$='/rounds/{monitoring_round.pk}/report.pdf']").count() == 1
    assert axe_violations(page) == []
