"""Directory exports, and the bulk import: preview, row errors, idempotency, round trip."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from skillshub.core.models import AuditEntry, County, StrategyArea
from skillshub.stakeholders.models import ImportRun, Institution

from .factories import InstitutionFactory, nip_with_checksum

pytestmark = pytest.mark.usefixtures("region")

HEADER = "name;kind;county_teryt;city;nip;areas;listed_publicly\n"


def csv_file(body: str, header: str = HEADER, name: str = "instytucje.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (header + body).encode("utf-8"), content_type="text/csv")


def upload(client, file):  # type: ignore[no-untyped-def]
    response = client.post(reverse("stakeholders:import"), {"file": file})
    if response.status_code != 302:
        return response, None
    return client.get(response.url), response.url


def test_valid_file_is_previewed_then_imported_with_a_run_and_audit(coordinator_client):
    body = f"Demo Szkoła Nowa;szkoła;0811;Żary;{nip_with_checksum(1)};1,4;tak\n"
    body += "Demo Fundacja Nowa;ngo;0862;Zielona Góra;;6;nie\n"
    preview, url = upload(coordinator_client, csv_file(body))
    assert preview.context["preview"].summary == {"new": 2, "update": 0, "unchanged": 0, "error": 0}
    assert Institution.objects.count() == 0  # nothing before confirmation
    coordinator_client.post(url)
    school = Institution.objects.get(name="Demo Szkoła Nowa")
    assert school.kind == "school" and school.county.teryt == "0811" and school.listed_publicly
    assert sorted(a.number for a in school.areas.all()) == [1, 4]
    run = ImportRun.objects.get()
    assert (run.rows_total, run.rows_created) == (2, 2)
    assert AuditEntry.objects.for_object(run).filter(action="import").exists()
    assert AuditEntry.objects.filter(verb="institution_import").count() == 2


def test_re_importing_the_same_file_creates_no_duplicates(coordinator_client):
    body = f"Demo Szkoła Nowa;school;0811;Żary;{nip_with_checksum(1)};1;tak\n"
    _preview, url = upload(coordinator_client, csv_file(body))
    coordinator_client.post(url)
    preview, url = upload(coordinator_client, csv_file(body))
    assert preview.context["preview"].summary["unchanged"] == 1
    coordinator_client.post(url)
    assert Institution.objects.count() == 1


def test_a_changed_cell_updates_the_matched_institution(coordinator_client):
    known = InstitutionFactory(
        name="Demo Szkoła", city="Żary", county=County.objects.get(teryt="0811")
    )
    body = f"Demo Szkoła;school;0811;Lubsko;{known.nip};;tak\n"
    preview, url = upload(coordinator_client, csv_file(body))
    row = preview.context["preview"].rows[0]
    assert row.status == "update" and "city" in row.changes
    coordinator_client.post(url)
    known.refresh_from_db()
    assert known.city == "Lubsko" and known.version == 2


def test_row_errors_are_reported_in_words_and_nothing_is_written(coordinator_client):
    dup = nip_with_checksum(3)
    body = "Zły NIP;school;0811;Żary;1234563219;;tak\n"
    body += "Zły powiat;school;1465;Warszawa;;;tak\n"
    body += f"Pierwszy;school;0811;Żary;{dup};;tak\n"
    body += f"Drugi z tym samym NIP;school;0811;Żary;{dup};9;może\n"
    body += ";dziwny rodzaj;0811;Żary;;;tak\n"
    preview, url = upload(coordinator_client, csv_file(body))
    rows = preview.context["preview"].rows
    errors = {r.number: {col for col, _msg in r.errors} for r in rows}
    assert errors[2] == {"nip"}
    assert errors[3] == {"county_teryt"}
    assert errors[4] == set()
    assert errors[5] == {"nip", "areas", "listed_publicly"}
    assert errors[6] == {"name", "kind"}
    assert "1465" in preview.content.decode()
    # Confirming without choosing "only valid rows" writes nothing.
    coordinator_client.post(url)
    assert Institution.objects.count() == 0 and ImportRun.objects.count() == 0


def test_only_valid_rows_can_be_imported_on_request(coordinator_client):
    body = "Zły NIP;school;0811;Żary;1234563219;;tak\nDobry;school;0811;Żary;;;tak\n"
    _preview, url = upload(coordinator_client, csv_file(body))
    coordinator_client.post(url, {"only_valid": "yes"})
    assert list(Institution.objects.values_list("name", flat=True)) == ["Dobry"]
    run = ImportRun.objects.get()
    assert (run.rows_created, run.rows_skipped) == (1, 1)


def test_missing_required_column_is_refused_with_a_message(coordinator_client):
    response = coordinator_client.post(
        reverse("stakeholders:import"), {"file": csv_file("X;Żary\n", header="name;city\n")}
    )
    # Refused on the upload form itself: the file is never kept for a preview.
    assert response.status_code == 400
    assert "county_teryt" in response.context["form"].errors["file"][0]
    assert Institution.objects.count() == 0


def test_a_binary_file_is_refused_by_its_content(coordinator_client):
    file = SimpleUploadedFile("dane.csv", b"\x00\x01\x02binary", content_type="text/csv")
    response = coordinator_client.post(reverse("stakeholders:import"), {"file": file})
    assert response.status_code == 400
    assert "file" in response.context["form"].errors


def test_another_user_cannot_use_the_import_token(coordinator_client, client, office_admin):
    _preview, url = upload(coordinator_client, csv_file("Dobry;school;0811;Żary;;;tak\n"))
    client.force_login(office_admin)
    assert client.get(url).status_code == 404


def test_outsider_cannot_import(outsider_client):
    response = outsider_client.post(
        reverse("stakeholders:import"), {"file": csv_file("x;school;0811;;;;\n")}
    )
    assert response.status_code == 404


def test_anonymous_csv_export_has_only_listed_institutions_and_public_columns(anonymous_client):
    InstitutionFactory(name="Publiczna Demo")
    InstitutionFactory(name="Ukryta Demo", listed_publicly=False)
    response = anonymous_client.get(reverse("stakeholders:export_csv"))
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    assert "Publiczna Demo" in text and "Ukryta Demo" not in text
    assert "NIP" not in text.splitlines()[0]


def test_staff_csv_export_follows_the_filters_and_has_identifiers(coordinator_client):
    zary = County.objects.get(teryt="0811")
    InstitutionFactory(name="W Żarach Demo", county=zary)
    InstitutionFactory(name="Gdzie indziej Demo")
    response = coordinator_client.get(reverse("stakeholders:export_csv"), {"county": zary.pk})
    lines = b"".join(response.streaming_content).decode("utf-8").splitlines()
    assert "NIP" in lines[0]
    assert len(lines) == 2 and "W Żarach Demo" in lines[1]


def test_export_query_count_does_not_grow_with_rows(
    coordinator_client, django_assert_max_num_queries
):
    area = StrategyArea.objects.filter(part="detailed").first()
    for _ in range(40):
        InstitutionFactory(areas=[area])
    with django_assert_max_num_queries(8):
        response = coordinator_client.get(reverse("stakeholders:export_csv"))
        b"".join(response.streaming_content)


def test_xlsx_export_imports_back_unchanged(coordinator_client):
    area = StrategyArea.objects.get(part="detailed", number=3)
    InstitutionFactory(name="Demo Runda Jeden", areas=[area])
    InstitutionFactory(name="Demo Runda Dwa", nip="", listed_publicly=False)
    response = coordinator_client.get(reverse("stakeholders:export_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    assert next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))[1] in {
        "Demo Runda Dwa",
        "Demo Runda Jeden",
    }
    file = SimpleUploadedFile("eksport.xlsx", response.content)
    preview, _url = upload(coordinator_client, file)
    assert preview.context["preview"].summary == {"new": 0, "update": 0, "unchanged": 2, "error": 0}
