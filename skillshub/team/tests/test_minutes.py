"""Minutes: editing with conflicts, consultation with a deadline, comments, approval at a
later sitting, the e-mails, and the PDF and DOCX exports."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from skillshub.core.models import AuditEntry, OutgoingEmail
from skillshub.team import exports
from skillshub.team.choices import AgendaItemKind, MeetingStatus, MinutesStatus
from skillshub.team.exceptions import EditConflict, IllegalTransition
from skillshub.team.models import Minutes, MinutesComment
from skillshub.team.services import meetings as meetings_svc
from skillshub.team.services import minutes as svc

from .factories import DeputyFactory

pytestmark = pytest.mark.django_db


def _sitting(team, actor, *, days=10, items=("Otwarcie posiedzenia",)):
    meeting = meetings_svc.meeting_create(
        team=team,
        actor=actor,
        data={"starts_at": timezone.now() + datetime.timedelta(days=days), "place": "WUP"},
    )
    for title in items:
        meetings_svc.agenda_item_add(meeting=meeting, actor=actor, data={"title": title})
    return meeting


def held_sitting(team, actor, *, items=("Otwarcie posiedzenia", "Zażółć gęślą jaźń")):
    """create → agenda → convene → attendance (one deputy standing in, a guest) → vote → held."""
    members = list(team.memberships.filter(role="member").order_by("id"))
    deputy = DeputyFactory(deputy_of=members[0])
    meeting = _sitting(team, actor, items=items)
    resolution_item = meetings_svc.agenda_item_add(
        meeting=meeting,
        actor=actor,
        data={"title": "Przyjęcie stanowiska", "kind": AgendaItemKind.RESOLUTION},
    )
    meetings_svc.meeting_convene(meeting=meeting, actor=actor)
    meetings_svc.attendance_record(meeting=meeting, actor=actor, kind="deputy", membership=deputy)
    for membership in members[1:4]:
        meetings_svc.attendance_record(
            meeting=meeting, actor=actor, kind="member", membership=membership
        )
    meetings_svc.attendance_record(
        meeting=meeting, actor=actor, kind="guest", guest_name="Gość Łukasz Źdźbło"
    )
    draft = meetings_svc.resolution_draft(
        meeting=meeting,
        actor=actor,
        data={"title": "w sprawie stanowiska", "text": "Zespół przyjmuje stanowisko."},
        agenda_item=resolution_item,
    )
    meetings_svc.resolution_vote(resolution=draft, actor=actor, votes_for=3, votes_abstain=1)
    meetings_svc.meeting_mark_held(meeting=meeting, actor=actor)
    meeting.refresh_from_db()
    mail.outbox.clear()
    return meeting


@pytest.fixture
def minutes(wzk, coordinator):
    return Minutes.objects.select_related("meeting__team").get(
        meeting=held_sitting(wzk, coordinator)
    )


def _open(minutes, actor, days=5):
    return svc.minutes_open_consultation(
        minutes=minutes, actor=actor, deadline=timezone.now() + datetime.timedelta(days=days)
    )


# --- Editing ----------------------------------------------------------------------------------


def test_minutes_update_saves_summaries_and_raises_the_version(minutes, coordinator):
    item = minutes.meeting.agenda_items.first()
    updated = svc.minutes_update(
        minutes=minutes,
        actor=coordinator,
        data={"opening": "Posiedzenie otworzył przewodniczący.", "recorded_by": "Anna Demo"},
        summaries={item.pk: "Przyjęto porządek obrad."},
        expected_version=1,
    )
    item.refresh_from_db()
    assert updated.version == 2
    assert item.summary == "Przyjęto porządek obrad."
    assert AuditEntry.objects.filter(verb="minutes_update").count() == 1


def test_a_stale_version_raises_a_conflict_and_writes_nothing(minutes, coordinator):
    item = minutes.meeting.agenda_items.first()
    svc.minutes_update(
        minutes=minutes, actor=coordinator, data={"closing": "Pierwsza"}, summaries={},
        expected_version=1,
    )  # fmt: skip
    with pytest.raises(EditConflict) as info:
        svc.minutes_update(
            minutes=minutes, actor=coordinator, data={"closing": "Druga"},
            summaries={item.pk: "Nadpisane"}, expected_version=1,
        )  # fmt: skip
    assert info.value.changes["closing"] == ("Pierwsza", "Druga")
    minutes.refresh_from_db()
    item.refresh_from_db()
    assert (minutes.closing, item.summary, minutes.version) == ("Pierwsza", "", 2)


def test_the_second_editor_gets_409_and_nothing_is_overwritten(minutes, coordinator_client):
    url = reverse("team:minutes_edit", args=[minutes.meeting_id])
    item = minutes.meeting.agenda_items.first()
    page = coordinator_client.get(url)
    assert page.status_code == 200
    form = {"version": "1", "opening": "", "closing": "", "recorded_by": ""}
    first = coordinator_client.post(url, {**form, "recorded_by": "Pierwsza osoba"})
    assert first.status_code == 302
    second = coordinator_client.post(
        url, {**form, "recorded_by": "Druga osoba", f"summary_{item.pk}": "Moje podsumowanie"}
    )
    assert second.status_code == 409
    assert "Pierwsza osoba" in second.content.decode()
    assert second.context["form"]["version"].value() == "2"
    minutes.refresh_from_db()
    item.refresh_from_db()
    assert minutes.recorded_by == "Pierwsza osoba"
    assert item.summary == ""


def test_approved_minutes_cannot_be_edited(wzk, minutes, coordinator):
    later = _sitting(wzk, coordinator, days=40)
    meetings_svc.meeting_convene(meeting=later, actor=coordinator)
    _open(minutes, coordinator)
    svc.minutes_approve(minutes=minutes, actor=coordinator, at_meeting=later)
    with pytest.raises(IllegalTransition):
        svc.minutes_update(
            minutes=minutes, actor=coordinator, data={"closing": "x"}, summaries={},
            expected_version=None,
        )  # fmt: skip


def test_members_cannot_edit(minutes, wzk_member_client):
    url = reverse("team:minutes_edit", args=[minutes.meeting_id])
    assert wzk_member_client.get(url).status_code == 404


# --- Consultation -----------------------------------------------------------------------------


def test_opening_for_comments_mails_every_member_and_deputy(wzk, minutes, coordinator):
    _open(minutes, coordinator)
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.CONSULTATION
    expected = {m.person.email for m in wzk.memberships.select_related("person")}
    assert len(expected) == 6  # five members and the deputy
    assert {m.to[0] for m in mail.outbox} == expected
    assert OutgoingEmail.objects.filter(topic="team.minutes_ready").count() == 6


def test_the_deadline_must_be_in_the_future(minutes, coordinator):
    with pytest.raises(ValidationError):
        svc.minutes_open_consultation(
            minutes=minutes,
            actor=coordinator,
            deadline=timezone.now() - datetime.timedelta(hours=1),
        )
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.DRAFT
    assert mail.outbox == []


def test_back_to_draft(minutes, coordinator):
    _open(minutes, coordinator)
    svc.minutes_back_to_draft(minutes=minutes, actor=coordinator)
    minutes.refresh_from_db()
    assert (minutes.status, minutes.comment_deadline) == (MinutesStatus.DRAFT, None)
    with pytest.raises(IllegalTransition):
        svc.minutes_back_to_draft(minutes=minutes, actor=coordinator)


def test_the_deadline_reminder_is_scheduled_with_a_deferring_backend(
    minutes, coordinator, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    from skillshub.team.tasks_minutes import minutes_deadline_reminder

    _open(minutes, coordinator, days=5)
    minutes.refresh_from_db()
    scheduled = [
        r for r in default_task_backend.results if r.task.func == minutes_deadline_reminder.func
    ]
    assert len(scheduled) == 1
    assert scheduled[0].task.run_after == minutes.comment_deadline - datetime.timedelta(days=1)


def test_the_deadline_reminder_checks_the_minutes_are_still_open(minutes, coordinator):
    from skillshub.team.tasks_minutes import minutes_deadline_reminder

    _open(minutes, coordinator)
    minutes.refresh_from_db()
    mail.outbox.clear()
    deadline = minutes.comment_deadline.isoformat()
    assert minutes_deadline_reminder.call(minutes_id=minutes.pk, deadline="2000-01-01") == "moved"
    assert minutes_deadline_reminder.call(minutes_id=minutes.pk, deadline=deadline) == "sent 6"
    svc.minutes_back_to_draft(minutes=minutes, actor=coordinator)
    assert minutes_deadline_reminder.call(minutes_id=minutes.pk, deadline=deadline) == "skipped"


# --- Comments ---------------------------------------------------------------------------------


def test_a_member_comments_during_consultation(minutes, coordinator, wzk_member):
    _open(minutes, coordinator)
    item = minutes.meeting.agenda_items.first()
    comment = svc.minutes_comment_add(
        minutes=minutes, actor=wzk_member, text="Proszę poprawić nazwisko.", agenda_item=item
    )
    reply = svc.minutes_comment_add(
        minutes=minutes, actor=coordinator, text="Poprawione.", reply_to=comment
    )
    assert reply.reply_to == comment and reply.agenda_item == item


def test_a_member_cannot_comment_on_a_draft(minutes, wzk_member):
    with pytest.raises(IllegalTransition):
        svc.minutes_comment_add(minutes=minutes, actor=wzk_member, text="Uwaga")


def test_comments_are_refused_after_the_deadline(minutes, coordinator, wzk_member):
    _open(minutes, coordinator, days=3)
    with freeze_time(timezone.now() + datetime.timedelta(days=4)):
        with pytest.raises(IllegalTransition):
            svc.minutes_comment_add(minutes=minutes, actor=wzk_member, text="Za późno")
        # Staff may still reply before the approval.
        svc.minutes_comment_add(minutes=minutes, actor=coordinator, text="Odpowiedź biura")
    assert list(MinutesComment.objects.values_list("text", flat=True)) == ["Odpowiedź biura"]


def test_an_empty_comment_is_refused(minutes, coordinator, wzk_member):
    _open(minutes, coordinator)
    with pytest.raises(ValidationError):
        svc.minutes_comment_add(minutes=minutes, actor=wzk_member, text="   ")


def test_comment_through_the_page(minutes, coordinator, wzk_member_client):
    _open(minutes, coordinator)
    url = reverse("team:minutes_comment", args=[minutes.meeting_id])
    response = wzk_member_client.post(url, {"text": "Dopisać wniosek."})
    assert response.status_code == 302
    assert MinutesComment.objects.get().text == "Dopisać wniosek."
    response = wzk_member_client.post(url, {"text": ""})
    assert response.status_code == 400
    assert MinutesComment.objects.count() == 1


def test_a_late_comment_through_the_page_is_refused(minutes, coordinator, wzk_member_client):
    _open(minutes, coordinator, days=1)
    url = reverse("team:minutes_comment", args=[minutes.meeting_id])
    with freeze_time(timezone.now() + datetime.timedelta(days=2)):
        response = wzk_member_client.post(url, {"text": "Za późno"})
    assert response.status_code == 400
    assert not MinutesComment.objects.exists()


# --- Approval ---------------------------------------------------------------------------------


def test_approval_at_a_later_sitting_moves_the_sitting_to_minutes_approved(
    wzk, minutes, coordinator
):
    later = _sitting(wzk, coordinator, days=40)
    meetings_svc.meeting_convene(meeting=later, actor=coordinator)
    _open(minutes, coordinator)
    approved = svc.minutes_approve(minutes=minutes, actor=coordinator, at_meeting=later)
    assert approved.status == MinutesStatus.APPROVED
    assert approved.approved_on == timezone.localtime(later.starts_at).date()
    minutes.meeting.refresh_from_db()
    assert minutes.meeting.status == MeetingStatus.MINUTES_APPROVED
    assert AuditEntry.objects.filter(verb="minutes_approve").exists()


def test_approval_needs_a_later_convened_sitting_of_the_same_team(wzk, minutes, coordinator):
    _open(minutes, coordinator)
    planned_later = _sitting(wzk, coordinator, days=40)  # not convened
    for at in (minutes.meeting, planned_later):
        with pytest.raises(ValidationError):
            svc.minutes_approve(minutes=minutes, actor=coordinator, at_meeting=at)
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.CONSULTATION


def test_a_draft_cannot_be_approved(wzk, minutes, coordinator):
    later = _sitting(wzk, coordinator, days=40)
    meetings_svc.meeting_convene(meeting=later, actor=coordinator)
    with pytest.raises(IllegalTransition):
        svc.minutes_approve(minutes=minutes, actor=coordinator, at_meeting=later)
    minutes.meeting.refresh_from_db()
    assert minutes.meeting.status == MeetingStatus.HELD


def test_approve_through_the_page(wzk, minutes, coordinator, coordinator_client):
    later = _sitting(wzk, coordinator, days=40)
    meetings_svc.meeting_convene(meeting=later, actor=coordinator)
    consultation = reverse("team:minutes_consultation", args=[minutes.meeting_id])
    deadline = (timezone.localtime() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    assert (
        coordinator_client.post(consultation, {"action": "open", "deadline": deadline}).status_code
        == 302
    )
    response = coordinator_client.post(
        reverse("team:minutes_approve", args=[minutes.meeting_id]), {"at_meeting": later.pk}
    )
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.APPROVED


# --- Pages and exports ------------------------------------------------------------------------


def test_minutes_pages_are_for_members_and_staff_only(
    minutes, coordinator_client, wzk_member_client, outsider_client, anonymous_client
):
    for name in ("minutes_detail", "minutes_pdf", "minutes_docx"):
        url = reverse(f"team:{name}", args=[minutes.meeting_id])
        assert wzk_member_client.get(url).status_code == 200
        assert coordinator_client.get(url).status_code == 200
        assert outsider_client.get(url).status_code == 404
        assert anonymous_client.get(url).status_code == 404


def test_minutes_detail_query_ceiling(minutes, coordinator, wzk_member, wzk_member_client,
                                      django_assert_max_num_queries):  # fmt: skip
    _open(minutes, coordinator)
    for n in range(5):
        comment = svc.minutes_comment_add(minutes=minutes, actor=wzk_member, text=f"Uwaga {n}")
        svc.minutes_comment_add(minutes=minutes, actor=coordinator, text="Ok", reply_to=comment)
    url = reverse("team:minutes_detail", args=[minutes.meeting_id])
    with django_assert_max_num_queries(15):
        response = wzk_member_client.get(url)
    assert response.status_code == 200
    assert len(response.context["comments"]) == 5


def test_minutes_context_has_the_sitting_attendance_and_resolutions(minutes):
    ctx = exports.minutes_context(minutes)
    assert ctx["running_title"] == f"Protokół z {minutes.meeting.roman} posiedzenia"
    assert [p["kind"] for p in ctx["attendance"]] == ["członek"] * 3 + ["zastępca", "gość"]
    assert ctx["attendance"][3]["note"].startswith("w zastępstwie")
    (resolution,) = ctx["resolutions"]
    assert resolution["label"].startswith("Uchwała nr 1/")
    assert (resolution["votes_for"], resolution["votes_abstain"]) == (3, 1)
    assert ctx["is_draft"]


def test_the_pdf_is_a_real_pdf_with_pages(minutes):
    from weasyprint import HTML

    content = exports.minutes_pdf(minutes=minutes)
    assert content.startswith(b"%PDF")
    document = HTML(string=exports.minutes_html(minutes=minutes)).render()
    assert len(document.pages) > 0


def _pdf_pages_text(minutes) -> list[list[str]]:
    """The text WeasyPrint laid out on each page, margin boxes included (no pdftotext needed)."""
    from weasyprint import HTML

    def walk(box):
        box = getattr(box, "_box", box)  # fixed and absolute boxes sit behind placeholders
        yield box
        for child in getattr(box, "children", None) or []:
            yield from walk(child)

    document = HTML(string=exports.minutes_html(minutes=minutes)).render()
    return [
        [b.text for b in walk(page._page_box) if getattr(b, "text", None)]
        for page in document.pages
    ]


def test_the_pdf_has_a_header_page_numbers_diacritics_and_a_draft_mark(wzk, coordinator):
    titles = [f"Punkt {n}: zażółć gęślą jaźń" for n in range(12)]
    minutes = Minutes.objects.select_related("meeting__team").get(
        meeting=held_sitting(wzk, coordinator, items=titles)
    )
    pages = _pdf_pages_text(minutes)
    assert len(pages) > 1
    for number, texts in enumerate(pages, start=1):
        assert f"Strona {number} z {len(pages)}" in texts
        assert wzk.name in texts
        assert f"Protokół z {minutes.meeting.roman} posiedzenia" in texts
        assert "PROJEKT" in texts
    assert any("Punkt 0: zażółć gęślą jaźń" in t for t in pages[0])


def test_the_docx_has_the_agenda_with_diacritics_a_table_and_a_page_field(minutes):
    import docx

    document = docx.Document(io.BytesIO(exports.minutes_docx(minutes=minutes)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Zażółć gęślą jaźń" in text
    assert "Porządek obrad" in text and "Uchwały" in text
    assert "wstrzymało się 1" in text
    (table,) = document.tables
    assert len(table.rows) == 1 + 5  # header, three members, a deputy and a guest
    assert "Gość Łukasz Źdźbło" in [row.cells[0].text for row in table.rows]
    section = document.sections[0]
    assert minutes.meeting.team.name in section.header.paragraphs[0].text
    assert "PAGE" in section.footer._element.xml


def test_a_20_item_sitting_has_every_item_in_the_pdf(wzk, coordinator):
    # How fast it renders is measured by bench/team.py, not here: tests never time anything.
    titles = [f"Punkt {n}: sprawy różne — źródła finansowania" for n in range(20)]
    meeting = held_sitting(wzk, coordinator, items=titles)
    minutes = Minutes.objects.select_related("meeting__team").get(meeting=meeting)
    pages = _pdf_pages_text(minutes)
    text = " ".join(" ".join(page) for page in pages)
    assert len(pages) >= 2
    assert all(title.split(":")[0] in text for title in titles)
    assert exports.minutes_pdf(minutes=minutes)[:5] == b"%PDF-"


def test_approved_minutes_carry_no_draft_mark(wzk, minutes, coordinator):
    later = meetings_svc.meeting_convene(
        meeting=_sitting(wzk, coordinator, days=40), actor=coordinator
    )
    _open(minutes, coordinator)
    approved = svc.minutes_approve(minutes=minutes, actor=coordinator, at_meeting=later)
    assert not any("PROJEKT" in texts for texts in _pdf_pages_text(approved))
    import docx

    text = "\n".join(
        p.text for p in docx.Document(io.BytesIO(exports.minutes_docx(minutes=approved))).paragraphs
    )
    assert "PROJEKT" not in text and later.label in text
