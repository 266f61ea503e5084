"""The gap analysis as documents: the filtered rows as XLSX, and the brief for the WZK as PDF
(WeasyPrint). Both are official Polish documents, whatever the reader's interface language,
and both name their sources and say when the data is the synthetic demo."""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation

from .choices import BarometrLevel, ForecastDemand, MzdinClass
from .selectors_gaps import OVERSUPPLY, UNMET_NEED, GapReport, GapRow, evidence, number

CLASSES_PL: dict[str, str] = {
    MzdinClass.MAX_DEFICIT: "maksymalnie deficytowy",
    MzdinClass.DEFICIT: "deficytowy",
    MzdinClass.BALANCE: "zrównoważony",
    MzdinClass.SURPLUS: "nadwyżkowy",
    MzdinClass.MAX_SURPLUS: "maksymalnie nadwyżkowy",
    MzdinClass.NO_DATA: "brak danych",
}
# data/kzis/barometr_skala.csv
LEVELS_PL: dict[int, str] = {
    BarometrLevel.NO_RATING: "brak oceny",
    BarometrLevel.LARGE_DEFICIT: "duży deficyt poszukujących pracy",
    BarometrLevel.DEFICIT: "deficyt poszukujących pracy",
    BarometrLevel.BALANCE: "równowaga popytu i podaży",
    BarometrLevel.SURPLUS: "nadwyżka poszukujących pracy",
    BarometrLevel.LARGE_SURPLUS: "duża nadwyżka poszukujących pracy",
}
DEMANDS_PL: dict[str, str] = {
    ForecastDemand.NATIONAL_SPECIAL: "szczególne zapotrzebowanie (kraj)",
    ForecastDemand.REGIONAL_SIGNIFICANT: "znaczące zapotrzebowanie (województwo)",
    ForecastDemand.REGIONAL_MODERATE: "umiarkowane zapotrzebowanie (województwo)",
}
FLAGS_PL: dict[str, str] = {
    UNMET_NEED: "NIEZASPOKOJONA POTRZEBA",
    OVERSUPPLY: "NADPODAŻ",
    "": "",
}
LABELS_PL: dict[str, Any] = {
    "classes": CLASSES_PL,
    "levels": LEVELS_PL,
    "demands": DEMANDS_PL,
    "no_data": "brak danych",
    "panel": "panel",
    "schools": "szkoły/KKZ w powiecie",
    "neighbours": "w powiatach sąsiednich",
    "enrolment": "uczniów",
    "job_ads": "oferty pracy online",
}
DEMO_NOTE = (
    "Dane demonstracyjne (syntetyczne): liczby w tym dokumencie są wygenerowane do celów "
    "pokazowych i nie są statystyką publiczną."
)
JOB_ADS_NOTE = (
    "Oferty pracy online: ogłoszenia zaimportowane przez biuro i zakodowane do KZiS 2023 "
    "klasyfikatorem uczonym na ofertach zakodowanych ręcznie (Beręsewicz, Pater 2024); "
    "niepewne kody sprawdza biuro. Liczba ogłoszeń to sygnał popytu, nie liczba miejsc pracy."
)
# As ../shared/data/README.md lists them, with the office's own statistics first.
SOURCE_NOTES = [
    "MZDiN: Monitoring zawodów deficytowych i nadwyżkowych, sprawozdania MRPiPS-01 (załączniki "
    "2 i 3) powiatowych urzędów pracy; wskaźniki liczone z danych źródłowych.",
    "Barometr zawodów: prognoza jakościowa paneli eksperckich powiatowych urzędów pracy; skala "
    "wg legendy map barometrzawodow.pl.",
    "Prognoza MEN zapotrzebowania na pracowników w zawodach szkolnictwa branżowego.",
    "Oferta szkół: klasy szkół branżowych i kwalifikacyjne kursy zawodowe (import lub portal).",
    "KZiS 2023: OJALAB/job-ads-datasets, Beręsewicz, M.; Pater, R. (2024). Zbiór uczący i "
    "testowy na potrzeby budowy klasyfikatora ofert pracy według KZiS 2023. RepOD, V2. "
    "https://doi.org/10.18150/SX0E7G",
    "KZSB (klasyfikacja zawodów szkolnictwa branżowego): IBE MLASZdane (MIT).",
    "Powiaty i ich granice: GUS TERYT/TERC; GUGiK PRG przez ppatrzyk/polska-geojson (MIT).",
]

HEADER = [
    "TERYT",
    "powiat",
    "kod zawodu (KZSB/KZiS)",
    "zawód",
    "branża",
    "flaga",
    "klasa MZDiN",
    "O (oferty)",
    "B (bezrobotni)",
    "W = O/B",
    "Bd/B",
    "Bo/Bn",
    "Barometr: poziom",
    "Barometr: ocena",
    "Barometr: panel",
    "prognoza MEN",
    "oferty pracy online",
    "szkoły/KKZ w powiecie",
    "w tym KKZ",
    "uczniowie w powiecie",
    "szkoły/KKZ w powiatach sąsiednich",
    "dowody",
]


