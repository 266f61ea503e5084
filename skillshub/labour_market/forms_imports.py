"""Forms of the labour-market imports and of the occupation list."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import ImportKind, ImportStatus
from .models import validate_period

FILE_HELP = _(
    "CSV (UTF-8 or Windows-1250; separated by ; , or tab) or XLSX, with the columns of the "
    "template. A file with any error is rejected as a whole and nothing is saved."
)


class MzdinImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"), help_text=FILE_HELP)
    period = forms.CharField(
        label=_("Period"),
        required=False,
        max_length=7,
        help_text=_(
            "2024-H1, 2024-H2 or 2024. Needed if the file has no column “okres”; otherwise "
            "every row must match it."
        ),
    )

    def clean_period(self) -> str:
        period = str(self.cleaned_data.get("period") or "").strip().upper()
        if period:
            validate_period(period)
        return period


class YearImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"), help_text=FILE_HELP)
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("Optional: every row's year must match it."),
    )


class ImportFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("all kinds")), *ImportKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("any status")), *ImportStatus.choices]
    )


class OccupationFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Code or name"),
        required=False,
        max_length=100,
        help_text=_("The beginning of a code (72, 7222) or a word of the name."),
    )
    level = forms.TypedChoiceField(
        label=_("Level"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("all levels")),
            (1, _("major groups (1 digit)")),
            (2, _("sub-major groups (2 digits)")),
            (3, _("minor groups (3 digits)")),
            (4, _("unit groups (4 digits)")),
            (6, _("occupations (6 digits)")),
        ],
    )
