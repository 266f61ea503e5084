"""Issue 3's 'done when', walked through the real views on the demo data: sitting IV from
planning to its minutes, then read by a member and refused to an outsider."""

from __future__ import annotations

import datetime
import io

import icalendar
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document as Docx
from weasyprint import HTML

from skillshub.accounts.models import User
from skillshub.core.models import OutgoingEmail
from skillshub.team.choices import MeetingStatus, ResolutionOutcome
from skillshub.team.models import Meeting, Resolution, Team


def _pdf(text: str) -> bytes:
    return HTML(string=f"<h1>{text}</h1>").write_pdf()


@pytest.mark.django_db
def test_sitting_iv_from_plan_to_minutes_then_read_by_a_member(region):
    call_command("seed_demo", stdout=io.StringIO())
    wzk = Team.objects.get(short_name="WZK", parent__isnull=True)
    assert list(wzk.meetings.values_list("number", flat=True).order_by("number")) == [1, 2, 3]
    office = Client()
    office.force_login(User.objects.get(username="biuro"))
    mail.outbox.clear()

    # 1. Create sitting IV.
    when = timezone.localtime() + datetime.timedelta(days=21)
    response = office.post(
        reverse("team:meeting_create", args=[wzk.pk]),
        {"starts_at": when.strftime("%Y-%m-%dT10:00"), "place": "WUP, sala 101 (demo)"},
    )
    meeting = Meeting.objects.get(team=wzk, number=4)
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.label == "IV posiedzenie"

    # 2. Its agenda, with a document on an item.
    for kind, title in [
        ("information", "Otwarcie posiedzenia i stwierdzenie kworum"),
        ("resolution", "Przyjęcie stanowiska w sprawie kształcenia dualnego"),
    ]:
        office.post(
            reverse("team:agenda_item_create", args=[meeting.pk]), {"kind": kind, "title": title}
        )
    item = meeting.agenda_items.get(order=2)
    response = office.post(
        reverse("team:agenda_document_create", args=[item.pk]),
        {
            "title": "Projekt stanowiska (materiał dla członków)",
            "visibility": "members",
            "file": SimpleUploadedFile(
                "projekt.pdf", _pdf("Projekt stanowiska"), "application/pdf"
            ),
        },
    )
    assert response.status_code == 302
    document = item.documents.get()

    # 3. Convene it: every member and deputy gets an invitation with a valid .ics.
    queued_before = OutgoingEmail.objects.count()
    office.post(reverse("team:meeting_status", args=[meeting.pk]), {"action": "convene"})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED
    invitations = [m for m in mail.outbox if m.attachments]
    current = wzk.memberships.filter(start_date__lte=when.date()).exclude(end_date__lt=when.date())
    assert len(invitations) == current.count()
    (_name, content, _mimetype) = invitations[0].attachments[0]
    event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["uid"]) == f"{meeting.uid}@skillshub"
    queued = OutgoingEmail.objects.order_by("id")[queued_before:]
    assert [(e.topic, e.status) for e in queued] == [("team.invitation", "sent")] * len(invitations)

    # 4. Attendance, with one deputy standing in; the quorum holds.
    deputy = current.filter(role="deputy").select_related("deputy_of").first()
    url = reverse("team:attendance", args=[meeting.pk])
    office.post(url, {"kind": "deputy", "membership": deputy.pk})
    voting = current.exclude(role="deputy").exclude(pk=deputy.deputy_of_id)
    for membership in voting[: voting.count() // 2 + 1]:
        office.post(url, {"kind": "member", "membership": membership.pk})
    panel = office.get(url)
    assert panel.context["quorum"].holds

    # 5. A resolution adopted by vote.
    office.post(
        reverse("team:resolution_create", args=[meeting.pk]),
        {
            "kind": "position",
            "title": "w sprawie kształcenia dualnego",
            "text": "WZK rekomenduje rozwój kształcenia dualnego (demo).",
            "addressee": "Zarząd Województwa Lubuskiego",
            "agenda_item": item.pk,
        },
    )
    resolution = Resolution.objects.get(meeting=meeting)
    office.post(
        reverse("team:resolution_vote", args=[resolution.pk]),
        {"votes_for": 15, "votes_against": 2, "votes_abstain": 1},
    )
    resolution.refresh_from_db()
    assert resolution.outcome == ResolutionOutcome.ADOPTED
    assert resolution.label == f"Uchwała nr {resolution.number}/{when.year} WZK"

    # 6. The minutes, as PDF and DOCX.
    office.post(reverse("team:meeting_status", args=[meeting.pk]), {"action": "held"})
    pdf = office.get(reverse("team:minutes_pdf", args=[meeting.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content if pdf.streaming else [pdf.content])[:5] == b"%PDF-"
    docx = office.get(reverse("team:minutes_docx", args=[meeting.pk]))
    body = b"".join(docx.streaming_content if docx.streaming else [docx.content])
    text = "\n".join(p.text for p in Docx(io.BytesIO(body)).paragraphs)
    assert "Przyjęcie stanowiska w sprawie kształcenia dualnego" in text

    # 7. A member opens all of it; an outsider does not.
    member = Client()
    member.force_login(User.objects.get(username="czlonek"))
    outsider = Client()
    outsider.force_login(User.objects.get(username="kontakt"))
    pages = [
        meeting.get_absolute_url(),
        reverse("team:document_download", args=[document.pk]),
        reverse("team:minutes_detail", args=[meeting.pk]),
        reverse("team:minutes_pdf", args=[meeting.pk]),
        reverse("team:calendar"),
        reverse("team:my_team"),
        wzk.get_absolute_url(),
    ]
    for page in pages:
        assert member.get(page).status_code == 200, page
        assert outsider.get(page).status_code == 404, page
    # The adopted position is public information; the members-only draft is not.
    assert Client().get(resolution.get_absolute_url()).status_code == 200
    assert Client().get(reverse("team:document_download", args=[document.pk])).status_code == 404
