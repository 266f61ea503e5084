"""Reading files of online job ads: formats, row errors, places mapped to counties."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from openpyxl import Workbook

from skillshub.core.models import County
from skillshub.labour_market.coding.ads import PlaceResolver, parse_ads

pytestmark = pytest.mark.django_db


def csv_bytes(rows: list[str], encoding: str = "utf-8") -> bytes:
    return ("\n".join(["tytul;opis;pracodawca;miejsce;data;url", *rows]) + "\n").encode(encoding)


def teryt(county_id: int | None) -> str | None:
    return None if county_id is None else County.objects.get(pk=county_id).teryt


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ("Żary", "0811"),
        ("zary", "0811"),
        ("Gorzów Wlkp.", "0861"),
        ("Gorzów Wielkopolski", "0861"),
        ("powiat żarski", "0811"),
        ("Sława, wschowski, lubuskie", "0812"),
        ("Kożuchów", "0804"),
        ("Zielona Góra (lubuskie)", "0862"),
        ("Poznań", None),
        ("praca zdalna", None),
        ("", None),
    ],
)
def test_places_are_mapped_to_the_region_counties_by_county_town_and_gmina_names(
    region, place, expected
):
    assert teryt(PlaceResolver().resolve(place)) == expected


def test_a_utf8_csv_is_read_with_dates_places_and_addresses(region):
    parsed = parse_ads(
        csv_bytes(
            [
                "Spawacz MIG/MAG;Spawanie konstrukcji;Firma Demo;Żary;2026-10-31;https://example.org/1",
                "Kierowca C+E;Transport międzynarodowy;;Gorzów Wlkp.;31.10.2026;",
            ]
        )
    )
    assert not parsed.errors
    assert [r.title for r in parsed.rows] == ["Spawacz MIG/MAG", "Kierowca C+E"]
    assert [teryt(r.county_id) for r in parsed.rows] == ["0811", "0861"]
    assert parsed.rows[1].published_on == datetime.date(2026, 10, 31)
    assert parsed.rows[0].source_url == "https://example.org/1"


def test_a_windows_1250_csv_is_read(region):
    parsed = parse_ads(csv_bytes(["Księgowa;Rozliczenia;;Żagań;;"], encoding="cp1250"))
    assert parsed.encoding == "cp1250"
    assert parsed.rows[0].title == "Księgowa"
    assert teryt(parsed.rows[0].county_id) == "0810"


def test_json_lines_with_english_keys_are_read(region):
    lines = [
        json.dumps(
            {"title": "Programista Python", "description": "Django", "place": "Zielona Góra"}
        ),
        "",
        json.dumps({"title": "Pielęgniarka", "date": "2026-11-02T08:00:00Z"}),
    ]
    parsed = parse_ads("\n".join(lines).encode())
    assert not parsed.errors
    assert [r.title for r in parsed.rows] == ["Programista Python", "Pielęgniarka"]
    assert parsed.rows[1].published_on == datetime.date(2026, 11, 2)


def test_an_xlsx_file_is_read(region):
    book = Workbook()
    sheet = book.active
    sheet.append(["Tytuł", "Opis", "Miejsce", "Data"])
    sheet.append(["Elektryk", "Instalacje", "Nowa Sól", datetime.date(2026, 9, 1)])
    buffer = io.BytesIO()
    book.save(buffer)
    parsed = parse_ads(buffer.getvalue())
    assert not parsed.errors
    assert parsed.rows[0].published_on == datetime.date(2026, 9, 1)
    assert teryt(parsed.rows[0].county_id) == "0804"


def test_every_bad_row_is_reported_and_nothing_is_kept(region):
    parsed = parse_ads(
        csv_bytes(
            [
                "Spawacz;ok;;Żary;2026-10-31;",
                ";;;;;",  # an empty row is skipped, not an error
                ";;Firma;Żary;2026-10-31;",  # no title, no description
                "Kucharz;;;Żary;31/13/2026;",
                "Kelner;;;Żary;;ftp://example.org/x",
            ]
        )
    )
    assert parsed.rows == []
    assert [(e["row"], e["column"]) for e in parsed.errors.as_list()] == [
        (4, "tytul"),
        (5, "data"),
        (6, "url"),
    ]
    assert "31/13/2026" in parsed.errors.as_list()[1]["reason"]


def test_a_file_without_a_title_column_is_refused_as_a_whole(region):
    parsed = parse_ads(b"opis;miejsce\nSpawanie;Zary\n")
    assert parsed.rows == []
    assert parsed.errors.as_list()[0]["column"] == "tytul"


def test_broken_json_lines_name_the_line(region):
    parsed = parse_ads(b'{"title": "ok"}\n{"title": \n')
    assert parsed.errors.as_list()[0]["row"] == 2


def test_repeated_ads_in_one_file_are_kept_once_and_long_text_is_cut(region):
    long_text = "spawanie " * 5000
    parsed = parse_ads(
        csv_bytes([f"Spawacz;{long_text};Firma;Żary;;", f"Spawacz;{long_text};Firma;Żary;;"])
    )
    assert len(parsed.rows) == 1
    assert parsed.duplicates == 1
    assert len(parsed.rows[0].description) == 20_000
