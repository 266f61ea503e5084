"""Matters as CSV (streamed) and XLSX with the list's filters, and the PDF register of matters
for a sitting."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from skillshub.core.csvstream import BOM, csv_writer

from .models import Matter, Proposal
from .workflow import OPEN

CHUNK = 500
# What the team's services hand over as a sitting's key, e.g. "meeting:12".
SITTING_KEY = re.compile(r"^[a-z_]{1,30}:\d{1,9}$")


def columns() -> list[tuple[str, str]]:
    return [
        ("id", "ID"),
        ("title", _("Title")),
        ("state", _("State")),
        ("raised_by", _("Raised by")),
        ("on_behalf_of", _("On behalf of")),
        ("areas", _("ZSU areas of impact")),
        ("counties", _("Counties")),
        ("urgency", _("Urgency")),
        ("proposal_due", _("Proposal due")),
        ("overdue", _("Overdue")),
        ("sitting", _("Sitting")),
        ("decision", _("Decision")),
        ("resolution", _("Resolution")),
        ("addressee", _("Addressee")),
        ("forwarded_on", _("Forwarded on")),
        ("answer_due", _("Answer expected by")),
        ("answer_received_on", _("Answer received on")),
        ("created", _("Created")),
        ("updated", _("Updated")),
    ]


def for_export(queryset: QuerySet[Matter]) -> QuerySet[Matter]:
    """Bounded queries: one for the rows and one per chunk for each of areas and counties."""
    return queryset.select_related("raised_by", "on_behalf_of").prefetch_related(
        "areas", "counties"
    )


def _date(value: Any) -> str:
    return value.isoformat() if value else ""


def _datetime(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def row(matter: Matter, today: Any) -> list[Any]:
    return [
        matter.pk,
        matter.title,
        str(matter.get_state_display()),
        matter.raiser_display,
        str(matter.on_behalf_of) if matter.on_behalf_of else "",
        ",".join(str(a.number) for a in matter.areas.all()),
        ", ".join(c.name for c in matter.counties.all()),
        str(matter.get_urgency_display()),
        _date(matter.proposal_due),
        _("yes") if matter.is_overdue(today) else _("no"),
        matter.sitting_label,
        str(matter.get_decision_display()) if matter.decision else "",
        matter.decision_label,
        matter.addressee,
        _date(matter.forwarded_on),
        _date(matter.answer_due),
        _date(matter.answer_received_on),
        _datetime(matter.created_at),
        _datetime(matter.updated_at),
    ]


def iter_rows(queryset: QuerySet[Matter]) -> Iterator[list[Any]]:
    today = timezone.localdate()
    yield [header for _key, header in columns()]
    for matter in for_export(queryset).iterator(chunk_size=CHUNK):
        yield row(matter, today)


def csv_stream(queryset: QuerySet[Matter]) -> Iterator[str]:
    """UTF-8 with a BOM and `;` separators: what Polish Excel opens without a wizard."""
    writer = csv_writer()
    yield BOM
    for values in iter_rows(queryset):
        yield writer.writerow(values)


def xlsx_bytes(queryset: QuerySet[Matter]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Matters")[:31])
    for values in iter_rows(queryset):
        sheet.append(values)
    about = workbook.create_sheet(_("Source")[:31])
    about.append([_("Exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    about.append([_("Source"), _("Skills Hub: matters raised by members of the WZK")])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def register_matters(queryset: QuerySet[Matter], *, sitting: str | None) -> list[Matter]:
    """The matters of one sitting (by its key), or every open matter; with their proposals
    (newest first) in one more query."""
    queryset = queryset.filter(sitting_key=sitting) if sitting else queryset.filter(state__in=OPEN)
    return list(
        queryset.select_related("raised_by", "on_behalf_of")
        .prefetch_related(
            Prefetch("proposals", queryset=Proposal.objects.order_by("matter_id", "-number"))
        )
        .order_by("created_at", "id")
    )


def _register_entry(matter: Matter) -> dict[str, Any]:
    proposals = list(matter.proposals.all())
    proposal = proposals[0] if proposals else None
    return {
        "matter": matter,
        "state": matter.get_state_display(),
        "raised_by": matter.raiser_display,
        "on_behalf_of": str(matter.on_behalf_of) if matter.on_behalf_of else "",
        "proposal": proposal,
        "recommended": proposal.recommended_option if proposal else None,
        "decision": matter.get_decision_display() if matter.decision else "",
    }


def register_html(*, matters: list[Matter], sitting: str | None) -> str:
    # An official document: always in Polish, like the minutes.
    with translation.override("pl"):
        labels = sorted({m.sitting_label for m in matters if m.sitting_label})
        return render_to_string(
            "matters/register_pdf.html",
            {
                "entries": [_register_entry(m) for m in matters],
                "sitting": sitting,
                "sitting_label": ", ".join(labels),
                "generated": timezone.localtime().strftime("%d.%m.%Y %H:%M"),
            },
        )


def register_pdf(*, matters: list[Matter], sitting: str | None) -> bytes:
    """A4, a running header and "Strona X z Y"."""
    # Imported here: WeasyPrint loads Pango through cffi, which costs time at start-up.
    from weasyprint import HTML

    pdf = HTML(string=register_html(matters=matters, sitting=sitting)).write_pdf()
    assert pdf is not None
    return bytes(pdf)
