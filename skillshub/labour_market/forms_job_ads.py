"""Forms of the job-ad workflow: the import, the review of one ad, the demand filters."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from skillshub.core.models import County

from .models import Occupation

CODE_RE = re.compile(r"^\d{6}$")


class JobAdImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV, XLSX or JSON lines file"),
        help_text=_(
            "One ad per row (CSV: UTF-8 or Windows-1250), or one JSON object per line. A file "
            "with any error is rejected as a whole and nothing is saved."
        ),
    )


class JobAdReviewForm(forms.Form):
    """The reviewer picks one of the model's suggestions, a code found with the picker, or
    types a code (which wins when given)."""

    choice = forms.CharField(label=_("Occupation"), required=False, max_length=6)
    code = forms.CharField(
        label=_("Or type a 6-digit KZiS code"),
        required=False,
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    expected_status = forms.CharField(widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = (data.get("code") or "").strip() or (data.get("choice") or "").strip()
        if not code:
            raise forms.ValidationError(
                _("Choose an occupation from the list or type its 6-digit code."), code="required"
            )
        if not CODE_RE.match(code) or not Occupation.objects.filter(code=code, level=6).exists():
            self.add_error(
                "code",
                forms.ValidationError(
                    _("“%(code)s” is not a 6-digit KZiS 2023 occupation code."),
                    params={"code": code[:12]},
                    code="unknown",
                ),
            )
        data["final_code"] = code
        return data


class DemandFilterForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    county = forms.ModelChoiceField(
        label=_("County"),
        required=False,
        queryset=County.objects.in_region(),
        to_field_name="teryt",
    )
    code = forms.RegexField(
        label=_("KZiS code starts with"),
        required=False,
        regex=r"^\d{1,6}$",
        max_length=6,
        error_messages={"invalid": _("Give 1 to 6 digits of a KZiS code.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("The start date is after the end date."), code="order")
        return data


class ReviewQueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Title or employer"), required=False, max_length=100)
