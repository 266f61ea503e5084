"""One matter's pages: raising it, its timeline, every action on it, its files, and who may
do what (a forbidden matter answers 404)."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.contrib.messages import ERROR, get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from skillshub.core.models import County, StrategyArea
from skillshub.matters import services as svc
from skillshub.matters.choices import MatterState as S
from skillshub.matters.models import (
    MAX_DESCRIPTION,
    Matter,
    MatterAttachment,
    MatterComment,
    MatterTransition,
)
from skillshub.stakeholders.tests.factories import ContactPersonFactory

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n% notatka\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def pdf(name: str = "notatka.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, "application/pdf")


def renamed_exe() -> SimpleUploadedFile:
    return SimpleUploadedFile("wniosek.pdf", b"MZ\x90\x00 not a pdf at all", "application/pdf")


def url(name: str, *args: object) -> str:
    return reverse(f"matters:{name}", args=args)


def form_data(**extra: object) -> dict[str, object]:
    return {
        "title": "Brak doradców zawodowych w szkołach",
        "description": "Szkoły w powiecie żarskim nie mają doradców.",
        "urgency": "normal",
        "submission_key": str(uuid.uuid4()),
        **extra,
    }


# --- Set-ups through the services -------------------------------------------------------------


def raised(member, **data) -> Matter:  # type: ignore[no-untyped-def]
    return svc.matter_create(
        actor=member,
        data={"title": "Kwestia testowa", "description": "Opis kwestii.", **data},
    )


def submitted(member, **data) -> Matter:  # type: ignore[no-untyped-def]
    matter = raised(member, **data)
    return svc.matter_submit(matter=matter, actor=member)


def accepted(member, coordinator) -> Matter:  # type: ignore[no-untyped-def]
    matter = submitted(member)
    return svc.matter_move(matter=matter, actor=coordinator, target=S.ACCEPTED)


def in_consultation(member, coordinator) -> Matter:  # type: ignore[no-untyped-def]
    matter = accepted(member, coordinator)
    svc.proposal_add(matter=matter, actor=coordinator, text="Propozycja.")
    return svc.consultation_open(
        matter=matter, actor=coordinator, deadline=timezone.now() + datetime.timedelta(days=7)
    )


def decided(member, coordinator) -> Matter:  # type: ignore[no-untyped-def]
    matter = accepted(member, coordinator)
    svc.proposal_add(matter=matter, actor=coordinator, text="Propozycja.")
    svc.matter_move(matter=matter, actor=coordinator, target=S.PROPOSAL_READY)
    svc.matter_place_on_agenda(
        matter=matter,
        actor=coordinator,
        sitting_key="meeting:4",
        sitting_label="IV posiedzenie WZK",
        sitting_url="/wzk/meetings/4/",
        sitting_date=timezone.localdate(),
    )
    return svc.matter_record_decision(
        matter=matter,
        actor=coordinator,
        decision="adopted",
        resolution_label="Uchwała nr 1/2026 WZK",
        resolution_url="/wzk/resolutions/1/",
        decided_on=timezone.localdate(),
    )


def state_of(matter: Matter) -> str:
    matter.refresh_from_db()
    return matter.state


def error_messages(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(m) for m in get_messages(response.wsgi_request) if m.level == ERROR]


# --- Raising a matter -------------------------------------------------------------------------


def test_a_member_raises_a_draft_through_the_form_and_then_submits_it(
    region, member, member_client
):
    page = member_client.get(url("matter_create"))
    assert page.status_code == 200
    assert page.context["form"].initial["submission_key"]
    area = StrategyArea.objects.filter(part="detailed").first()
    county = County.objects.in_region().first()
    response = member_client.post(
        url("matter_create"),
        form_data(areas=[area.pk], counties=[county.pk], attachments=[pdf()], draft="1"),
    )
    matter = Matter.objects.get()
    assert response.status_code == 302 and response.url == matter.get_absolute_url()
    assert matter.state == S.DRAFT and matter.raised_by == member
    assert list(matter.areas.all()) == [area] and list(matter.counties.all()) == [county]
    assert matter.attachments.get().original_name == "notatka.pdf"

    response = member_client.post(url("matter_submit", matter.pk))
    assert response.status_code == 302
    assert state_of(matter) == S.SUBMITTED
    assert member_client.get(matter.get_absolute_url()).status_code == 200


def test_a_member_can_submit_at_once(member_client):
    member_client.post(url("matter_create"), form_data(submit="1"))
    assert Matter.objects.get().state == S.SUBMITTED


def test_the_form_offers_the_members_own_institution(region, member, member_client):
    person = ContactPersonFactory(user=member)
    page = member_client.get(url("matter_create"))
    assert page.context["form"].initial["on_behalf_of"] == person.institution_id


def test_a_double_submission_makes_one_matter(member_client):
    data = form_data(submit="1")
    first = member_client.post(url("matter_create"), data)
    second = member_client.post(url("matter_create"), data)
    assert Matter.objects.count() == 1
    assert first.url == second.url == Matter.objects.get().get_absolute_url()
    assert MatterTransition.objects.filter(to_state=S.SUBMITTED).count() == 1


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"description": ""}, "description"),
        ({"description": "x" * (MAX_DESCRIPTION + 1)}, "description"),
        ({"attachments": [renamed_exe()]}, "attachments"),
    ],
    ids=["empty", "oversized", "renamed-exe"],
)
def test_bad_input_comes_back_filled_in_and_writes_nothing(member_client, extra, field):
    data = form_data(title="Tytuł do zachowania", submit="1", **extra)
    response = member_client.post(url("matter_create"), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert form["title"].value() == "Tytuł do zachowania"
    assert form["submission_key"].value() == data["submission_key"]
    assert "Tytuł do zachowania" in response.content.decode()
    assert not Matter.objects.exists() and not MatterAttachment.objects.exists()


def test_staff_note_a_matter_raised_orally(coordinator_client):
    response = coordinator_client.post(
        url("matter_create"),
        form_data(raised_orally="on", raised_by_name="Jan Fikcyjny", proposal_due="2030-01-31"),
    )
    assert response.status_code == 302
    matter = Matter.objects.get()
    assert matter.raised_by is None and matter.raiser_display == "Jan Fikcyjny"
    assert matter.proposal_due == datetime.date(2030, 1, 31)


def test_staff_fields_are_ignored_for_a_member(member_client):
    member_client.post(url("matter_create"), form_data(is_public="on", proposal_due="2030-01-31"))
    matter = Matter.objects.get()
    assert not matter.is_public and matter.proposal_due is None


def test_outsider_and_anonymous_cannot_raise_a_matter(outsider_client, anonymous_client):
    assert outsider_client.get(url("matter_create")).status_code == 404
    assert outsider_client.post(url("matter_create"), form_data()).status_code == 404
    assert anonymous_client.post(url("matter_create"), form_data()).status_code == 302
    assert not Matter.objects.exists()


# --- Editing ----------------------------------------------------------------------------------


def test_the_author_edits_a_draft(member, member_client):
    matter = raised(member)
    page = member_client.get(url("matter_edit", matter.pk))
    assert page.status_code == 200
    response = member_client.post(
        url("matter_edit", matter.pk),
        form_data(title="Nowy tytuł", version=matter.version),
    )
    assert response.status_code == 302
    matter.refresh_from_db()
    assert matter.title == "Nowy tytuł" and matter.version == 2


def test_a_stale_edit_shows_both_values_and_writes_nothing(member, coordinator, coordinator_client):
    matter = submitted(member)
    seen = matter.version
    svc.matter_update(matter=matter, actor=coordinator, data={"title": "Tytuł urzędu"})
    response = coordinator_client.post(
        url("matter_edit", matter.pk), form_data(title="Mój tytuł", version=seen)
    )
    assert response.status_code == 409
    assert response.context["conflict"].changes["title"] == ("Tytuł urzędu", "Mój tytuł")
    matter.refresh_from_db()
    assert matter.title == "Tytuł urzędu"


def test_only_the_author_edits_a_draft_and_not_after_submitting(
    member, member_client, other_member_client, outsider_client
):
    draft = raised(member)
    data = form_data(title="Zmiana", version=draft.version)
    assert other_member_client.post(url("matter_edit", draft.pk), data).status_code == 404
    assert outsider_client.post(url("matter_edit", draft.pk), data).status_code == 404
    sent = submitted(member)
    data = form_data(title="Zmiana", version=sent.version)
    assert member_client.post(url("matter_edit", sent.pk), data).status_code == 404
    assert not Matter.objects.filter(title="Zmiana").exists()


def test_the_author_adds_a_file_to_a_draft(member, member_client, other_member_client):
    matter = raised(member)
    response = member_client.post(url("attachment_create", matter.pk), {"file": pdf()})
    assert response.status_code == 302 and matter.attachments.count() == 1
    member_client.post(url("attachment_create", matter.pk), {"file": renamed_exe()})
    assert matter.attachments.count() == 1
    assert (
        other_member_client.post(url("attachment_create", matter.pk), {"file": pdf()}).status_code
        == 404
    )


# --- The office's work ------------------------------------------------------------------------


def test_staff_accept_write_a_proposal_and_open_the_consultation(member, coordinator_client):
    matter = submitted(member)
    page = coordinator_client.get(matter.get_absolute_url())
    assert [m["target"] for m in page.context["moves"]] == [S.ACCEPTED, S.REJECTED]

    coordinator_client.post(
        url("matter_move", matter.pk), {"target": S.ACCEPTED, "expected_state": S.SUBMITTED}
    )
    assert state_of(matter) == S.ACCEPTED

    assert coordinator_client.get(url("proposal_create", matter.pk)).status_code == 200
    response = coordinator_client.post(
        url("proposal_create", matter.pk),
        {
            "text": "Zatrudnić doradców w ramach projektu.",
            "option_1_title": "Projekt EFS+",
            "option_1_text": "Finansowanie z FEL 2021-2027.",
            "option_3_title": "Budżet powiatu",
            "recommended": "3",
        },
    )
    assert response.status_code == 302
    proposal = matter.proposals.get()
    assert proposal.number == 1
    assert [o["title"] for o in proposal.options] == ["Projekt EFS+", "Budżet powiatu"]
    assert proposal.recommended == 1
    assert state_of(matter) == S.PROPOSAL_IN_PREPARATION

    coordinator_client.post(url("proposal_create", matter.pk), {"text": "Wersja druga."})
    assert list(matter.proposals.values_list("number", flat=True)) == [2, 1]

    deadline = timezone.localtime() + datetime.timedelta(days=5)
    response = coordinator_client.post(
        url("consultation_open", matter.pk), {"deadline": deadline.strftime("%Y-%m-%dT%H:%M")}
    )
    assert response.status_code == 302
    matter.refresh_from_db()
    assert matter.consultation_deadline is not None
    assert svc.consultation_is_open(matter)


def test_a_recommended_option_that_is_not_filled_in_is_refused(
    member, coordinator, coordinator_client
):
    matter = accepted(member, coordinator)
    response = coordinator_client.post(
        url("proposal_create", matter.pk), {"text": "Propozycja.", "recommended": "2"}
    )
    assert response.status_code == 400 and "recommended" in response.context["form"].errors
    assert not matter.proposals.exists()


def test_a_consultation_deadline_in_the_past_is_refused(member, coordinator, coordinator_client):
    matter = accepted(member, coordinator)
    svc.proposal_add(matter=matter, actor=coordinator, text="Propozycja.")
    past = timezone.localtime() - datetime.timedelta(days=1)
    response = coordinator_client.post(
        url("consultation_open", matter.pk), {"deadline": past.strftime("%Y-%m-%dT%H:%M")}
    )
    assert response.status_code == 400
    matter.refresh_from_db()
    assert matter.consultation_deadline is None


def test_a_member_comments_and_staff_reply(
    member, other_member, coordinator, other_member_client, coordinator_client
):
    matter = in_consultation(member, coordinator)
    response = other_member_client.post(
        url("comment_create", matter.pk), {"text": "Warto dodać powiat nowosolski."}
    )
    assert response.status_code == 302
    comment = MatterComment.objects.get()
    assert comment.author == other_member and comment.proposal == matter.proposals.get()

    response = coordinator_client.post(
        url("comment_create", matter.pk), {"text": "Dziękujemy, dodamy.", "reply_to": comment.pk}
    )
    assert response.status_code == 302
    reply = MatterComment.objects.exclude(pk=comment.pk).get()
    assert reply.reply_to == comment and reply.author == coordinator

    page = coordinator_client.get(matter.get_absolute_url()).content.decode()
    assert "Warto dodać powiat nowosolski." in page and "Dziękujemy, dodamy." in page


def test_an_empty_comment_comes_back_with_the_form(member, coordinator, other_member_client):
    matter = in_consultation(member, coordinator)
    response = other_member_client.post(url("comment_create", matter.pk), {"text": "  "})
    assert response.status_code == 400 and "text" in response.context["comment_form"].errors
    assert not MatterComment.objects.exists()


def test_a_member_cannot_comment_once_the_consultation_is_closed(member, other_member_client):
    matter = submitted(member)
    response = other_member_client.post(url("comment_create", matter.pk), {"text": "Uwaga."})
    assert response.status_code == 404
    assert not MatterComment.objects.exists()


def test_a_stale_move_tells_who_moved_it_and_the_state_stays_consistent(
    member, coordinator, coordinator_client, office_admin, admin_client_
):
    matter = submitted(member)
    move = {"target": S.ACCEPTED, "expected_state": S.SUBMITTED}
    assert admin_client_.post(url("matter_move", matter.pk), move).status_code == 302
    reject = {"target": S.REJECTED, "expected_state": S.SUBMITTED, "note": "Poza zakresem."}
    response = coordinator_client.post(url("matter_move", matter.pk), reject)
    assert response.status_code == 302 and response.url == matter.get_absolute_url()
    assert state_of(matter) == S.ACCEPTED
    assert matter.rejection_reason == ""
    assert MatterTransition.objects.filter(matter=matter, to_state=S.ACCEPTED).count() == 1
    assert not MatterTransition.objects.filter(matter=matter, to_state=S.REJECTED).exists()
    [message] = error_messages(response)
    assert str(office_admin) in message


def test_a_rejection_needs_a_reason(member, coordinator_client):
    matter = submitted(member)
    move = {"target": S.REJECTED, "expected_state": S.SUBMITTED, "note": ""}
    response = coordinator_client.post(url("matter_move", matter.pk), move)
    assert response.status_code == 302 and error_messages(response)
    assert state_of(matter) == S.SUBMITTED

    move["note"] = "Sprawa poza zakresem WZK."
    coordinator_client.post(url("matter_move", matter.pk), move)
    assert state_of(matter) == S.REJECTED
    assert matter.rejection_reason == "Sprawa poza zakresem WZK."


def test_an_illegal_move_is_refused_with_a_message(member, coordinator_client):
    matter = submitted(member)
    move = {"target": S.CLOSED, "expected_state": S.SUBMITTED}
    response = coordinator_client.post(url("matter_move", matter.pk), move)
    assert response.status_code == 302 and error_messages(response)
    assert state_of(matter) == S.SUBMITTED


# --- Forwarding, the answer and the files -----------------------------------------------------


def test_staff_forward_and_record_the_answer_with_files_that_members_download(
    member,
    coordinator,
    coordinator_client,
    member_client,
    other_member_client,
    outsider_client,
    anonymous_client,
):
    matter = decided(member, coordinator)
    today = timezone.localdate()
    assert coordinator_client.get(url("matter_forward", matter.pk)).status_code == 200
    response = coordinator_client.post(
        url("matter_forward", matter.pk),
        {
            "addressee_kind": "regional_board",
            "addressee": "Zarząd Województwa Lubuskiego",
            "forwarded_on": today.isoformat(),
            "answer_due": (today + datetime.timedelta(days=30)).isoformat(),
            "letter": pdf("pismo.pdf"),
            "expected_state": S.DECIDED,
        },
    )
    assert response.status_code == 302
    assert state_of(matter) == S.FORWARDED and matter.letter

    response = coordinator_client.post(
        url("matter_answer", matter.pk),
        {
            "received_on": today.isoformat(),
            "text": "Zarząd przyjął stanowisko.",
            "file": pdf("odpowiedz.pdf"),
            "expected_state": S.FORWARDED,
        },
    )
    assert response.status_code == 302
    assert state_of(matter) == S.ANSWERED and matter.answer_file

    for name in ("letter_download", "answer_file_download"):
        for client in (member_client, other_member_client, coordinator_client):
            download = client.get(url(name, matter.pk))
            assert download.status_code == 200
            assert b"".join(download.streaming_content) == PDF_BYTES
            assert download["X-Content-Type-Options"] == "nosniff"
            assert download["Content-Disposition"].startswith("attachment")
        assert outsider_client.get(url(name, matter.pk)).status_code == 404
        assert anonymous_client.get(url(name, matter.pk)).status_code == 404

    page = member_client.get(matter.get_absolute_url()).content.decode()
    assert "Zarząd przyjął stanowisko." in page
    assert url("letter_download", matter.pk) in page


def test_a_forwarding_without_an_addressee_comes_back(member, coordinator, coordinator_client):
    matter = decided(member, coordinator)
    response = coordinator_client.post(
        url("matter_forward", matter.pk),
        {
            "addressee_kind": "ministry",
            "addressee": "",
            "forwarded_on": timezone.localdate().isoformat(),
            "expected_state": S.DECIDED,
        },
    )
    assert response.status_code == 400
    assert state_of(matter) == S.DECIDED


def test_attachments_download_only_for_those_who_see_the_matter(
    member, member_client, other_member_client, outsider_client, anonymous_client
):
    shared = svc.matter_create(
        actor=member,
        data={"title": "Jawna", "description": "Opis."},
        attachments=[pdf()],
        submit=True,
    )
    secret = svc.matter_create(
        actor=member,
        data={"title": "Poufna", "description": "Opis.", "confidential": True},
        attachments=[pdf("poufne.pdf")],
        submit=True,
    )
    shared_file = url("attachment_download", shared.attachments.get().pk)
    secret_file = url("attachment_download", secret.attachments.get().pk)
    download = other_member_client.get(shared_file)
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment")
    assert member_client.get(secret_file).status_code == 200
    assert other_member_client.get(secret_file).status_code == 404
    assert other_member_client.get(secret.get_absolute_url()).status_code == 404
    for client in (outsider_client, anonymous_client):
        assert client.get(shared_file).status_code == 404
    assert member_client.get(url("attachment_download", 999999)).status_code == 404


# --- Who may see and do what ------------------------------------------------------------------


def test_who_sees_the_matter_page(
    member,
    coordinator_client,
    member_client,
    other_member_client,
    outsider_client,
    anonymous_client,
):
    draft = raised(member, title="Szkic")
    sent = submitted(member)
    assert member_client.get(draft.get_absolute_url()).status_code == 200
    assert coordinator_client.get(draft.get_absolute_url()).status_code == 200
    assert other_member_client.get(draft.get_absolute_url()).status_code == 404
    assert other_member_client.get(sent.get_absolute_url()).status_code == 200
    for client in (outsider_client, anonymous_client):
        assert client.get(sent.get_absolute_url()).status_code == 404


def test_a_decided_public_matter_is_open_to_anyone(member, coordinator, anonymous_client):
    matter = decided(member, coordinator)
    assert anonymous_client.get(matter.get_absolute_url()).status_code == 404
    svc.matter_update(matter=matter, actor=coordinator, data={"is_public": True})
    assert anonymous_client.get(matter.get_absolute_url()).status_code == 200


def _staff_actions(matter: Matter) -> list[tuple[str, dict[str, object]]]:
    today = timezone.localdate().isoformat()
    return [
        ("matter_move", {"target": S.ACCEPTED, "expected_state": matter.state}),
        ("matter_move", {"target": S.REJECTED, "expected_state": matter.state, "note": "Nie."}),
        ("proposal_create", {"text": "Moja propozycja."}),
        ("consultation_open", {"deadline": "2099-01-01T10:00"}),
        (
            "matter_forward",
            {
                "addressee_kind": "ministry",
                "addressee": "MRPiPS",
                "forwarded_on": today,
                "expected_state": matter.state,
            },
        ),
        ("matter_answer", {"received_on": today, "text": "Odp.", "expected_state": matter.state}),
    ]


@pytest.mark.parametrize("who", ["member", "other_member", "outsider"])
def test_staff_actions_are_404_for_everyone_else(request, who, member, coordinator):
    client = request.getfixturevalue(f"{who}_client")
    matter = submitted(member)
    version = matter.version
    for name, data in _staff_actions(matter):
        assert client.get(url(name, matter.pk)).status_code in (404, 405)
        assert client.post(url(name, matter.pk), data).status_code == 404, name
    matter.refresh_from_db()
    assert matter.state == S.SUBMITTED and matter.version == version
    assert not matter.proposals.exists()
    # The submit of someone else's draft, too.
    draft = raised(member)
    if who != "member":
        assert client.post(url("matter_submit", draft.pk)).status_code == 404
        assert state_of(draft) == S.DRAFT


def test_staff_actions_send_anonymous_to_the_login(member, anonymous_client):
    matter = submitted(member)
    for name, data in _staff_actions(matter):
        response = anonymous_client.post(url(name, matter.pk), data)
        assert response.status_code == 302 and reverse("accounts:login") in response.url
    assert state_of(matter) == S.SUBMITTED


def test_the_page_shows_the_right_forms(member, coordinator, member_client, coordinator_client):
    draft = raised(member)
    page = member_client.get(draft.get_absolute_url())
    assert page.context["can_change"] and page.context["can_submit"]
    assert not page.context["moves"] and not page.context["can_write_proposal"]
    matter = in_consultation(member, coordinator)
    member_page = member_client.get(matter.get_absolute_url())
    assert not member_page.context["can_change"] and not member_page.context["moves"]
    assert member_page.context["comment_form"] is not None
    assert not member_page.context["can_reply"]
    staff_page = coordinator_client.get(matter.get_absolute_url())
    assert staff_page.context["can_write_proposal"] and staff_page.context["can_reply"]
    assert [m["target"] for m in staff_page.context["moves"]] == [S.PROPOSAL_READY]


# --- The query budget -------------------------------------------------------------------------


def _long_story(member, coordinator, *, comments: int, proposals: int) -> Matter:  # type: ignore[no-untyped-def]
    matter = submitted(member)
    svc.matter_move(matter=matter, actor=coordinator, target=S.ACCEPTED)
    for n in range(proposals):
        svc.proposal_add(matter=matter, actor=coordinator, text=f"Wersja {n + 1}.",
                         options=[{"title": "A", "text": "a"}, {"title": "B", "text": "b"}],
                         recommended=1)  # fmt: skip
    svc.matter_move(matter=matter, actor=coordinator, target=S.PROPOSAL_READY)
    svc.matter_move(matter=matter, actor=coordinator, target=S.PROPOSAL_IN_PREPARATION)
    svc.matter_move(matter=matter, actor=coordinator, target=S.PROPOSAL_READY)
    svc.consultation_open(
        matter=matter, actor=coordinator, deadline=timezone.now() + datetime.timedelta(days=3)
    )
    for n in range(comments):
        author = coordinator if n % 3 else member
        comment = svc.comment_add(matter=matter, actor=author, text=f"Uwaga {n}.")
        if n % 2:
            svc.comment_add(matter=matter, actor=coordinator, text="Odpowiedź.", reply_to=comment)
    matter.refresh_from_db()
    return matter


def _queries_for(client, matter: Matter) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(matter.get_absolute_url()).status_code == 200
    return len(captured)


def test_the_page_costs_the_same_few_queries_however_long_the_timeline(
    region, member, coordinator, coordinator_client, django_assert_max_num_queries
):
    short = _long_story(member, coordinator, comments=2, proposals=1)  # one reply
    long = _long_story(member, coordinator, comments=30, proposals=5)
    for _ in range(5):  # ten moves in all
        svc.matter_move(matter=long, actor=coordinator, target=S.PROPOSAL_IN_PREPARATION)
        long = svc.matter_move(matter=long, actor=coordinator, target=S.PROPOSAL_READY)
    long.areas.set(StrategyArea.objects.filter(part="detailed")[:3])
    long.counties.set(County.objects.in_region()[:4])
    assert long.transitions.count() >= 10
    _queries_for(coordinator_client, short)  # warm the session and the content types
    with django_assert_max_num_queries(16):
        page = coordinator_client.get(long.get_absolute_url())
    assert page.status_code == 200 and len(page.context["events"]) >= 45
    assert _queries_for(coordinator_client, long) == _queries_for(coordinator_client, short)
