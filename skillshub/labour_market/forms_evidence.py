"""Forms of the MZDiN pages (filters, compute), the threshold sets, the MEN forecast and the
school offer. Filter forms are bound to GET and always valid enough to render: a bad value is
reported on its field and the default is used."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from skillshub.core.forms import narrow_choices
from skillshub.core.models import County

from . import selectors
from .choices import ForecastDemand, MzdinClass, Provision, ThresholdMethod
from .models import LEVEL_DIGITS, ThresholdSet
from .services_mzdin import REQUIRED_PARAMS

LEVEL_CHOICES = [
    (1, _("1 digit: major groups")),
    (2, _("2 digits: sub-major groups")),
    (3, _("3 digits: minor groups")),
    (4, _("4 digits: unit groups")),
    (6, _("6 digits: occupations")),
]
assert [value for value, _label in LEVEL_CHOICES] == list(LEVEL_DIGITS)

PARAM_LABELS = {
    "deficit_above": _("Deficit when W is above"),
    "surplus_below": _("Surplus when W is below"),
    "deficit_intensity_above": _("Deficit: O/B above"),
    "deficit_long_term_below": _("Deficit: Bd/B below"),
    "deficit_fluidity_above": _("Deficit: Bo/Bn above"),
    "surplus_intensity_below": _("Surplus: O/B below"),
    "surplus_long_term_at_least": _("Surplus: Bd/B at least"),
    "surplus_fluidity_below": _("Surplus: Bo/Bn below"),
}


def _set_label(threshold_set: ThresholdSet) -> str:
    active = "" if threshold_set.is_active else f" ({_('earlier version')})"
    return f"{threshold_set.name} v{threshold_set.version}{active}"


class ThresholdSetField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _set_label(obj)


class HeatmapFilterForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), required=False)
    threshold_set = ThresholdSetField(
        label=_("Threshold set"), queryset=ThresholdSet.objects.none(), required=False
    )
    level = forms.TypedChoiceField(
        label=_("Level"), choices=LEVEL_CHOICES, coerce=int, required=False
    )

    default_level: int = 2

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narrow_choices(self, "threshold_set", ThresholdSet.objects.order_by("name", "-version"))
        # The period list depends on the set chosen; every computed period is offered.
        field = self.fields["period"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("latest"))] + [(p, p) for p in selectors.result_periods()]


class MzdinFilterForm(HeatmapFilterForm):
    territory = forms.ChoiceField(label=_("Territory"), required=False)
    klass = forms.ChoiceField(
        label=_("Class"), choices=[("", _("any class")), *MzdinClass.choices], required=False
    )
    q = forms.CharField(
        label=_("Code or name"),
        required=False,
        max_length=100,
        help_text=_("A code prefix (e.g. 25) or a part of the name."),
    )
    sort = forms.CharField(widget=forms.HiddenInput, required=False)

    default_level = 4

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["territory"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = selectors.territory_choices()


class ComputeForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"))
    threshold_set = ThresholdSetField(
        label=_("Threshold set"), queryset=ThresholdSet.objects.none()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narrow_choices(self, "threshold_set", selectors.active_sets())
        field = self.fields["period"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(p, p) for p in selectors.count_periods()]


class ThresholdForm(forms.Form):
    """The numbers the set's method needs (``services_mzdin.REQUIRED_PARAMS``) and a note."""

    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Why the numbers changed, and where they come from."),
    )

    def __init__(self, *args: Any, threshold_set: ThresholdSet, **kwargs: Any) -> None:
        kwargs["initial"] = {**threshold_set.params, "note": threshold_set.note}
        super().__init__(*args, **kwargs)
        self.param_names = list(REQUIRED_PARAMS.get(ThresholdMethod(threshold_set.method), ()))
        note = self.fields.pop("note")
        for name in self.param_names:
            self.fields[name] = forms.FloatField(
                label=PARAM_LABELS.get(name, name), min_value=0, max_value=1000
            )
        self.fields["note"] = note

    def params(self) -> dict[str, float]:
        return {name: self.cleaned_data[name] for name in self.param_names}


class ForecastFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    demand = forms.ChoiceField(
        label=_("Demand"), choices=[("", _("any")), *ForecastDemand.choices], required=False
    )
    q = forms.CharField(label=_("Code or name"), required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["year"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("latest"))] + [(y, str(y)) for y in selectors.forecast_years()]


class SupplyFilterForm(forms.Form):
    county = forms.ModelChoiceField(
        label=_("County"), queryset=County.objects.none(), required=False, empty_label=_("all")
    )
    q = forms.CharField(label=_("Occupation (code or name)"), required=False, max_length=100)
    year = forms.TypedChoiceField(label=_("School year"), coerce=int, required=False)
    provision = forms.ChoiceField(
        label=_("Form"), choices=[("", _("any")), *Provision.choices], required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narrow_choices(self, "county", County.objects.in_region())
        field = self.fields["year"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("all"))] + [(y, str(y)) for y in selectors.supply_years()]
