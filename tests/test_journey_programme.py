"""Issue 5's 'done when', walked through the real views on the demo data: staff revise the
programme and adopt the revision; open a monitoring round; a lead institution's contact
reports; staff accept and close the round; the report downloads as PDF and DOCX, and the public
dashboard shows the new values and the map."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document as Docx

from skillshub.accounts.choices import Role
from skillshub.accounts.models import User
from skillshub.accounts.tests.factories import UserFactory
from skillshub.programme import services as programme_services
from skillshub.programme import services_monitoring as monitoring
from skillshub.programme.choices import ReportStatus, RoundStatus, VersionStatus
from skillshub.programme.models import MonitoringRound, Programme
from skillshub.stakeholders.tests.factories import ContactPersonFactory


@pytest.mark.django_db
def test_revise_adopt_monitor_report_and_publish(region):
    call_command("seed_demo", stdout=io.StringIO())
    programme = Programme.objects.get(is_demo=True)
    adopted = programme.versions.get(status=VersionStatus.ADOPTED)
    office = Client()
    office.force_login(User.objects.get(username="biuro"))

    # 1. Staff revise the programme and adopt the revision.
    office.post(
        reverse("programme:version_revise", args=[adopted.pk]), {"note": "Przegląd śródokresowy"}
    )
    revision = programme.versions.get(status=VersionStatus.DRAFT)
    action = revision.nodes.filter(kind="action").order_by("code").first()
    programme_services.node_update(
        node=action, actor=User.objects.get(username="biuro"), data={"budget_planned": 999000}
    )
    diff = office.get(reverse("programme:version_diff", args=[revision.pk]))
    assert action.code in diff.content.decode()
    office.post(
        reverse("programme:version_status", args=[revision.pk]),
        {
            "status": "adopted",
            "adopted_on": timezone.localdate().isoformat(),
            "adopted_by": "Uchwała nr 999/9999/26 Zarządu Województwa Lubuskiego (demo)",
        },
    )
    revision.refresh_from_db()
    adopted.refresh_from_db()
    assert revision.status == VersionStatus.ADOPTED
    assert adopted.status == VersionStatus.SUPERSEDED

    # 2. Staff open this year's monitoring round.
    year = timezone.localdate().year - 1
    office.post(
        reverse("programme:round_create", args=[revision.pk]),
        {
            "year": year,
            "deadline": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        },
    )
    rnd = MonitoringRound.objects.get(version=revision, year=year)
    report = rnd.reports.filter(value_reports__isnull=False).distinct().first()
    assert report is not None

    # 3. A lead institution's contact reports.
    contact_user = UserFactory(username="lider-demo", role=Role.INSTITUTION_CONTACT)
    ContactPersonFactory(institution=report.institution, user=contact_user)
    contact = Client()
    contact.force_login(contact_user)
    data: dict[str, str] = {}
    for a in report.action_reports.all():
        data[f"action-{a.node_id}-status"] = "on_track"
        data[f"action-{a.node_id}-spent"] = "125000"
        data[f"action-{a.node_id}-comment"] = "Realizacja zgodnie z planem (demo)."
    values = list(report.value_reports.select_related("indicator", "county"))
    for v in values:
        data[f"value-{v.pk}-value"] = "42,5"
        data[f"value-{v.pk}-note"] = "dane instytucji (demo)"
    url = reverse("programme:report_detail", args=[report.pk])
    assert contact.post(url, {**data, "submit": "1"}).status_code in (200, 302)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    # 4. Staff accept it (the other lead institutions report too) and close the round.
    staff_user = User.objects.get(username="biuro")
    for other in rnd.reports.exclude(pk=report.pk):
        monitoring.report_save(
            report=other,
            actor=staff_user,
            actions={
                a.node_id: {"status": "on_track", "spent": "0", "comment": ""}
                for a in other.action_reports.all()
            },
            values={},
            submit=True,
        )
    for each in rnd.reports.all():
        office.post(reverse("programme:report_review", args=[each.pk]), {"decision": "accept"})
    assert not rnd.reports.exclude(status=ReportStatus.ACCEPTED).exists()
    office.post(reverse("programme:round_close", args=[rnd.pk]))
    rnd.refresh_from_db()
    assert rnd.status == RoundStatus.CLOSED and rnd.snapshot

    # 5. The report downloads as PDF and DOCX; the public dashboard shows the new values.
    pdf = office.get(reverse("programme:round_report_pdf", args=[rnd.pk]))
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    docx = office.get(reverse("programme:round_report_docx", args=[rnd.pk]))
    text = "\n".join(p.text for p in Docx(io.BytesIO(docx.content)).paragraphs)
    assert programme.name in text
    public = Client()
    page = public.get(reverse("programme:dashboard"))
    assert page.status_code == 200
    assert page.context["version"] == revision
    assert page.context["county_rows"], "the map's table lists the counties"
    map_data = json.loads(public.get(page.context["map_url"]).content)
    assert len(map_data["features"]) == 14
    # The accepted values are now measurements: the indicator's public page shows them.
    indicator_page = public.get(
        reverse("programme:indicator_detail", args=[values[0].indicator_id])
    )
    assert "42,5" in indicator_page.content.decode()
