from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from skillshub.core.models import AuditEntry
from skillshub.labour_market.choices import ImportKind, ImportStatus
from skillshub.labour_market.models import ImportRun, MzdinCount
from skillshub.labour_market.services_imports import mzdin_import
from skillshub.labour_market.tests.factories import occupation_with_ancestors

pytestmark = pytest.mark.django_db

HEADER = "kod_zawodu;teryt;okres;O;B;Bn;Bo;Bd"
GOOD = [
    "722204;0811;2024-H1;12;30;14;11;9",
    "722204;0810;2024-H1;3;0;0;1;0",
    "514101;0811;2024-H1;0;25;10;8;12",
]


@pytest.fixture
def codes(region):  # type: ignore[no-untyped-def]
    occupation_with_ancestors("722204", "Spawacz")
    occupation_with_ancestors("514101", "Fryzjer")


def _csv(
    *rows: str, header: str = HEADER, encoding: str = "utf-8", name: str = "m.csv"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, "\n".join([header, *rows]).encode(encoding))


def _import(coordinator, *rows: str, **kwargs):  # type: ignore[no-untyped-def]
    period = kwargs.pop("period", None)
    with translation.override("en"):
        return mzdin_import(actor=coordinator, file=_csv(*rows, **kwargs), period=period)


def _errors(run: ImportRun) -> set[tuple[int | None, str]]:
    return {(e["row"], e["column"]) for e in run.errors}


def test_a_good_file_is_imported_with_its_run_and_audit(codes, coordinator):  # type: ignore[no-untyped-def]
    run = _import(coordinator, *GOOD)
    assert run.status == ImportStatus.SUCCEEDED, run.errors
    assert (run.kind, run.period, run.encoding) == (ImportKind.MZDIN, "2024-H1", "utf-8")
    assert (run.rows_read, run.rows_written) == (3, 3)
    count = MzdinCount.objects.get(occupation_id="722204", county__teryt="0811")
    assert (count.offers, count.unemployed, count.inflow, count.outflow, count.long_term) == (
        12, 30, 14, 11, 9,
    )  # fmt: skip
    assert count.import_run == run
    assert AuditEntry.objects.filter(object_id=str(run.pk), action="import").count() == 1


def test_period_from_the_form_when_the_file_has_no_column(codes, coordinator):  # type: ignore[no-untyped-def]
    run = _import(
        coordinator, "722204;0811;1;2;3;4;5", header="kod_zawodu;teryt;O;B;Bn;Bo;Bd", period="2023"
    )
    assert run.status == ImportStatus.SUCCEEDED, run.errors
    assert MzdinCount.objects.get().period == "2023"


def test_county_by_name_and_polish_headers(codes, coordinator):  # type: ignore[no-untyped-def]
    run = _import(
        coordinator,
        "722204;Żarski;2024-H2;1;2;3;4;5",
        "722204;Gorzów Wielkopolski;2024-H2;1;2;3;4;5",
        header="Kod zawodu;Powiat;OKRES;Oferty;Bezrobotni;Napływ;Odpływ;Długotrwale;Uwagi",
    )
    assert run.status == ImportStatus.SUCCEEDED, run.errors
    assert set(MzdinCount.objects.values_list("county__teryt", flat=True)) == {"0811", "0861"}


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("999999;0811;2024-H1;1;1;1;1;1", "kod_zawodu"),  # unknown KZiS code
        ("7222;0811;2024-H1;1;1;1;1;1", "kod_zawodu"),  # a group, not a 6-digit occupation
        ("722204;0899;2024-H1;1;1;1;1;1", "teryt"),  # unknown TERYT
        ("722204;0811;2024-H1;-3;1;1;1;1", "O"),  # negative count
        ("722204;0811;2024-H1;1;1,5;1;1;1", "B"),  # not a whole number
        ("722204;0811;2024-H1;1;1;1;1;", "Bd"),  # missing count
        ("722204;0811;2024-H3;1;1;1;1;1", "okres"),  # not a period
        ("722204;0811;2024-H2;1;1;1;1;1", "okres"),  # a second period in one file
        ("514101;0811;2024-H1;0;25;10;8;12", "kod_zawodu"),  # duplicated row
    ],
)
def test_a_bad_row_is_reported_and_nothing_is_written(codes, coordinator, row, column):  # type: ignore[no-untyped-def]
    run = _import(coordinator, *GOOD, row)
    assert run.status == ImportStatus.FAILED
    assert _errors(run) == {(5, column)}
    assert run.errors[0]["reason"]
    assert run.rows_written == 0
    assert not MzdinCount.objects.exists()
    assert not AuditEntry.objects.filter(action="import").exists()