def _date_pl(value: Any) -> str:
    with translation.override("pl"):
        return formats.date_format(value, "j E Y", use_l10n=True)


def _territory(report: GapReport) -> str:
    return str(report.county) if report.county is not None else "województwo lubuskie"


def sources_lines(report: GapReport) -> list[tuple[str, str]]:
    s = report.sources
    return [
        ("MZDiN: okres", s.period or "brak wyników"),
        ("MZDiN: zestaw progów", s.threshold_set_label or "brak"),
        ("Barometr zawodów: zamknięta runda", str(s.barometr_year or "brak")),
        ("Prognoza MEN: rok", str(s.forecast_year or "brak")),
        ("Oferta szkół: rok szkolny (początek)", str(s.supply_year or "brak")),
        ("Duża liczba uczniów (próg nadmiaru kształcenia)", str(s.large_enrolment)),
        (
            "Oferty pracy online: okres",
            f"{s.job_ads_from:%Y-%m-%d} – {s.job_ads_to:%Y-%m-%d}"
            if s.job_ads_from and s.job_ads_to
            else "brak zakodowanych ofert",
        ),
    ]


def _float(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _xlsx_row(row: GapRow, report: GapReport) -> list[Any]:
    m = row.mzdin
    b = row.barometr
    return [
        row.county_teryt,
        row.county_name,
        row.code,
        row.name,
        row.sector,
        FLAGS_PL[row.flag],
        CLASSES_PL.get(m.klass, m.klass) if m else "",
        m.offers if m else None,
        m.unemployed if m else None,
        _float(m.intensity) if m else None,
        _float(m.long_term_share) if m else None,
        _float(m.fluidity) if m else None,
        b.level if b else None,
        LEVELS_PL.get(b.level, "") if b else "",
        b.panel if b else "",
        ", ".join(DEMANDS_PL.get(d, d) for d in row.forecast),
        row.job_ads,
        row.schools,
        row.courses,
        row.enrolment,
        row.neighbour_schools,
        evidence(row, report.sources, LABELS_PL),
    ]


def gaps_xlsx(report: GapReport) -> bytes:
    """One row per gap row, then a sheet naming the sources."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Luki"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in report.rows:
        sheet.append(_xlsx_row(row, report))
    # A sheet's name may not hold "/": "Źródła – Sources" rather than "Źródła/Sources".
    sources = book.create_sheet("Źródła – Sources")
    sources.append(["Analiza luk: oferta szkół a zapotrzebowanie na zawody", _territory(report)])
    sources.append(["Data", _date_pl(timezone.localdate())])
    for label, value in sources_lines(report):
        sources.append([label, value])
    sources.append([])
    if report.sources.is_demo:
        sources.append(["UWAGA", DEMO_NOTE])
    sources.append(["", JOB_ADS_NOTE])
    for note in SOURCE_NOTES:
        sources.append(["Źródło", note])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _brief_row(row: GapRow, report: GapReport) -> dict[str, Any]:
    m = row.mzdin
    return {
        "county": row.county_name,
        "code": row.code,
        "name": row.name,
        "mzdin": CLASSES_PL.get(m.klass, m.klass) if m else "brak danych",
        "w": number(m.intensity) if m else "—",
        "barometr": LEVELS_PL.get(row.barometr.level, "") if row.barometr else "—",
        "men": ", ".join(DEMANDS_PL.get(d, d) for d in row.forecast) or "—",
        "schools": row.schools,
        "enrolment": row.enrolment,
        "neighbours": row.neighbour_schools,
        "evidence": evidence(row, report.sources, LABELS_PL),
    }


def brief_context(report: GapReport) -> dict[str, Any]:
    territory = _territory(report)
    return {
        "title": f"Analiza luk kształcenia zawodowego: {territory}",
        "office": settings.OFFICE_NAME,
        "territory": territory,
        "date": _date_pl(timezone.localdate()),
        "sources": sources_lines(report),
        "summary": report.summary,
        "unmet_total": sum(s.unmet_need for s in report.summary),
        "oversupply_total": sum(s.oversupply for s in report.summary),
        "unmet": [_brief_row(r, report) for r in report.unmet_need],
        "oversupply": [_brief_row(r, report) for r in report.oversupply],
        "large_enrolment": report.sources.large_enrolment,
        "is_demo": report.sources.is_demo,
        "demo_note": DEMO_NOTE,
        "job_ads_note": JOB_ADS_NOTE,
        "source_notes": SOURCE_NOTES,
    }


def brief_html(report: GapReport) -> str:
    with translation.override("pl"):
        return render_to_string("labour_market/gap_brief_pdf.html", brief_context(report))


def brief_pdf(report: GapReport) -> bytes:
    """The WZK brief as an A4 PDF."""
    # Imported here: WeasyPrint loads Pango through cffi, which costs time at start-up.
    from weasyprint import HTML

    pdf = HTML(string=brief_html(report)).write_pdf()
    assert pdf is not None
    return bytes(pdf)
