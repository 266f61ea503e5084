"""The monitoring report of a closed round, for the regional board: PDF (WeasyPrint), DOCX
(python-docx) and the raw data as XLSX (openpyxl).

Everything is built from the round's frozen ``snapshot``, never from live data, so the report
reads the same whenever it is downloaded. The text is Polish: it is an official document."""

from __future__ import annotations

import datetime
import io
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .choices import ActionStatus, FundingSource, NodeKind
from .models import MonitoringRound
from .progress import Part, rollup

AT_RISK = {ActionStatus.AT_RISK, ActionStatus.DELAYED}

STATUS_PL: dict[str, str] = {
    ActionStatus.NOT_STARTED: "nierozpoczęte",
    ActionStatus.ON_TRACK: "realizowane zgodnie z planem",
    ActionStatus.AT_RISK: "zagrożone",
    ActionStatus.DELAYED: "opóźnione",
    ActionStatus.DONE: "zakończone",
    ActionStatus.DROPPED: "zaniechane",
}
FUNDING_PL: dict[str, str] = {
    FundingSource.FEWL: "FEWL 2021–2027",
    FundingSource.FERS: "FERS",
    FundingSource.KPO: "KPO",
    FundingSource.KFS: "KFS",
    FundingSource.REGIONAL: "budżet województwa",
    FundingSource.OTHER: "inne",
}
MONTHS_PL = [
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
]


# --- Formatting ---------------------------------------------------------------------------------