def test_every_error_of_the_file_is_reported_at_once(codes, coordinator):  # type: ignore[no-untyped-def]
    run = _import(coordinator, "999999;0811;2024-H1;1;1;1;1;1", "722204;0899;2024-H1;-1;1;1;1;1")
    assert _errors(run) == {(2, "kod_zawodu"), (3, "teryt"), (3, "O")}
    with translation.override("en"):
        assert "Unknown KZiS code" in run.errors[0]["reason"]


def test_a_period_other_than_the_forms_is_refused(codes, coordinator):  # type: ignore[no-untyped-def]
    run = _import(coordinator, *GOOD, period="2024-H2")
    assert run.status == ImportStatus.FAILED
    assert _errors(run) == {(2, "okres"), (3, "okres"), (4, "okres")}


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("kod_zawodu;teryt;okres;O;B;Bn;Bo", "Bd"),
        ("kod;okres;O;B;Bn;Bo;Bd", "teryt"),
        ("zawod;teryt;okres;O;B;Bn;Bo;Bd", "kod_zawodu"),
    ],
)
def test_a_missing_column_rejects_the_file(codes, coordinator, header, column):  # type: ignore[no-untyped-def]
    run = _import(coordinator, "722204;0811;2024-H1;1;1;1;1", header=header)
    assert run.status == ImportStatus.FAILED
    assert _errors(run) == {(1, column)}
    assert not MzdinCount.objects.exists()


def test_a_file_without_period_needs_the_form_period(codes, coordinator):  # type: ignore[no-untyped-def]
    run = _import(coordinator, "722204;0811;1;1;1;1;1", header="kod_zawodu;teryt;O;B;Bn;Bo;Bd")
    assert run.status == ImportStatus.FAILED
    assert _errors(run) == {(1, "okres")}


def test_a_cp1250_file_is_accepted_and_recorded(codes, coordinator):  # type: ignore[no-untyped-def]
    run = _import(
        coordinator,
        "722204;żarski;2024-H1;1;2;3;4;5",
        "514101;świebodziński;2024-H1;1;2;3;4;5",
        header="kod_zawodu;powiat;okres;O;B;Bn;Bo;Bd",
        encoding="cp1250",
    )
    assert run.status == ImportStatus.SUCCEEDED, run.errors
    assert run.encoding == "cp1250"
    assert set(MzdinCount.objects.values_list("county__teryt", flat=True)) == {"0811", "0808"}


def test_a_utf8_file_with_bom_and_polish_letters(codes, coordinator):  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile(
        "m.csv",
        "\ufeffkod_zawodu,powiat,okres,O,B,Bn,Bo,Bd\n722204,żagański,2024-H1,1,2,3,4,5\n".encode(),
    )
    run = mzdin_import(actor=coordinator, file=upload)
    assert run.status == ImportStatus.SUCCEEDED, run.errors
    assert run.encoding == "utf-8-sig"
    assert MzdinCount.objects.get().county.teryt == "0810"


def test_a_cp1250_file_with_a_bad_row_is_reported(codes, coordinator):  # type: ignore[no-untyped-def]
    run = _import(
        coordinator, "722204;łódzki;2024-H1;1;2;3;4;5", header=HEADER.replace("teryt", "powiat"),
        encoding="cp1250",
    )  # fmt: skip
    assert run.status == ImportStatus.FAILED
    assert run.encoding == "cp1250"
    assert _errors(run) == {(2, "powiat")}
    assert "łódzki" in run.errors[0]["reason"]


def test_the_same_file_twice_is_unchanged(codes, coordinator):  # type: ignore[no-untyped-def]
    first = _import(coordinator, *GOOD)
    second = _import(coordinator, *GOOD)
    assert second.status == ImportStatus.UNCHANGED
    assert second.rows_written == 0
    assert second.period == "2024-H1"
    assert MzdinCount.objects.count() == 3
    assert set(MzdinCount.objects.values_list("import_run", flat=True)) == {first.pk}
    first.refresh_from_db()
    assert first.status == ImportStatus.SUCCEEDED


