"""Forms for indicators: the definition, a target, a measurement, a link to the tree.

Values that the services check (a number, a unit, a year inside the programme) are taken as
text here and handed over as typed, so the refusal carries the service's own message."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from skillshub.core.models import County

from .choices import TerritorialLevel
from .models import Indicator, Node, ProgrammeVersion
from .services import INDICATOR_FIELDS


class IndicatorForm(forms.ModelForm[Indicator]):
    class Meta:
        model = Indicator
        fields = INDICATOR_FIELDS
        widgets = {"definition": forms.Textarea(attrs={"rows": 4})}

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in INDICATOR_FIELDS}


class TargetForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2200)
    value = forms.CharField(label=_("Target value"), max_length=40)


class MeasurementForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2200)
    value = forms.CharField(
        label=_("Value"), max_length=40, help_text=_("A number; a decimal comma is fine.")
    )
    county = forms.ModelChoiceField(
        label=_("County"),
        queryset=County.objects.none(),
        required=False,
        empty_label=_("the whole region"),
    )
    unit = forms.CharField(label=_("Unit"), max_length=40)
    source_note = forms.CharField(label=_("Source note"), max_length=300, required=False)

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"unit": indicator.unit})
        super().__init__(*args, **kwargs)
        if indicator.level == TerritorialLevel.COUNTY:
            field = self.fields["county"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = County.objects.in_region()
        else:
            del self.fields["county"]


class LinkForm(forms.Form):
    node = forms.ModelChoiceField(
        label=_("Objective, action or task"), queryset=Node.objects.none()
    )
    weight = forms.DecimalField(
        label=_("Weight in the roll-up"),
        min_value=Decimal("0"),
        max_digits=6,
        decimal_places=2,
        initial=Decimal("1"),
    )

    def __init__(self, *args: Any, version: ProgrammeVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["node"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = version.nodes.order_by("code", "id")
