"""Importing offers: every row checked first, nothing written on any error, idempotent."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from skillshub.accounts.tests.factories import UserFactory
from skillshub.core.models import AuditEntry
from skillshub.portal import services
from skillshub.portal.choices import OfferStatus
from skillshub.portal.imports import template_csv
from skillshub.portal.models import LearningOffer
from skillshub.stakeholders.tests.factories import ContactPersonFactory, InstitutionFactory

HEADER = "klucz;rodzaj;tytul;powiat;miejsce;online;od;do;bezplatne;cena;grupy;obszar;kody;opis;link"
ROW_A = (
    "A1;kurs;Spawacz MAG;0811;Żary;nie;2025-09-01;2025-12-19;nie;1200,50;adults|osoby 50+;3;"
    "722204;Kurs spawania.;https://example.invalid/a"
)
ROW_B = "B2;KKZ;Technik informatyk;żarski;Żary;nie;01.09.2025;;tak;;pupils;;351203;Kurs KKZ.;"


@pytest.fixture
def provider(region):
    return InstitutionFactory(name="CKZ Żary", nip="")


@pytest.fixture
def provider_contact(provider):
    user = UserFactory(username="provider-contact")
    ContactPersonFactory(institution=provider, user=user)
    return user


def _csv(*rows: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode(encoding)


def _import(actor, data: bytes, **kwargs):
    return services.offer_import(actor=actor, file=io.BytesIO(data), **kwargs)


def test_provider_imports_a_good_csv_as_submitted(provider, provider_contact):
    report = _import(provider_contact, _csv(ROW_A, ROW_B))
    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    a = LearningOffer.objects.get(source_key="A1")
    assert a.provider == provider
    assert a.status == OfferStatus.SUBMITTED
    assert str(a.price) == "1200.50"
    assert not a.is_free
    assert a.county.teryt == "0811"
    assert a.area.number == 3
    assert sorted(g.code for g in a.target_groups.all()) == ["50plus", "adults"]
    b = LearningOffer.objects.get(source_key="B2")
    assert b.kind == "kkz"
    assert b.starts_on.isoformat() == "2025-09-01"
    assert b.is_free and b.price is None
    assert AuditEntry.objects.filter(verb="offer_import").count() == 2


def test_the_same_file_twice_changes_nothing(provider, provider_contact):
    data = _csv(ROW_A, ROW_B)
    _import(provider_contact, data)
    versions = dict(LearningOffer.objects.values_list("source_key", "version"))
    report = _import(provider_contact, data)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert dict(LearningOffer.objects.values_list("source_key", "version")) == versions
    assert AuditEntry.objects.filter(verb="offer_import").count() == 2


def test_a_changed_row_updates_its_offer(provider, coordinator):
    _import(coordinator, _csv(ROW_A, ROW_B), provider=provider)
    report = _import(
        coordinator, _csv(ROW_A.replace("Spawacz MAG", "Spawacz TIG"), ROW_B), provider=provider
    )
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    offer = LearningOffer.objects.get(source_key="A1")
    assert offer.title == "Spawacz TIG"
    assert offer.status == OfferStatus.PUBLISHED  # staff imports publish and keep the status


def test_staff_import_names_the_provider_by_nip(region, coordinator):
    institution = InstitutionFactory()
    header = "klucz;rodzaj;tytul;instytucja_nip;powiat;opis"
    report = _import(coordinator, _csv(f"K1;kurs;Kurs;{institution.nip};0811;Opis", header=header))
    assert report.ok, report.errors
    assert LearningOffer.objects.get().provider == institution


def test_cp1250_and_commas(provider, provider_contact):
    header = HEADER.replace(";", ",")
    row = "C3,kurs,Kurs księgowości,Żary,Żary,nie,,,tak,,dorośli,,,Opis zajęć.,"
    data = _csv(row, header=header, encoding="cp1250")
    report = _import(provider_contact, data)
    # "dorośli" is not a target group: the names are read in cp1250 (the error names it).
    assert [(e.row, e.column) for e in report.errors] == [(2, "grupy")]
    assert "dorośli" in report.errors[0].message
    data = _csv(row.replace("dorośli", "osoby dorosłe"), header=header, encoding="cp1250")
    report = _import(provider_contact, data)
    assert report.ok, report.errors
    assert LearningOffer.objects.get().title == "Kurs księgowości"


def test_xlsx(provider, provider_contact):
    import datetime

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    sheet.append(
        ["X1", "studia", "Studia podyplomowe", 811, "Żary", "nie",
         datetime.datetime(2025, 10, 1), None, "nie", 3500, "adults", 3, "", "Opis.", ""]
    )  # fmt: skip
    out = io.BytesIO()
    workbook.save(out)
    report = _import(provider_contact, out.getvalue())
    assert report.ok, report.errors
    offer = LearningOffer.objects.get()
    assert offer.kind == "studies"
    assert offer.county.teryt == "0811"
    assert offer.starts_on == datetime.date(2025, 10, 1)
    assert str(offer.price) == "3500.00"


@pytest.mark.parametrize(
    ("bad_row", "column"),
    [
        (ROW_B.replace(";żarski;", ";atlantydzki;"), "powiat"),
        (ROW_B.replace(";KKZ;", ";warsztaty;"), "rodzaj"),
        (ROW_B.replace("01.09.2025", "1 września"), "od"),
        (ROW_A.replace("1200,50", "-10"), "cena"),
        (ROW_B.replace("B2;", ";", 1), "klucz"),
        (ROW_B.replace(";pupils;", ";kosmonauci;"), "grupy"),
        (ROW_B.replace(";351203;", ";12;"), "kody"),
        (ROW_A.replace("2025-12-19", "2025-01-01"), "do"),
        (ROW_A.replace("https://example.invalid/a", "not a link"), "link"),
        (ROW_A.replace(";0811;", ";;"), "powiat"),
        (ROW_A.replace(";nie;1200,50;", ";nie;;"), "cena"),
        (ROW_A.replace(";3;", ";12;"), "obszar"),
    ],
)
def test_a_bad_row_writes_nothing_and_names_row_and_column(
    provider, provider_contact, bad_row, column
):
    bad_row = bad_row.replace("A1;", "A9;", 1)  # not a duplicate of the good row's key
    report = _import(provider_contact, _csv(ROW_A, bad_row))
    assert [(e.row, e.column) for e in report.errors] == [(3, column)]
    assert not LearningOffer.objects.exists()
    assert not AuditEntry.objects.exists()


def test_duplicate_key_in_the_file(provider, provider_contact):
    report = _import(provider_contact, _csv(ROW_A, ROW_A))
    assert [(e.row, e.column) for e in report.errors] == [(3, "klucz")]
    assert not LearningOffer.objects.exists()


def test_missing_column(provider, provider_contact):
    header = HEADER.replace("tytul;", "")
    row = ROW_A.replace("Spawacz MAG;", "")
    report = _import(provider_contact, _csv(row, header=header))
    assert [(e.row, e.column) for e in report.errors] == [(1, "tytul")]
    assert not LearningOffer.objects.exists()


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04 this is not really a workbook", b"\x00\x01\x02binary\x00", b"", b"\x81\x8d\x90"],
)
def test_broken_or_binary_file_is_a_clear_message(provider, provider_contact, data):
    report = _import(provider_contact, data)
    assert not report.ok
    assert report.errors[0].row is None
    assert not LearningOffer.objects.exists()


def test_contact_cannot_import_for_another_institution(provider, provider_contact):
    other = InstitutionFactory()
    header = "klucz;rodzaj;tytul;instytucja_nip;powiat;opis"
    report = _import(provider_contact, _csv(f"K1;kurs;Kurs;{other.nip};0811;Opis", header=header))
    assert [(e.row, e.column) for e in report.errors] == [(2, "instytucja_nip")]
    assert not LearningOffer.objects.exists()


def test_too_many_rows(provider, provider_contact, monkeypatch):
    monkeypatch.setattr("skillshub.portal.imports.MAX_ROWS", 1)
    report = _import(provider_contact, _csv(ROW_A, ROW_B))
    assert not report.ok
    assert not LearningOffer.objects.exists()


def test_the_template_imports_cleanly(provider, provider_contact):
    report = _import(provider_contact, template_csv().encode())
    assert report.ok, report.errors
    assert report.created == 1


# --- The page ---------------------------------------------------------------------------------


def test_import_page_permissions(region, anonymous_client, outsider_client, coordinator_client):
    url = reverse("portal:offer_import")
    assert anonymous_client.get(url).status_code == 302
    assert outsider_client.get(url).status_code == 404
    assert coordinator_client.get(url).status_code == 200


def test_import_page_shows_errors_in_a_table(provider, provider_contact, client):
    client.force_login(provider_contact)
    upload = SimpleUploadedFile("oferty.csv", _csv(ROW_B.replace(";KKZ;", ";warsztaty;")))
    response = client.post(reverse("portal:offer_import"), {"file": upload})
    assert response.status_code == 400
    assert [(e.row, e.column) for e in response.context["report"].errors] == [(2, "rodzaj")]
    assert b"<td>rodzaj</td>" in response.content
    assert not LearningOffer.objects.exists()


def test_import_page_reports_counts(provider, provider_contact, client):
    client.force_login(provider_contact)
    upload = SimpleUploadedFile("oferty.csv", _csv(ROW_A, ROW_B))
    response = client.post(reverse("portal:offer_import"), {"file": upload})
    assert response.status_code == 200
    assert b'<dd id="count-created">2</dd>' in response.content


def test_template_download(anonymous_client, db):
    response = anonymous_client.get(reverse("portal:offer_import_template"))
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").startswith("klucz;rodzaj;tytul")
