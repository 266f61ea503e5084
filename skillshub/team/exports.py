"""The minutes (protokół) of a sitting as an official Polish document: PDF (WeasyPrint) and
DOCX (python-docx). Both are built from one context gathered in a fixed number of queries."""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation

from .choices import AttendanceKind, MinutesStatus, ResolutionOutcome
from .models import AgendaItem, Attendance, Minutes, Resolution

OUTCOME_PL: dict[str, str] = {
    ResolutionOutcome.ADOPTED: "przyjęta",
    ResolutionOutcome.REJECTED: "odrzucona",
    ResolutionOutcome.PENDING: "nie głosowano",
}
ATTENDANCE_PL: dict[str, str] = {
    AttendanceKind.MEMBER: "członek",
    AttendanceKind.DEPUTY: "zastępca",
    AttendanceKind.GUEST: "gość",
}


def _date(value: Any) -> str:
    # The minutes are an official Polish document, whatever the reader's interface language.
    with translation.override("pl"):
        return formats.date_format(value, "j E Y", use_l10n=True) if value else ""


def _attendee(row: Attendance) -> dict[str, str]:
    if row.kind == AttendanceKind.GUEST:
        name = row.guest_name
    else:
        name = str(row.membership.person) if row.membership else ""
    note = ""
    if row.kind == AttendanceKind.DEPUTY and row.stands_in_for:
        note = f"w zastępstwie: {row.stands_in_for.person}"
    return {
        "name": name,
        "kind": ATTENDANCE_PL.get(row.kind, row.kind),
        "note": note,
        "institution": str(row.institution) if row.institution else "",
    }


def _resolution(resolution: Resolution) -> dict[str, Any]:
    return {
        "label": resolution.label if resolution.number else "Projekt uchwały",
        "title": resolution.title,
        "text": resolution.text,
        "addressee": resolution.addressee,
        "votes_for": resolution.votes_for,
        "votes_against": resolution.votes_against,
        "votes_abstain": resolution.votes_abstain,
        "outcome": OUTCOME_PL.get(resolution.outcome, resolution.outcome),
        "voted": resolution.outcome != ResolutionOutcome.PENDING,
        "agenda_item_id": resolution.agenda_item_id,
    }


def minutes_context(minutes: Minutes) -> dict[str, Any]:
    """Everything the minutes show, in four queries whatever the size of the sitting."""
    meeting = minutes.meeting
    team = meeting.team
    items = list(AgendaItem.objects.filter(meeting_id=meeting.pk).order_by("order", "id"))
    attendance = list(
        Attendance.objects.filter(meeting_id=meeting.pk)
        .select_related("membership__person", "stands_in_for__person", "institution")
        .order_by("kind", "membership__person__last_name", "guest_name", "id")
    )
    resolutions = [
        _resolution(r)
        for r in Resolution.objects.filter(meeting_id=meeting.pk)
        .select_related("team")
        .order_by("agenda_item__order", "number", "id")
    ]
    by_item: dict[int, list[dict[str, Any]]] = {}
    for r in resolutions:
        if r["agenda_item_id"]:
            by_item.setdefault(r["agenda_item_id"], []).append(r)
    starts = timezone.localtime(meeting.starts_at)
    return {
        "minutes": minutes,
        "meeting": meeting,
        "team": team,
        # "Protokół z IV posiedzenia": the genitive, as an official Polish document has it.
        "title": f"Protokół z {meeting.roman} posiedzenia",
        "running_title": f"Protokół z {meeting.roman} posiedzenia",
        "date": _date(starts.date()),
        "time": starts.strftime("%H:%M"),
        "place": meeting.place or meeting.online_url,
        "items": [
            {
                "order": item.order,
                "title": item.title,
                "presenter": item.presenter,
                "summary": item.summary,
                "resolutions": by_item.get(item.pk, []),
            }
            for item in items
        ],
        "members": [_attendee(a) for a in attendance if a.kind == AttendanceKind.MEMBER],
        "deputies": [_attendee(a) for a in attendance if a.kind == AttendanceKind.DEPUTY],
        "guests": [_attendee(a) for a in attendance if a.kind == AttendanceKind.GUEST],
        # Members first, then deputies standing in, then guests: the order of a Polish list.
        "attendance": [
            _attendee(a)
            for kind in (AttendanceKind.MEMBER, AttendanceKind.DEPUTY, AttendanceKind.GUEST)
            for a in attendance
            if a.kind == kind
        ],
        "resolutions": resolutions,
        "is_draft": minutes.status != MinutesStatus.APPROVED,
        "approved_on": _date(minutes.approved_on),
        "approved_at": minutes.approved_at_meeting,
    }


