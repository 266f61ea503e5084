"""The coverage matrix as an XLSX workbook for the WZK: one sheet for all kinds, one per kind,
and a note with the date and the filter."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import ServiceKind, ServiceMode
from .selectors import Coverage

# A pale red fill: "no one serves this group here". The cell also holds 0, so the fact does
# not rest on colour alone.
ZERO_FILL = "FFC7CE"


def _sheet_title(text: str, used: set[str]) -> str:
    """Excel's limits: 31 characters, none of []:*?/\\, unique in the workbook."""
    title = "".join(ch for ch in str(text) if ch not in "[]:*?/\\")[:31] or "Sheet"
    base, n = title, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(title.lower())
    return title


def coverage_xlsx(*, coverage: Coverage) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    bold = Font(bold=True)
    zero = PatternFill(start_color=ZERO_FILL, end_color=ZERO_FILL, fill_type="solid")
    used: set[str] = set()
    kinds: list[tuple[str, str]] = [("", _("All kinds"))]
    kinds += [
        (k, str(label))
        for k, label in ServiceKind.choices
        if not coverage.kind or k == coverage.kind
    ]
    for kind, label in kinds:
        sheet = workbook.create_sheet(_sheet_title(label, used))
        header = [_("TERYT"), _("County")]
        header += [group.name for group in coverage.groups]
        header.append(_("Services in the county"))
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = bold
        for row in coverage.rows(kind):
            sheet.append([row.county.teryt, str(row.county), *row.cells, row.total])
            for cell in sheet[sheet.max_row][2:]:
                if cell.value == 0:
                    cell.fill = zero
        sheet.freeze_panes = "C2"
        sheet.column_dimensions["B"].width = 32
    note = workbook.create_sheet(_sheet_title(_("About"), used))
    kind_label = dict(ServiceKind.choices).get(coverage.kind, _("all kinds"))
    mode_label = dict(ServiceMode.choices).get(coverage.mode, _("any mode"))
    rows = [
        (_("Coverage of the region's counties by career guidance services"), ""),
        (_("Exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
        (_("Kind of service"), str(kind_label)),
        (_("Mode"), str(mode_label)),
        (_("What is counted"), _("Published services per county and target group.")),
        (_("Highlighted cells"), _("0: no one serves this group in this county.")),
        (_("Counties"), _("GUS TERYT (TERC register)")),
    ]
    for label, value in rows:
        note.append([str(label), str(value)])
    note["A1"].font = bold
    note.column_dimensions["A"].width = 30
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
