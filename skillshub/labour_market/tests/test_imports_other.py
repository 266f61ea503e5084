from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from skillshub.core.models import AuditEntry
from skillshub.labour_market.choices import ForecastDemand, ImportStatus, Provision
from skillshub.labour_market.imports import template_csv
from skillshub.labour_market.models import ForecastEntry, SchoolSupply
from skillshub.labour_market.services_imports import forecast_import, supply_import
from skillshub.labour_market.tests.factories import SchoolOccupationFactory, county

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_codes(region):  # type: ignore[no-untyped-def]
    SchoolOccupationFactory(code="311204", name="Technik elektronik")
    SchoolOccupationFactory(code="512001", name="Kucharz")


def _file(text: str, encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile("f.csv", text.encode(encoding))


def _errors(run) -> set[tuple[int | None, str]]:  # type: ignore[no-untyped-def]
    return {(e["row"], e["column"]) for e in run.errors}


FORECAST = (
    "rok;kod_zawodu;zapotrzebowanie\n"
    "2025;311204;szczególne\n2025;311204;znaczące\n2025;512001;umiarkowane\n"
)


def test_the_men_forecast_is_imported(school_codes, coordinator):  # type: ignore[no-untyped-def]
    run = forecast_import(actor=coordinator, file=_file(FORECAST))
    assert run.status == ImportStatus.SUCCEEDED, run.errors
    assert run.period == "2025"
    assert set(ForecastEntry.objects.values_list("school_occupation__code", "demand")) == {
        ("311204", ForecastDemand.NATIONAL_SPECIAL),
        ("311204", ForecastDemand.REGIONAL_SIGNIFICANT),
        ("512001", ForecastDemand.REGIONAL_MODERATE),
    }
    assert AuditEntry.objects.filter(object_id=str(run.pk), action="import").exists()


def test_the_forecast_in_cp1250_with_enum_values(school_codes, coordinator):  # type: ignore[no-untyped-def]
    text = "Rok,Kod zawodu,Zapotrzebowanie\n2025,311204,regional_moderate\n2025,512001,Znaczące\n"
    run = forecast_import(actor=coordinator, file=_file(text, "cp1250"))
    assert run.status == ImportStatus.SUCCEEDED, run.errors
    assert run.encoding == "cp1250"


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("2025;999999;znaczące", "kod_zawodu"),
        ("2025;512001;ogromne", "zapotrzebowanie"),
        ("2026;512001;znaczące", "rok"),
        ("2025;512001;umiarkowane", "kod_zawodu"),  # duplicated
    ],
)
def test_a_bad_forecast_row_writes_nothing(school_codes, coordinator, row, column):  # type: ignore[no-untyped-def]
    with translation.override("en"):
        run = forecast_import(actor=coordinator, file=_file(FORECAST + row + "\n"))
    assert run.status == ImportStatus.FAILED
    assert _errors(run) == {(5, column)}
    assert not ForecastEntry.objects.exists()


def test_a_newer_forecast_for_the_year_replaces_it(school_codes, coordinator):  # type: ignore[no-untyped-def]
    first = forecast_import(actor=coordinator, file=_file(FORECAST))
    again = forecast_import(actor=coordinator, file=_file(FORECAST))
    assert again.status == ImportStatus.UNCHANGED
    second = forecast_import(
        actor=coordinator, file=_file("rok;kod_zawodu;zapotrzebowanie\n2025;512001;szczególne\n")
    )
    first.refresh_from_db()
    assert (first.status, first.replaced_by) == (ImportStatus.REPLACED, second)
    assert list(ForecastEntry.objects.values_list("school_occupation__code", "demand")) == [
        ("512001", ForecastDemand.NATIONAL_SPECIAL)
    ]


SUPPLY = (
    "szkola;kod_zawodu;teryt;rok;uczniowie\n"
    "ZS Technicznych w Żarach;311204;0811;2024;54\n"
    "ZS Technicznych w Żarach;512001;0811;2024;\n"
    "CKZiU Gorzów;512001;0861;2024;30\n"
)


def test_the_school_offer_is_imported(school_codes, coordinator):  # type: ignore[no-untyped-def]
    run = supply_import(actor=coordinator, file=_file(SUPPLY))
    assert run.status == ImportStatus.SUCCEEDED, run.errors
    assert run.rows_written == 3
    row = SchoolSupply.objects.get(school_occupation__code="311204")
    assert (row.school_name, row.county.teryt, row.year, row.enrolment) == (
        "ZS Technicznych w Żarach", "0811", 2024, 54,
    )  # fmt: skip
    assert SchoolSupply.objects.get(school_name="CKZiU Gorzów").import_run == run


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("ZS;999999;0811;2024;1", "kod_zawodu"),
        ("ZS;512001;1261;2024;1", "teryt"),
        ("ZS;512001;0811;2024;-4", "uczniowie"),
        ("ZS;512001;0811;2023;4", "rok"),
        (";512001;0811;2024;4", "szkola"),
        ("CKZiU Gorzów;512001;0861;2024;31", "szkola"),  # duplicated
    ],
)
def test_a_bad_school_offer_row_writes_nothing(school_codes, coordinator, row, column):  # type: ignore[no-untyped-def]
    run = supply_import(actor=coordinator, file=_file(SUPPLY + row + "\n"))
    assert run.status == ImportStatus.FAILED
    assert _errors(run) == {(5, column)}
    assert not SchoolSupply.objects.exists()


def test_a_newer_school_offer_replaces_the_imported_rows_only(school_codes, coordinator):  # type: ignore[no-untyped-def]
    from_portal = SchoolOccupationFactory(code="512001")
    portal_row = SchoolSupply.objects.create(
        school_name="CKZiU Gorzów", school_occupation=from_portal, county=county("0861"),
        year=2024, enrolment=10, source_offer_id=77, provision=Provision.SCHOOL,
    )  # fmt: skip
    kept_other_year = SchoolSupply.objects.create(
        school_name="ZS Nowa Sól", school_occupation=from_portal, county=county("0804"), year=2023
    )
    first = supply_import(actor=coordinator, file=_file(SUPPLY))
    assert first.status == ImportStatus.SUCCEEDED, first.errors
    portal_row.refresh_from_db()
    assert portal_row.enrolment == 30  # upserted, still the portal's
    second = supply_import(
        actor=coordinator,
        file=_file("szkola;kod_zawodu;powiat;rok;uczniowie\nZS Żagań;311204;żagański;2024;12\n"),
    )
    assert second.status == ImportStatus.SUCCEEDED, second.errors
    first.refresh_from_db()
    assert (first.status, first.replaced_by) == (ImportStatus.REPLACED, second)
    assert set(SchoolSupply.objects.values_list("school_name", flat=True)) == {
        "CKZiU Gorzów", "ZS Żagań", "ZS Nowa Sól",
    }  # fmt: skip
    assert SchoolSupply.objects.filter(pk=kept_other_year.pk).exists()


@pytest.mark.parametrize("kind", ["mzdin", "men_forecast", "school_supply"])
def test_each_template_has_a_header_and_an_example(kind: str) -> None:
    lines = template_csv(kind).lstrip("\ufeff").strip().splitlines()
    assert len(lines) == 2
    assert lines[0].split(";")[:1] != [""]
    assert len(lines[0].split(";")) == len(lines[1].split(";"))