def _dec(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def number_pl(value: Any, places: int | None = None) -> str:
    """12345.5 → "12 345,5" (a Polish number: a space between thousands, a decimal comma)."""
    number = _dec(value)
    if number is None:
        return "—"
    if places is None:
        number = number.normalize()
        places = max(0, -int(number.as_tuple().exponent))
    text = f"{number:,.{places}f}"
    return text.replace(",", "\u00a0").replace(".", ",")


def pln(value: Any) -> str:
    return "—" if _dec(value) is None else f"{number_pl(value, 2)}\u00a0zł"


def percent(value: float | None) -> str:
    return "brak danych" if value is None else f"{round(value * 100)}%"


def date_pl(iso: str | None) -> str:
    if not iso:
        return ""
    day = datetime.date.fromisoformat(iso[:10])
    return f"{day.day} {MONTHS_PL[day.month - 1]} {day.year}"


# --- The chart ----------------------------------------------------------------------------------


def line_chart_svg(
    *,
    series: list[tuple[int, Decimal]],
    targets: list[tuple[int, Decimal]],
    baseline: tuple[int, Decimal] | None,
    title: str,
    unit: str,
    width: int = 340,
    height: int = 170,
) -> SafeString:
    """An inline SVG line chart: the measured series as a solid line with points, the targets
    as a dashed line with hollow points, the baseline as a grey point. No JavaScript, so
    WeasyPrint draws it as vector graphics."""
    points = list(series)
    if baseline and baseline[0] not in {y for y, _v in points}:
        points = sorted([baseline, *points])
    every = [*points, *targets]
    if not every:
        return mark_safe(
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="40" role="img" '
            f'aria-label="{escape(title)}: brak danych"><text x="4" y="24" font-size="10">'
            "brak danych</text></svg>"
        )
    left, right, top, bottom = 46, 10, 12, 26
    years = [y for y, _v in every]
    values = [float(v) for _y, v in every]
    y0, y1 = min(years), max(years)
    v0, v1 = min(values), max(values)
    if v0 == v1:
        v0, v1 = v0 - 1, v1 + 1
    pad = (v1 - v0) * 0.08
    v0, v1 = v0 - pad, v1 + pad
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(year: int) -> float:
        return left + (plot_w / 2 if y1 == y0 else (year - y0) / (y1 - y0) * plot_w)

    def y(value: Decimal | float) -> float:
        return top + (1 - (float(value) - v0) / (v1 - v0)) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="#fff" '
        'stroke="#999" stroke-width="0.6"/>',
    ]
    # Horizontal grid with 4 labelled levels.
    for i in range(5):
        level = v0 + (v1 - v0) * i / 4
        gy = y(level)
        parts.append(
            f'<line x1="{left}" y1="{gy:.1f}" x2="{left + plot_w}" y2="{gy:.1f}" '
            'stroke="#ddd" stroke-width="0.5"/>'
            f'<text x="{left - 3}" y="{gy + 3:.1f}" font-size="7.5" text-anchor="end">'
            f"{escape(number_pl(round(level, 2)))}</text>"
        )
    step = max(1, (y1 - y0) // 7 + (1 if (y1 - y0) % 7 else 0))
    for year in range(y0, y1 + 1, step):
        parts.append(
            f'<text x="{x(year):.1f}" y="{top + plot_h + 11}" font-size="7.5" '
            f'text-anchor="middle">{year}</text>'
        )
    parts.append(
        f'<text x="{left}" y="{height - 3}" font-size="7.5" fill="#444">'
        f"— pomiar   - - cel   ({escape(unit)})</text>"
    )
    if len(targets) >= 1:
        start = [baseline] if baseline else []
        line = " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v in [*start, *targets])
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="#b35900" stroke-width="1.2" '
            'stroke-dasharray="4 3"/>'
        )
        for yr, v in targets:
            parts.append(
                f'<circle cx="{x(yr):.1f}" cy="{y(v):.1f}" r="2.6" fill="#fff" '
                'stroke="#b35900" stroke-width="1.2"/>'
            )
    if points:
        line = " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v in points)
        parts.append(f'<polyline points="{line}" fill="none" stroke="#1f4e8c" stroke-width="1.6"/>')
        for yr, v in points:
            fill = "#888" if baseline and (yr, v) == baseline else "#1f4e8c"
            parts.append(f'<circle cx="{x(yr):.1f}" cy="{y(v):.1f}" r="2.2" fill="{fill}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


# --- The report's content -----------------------------------------------------------------------


def _share(spent: Decimal, planned: Decimal) -> str:
    return percent(float(spent / planned)) if planned else "—"


def report_context(monitoring_round: MonitoringRound) -> dict[str, Any]:
    """The report, from the snapshot alone (no query beyond the round itself)."""
    snap = monitoring_round.snapshot
    nodes: list[dict[str, Any]] = snap.get("nodes", [])
    by_parent: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    for node in nodes:
        by_parent[node["parent_id"]].append(node)

    # The latest value per county, for county-level indicators: their story is in the counties.
    latest_by_county: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)
    for m in snap.get("measurements", []):
        if m["territory"] != "region":
            latest_by_county[m["indicator"]][m["county"] or m["territory"]] = (
                m["year"],
                m["value"],
            )

    def row(node: dict[str, Any]) -> dict[str, Any]:
        planned, spent = _dec(node["budget_planned"]), _dec(node["budget_spent"])
        return {
            **node,
            "status_pl": STATUS_PL.get(node["status"], "—"),
            "at_risk": node["status"] in AT_RISK,
            "planned_pl": pln(planned),
            "spent_pl": pln(spent),
            "progress_pl": percent(node["progress"]),
            "progress_pct": round((node["progress"] or 0) * 100),
            "funding_pl": FUNDING_PL.get(node["funding_source"], ""),
        }

    objectives = []
    total_planned = total_spent = Decimal("0")
    for objective in [n for n in nodes if n["kind"] == NodeKind.OBJECTIVE]:
        actions = [row(a) for a in by_parent[objective["id"]] if a["kind"] == NodeKind.ACTION]
        planned = sum((_dec(a["budget_planned"]) or Decimal(0) for a in actions), Decimal(0))
        spent = sum((_dec(a["budget_spent"]) or Decimal(0) for a in actions), Decimal(0))
        total_planned += planned
        total_spent += spent
        at_risk = [a for a in actions if a["at_risk"]]
        objectives.append(
            {
                **row(objective),
                "actions": actions,
                "at_risk_count": len(at_risk),
                "on_track": not at_risk,
                "planned": planned,
                "spent": spent,
                "budget_planned_pl": pln(planned),
                "budget_spent_pl": pln(spent),
                "budget_share": _share(spent, planned),
            }
        )
    overall = rollup(
        [Part(o["progress"], _dec(o["weight"]) or Decimal(1)) for o in objectives],
        rule=snap.get("programme", {}).get("rollup_rule", "weighted"),
    )
    indicators = []
    for ind in snap.get("indicators", []):
        series = [(int(y), Decimal(v)) for y, v in ind["series"]]
        targets = [(int(y), Decimal(v)) for y, v in ind["targets"]]
        baseline = (
            (int(ind["baseline_year"]), Decimal(ind["baseline_value"]))
            if ind["baseline_year"] is not None and ind["baseline_value"] is not None
            else None
        )
        years = sorted(
            {y for y, _v in series}
            | {y for y, _v in targets}
            | ({baseline[0]} if baseline else set())
        )
        measured, aimed = dict(series), dict(targets)
        if baseline:
            measured.setdefault(*baseline)
        indicators.append(
            {
                **ind,
                "direction_pl": "im wyżej, tym lepiej"
                if ind["direction"] == "higher"
                else "im niżej, tym lepiej",
                "baseline_pl": number_pl(ind["baseline_value"]),
                "latest_pl": number_pl(ind["latest"]),
                "target_pl": number_pl(ind["target"]),
                "progress_pl": "wskaźnik kontekstowy"
                if ind["is_context"]
                else percent(ind["progress"]),
                "chart": line_chart_svg(
                    series=series,
                    targets=targets,
                    baseline=baseline,
                    title=f"{ind['code']} {ind['name']}",
                    unit=ind["unit"],
                ),
                # Years as text: a localised template would print 2025 as "2 025".
                "baseline_year": str(ind["baseline_year"] or "—"),
                "latest_year": str(ind["latest_year"] or "—"),
                "target_year": str(ind["target_year"] or "—"),
                # A county-level indicator with no region series is told by its counties.
                "has_series": bool(series),
                "counties": [
                    {
                        "name": name.removeprefix("powiat "),
                        "year": str(year),
                        "value": number_pl(value),
                    }
                    for name, (year, value) in sorted(latest_by_county[ind["code"]].items())
                ]
                if ind.get("level") == "county"
                else [],
                "table": [
                    {
                        "year": str(year),
                        "value": number_pl(measured.get(year)),
                        "target": number_pl(aimed.get(year)),
                    }
                    for year in years
                ],
            }
        )
    actions_all = [row(n) for n in nodes if n["kind"] == NodeKind.ACTION]
    reports = snap.get("reports", [])
    programme = snap.get("programme", {})
    version = snap.get("version", {})
    return {
        "round": monitoring_round,
        "office": settings.OFFICE_NAME,
        "programme": programme,
        "version": version,
        "adopted_on_pl": date_pl(version.get("adopted_on")),
        "year": str(snap.get("year", monitoring_round.year)),
        "taken_on_pl": date_pl(snap.get("taken_at")),
        "title": f"Raport z monitoringu za {snap.get('year', monitoring_round.year)} r.",
        "overall_pl": percent(overall.progress),
        "overall_pct": round((overall.progress or 0) * 100),
        "objectives": objectives,
        "objectives_on_track": sum(1 for o in objectives if o["on_track"]),
        "objectives_at_risk": sum(1 for o in objectives if not o["on_track"]),
        "indicators": indicators,
        "at_risk": [a for a in actions_all if a["at_risk"]],
        "actions_count": len(actions_all),
        "status_counts": [
            (label, sum(1 for a in actions_all if a["status"] == code))
            for code, label in STATUS_PL.items()
        ],
        "total_planned_pl": pln(total_planned),
        "total_spent_pl": pln(total_spent),
        "total_share": _share(total_spent, total_planned),
        "reports_count": len(reports),
        "reports": reports,
    }


