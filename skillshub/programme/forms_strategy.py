"""Forms for the reference strategy: themes, directions and a new edition.

Plain forms, not model forms: every write goes through ``services_strategy``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from skillshub.core.choices import StrategyPart
from skillshub.core.models import StrategyArea

from .models import StrategyDirection, StrategyEdition, StrategyTheme


class EditionForm(forms.Form):
    name = forms.CharField(label=_("Name of the new edition"), max_length=200)
    published = forms.DateField(
        label=_("Published on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if StrategyEdition.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(_("An edition with this name exists already."))
        return name


class ThemeForm(forms.Form):
    area = forms.ModelChoiceField(
        label=_("Area of impact"),
        queryset=StrategyArea.objects.filter(part=StrategyPart.DETAILED).order_by("number"),
    )
    code = forms.CharField(label=_("Code"), max_length=20)
    name = forms.CharField(label=_("Name"), max_length=500)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767, initial=0)

    @staticmethod
    def initial_for(theme: StrategyTheme) -> dict[str, Any]:
        return {"area": theme.area_id, "code": theme.code, "name": theme.name, "order": theme.order}


class DirectionForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    name = forms.CharField(label=_("Name"), max_length=500)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767, initial=0)

    @staticmethod
    def initial_for(direction: StrategyDirection) -> dict[str, Any]:
        return {"code": direction.code, "name": direction.name, "order": direction.order}
