"""Forms for learning offers: the offer itself, a status move and an import upload."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from skillshub.core.forms import narrow_choices
from skillshub.core.models import County, StrategyArea, TargetGroup
from skillshub.stakeholders.models import Institution

from .choices import OfferStatus
from .models import LearningOffer


class OfferForm(forms.ModelForm[LearningOffer]):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submit = forms.BooleanField(
        label=_("Send it to the office for approval now"), required=False, initial=True
    )

    class Meta:
        model = LearningOffer
        fields = [
            "kind", "title", "provider", "county", "place", "is_online", "starts_on", "ends_on",
            "is_free", "price", "target_groups", "area", "occupation_codes", "description", "url",
        ]  # fmt: skip
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "target_groups": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args: Any, staff: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if staff:
            narrow_choices(self, "provider", Institution.objects.active())
        else:
            # A provider's contact writes for their own institution only: the view sets it.
            del self.fields["provider"]
        narrow_choices(self, "county", County.objects.in_region())
        narrow_choices(self, "area", StrategyArea.objects.filter(part="detailed"))
        narrow_choices(self, "target_groups", TargetGroup.objects.all())
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            del self.fields["submit"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("is_free"):
            data["price"] = None
        elif data.get("is_free") is False and data.get("price") is None and "price" in data:
            self.add_error("price", _("A paid offer needs a price."))
        return data

    def _post_clean(self) -> None:
        # The service validates the whole model (with the provider the form may not show);
        # here only the form's own fields are checked.
        pass


class OfferMoveForm(forms.Form):
    target = forms.ChoiceField(label=_("New status"), choices=OfferStatus.choices)
    note = forms.CharField(
        label=_("Note for the provider"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class OfferImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
    provider = forms.ModelChoiceField(
        label=_("Provider (when the file has no provider column)"),
        queryset=Institution.objects.none(),
        required=False,
    )
    publish = forms.BooleanField(
        label=_("Publish the new offers at once"), required=False, initial=True
    )

    def __init__(self, *args: Any, staff: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if staff:
            narrow_choices(self, "provider", Institution.objects.active())
        else:
            del self.fields["provider"]
            del self.fields["publish"]