def minutes_html(*, minutes: Minutes) -> str:
    with translation.override("pl"):
        return render_to_string("team/minutes_pdf.html", minutes_context(minutes))


def minutes_pdf(*, minutes: Minutes) -> bytes:
    """The minutes as an A4 PDF with a running header, "Strona X z Y" and, until approved, a
    "PROJEKT" mark."""
    # Imported here: WeasyPrint loads Pango through cffi, which costs time at start-up.
    from weasyprint import HTML

    pdf = HTML(string=minutes_html(minutes=minutes)).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def _page_field(paragraph: Any) -> None:
    """Insert a PAGE field (the page number) into a python-docx paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, placeholder, end):
        run._r.append(element)


def minutes_docx(*, minutes: Minutes) -> bytes:
    """The minutes as a DOCX: a header with the team's name, page numbers in the footer,
    headings, the attendance as a table, the items and the resolutions."""
    from docx import Document as DocxDocument
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    ctx = minutes_context(minutes)
    doc = DocxDocument()
    style = doc.styles["Normal"]
    style.font.name = "Liberation Sans"
    style.font.size = Pt(11)
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.text = f"{ctx['team'].name} · {ctx['running_title']}"
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Strona ")
    _page_field(footer)

    if ctx["is_draft"]:
        mark = doc.add_paragraph()
        mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        mark.add_run("PROJEKT").bold = True
    doc.add_heading(ctx["title"], level=0)
    doc.add_paragraph(ctx["team"].name)
    when = f"{ctx['date']}, godz. {ctx['time']}"
    doc.add_paragraph(f"Data: {when}")
    if ctx["place"]:
        doc.add_paragraph(f"Miejsce: {ctx['place']}")
    if minutes.opening:
        doc.add_paragraph(minutes.opening)

    doc.add_heading("Porządek obrad", level=1)
    for item in ctx["items"]:
        doc.add_paragraph(f"{item['order']}. {item['title']}")

    doc.add_heading("Lista obecności", level=1)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ["Imię i nazwisko", "Obecny jako", "Uwagi", "Instytucja"], strict=True
    ):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for person in ctx["attendance"]:
        cells = table.add_row().cells
        cells[0].text = person["name"]
        cells[1].text = person["kind"]
        cells[2].text = person["note"]
        cells[3].text = person["institution"]

    doc.add_heading("Przebieg posiedzenia", level=1)
    for item in ctx["items"]:
        doc.add_heading(f"{item['order']}. {item['title']}", level=2)
        if item["presenter"]:
            doc.add_paragraph(f"Przedstawił(a): {item['presenter']}")
        doc.add_paragraph(item["summary"] or "—")
        for r in item["resolutions"]:
            doc.add_paragraph(f"{r['label']} {r['title']} — {r['outcome']}")

    doc.add_heading("Uchwały", level=1)
    if not ctx["resolutions"]:
        doc.add_paragraph("Nie podjęto uchwał.")
    for r in ctx["resolutions"]:
        doc.add_heading(f"{r['label']} {r['title']}", level=2)
        doc.add_paragraph(r["text"])
        if r["addressee"]:
            doc.add_paragraph(f"Adresat: {r['addressee']}")
        if r["voted"]:
            doc.add_paragraph(
                f"Głosowanie: za {r['votes_for']} / przeciw {r['votes_against']} / "
                f"wstrzymało się {r['votes_abstain']}. Wynik: {r['outcome']}."
            )

    if minutes.closing:
        doc.add_heading("Zakończenie", level=1)
        doc.add_paragraph(minutes.closing)
    if minutes.recorded_by:
        doc.add_paragraph(f"Protokół sporządził(a): {minutes.recorded_by}")
    if not ctx["is_draft"] and ctx["approved_at"]:
        doc.add_paragraph(
            f"Protokół przyjęto na {ctx['approved_at'].label} w dniu {ctx['approved_on']}."
        )

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
