"""The gap analysis's filters: one form for the page, the XLSX and the PDF brief."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from skillshub.core.models import County

from .choices import GapFlag, ImportKind, ImportStatus, RoundStatus
from .models import BarometrRound, ForecastEntry, ImportRun, ThresholdSet

SORT_CHOICES = [
    ("flag", _("flag, then code")),
    ("code", _("code")),
    ("name", _("occupation name")),
    ("county", _("county")),
    ("enrolment", _("enrolment (largest first)")),
    ("w", _("MZDiN W = O/B (highest first)")),
    ("barometr", _("Barometr level (most deficit first)")),
]


class GapFilterForm(forms.Form):
    county = forms.ModelChoiceField(
        label=_("County"),
        queryset=County.objects.none(),
        to_field_name="teryt",
        required=False,
        empty_label=_("the whole region"),
    )
    flag = forms.ChoiceField(
        label=_("Flag"),
        required=False,
        choices=[("", _("all rows")), *GapFlag.choices],
    )
    q = forms.CharField(label=_("Occupation (code or name)"), required=False, max_length=100)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)
    period = forms.ChoiceField(label=_("MZDiN period"), required=False)
    threshold_set = forms.ModelChoiceField(
        label=_("Threshold set"),
        queryset=ThresholdSet.objects.none(),
        required=False,
        empty_label=_("active MZDiN-2015 (default)"),
    )
    barometr_year = forms.TypedChoiceField(
        label=_("Barometr round"), required=False, coerce=int, empty_value=None
    )
    forecast_year = forms.TypedChoiceField(
        label=_("MEN forecast year"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        county = self.fields["county"]
        assert isinstance(county, forms.ModelChoiceField)
        county.queryset = County.objects.in_region()
        threshold_set = self.fields["threshold_set"]
        assert isinstance(threshold_set, forms.ModelChoiceField)
        threshold_set.queryset = ThresholdSet.objects.all()
        # The periods loaded: from the (small) import log, not the (large) results table.
        periods = sorted(
            set(
                ImportRun.objects.filter(kind=ImportKind.MZDIN)
                .exclude(status=ImportStatus.FAILED)
                .exclude(period="")
                .values_list("period", flat=True)
            ),
            reverse=True,
        )
        latest = _("latest (default)")
        self.fields["period"].choices = [("", latest), *((p, p) for p in periods)]  # type: ignore[attr-defined]
        closed = BarometrRound.objects.filter(status=RoundStatus.CLOSED).values_list(
            "year", flat=True
        )
        self.fields["barometr_year"].choices = [  # type: ignore[attr-defined]
            ("", _("latest closed (default)")),
            *((str(y), str(y)) for y in closed),
        ]
        years = sorted(set(ForecastEntry.objects.values_list("year", flat=True)), reverse=True)
        self.fields["forecast_year"].choices = [  # type: ignore[attr-defined]
            ("", latest),
            *((str(y), str(y)) for y in years),
        ]

    def filters(self) -> dict[str, Any]:
        """The valid filters as ``gap_report``'s keyword arguments (an invalid one is dropped:
        the page then shows its error and the default)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "county": data.get("county"),
            "flag": data.get("flag") or "",
            "occupation_q": data.get("q") or "",
            "sort": data.get("sort") or "flag",
            "period": data.get("period") or None,
            "threshold_set": data.get("threshold_set"),
            "barometr_year": data.get("barometr_year"),
            "forecast_year": data.get("forecast_year"),
        }
