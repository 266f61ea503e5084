"""Monitoring rounds: open, fill in, return, resubmit, accept, close; the report files; who may
see what; the reminder."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal as D

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory
from skillshub.core.models import County
from skillshub.programme import services as svc
from skillshub.programme import services_monitoring as mon
from skillshub.programme.choices import (
    ActionStatus,
    NodeKind,
    ReportStatus,
    RoundStatus,
    TerritorialLevel,
    VersionStatus,
)
from skillshub.programme.models import InstitutionReport, Measurement, Node, ValueReport
from skillshub.programme.tasks import report_reminder
from skillshub.stakeholders.tests.factories import ContactPersonFactory, InstitutionFactory

pytestmark = pytest.mark.django_db

DEADLINE = timezone.localdate() + datetime.timedelta(days=30)


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def setup(region, coordinator):  # type: ignore[no-untyped-def]
    """An adopted programme: two objectives, three actions led by two institutions, a region
    indicator and a county indicator."""
    UserFactory(username="office-2", role=Role.OFFICE_STAFF, email="biuro@example.invalid")
    lead_a = InstitutionFactory(name="Centrum Kształcenia A (demo)")
    lead_b = InstitutionFactory(name="Centrum Kształcenia B (demo)")
    contact_a = ContactPersonFactory(
        institution=lead_a, user=UserFactory(role=Role.INSTITUTION_CONTACT)
    )
    ContactPersonFactory(institution=lead_a)
    contact_b = ContactPersonFactory(
        institution=lead_b, user=UserFactory(role=Role.INSTITUTION_CONTACT)
    )
    programme = svc.programme_create(
        actor=coordinator, data={"name": "Program (demo)", "start_year": 2024, "end_year": 2030}
    )
    version = programme.versions.get()

    def node(**data):  # type: ignore[no-untyped-def]
        return svc.node_create(version=version, actor=coordinator, data=data)

    o1 = node(kind=NodeKind.OBJECTIVE, code="1", title="Kompetencje dorosłych")
    o2 = node(kind=NodeKind.OBJECTIVE, code="2", title="Doradztwo zawodowe")
    a11 = node(
        kind=NodeKind.ACTION,
        code="1.1",
        title="Kursy",
        parent=o1,
        lead=lead_a,
        budget_planned=D("100000"),
        status=ActionStatus.NOT_STARTED,
    )
    a12 = node(
        kind=NodeKind.ACTION,
        code="1.2",
        title="Bony",
        parent=o1,
        lead=lead_b,
        budget_planned=D("50000"),
    )
    a21 = node(
        kind=NodeKind.ACTION,
        code="2.1",
        title="Doradcy",
        parent=o2,
        lead=lead_a,
        budget_planned=D("20000"),
    )
    counties = list(County.objects.in_region()[:2])
    a21.counties.set(counties)
    share = svc.indicator_create(
        programme=programme,
        actor=coordinator,
        data={
            "code": "W1",
            "name": "Udział dorosłych w kształceniu",
            "unit": "%",
            "baseline_value": D("4"),
            "baseline_year": 2023,
        },
    )
    svc.target_set(indicator=share, actor=coordinator, year=2030, value=D("8"))
    advised = svc.indicator_create(
        programme=programme,
        actor=coordinator,
        data={
            "code": "W2",
            "name": "Osoby objęte doradztwem",
            "unit": "osoby",
            "level": TerritorialLevel.COUNTY,
            "baseline_value": D("0"),
            "baseline_year": 2023,
        },
    )
    svc.indicator_link(indicator=share, node=a11, actor=coordinator)
    svc.indicator_link(indicator=share, node=a12, actor=coordinator)
    svc.indicator_link(indicator=advised, node=a21, actor=coordinator)
    svc.version_set_status(
        version=version,
        actor=coordinator,
        status=VersionStatus.ADOPTED,
        adopted_on=datetime.date(2024, 3, 1),
        adopted_by="Uchwała nr 1/2024 ZWL (demo)",
    )
    return {
        "version": version,
        "programme": programme,
        "lead_a": lead_a,
        "lead_b": lead_b,
        "contact_a": contact_a.user,
        "contact_b": contact_b.user,
        "a11": a11,
        "a12": a12,
        "a21": a21,
        "share": share,
        "advised": advised,
        "counties": counties,
    }


def _open(setup, coordinator):  # type: ignore[no-untyped-def]
    return mon.round_open(version=setup["version"], actor=coordinator, year=2025, deadline=DEADLINE)


def _report(rnd, institution) -> InstitutionReport:  # type: ignore[no-untyped-def]
    return rnd.reports.get(institution=institution)


def _form_data(report: InstitutionReport, **overrides: str) -> dict[str, str]:
    data: dict[str, str] = {}
    for a in report.action_reports.all():
        data[f"action-{a.node_id}-status"] = ActionStatus.ON_TRACK
        data[f"action-{a.node_id}-spent"] = "1000"
        data[f"action-{a.node_id}-comment"] = ""
    for v in report.value_reports.all():
        data[f"value-{v.pk}-value"] = "5,5"
        data[f"value-{v.pk}-note"] = ""
    data.update(overrides)
    return data


# --- Opening ------------------------------------------------------------------------------------


def test_opening_a_round_asks_each_lead_institution_and_emails_its_contacts(setup, coordinator):
    mail.outbox.clear()
    rnd = _open(setup, coordinator)
    assert {r.institution for r in rnd.reports.all()} == {setup["lead_a"], setup["lead_b"]}
    report_a = _report(rnd, setup["lead_a"])
    assert {a.node.code for a in report_a.action_reports.all()} == {"1.1", "2.1"}
    assert report_a.action_reports.get(node=setup["a11"]).status == ActionStatus.NOT_STARTED
    # The region indicator once; the county indicator once per county of the action.
    assert report_a.value_reports.filter(indicator=setup["share"], county=None).count() == 1
    assert set(
        report_a.value_reports.filter(indicator=setup["advised"]).values_list("county", flat=True)
    ) == {c.pk for c in setup["counties"]}
    recipients = sorted(m.to[0] for m in mail.outbox)
    expected = sorted(c.email for lead in ("lead_a", "lead_b") for c in setup[lead].contacts.all())
    assert recipients == expected
    assert reverse("programme:report_detail", args=[report_a.pk]) in mail.outbox[0].body


def test_a_round_needs_an_adopted_version_and_one_per_year(setup, coordinator):
    _open(setup, coordinator)
    with pytest.raises(ValidationError):
        _open(setup, coordinator)
    draft = svc.version_revise(version=setup["version"], actor=coordinator)
    with pytest.raises(ValidationError):
        mon.round_open(version=draft, actor=coordinator, year=2025, deadline=DEADLINE)


# --- The whole journey --------------------------------------------------------------------------


def test_fill_in_return_resubmit_accept_close_and_download(setup, coordinator):
    rnd = _open(setup, coordinator)
    report = _report(rnd, setup["lead_a"])
    contact = _client(setup["contact_a"])
    url = reverse("programme:report_detail", args=[report.pk])
    assert contact.get(url).status_code == 200

    # A draft, then a submission with a value in words: refused, the draft stays.
    value = report.value_reports.get(indicator=setup["share"])
    response = contact.post(url, {**_form_data(report), "save": "1"})
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.value == D("5.5")
    bad = _form_data(
        report, **{f"value-{value.pk}-value": "pięć", f"action-{setup['a11'].pk}-spent": "9999"}
    )
    response = contact.post(url, {**bad, "submit": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors[f"value-{value.pk}-value"]
    assert response.context["form"][f"value-{value.pk}-value"].value() == "pięć"
    report.refresh_from_db()
    value.refresh_from_db()
    assert report.status == ReportStatus.PENDING
    assert value.value == D("5.5")
    assert report.action_reports.get(node=setup["a11"]).spent == D("1000")

    # Negative spending is refused as well.
    response = contact.post(
        url, {**_form_data(report, **{f"action-{setup['a11'].pk}-spent": "-5"}), "submit": "1"}
    )
    assert response.status_code == 200
    assert InstitutionReport.objects.get(pk=report.pk).status == ReportStatus.PENDING

    mail.outbox.clear()
    response = contact.post(url, {**_form_data(report), "submit": "1"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert "biuro@example.invalid" in [m.to[0] for m in mail.outbox]
    # Submitted: no more changes.
    assert contact.post(url, {**_form_data(report), "submit": "1"}).status_code == 200

    # Staff return it with a comment: the contacts are told.
    staff = _client(coordinator)
    review = reverse("programme:report_review", args=[report.pk])
    assert staff.post(review, {"decision": "return", "comment": ""}).status_code == 200
    mail.outbox.clear()
    response = staff.post(review, {"decision": "return", "comment": "Uzupełnij komentarz."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert report.review_comment == "Uzupełnij komentarz."
    assert {m.to[0] for m in mail.outbox} == {c.email for c in setup["lead_a"].contacts.all()}

    # Resubmitted with the region value and the counties' values.
    data = _form_data(
        report,
        **{
            f"action-{setup['a11'].pk}-status": ActionStatus.AT_RISK,
            f"action-{setup['a11'].pk}-spent": "12 500,50",
        },
    )
    assert contact.post(url, {**data, "submit": "1"}).status_code == 302

    # Closing is refused while reports are not accepted.
    with pytest.raises(ValidationError, match="Centrum Kształcenia B"):
        mon.round_close(round=rnd, actor=coordinator)

    assert staff.post(review, {"decision": "accept", "comment": ""}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    a11 = Node.objects.get(pk=setup["a11"].pk)
    assert a11.status == ActionStatus.AT_RISK
    assert a11.budget_spent == D("12500.50")
    assert Measurement.objects.get(indicator=setup["share"], year=2025, county=None).value == D(
        "5.5"
    )
    assert Measurement.objects.filter(indicator=setup["advised"], year=2025).count() == 2

    # The other institution reports; staff accept; the round closes.
    other = _report(rnd, setup["lead_b"])
    mon.report_save(
        report=other,
        actor=setup["contact_b"],
        actions={setup["a12"].pk: {"status": ActionStatus.DONE, "spent": "50000"}},
        values={},
        submit=True,
    )
    mon.report_review(report=other, actor=coordinator, accept=True)
    response = staff.post(reverse("programme:round_close", args=[rnd.pk]))
    assert response.status_code == 302
    rnd.refresh_from_db()
    assert rnd.status == RoundStatus.CLOSED
    snapshot = rnd.snapshot
    assert [n["code"] for n in snapshot["nodes"] if n["kind"] == "objective"] == ["1", "2"]
    share = next(i for i in snapshot["indicators"] if i["code"] == "W1")
    assert share["latest"] == "5.5000"
    assert share["progress"] == pytest.approx(0.375)
    # The snapshot is frozen: a later value does not change it.
    svc.measurement_record(indicator=setup["share"], actor=coordinator, year=2026, value="7")
    rnd.refresh_from_db()
    assert next(i for i in rnd.snapshot["indicators"] if i["code"] == "W1")["latest"] == "5.5000"

    pdf = staff.get(reverse("programme:round_report_pdf", args=[rnd.pk]))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    # A county-level indicator is reported county by county.
    from skillshub.programme.reports import report_context

    advised = next(
        i for i in report_context(rnd)["indicators"] if i["code"] == setup["advised"].code
    )
    assert advised["counties"], "the county values of a county-level indicator are in the report"

    docx = staff.get(reverse("programme:round_report_docx", args=[rnd.pk]))
    assert docx.status_code == 200
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Kompetencje dorosłych" in text
    assert "Doradztwo zawodowe" in text

    xlsx = staff.get(reverse("programme:round_data_xlsx", args=[rnd.pk]))
    assert xlsx.status_code == 200
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Węzły", "Wskaźniki", "Pomiary"]
    codes = [row[1] for row in book["Węzły"].iter_rows(min_row=2, values_only=True)]
    assert codes == ["1", "1.1", "1.2", "2", "2.1"]
    measured = list(book["Pomiary"].iter_rows(min_row=2, values_only=True))
    assert ("W1", 2025, "region", None, 5.5, "Monitoring 2025: Centrum Kształcenia A (demo)") in [
        tuple(r) for r in measured
    ]


def test_the_report_files_are_not_there_before_closing(setup, coordinator):
    rnd = _open(setup, coordinator)
    staff = _client(coordinator)
    for name in ("round_report_pdf", "round_report_docx", "round_data_xlsx"):
        assert staff.get(reverse(f"programme:{name}", args=[rnd.pk])).status_code == 404


# --- Permissions and budgets --------------------------------------------------------------------


def test_another_institutions_contact_and_an_outsider_get_404(
    setup, coordinator, outsider_client, anonymous_client
):
    rnd = _open(setup, coordinator)
    report_a = _report(rnd, setup["lead_a"])
    url = reverse("programme:report_detail", args=[report_a.pk])
    other = _client(setup["contact_b"])
    assert other.get(url).status_code == 404
    assert other.post(url, _form_data(report_a)).status_code == 404
    assert outsider_client.get(url).status_code == 404
    assert anonymous_client.get(url).status_code == 302
    for client in (other, outsider_client, _client(UserFactory(role=Role.TEAM_MEMBER))):
        assert client.get(reverse("programme:round_detail", args=[rnd.pk])).status_code == 404
        assert (
            client.get(reverse("programme:round_create", args=[setup["version"].pk])).status_code
            == 404
        )
        assert client.post(reverse("programme:round_close", args=[rnd.pk])).status_code == 404
        assert (
            client.post(
                reverse("programme:report_review", args=[report_a.pk]), {"decision": "accept"}
            ).status_code
            == 404
        )
    # A contact cannot review their own report.
    mon.report_save(report=report_a, actor=setup["contact_a"], actions={}, values={}, submit=False)
    assert (
        _client(setup["contact_a"])
        .post(reverse("programme:report_review", args=[report_a.pk]), {"decision": "accept"})
        .status_code
        == 404
    )


def test_my_reports_lists_only_my_institutions(setup, coordinator):
    rnd = _open(setup, coordinator)
    response = _client(setup["contact_a"]).get(reverse("programme:my_reports"))
    assert response.status_code == 200
    assert [r.institution for r in response.context["reports"]] == [setup["lead_a"]]
    assert _report(rnd, setup["lead_b"]) not in response.context["reports"]


def test_staff_open_a_round_through_the_page(setup, coordinator):
    staff = _client(coordinator)
    url = reverse("programme:round_create", args=[setup["version"].pk])
    assert staff.get(url).status_code == 200
    response = staff.post(url, {"year": "2031", "deadline": DEADLINE.isoformat()})
    assert response.status_code == 200
    assert not setup["version"].rounds.exists()
    response = staff.post(url, {"year": "2025", "deadline": DEADLINE.isoformat()})
    assert response.status_code == 302
    assert setup["version"].rounds.get().year == 2025


def test_pages_keep_a_query_ceiling(setup, coordinator, django_assert_max_num_queries):
    rnd = _open(setup, coordinator)
    report = _report(rnd, setup["lead_a"])
    staff, contact = _client(coordinator), _client(setup["contact_a"])
    urls = [
        (staff, reverse("programme:round_detail", args=[rnd.pk])),
        (staff, reverse("programme:round_create", args=[setup["version"].pk])),
        (staff, reverse("programme:report_detail", args=[report.pk])),
        (contact, reverse("programme:report_detail", args=[report.pk])),
        (contact, reverse("programme:my_reports")),
    ]
    for client, url in urls:
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200
    # More values and reports do not add queries.
    extra = InstitutionFactory()
    node = Node.objects.get(pk=setup["a12"].pk)
    more = InstitutionReport.objects.create(round=rnd, institution=extra)
    for county in County.objects.in_region().exclude(pk__in=[c.pk for c in setup["counties"]])[:3]:
        ValueReport.objects.create(report=report, indicator=setup["advised"], county=county)
    more.action_reports.create(node=node)
    for client, url in urls:
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


# --- The reminder -------------------------------------------------------------------------------


def _remind(report: InstitutionReport) -> str:
    with transaction.atomic():
        return report_reminder.call(report_id=report.pk)


def test_the_reminder_goes_to_a_pending_report_only(setup, coordinator):
    rnd = _open(setup, coordinator)
    report = _report(rnd, setup["lead_b"])
    mail.outbox.clear()
    assert _remind(report) == "sent 1"
    assert [m.to[0] for m in mail.outbox] == [c.email for c in setup["lead_b"].contacts.all()]
    mon.report_save(
        report=report,
        actor=setup["contact_b"],
        actions={setup["a12"].pk: {"status": ActionStatus.ON_TRACK}},
        values={},
        submit=True,
    )
    mon.report_review(report=report, actor=coordinator, accept=True)
    mail.outbox.clear()
    assert _remind(report) == "skipped"
    assert mail.outbox == []


def test_the_reminder_is_scheduled_three_days_before_the_deadline(setup, coordinator, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    rnd = _open(setup, coordinator)
    queued = DBTaskResult.objects.filter(task_path="skillshub.programme.tasks.report_reminder")
    assert queued.count() == rnd.reports.count() == 2
    assert {t.run_after.date() for t in queued} == {DEADLINE - datetime.timedelta(days=3)}
    assert {t.args_kwargs["kwargs"]["report_id"] for t in queued} == set(
        rnd.reports.values_list("pk", flat=True)
    )