def test_a_newer_file_for_the_period_replaces_its_counts(codes, coordinator):  # type: ignore[no-untyped-def]
    first = _import(coordinator, *GOOD)
    other_period = _import(coordinator, "722204;0811;2023-H2;5;5;5;5;5")
    second = _import(coordinator, "722204;0811;2024-H1;99;1;1;1;1")
    assert second.status == ImportStatus.SUCCEEDED
    first.refresh_from_db()
    other_period.refresh_from_db()
    assert (first.status, first.replaced_by) == (ImportStatus.REPLACED, second)
    assert other_period.status == ImportStatus.SUCCEEDED
    assert list(
        MzdinCount.objects.filter(period="2024-H1").values_list("occupation_id", "offers")
    ) == [("722204", 99)]
    assert MzdinCount.objects.filter(period="2023-H2").count() == 1
    assert list(second.replaces.all()) == [first]


def test_a_rejected_newer_file_keeps_the_old_counts(codes, coordinator):  # type: ignore[no-untyped-def]
    first = _import(coordinator, *GOOD)
    bad = _import(coordinator, "722204;0811;2024-H1;-1;1;1;1;1")
    assert bad.status == ImportStatus.FAILED
    first.refresh_from_db()
    assert first.status == ImportStatus.SUCCEEDED
    assert MzdinCount.objects.count() == 3


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_an_xlsx_file_is_imported(codes, coordinator):  # type: ignore[no-untyped-def]
    data = _xlsx(
        [
            ["kod_zawodu", "teryt", "okres", "O", "B", "Bn", "Bo", "Bd"],
            [722204, "0811", "2024-H1", 4, 5, 6, 7, 8],
            [514101, 811, "2024-H1", 1.0, 0, 0, 0, 0],
        ]
    )
    run = mzdin_import(actor=coordinator, file=SimpleUploadedFile("m.xlsx", data))
    assert run.status == ImportStatus.SUCCEEDED, run.errors
    assert run.encoding == "xlsx"
    assert MzdinCount.objects.count() == 2


def test_an_xlsx_file_with_a_bad_row(codes, coordinator):  # type: ignore[no-untyped-def]
    data = _xlsx(
        [
            ["kod_zawodu", "teryt", "okres", "O", "B", "Bn", "Bo", "Bd"],
            [722204, "0811", "2024-H1", 4, 5, 6, 7, 8],
            [722204, "0811", "2024-H1", 4, -5, 6, 7, 8],
        ]
    )
    run = mzdin_import(actor=coordinator, file=SimpleUploadedFile("m.xlsx", data))
    assert run.status == ImportStatus.FAILED
    assert _errors(run) == {(3, "B")}
    assert not MzdinCount.objects.exists()


def test_a_broken_xlsx_is_a_clear_file_error(codes, coordinator):  # type: ignore[no-untyped-def]
    data = _xlsx([["kod_zawodu"], [722204]])
    with translation.override("en"):
        truncated = mzdin_import(actor=coordinator, file=SimpleUploadedFile("m.xlsx", data[:600]))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("hello.txt", "not a workbook")
        not_a_workbook = mzdin_import(
            actor=coordinator, file=SimpleUploadedFile("m.xlsx", out.getvalue())
        )
    for run in (truncated, not_a_workbook):
        assert run.status == ImportStatus.FAILED
        assert run.errors == [
            {"row": None, "column": "", "reason": "The XLSX file cannot be read: is it damaged?"}
        ]
    assert not MzdinCount.objects.exists()


def test_an_empty_file_is_refused(codes, coordinator):  # type: ignore[no-untyped-def]
    run = mzdin_import(actor=coordinator, file=SimpleUploadedFile("m.csv", b"  \n"))
    assert run.status == ImportStatus.FAILED
    assert run.errors[0]["row"] is None


def test_the_errors_kept_are_capped(codes, coordinator):  # type: ignore[no-untyped-def]
    rows = [f"722204;0811;2024-H1;-{n};1;1;1;1" for n in range(1, 1100)]
    run = _import(coordinator, *rows)
    assert run.status == ImportStatus.FAILED
    assert len(run.errors) == 1001
    assert "99 more errors" in run.errors[-1]["reason"]