def report_html(*, monitoring_round: MonitoringRound) -> str:
    with translation.override("pl"):
        return render_to_string("programme/monitoring_pdf.html", report_context(monitoring_round))


def report_pdf(*, monitoring_round: MonitoringRound) -> bytes:
    """The report as an A4 PDF with a running header and "Strona X z Y"."""
    # Imported here: WeasyPrint loads Pango through cffi, which costs time at start-up.
    from weasyprint import HTML

    pdf = HTML(string=report_html(monitoring_round=monitoring_round)).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def _page_field(paragraph: Any, instruction: str) -> None:
    """Insert a field (PAGE or NUMPAGES) into a python-docx paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, placeholder, end):
        run._r.append(element)


def _table(doc: Any, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = str(text)


def report_docx(*, monitoring_round: MonitoringRound) -> bytes:
    """The same report as a DOCX: headings and tables; each chart becomes its data table."""
    from docx import Document as DocxDocument
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    ctx = report_context(monitoring_round)
    doc = DocxDocument()
    style = doc.styles["Normal"]
    style.font.name = "Liberation Sans"
    style.font.size = Pt(10)
    section = doc.sections[0]
    section.header.paragraphs[0].text = f"{ctx['office']} · {ctx['title']}"
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Strona ")
    _page_field(footer, "PAGE")
    footer.add_run(" z ")
    _page_field(footer, "NUMPAGES")

    doc.add_heading(ctx["title"], level=0)
    doc.add_paragraph(ctx["programme"].get("name", ""))
    adopted = ctx["version"].get("adopted_by", "")
    if adopted:
        doc.add_paragraph(
            f"Wersja {ctx['version'].get('number')} przyjęta uchwałą {adopted}"
            f" z dnia {ctx['adopted_on_pl']}."
        )
    doc.add_paragraph(f"Stan danych na dzień {ctx['taken_on_pl']}. Opracowanie: {ctx['office']}.")

    doc.add_heading("1. Podsumowanie", level=1)
    doc.add_paragraph(f"Postęp realizacji programu ogółem: {ctx['overall_pl']}.")
    doc.add_paragraph(
        f"Cele realizowane zgodnie z planem: {ctx['objectives_on_track']}; "
        f"cele z działaniami zagrożonymi lub opóźnionymi: {ctx['objectives_at_risk']}."
    )
    doc.add_paragraph(
        f"Budżet działań: zaplanowano {ctx['total_planned_pl']}, wydatkowano "
        f"{ctx['total_spent_pl']} ({ctx['total_share']})."
    )
    doc.add_paragraph(
        f"Sprawozdania złożyło i przyjęto: {ctx['reports_count']} instytucji wiodących."
    )
    _table(
        doc,
        ["Status działania", "Liczba działań"],
        [[label, str(n)] for label, n in ctx["status_counts"]],
    )

    doc.add_heading("2. Realizacja celów i działań", level=1)
    for objective in ctx["objectives"]:
        doc.add_heading(f"Cel {objective['code']}. {objective['title']}", level=2)
        doc.add_paragraph(
            f"Postęp: {objective['progress_pl']}. Budżet: {objective['budget_planned_pl']}, "
            f"wydatkowano {objective['budget_spent_pl']} ({objective['budget_share']})."
        )
        _table(
            doc,
            ["Działanie", "Instytucja wiodąca", "Status", "Budżet", "Wydatki", "Postęp"],
            [
                [
                    f"{a['code']} {a['title']}",
                    a["lead"] or "—",
                    a["status_pl"],
                    a["planned_pl"],
                    a["spent_pl"],
                    a["progress_pl"],
                ]
                for a in objective["actions"]
            ]
            or [["—", "", "", "", "", ""]],
        )

    doc.add_heading("3. Wskaźniki", level=1)
    for ind in ctx["indicators"]:
        doc.add_heading(f"{ind['code']} {ind['name']}", level=2)
        doc.add_paragraph(
            f"Jednostka: {ind['unit']}; {ind['direction_pl']}. Wartość bazowa: "
            f"{ind['baseline_pl']} ({ind['baseline_year']}); ostatnia wartość: "
            f"{ind['latest_pl']} ({ind['latest_year']}); cel: {ind['target_pl']} "
            f"({ind['target_year']}). Postęp: {ind['progress_pl']}."
        )
        _table(
            doc,
            ["Rok", "Wartość", "Cel"],
            [[str(r["year"]), r["value"], r["target"]] for r in ind["table"]]
            or [["—", "brak danych", ""]],
        )

    doc.add_heading("4. Działania zagrożone", level=1)
    if ctx["at_risk"]:
        _table(
            doc,
            ["Działanie", "Instytucja wiodąca", "Status", "Postęp"],
            [
                [f"{a['code']} {a['title']}", a["lead"] or "—", a["status_pl"], a["progress_pl"]]
                for a in ctx["at_risk"]
            ],
        )
    else:
        doc.add_paragraph("Brak działań zagrożonych lub opóźnionych.")

    doc.add_heading("5. Budżet a plan", level=1)
    _table(
        doc,
        ["Cel", "Budżet planowany", "Wydatki", "Wykonanie"],
        [
            [
                f"{o['code']} {o['title']}",
                o["budget_planned_pl"],
                o["budget_spent_pl"],
                o["budget_share"],
            ]
            for o in ctx["objectives"]
        ]
        + [["Razem", ctx["total_planned_pl"], ctx["total_spent_pl"], ctx["total_share"]]],
    )
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _float(value: Any) -> float | None:
    return None if value in (None, "") else float(value)


def round_xlsx(*, monitoring_round: MonitoringRound) -> bytes:
    """The snapshot's raw data: the tree, the indicators and every measurement."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    snap = monitoring_round.snapshot
    book = Workbook()
    sheets: list[tuple[str, list[str], list[list[Any]]]] = [
        (
            "Węzły",
            [
                "id",
                "kod",
                "rodzaj",
                "tytuł",
                "nadrzędny (id)",
                "instytucja wiodąca",
                "status",
                "źródło finansowania",
                "budżet planowany (zł)",
                "wydatki (zł)",
                "postęp (0–1)",
                "waga",
                "początek",
                "koniec",
                "wskaźniki",
            ],
            [
                [
                    n["id"],
                    n["code"],
                    n["kind"],
                    n["title"],
                    n["parent_id"],
                    n["lead"],
                    n["status"],
                    n["funding_source"],
                    _float(n["budget_planned"]),
                    _float(n["budget_spent"]),
                    n["progress"],
                    _float(n.get("weight")),
                    n["start_date"],
                    n["end_date"],
                    ", ".join(n["indicators"]),
                ]
                for n in snap.get("nodes", [])
            ],
        ),
        (
            "Wskaźniki",
            [
                "kod",
                "nazwa",
                "jednostka",
                "źródło",
                "poziom",
                "kierunek",
                "kontekstowy",
                "wartość bazowa",
                "rok bazowy",
                "ostatnia wartość",
                "rok",
                "cel",
                "rok celu",
                "postęp (0–1)",
                "węzły",
            ],
            [
                [
                    i["code"],
                    i["name"],
                    i["unit"],
                    i["source"],
                    i["level"],
                    i["direction"],
                    i["is_context"],
                    _float(i["baseline_value"]),
                    i["baseline_year"],
                    _float(i["latest"]),
                    i["latest_year"],
                    _float(i["target"]),
                    i["target_year"],
                    i["progress"],
                    ", ".join(i["nodes"]),
                ]
                for i in snap.get("indicators", [])
            ],
        ),
        (
            "Pomiary",
            ["wskaźnik", "rok", "terytorium (TERYT)", "powiat", "wartość", "źródło"],
            [
                [
                    m["indicator"],
                    m["year"],
                    m["territory"],
                    m["county"],
                    _float(m["value"]),
                    m["source_note"],
                ]
                for m in snap.get("measurements", [])
            ],
        ),
    ]
    first = True
    for title, header, rows in sheets:
        sheet = book.active if first else book.create_sheet()
        assert sheet is not None
        first = False
        sheet.title = title
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for values in rows:
            sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
