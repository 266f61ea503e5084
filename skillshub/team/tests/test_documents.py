"""Documents: the type decided by content, the size limit, versions, permission-checked
downloads and the list that never leaks a members-only title."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from skillshub.core import filetypes
from skillshub.core.models import AuditEntry
from skillshub.team.choices import Visibility
from skillshub.team.models import Document
from skillshub.team.services import documents as svc
from skillshub.team.services import meetings as meetings_svc

pytestmark = pytest.mark.django_db


# --- Files built by the real tools ------------------------------------------------------------


def pdf_bytes() -> bytes:
    from weasyprint import HTML

    return HTML(string="<p>Zażółć gęślą jaźń</p>").write_pdf()


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Sprawozdanie")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["a", 1])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odt_bytes(mimetype: str = filetypes.ODT) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return buffer.getvalue()


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


# --- Sniffing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "build", "expected"),
    [
        ("a.pdf", pdf_bytes, filetypes.PDF),
        ("a.docx", docx_bytes, filetypes.DOCX),
        ("a.xlsx", xlsx_bytes, filetypes.XLSX),
        ("a.odt", odt_bytes, filetypes.ODT),
        ("a.png", png_bytes, filetypes.PNG),
        # The name does not matter: a PDF called .png is a PDF.
        ("disguised.png", pdf_bytes, filetypes.PDF),
    ],
)
def test_real_files_are_recognised_by_content(name, build, expected):
    file = upload(name, build())
    assert filetypes.sniff(file) == expected
    assert filetypes.validate_upload(file) == expected
    assert file.tell() == 0


def test_an_ods_spreadsheet_is_accepted():
    assert filetypes.sniff(io.BytesIO(odt_bytes(filetypes.ODS))) == filetypes.ODS


@pytest.mark.parametrize(
    "content",
    [
        b"Just some text pretending to be a PDF",
        b"MZ\x90\x00\x03\x00\x00\x00 an executable renamed",
        b"PK\x03\x04 not really a zip",
    ],
)
def test_a_file_named_pdf_that_is_not_one_is_refused(content):
    with pytest.raises(ValidationError) as info:
        filetypes.validate_upload(upload("report.pdf", content))
    assert info.value.code == "file_type"


def test_a_zip_that_is_no_office_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", b"MZ")
    assert filetypes.sniff(io.BytesIO(buffer.getvalue())) is None


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as info:
        filetypes.validate_upload(upload("empty.pdf", b""))
    assert info.value.code == "empty"


def test_a_file_over_the_limit_is_refused(settings):
    settings.TEAM_DOCUMENT_MAX_BYTES = 100
    with pytest.raises(ValidationError) as info:
        filetypes.validate_upload(upload("big.pdf", b"%PDF-" + b"x" * 200))
    assert info.value.code == "too_large"


# --- Services ---------------------------------------------------------------------------------


def test_upload_records_the_file_and_versions_are_numbered(wzk, coordinator):
    content = pdf_bytes()
    document = svc.document_upload(
        team=wzk,
        actor=coordinator,
        title="Sprawozdanie",
        file=upload("sprawozdanie.pdf", content),
        visibility=Visibility.MEMBERS,
    )
    first = document.current_version
    assert (first.number, first.original_name, first.content_type, first.size) == (
        1,
        "sprawozdanie.pdf",
        filetypes.PDF,
        len(content),
    )
    import hashlib

    assert first.sha256 == hashlib.sha256(content).hexdigest()
    second = svc.document_add_version(
        document=document, actor=coordinator, file=upload("v2.docx", docx_bytes()), note="poprawki"
    )
    third = svc.document_add_version(
        document=document, actor=coordinator, file=upload("v3.png", png_bytes())
    )
    document.refresh_from_db()
    assert [second.number, third.number] == [2, 3]
    assert document.current_version == third
    assert list(document.versions.values_list("number", flat=True)) == [3, 2, 1]
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert {"document_upload", "document_version_add"} <= verbs


def test_a_refused_file_leaves_no_document(wzk, coordinator):
    with pytest.raises(ValidationError):
        svc.document_upload(
            team=wzk,
            actor=coordinator,
            title="Wirus",
            file=upload("faktura.pdf", b"MZ\x90\x00"),
            visibility=Visibility.PUBLIC,
        )
    assert not Document.objects.exists()


def test_document_update_changes_visibility_with_an_audit_entry(wzk, coordinator):
    document = svc.document_upload(
        team=wzk, actor=coordinator, title="A", file=upload("a.pdf", pdf_bytes()),
        visibility=Visibility.MEMBERS,
    )  # fmt: skip
    svc.document_update(
        document=document, actor=coordinator, data={"visibility": Visibility.PUBLIC}
    )
    document.refresh_from_db()
    assert document.visibility == Visibility.PUBLIC
    assert AuditEntry.objects.filter(verb="document_update").exists()


# --- Views ------------------------------------------------------------------------------------


@pytest.fixture
def members_only(wzk, coordinator):
    return svc.document_upload(
        team=wzk, actor=coordinator, title="Tajny projekt stanowiska",
        file=upload("projekt.pdf", pdf_bytes()), visibility=Visibility.MEMBERS,
    )  # fmt: skip


@pytest.fixture
def public(wzk, coordinator):
    return svc.document_upload(
        team=wzk, actor=coordinator, title="Regulamin zespołu",
        file=upload("regulamin.docx", docx_bytes()), visibility=Visibility.PUBLIC,
    )  # fmt: skip


def test_members_only_download_is_hidden_from_outsiders(
    members_only, outsider_client, anonymous_client, wzk_member_client
):
    for url in (
        reverse("team:document_download", args=[members_only.pk]),
        reverse("team:document_version_download", args=[members_only.pk, 1]),
        reverse("team:document_detail", args=[members_only.pk]),
    ):
        assert outsider_client.get(url).status_code == 404
        assert anonymous_client.get(url).status_code == 404
        assert wzk_member_client.get(url).status_code == 200


def test_download_is_an_attachment_with_the_stored_type(members_only, wzk_member_client):
    response = wzk_member_client.get(reverse("team:document_download", args=[members_only.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == filetypes.PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'attachment; filename="projekt.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_public_document_downloads_for_anyone(public, anonymous_client):
    response = anonymous_client.get(reverse("team:document_download", args=[public.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == filetypes.DOCX


def test_an_unknown_version_is_404(public, anonymous_client):
    url = reverse("team:document_version_download", args=[public.pk, 7])
    assert anonymous_client.get(url).status_code == 404


def test_the_list_does_not_leak_members_only_titles(
    wzk, members_only, public, anonymous_client, outsider_client, wzk_member_client
):
    url = reverse("team:document_list", args=[wzk.pk])
    for client in (anonymous_client, outsider_client):
        response = client.get(url)
        assert response.status_code == 200
        assert public.title in response.content.decode()
        assert members_only.title not in response.content.decode()
    response = wzk_member_client.get(url)
    assert members_only.title in response.content.decode()


def test_the_list_filters_by_visibility_and_sitting(wzk, coordinator, public, coordinator_client):
    meeting = meetings_svc.meeting_create(
        team=wzk, actor=coordinator, data={"starts_at": timezone.now() + datetime.timedelta(days=5)}
    )
    on_sitting = svc.document_upload(
        team=wzk, actor=coordinator, title="Materiał na posiedzenie",
        file=upload("m.pdf", pdf_bytes()), visibility=Visibility.MEMBERS, meeting=meeting,
    )  # fmt: skip
    url = reverse("team:document_list", args=[wzk.pk])
    page = coordinator_client.get(url, {"meeting": meeting.pk})
    assert [d.pk for d in page.context["page_obj"]] == [on_sitting.pk]
    page = coordinator_client.get(url, {"visibility": "public"})
    assert [d.pk for d in page.context["page_obj"]] == [public.pk]


def test_document_list_query_ceiling(
    wzk, coordinator, wzk_member_client, django_assert_max_num_queries
):
    for n in range(12):
        svc.document_upload(
            team=wzk, actor=coordinator, title=f"Dokument {n}",
            file=upload(f"d{n}.png", png_bytes()), visibility=Visibility.MEMBERS,
        )  # fmt: skip
    with django_assert_max_num_queries(15):
        response = wzk_member_client.get(reverse("team:document_list", args=[wzk.pk]))
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 12


def test_staff_upload_through_the_form(wzk, coordinator_client):
    url = reverse("team:document_create", args=[wzk.pk])
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(
        url,
        {"title": "Plan pracy", "visibility": "public", "file": upload("plan.xlsx", xlsx_bytes())},
    )
    document = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    assert document.current_version.content_type == filetypes.XLSX


def test_a_disguised_file_comes_back_in_the_form(wzk, coordinator_client):
    response = coordinator_client.post(
        reverse("team:document_create", args=[wzk.pk]),
        {"title": "Plan pracy", "visibility": "public", "file": upload("plan.pdf", b"hello")},
    )
    assert response.status_code == 400
    assert "file" in response.context["form"].errors
    assert response.context["form"]["title"].value() == "Plan pracy"
    assert not Document.objects.exists()


def test_members_and_outsiders_cannot_upload(wzk, wzk_member_client, outsider_client):
    url = reverse("team:document_create", args=[wzk.pk])
    assert wzk_member_client.get(url).status_code == 404
    assert outsider_client.get(url).status_code == 404


def test_staff_upload_a_new_version_from_the_detail_page(members_only, coordinator_client):
    response = coordinator_client.post(
        reverse("team:document_version_create", args=[members_only.pk]),
        {"file": upload("projekt-v2.odt", odt_bytes()), "note": "po konsultacjach"},
    )
    assert response.status_code == 302
    members_only.refresh_from_db()
    assert members_only.current_version.number == 2
    assert members_only.current_version.content_type == filetypes.ODT


def test_a_member_cannot_upload_a_version(members_only, wzk_member_client):
    response = wzk_member_client.post(
        reverse("team:document_version_create", args=[members_only.pk]),
        {"file": upload("x.pdf", pdf_bytes())},
    )
    assert response.status_code == 404
    assert members_only.versions.count() == 1


def test_staff_attach_a_new_document_to_an_agenda_item(
    wzk, coordinator, public, coordinator_client
):
    meeting = meetings_svc.meeting_create(
        team=wzk, actor=coordinator, data={"starts_at": timezone.now() + datetime.timedelta(days=5)}
    )
    item = meetings_svc.agenda_item_add(
        meeting=meeting, actor=coordinator, data={"title": "Sprawy różne"}, documents=[public]
    )
    response = coordinator_client.post(
        reverse("team:agenda_document_create", args=[item.pk]),
        {"title": "Prezentacja", "visibility": "members", "file": upload("p.pdf", pdf_bytes())},
    )
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    new = Document.objects.get(title="Prezentacja")
    assert (new.team_id, new.meeting_id) == (wzk.pk, meeting.pk)
    assert set(item.documents.all()) == {public, new}


def test_members_cannot_attach_to_the_agenda(wzk, coordinator, wzk_member_client):
    meeting = meetings_svc.meeting_create(
        team=wzk, actor=coordinator, data={"starts_at": timezone.now() + datetime.timedelta(days=5)}
    )
    item = meetings_svc.agenda_item_add(meeting=meeting, actor=coordinator, data={"title": "X"})
    url = reverse("team:agenda_document_create", args=[item.pk])
    assert wzk_member_client.get(url).status_code == 404


def test_attaching_to_a_frozen_agenda_writes_nothing(wzk, coordinator, coordinator_client):
    meeting = meetings_svc.meeting_create(
        team=wzk, actor=coordinator, data={"starts_at": timezone.now() + datetime.timedelta(days=5)}
    )
    item = meetings_svc.agenda_item_add(meeting=meeting, actor=coordinator, data={"title": "X"})
    meetings_svc.meeting_cancel(meeting=meeting, actor=coordinator)
    url = reverse("team:agenda_document_create", args=[item.pk])
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(
        url, {"title": "Spóźniony", "visibility": "members", "file": upload("s.pdf", pdf_bytes())}
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert not Document.objects.exists()


def test_document_detail_query_ceiling(members_only, coordinator, coordinator_client,
                                       django_assert_max_num_queries):  # fmt: skip
    for n in range(5):
        svc.document_add_version(
            document=members_only, actor=coordinator, file=upload(f"v{n}.pdf", pdf_bytes())
        )
    with django_assert_max_num_queries(12):
        response = coordinator_client.get(reverse("team:document_detail", args=[members_only.pk]))
    assert len(response.context["versions"]) == 6


def test_the_public_list_names_only_sittings_with_public_documents(wzk, anonymous_client):
    from skillshub.team.models import Document

    from .factories import MeetingFactory

    shown = MeetingFactory(team=wzk, title="Jawne")
    hidden = MeetingFactory(team=wzk, title="Tylko dla członków")
    Document.objects.create(team=wzk, meeting=shown, title="A", visibility="public")
    Document.objects.create(team=wzk, meeting=hidden, title="B", visibility="members")
    response = anonymous_client.get(reverse("team:document_list", args=[wzk.pk]))
    choices = list(response.context["filters"].fields["meeting"].queryset)
    assert choices == [shown]
